import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


class SentimentClassifier(nn.Module):
    """Many inputs (the words of a sentence), one output (negative or positive)."""

    def __init__(self, vocabulary=100, hidden=32, classes=2):
        super().__init__()
        self.embed = nn.Embedding(vocabulary, 16)
        self.rnn = nn.RNN(16, hidden, batch_first=True)
        self.head = nn.Linear(hidden, classes)

    def forward(self, words):
        _, h_last = self.rnn(self.embed(words))  # only the last hidden state is used
        return self.head(h_last[0])


def main():
    print(f"Device: {device}")
    model = SentimentClassifier().to(device)
    sentences = torch.randint(0, 100, (2, 12), device=device)  # 2 sentences of 12 word ids
    scores = model(sentences)
    print("many-to-one, e.g. the sentiment of a sentence")
    print(f"word ids {tuple(sentences.shape)} -> class scores {tuple(scores.shape)}")


if __name__ == "__main__":
    main()
