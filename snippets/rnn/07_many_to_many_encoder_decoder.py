import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


class Translator(nn.Module):
    """An encoder reads the whole source sentence; then a decoder writes the target sentence."""

    def __init__(self, source_words=100, target_words=120, hidden=32):
        super().__init__()
        self.source_embed = nn.Embedding(source_words, 16)
        self.target_embed = nn.Embedding(target_words, 16)
        self.encoder = nn.RNN(16, hidden, batch_first=True)
        self.decoder = nn.RNN(16, hidden, batch_first=True)
        self.head = nn.Linear(hidden, target_words)

    def forward(self, source, target_in):
        _, summary = self.encoder(self.source_embed(source))  # (layers, batch, hidden)
        output, _ = self.decoder(self.target_embed(target_in), summary)
        return self.head(output)


def main():
    print(f"Device: {device}")
    model = Translator().to(device)
    source = torch.randint(0, 100, (2, 9), device=device)  # 2 sentences of 9 words
    target_in = torch.randint(0, 120, (2, 11), device=device)  # their translations: 11 words
    scores = model(source, target_in)
    print("many-to-many (encoder-decoder), e.g. machine translation")
    print(f"source ids {tuple(source.shape)} -> target word scores {tuple(scores.shape)}")


if __name__ == "__main__":
    main()
