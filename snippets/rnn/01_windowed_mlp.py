import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

WINDOW = 5


def noisy_sine(length=1000, period=25, noise=0.1):
    t = torch.arange(length, dtype=torch.float32)
    return torch.sin(2 * torch.pi * t / period) + noise * torch.randn(length)


def make_windows(series, width=WINDOW):
    """Row i holds series[i : i + width]; its target is the next value, series[i + width]."""
    inputs = series.unfold(0, width, 1)[:-1]
    targets = series[width:]
    return inputs, targets


def main():
    print(f"Device: {device}")
    series = noisy_sine().to(device)
    inputs, targets = make_windows(series)
    print(f"series {tuple(series.shape)} -> inputs {tuple(inputs.shape)}, "
          f"targets {tuple(targets.shape)}")
    print(f"window 0: {[round(v, 2) for v in inputs[0].tolist()]} -> "
          f"next value {targets[0].item():.2f}")

    mlp = nn.Sequential(nn.Linear(WINDOW, 32), nn.Tanh(), nn.Linear(32, 1)).to(device)
    print(f"MLP output shape: {tuple(mlp(inputs).shape)}")

    # Two series that differ in one value only: 10 steps before the last value, series[-1]
    other = series.clone()
    other[-1 - 10] += 5.0
    change = (mlp(series[-WINDOW:]) - mlp(other[-WINDOW:])).abs().item()
    print(f"change of the prediction when the past outside the window changes: {change:.4f}")


if __name__ == "__main__":
    main()
