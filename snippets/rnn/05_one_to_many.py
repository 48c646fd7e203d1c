import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


class Captioner(nn.Module):
    """One input (an image's features), many outputs (one word per step)."""

    def __init__(self, features=64, vocabulary=20, hidden=32):
        super().__init__()
        self.start = nn.Linear(features, hidden)  # the image sets the first hidden state
        self.embed = nn.Embedding(vocabulary, 16)
        self.rnn = nn.RNN(16, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocabulary)

    def forward(self, image, steps):
        h = torch.tanh(self.start(image)).unsqueeze(0)  # (layers, batch, hidden)
        word = torch.zeros(len(image), 1, dtype=torch.long, device=image.device)  # start word
        all_scores = []
        for _ in range(steps):
            output, h = self.rnn(self.embed(word), h)
            scores = self.head(output)  # (batch, 1, vocabulary)
            word = scores.argmax(dim=2)  # the chosen word is the next step's input
            all_scores.append(scores)
        return torch.cat(all_scores, dim=1)


def main():
    print(f"Device: {device}")
    model = Captioner().to(device)
    image = torch.randn(2, 64, device=device)  # features of 2 images
    scores = model(image, steps=7)
    print("one-to-many, e.g. image captioning")
    print(f"image features {tuple(image.shape)} -> word scores {tuple(scores.shape)}")
    print(f"chosen word ids: {tuple(scores.argmax(dim=2).shape)}")


if __name__ == "__main__":
    main()
