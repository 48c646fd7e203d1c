import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

LENGTH, SPLIT, NOISE = 1000, 800, 0.1  # values 0 to 799 are for training, 800 to 999 for testing


def noisy_sine(period=25):
    t = torch.arange(LENGTH, dtype=torch.float32)
    return (torch.sin(2 * torch.pi * t / period) + NOISE * torch.randn(LENGTH)).to(device)


def window_mlp(series, width, steps=1000):
    """Train an MLP to predict a value from the `width` values before it. Returns the test MSE."""
    inputs = series.unfold(0, width, 1)[:-1]  # row i: the values i to i + width - 1
    targets = series[width:].unsqueeze(1)  # row i: the value i + width
    train = SPLIT - width  # rows 0 to train - 1 have a target before value SPLIT
    mlp = nn.Sequential(nn.Linear(width, 32), nn.Tanh(), nn.Linear(32, 1)).to(device)
    optimizer = torch.optim.Adam(mlp.parameters(), lr=0.01)
    for _ in range(steps):  # each step uses all training rows
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(mlp(inputs[:train]), targets[:train])
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        return nn.functional.mse_loss(mlp(inputs[train:]), targets[train:]).item()


def main():
    print(f"Device: {device}")
    series = noisy_sine()
    print("test MSE of the next value (lower is better)")
    for width in [5, 10]:
        print(f"  MLP, window of {width:<2d}  {window_mlp(series, width):.4f}")


if __name__ == "__main__":
    main()
