import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def make_model(pixels=8 * 8, classes=10):
    """One input, one output, no time steps: a plain feed-forward network."""
    return nn.Sequential(nn.Flatten(), nn.Linear(pixels, 32), nn.Tanh(), nn.Linear(32, classes))


def main():
    print(f"Device: {device}")
    model = make_model().to(device)
    images = torch.randn(2, 8, 8, device=device)  # 2 grey images of 8 x 8 pixels
    scores = model(images)
    print("one-to-one, e.g. image classification")
    print(f"images {tuple(images.shape)} -> class scores {tuple(scores.shape)}")


if __name__ == "__main__":
    main()
