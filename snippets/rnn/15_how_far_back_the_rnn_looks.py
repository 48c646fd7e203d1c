import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

LENGTH, SPLIT, NOISE = 1000, 800, 0.1  # values 0 to 799 are for training, 800 to 999 for testing


def noisy_sine(period=25):
    t = torch.arange(LENGTH, dtype=torch.float32)
    return (torch.sin(2 * torch.pi * t / period) + NOISE * torch.randn(LENGTH)).to(device)


class Forecaster(nn.Module):
    """Synced many-to-many: after reading value t, predict value t + 1."""

    def __init__(self, hidden=32):
        super().__init__()
        self.rnn = nn.RNN(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, series):  # (batch, time) -> (batch, time)
        output, _ = self.rnn(series.unsqueeze(-1))
        return self.head(output).squeeze(-1)


def train(model, series, chunk=50, steps=300, skip=10):
    """Chunks of 50 training values; every chunk starts from h = 0; the loss skips its first 10 steps."""
    starts = range(0, SPLIT - chunk, 10)  # a new chunk every 10 values
    inputs = torch.stack([series[s:s + chunk] for s in starts])  # values s to s + 49
    targets = torch.stack([series[s + 1:s + chunk + 1] for s in starts])  # values s + 1 to s + 50
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(inputs)[:, skip:], targets[:, skip:])
        loss.backward()
        optimizer.step()


def gradient_by_distance(model, series, length=60):
    """Entry k: how much the last prediction of a window of 60 values changes with the value
    k steps before the window's end (the size of the gradient, averaged over 40 windows)."""
    ends = range(SPLIT, LENGTH, 5)  # the last values of the windows: 799, 804, ..., 994
    windows = torch.stack([series[end - length:end] for end in ends]).requires_grad_()
    model(windows)[:, -1].sum().backward()
    return windows.grad.abs().mean(dim=0).flip(0)  # index 0: the last value of each window


def show(name, sizes):
    shares = ", ".join(f"{100 * sizes[k] / sizes[0]:.2g} %" for k in [5, 10, 20, 30])
    print(f"  {name:14s} {shares}")


def main():
    print(f"Device: {device}")
    series = noisy_sine()
    model = Forecaster().to(device)
    print("gradient size at distance 5, 10, 20, 30, in % of the size at distance 0")
    show("untrained RNN", gradient_by_distance(model, series))
    train(model, series)
    show("trained RNN", gradient_by_distance(model, series))


if __name__ == "__main__":
    main()
