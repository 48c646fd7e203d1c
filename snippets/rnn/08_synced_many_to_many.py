import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


class Tagger(nn.Module):
    """One output for every input step: a label for each word (or each video frame)."""

    def __init__(self, vocabulary=100, hidden=32, tags=5):
        super().__init__()
        self.embed = nn.Embedding(vocabulary, 16)
        self.rnn = nn.RNN(16, hidden, batch_first=True)
        self.head = nn.Linear(hidden, tags)

    def forward(self, words):
        output, _ = self.rnn(self.embed(words))  # the hidden state of every step
        return self.head(output)


def main():
    print(f"Device: {device}")
    model = Tagger().to(device)
    sentences = torch.randint(0, 100, (2, 12), device=device)  # 2 sentences of 12 word ids
    scores = model(sentences)
    print("synced many-to-many, e.g. part-of-speech tagging")
    print(f"word ids {tuple(sentences.shape)} -> tag scores {tuple(scores.shape)}")


if __name__ == "__main__":
    main()
