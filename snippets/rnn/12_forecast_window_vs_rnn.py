import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

LENGTH, SPLIT, NOISE = 1000, 800, 0.1  # values 0-799 train, values 800-999 test


def noisy_sine(period=25):
    t = torch.arange(LENGTH, dtype=torch.float32)
    clean = torch.sin(2 * torch.pi * t / period)
    return (clean + NOISE * torch.randn(LENGTH)).to(device), clean.to(device)


def mse(prediction, target):
    return nn.functional.mse_loss(prediction, target).item()


def fit(model, inputs, targets, steps, skip=0):
    """Full-batch Adam on the mean squared error; the first `skip` steps of a sequence are free."""
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(inputs)[..., skip:], targets[..., skip:])
        loss.backward()
        optimizer.step()


def window_mlp(series, width, steps=1000):
    """Predict value t from the `width` values before it. Returns the test MSE."""
    inputs, targets = series.unfold(0, width, 1)[:-1], series[width:]
    train = torch.arange(width, LENGTH, device=device) < SPLIT  # by the index of the target
    mlp = nn.Sequential(nn.Linear(width, 32), nn.Tanh(), nn.Linear(32, 1), nn.Flatten(0))
    fit(mlp.to(device), inputs[train], targets[train], steps)
    with torch.no_grad():
        return mse(mlp(inputs[~train]), targets[~train])


class Forecaster(nn.Module):
    """Synced many-to-many: after reading value t, predict value t + 1."""

    def __init__(self, hidden=32):
        super().__init__()
        self.rnn = nn.RNN(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, series):  # (batch, time) -> (batch, time)
        output, _ = self.rnn(series.unsqueeze(-1))
        return self.head(output).squeeze(-1)


def recurrent(series, chunk=50, steps=300):
    """Train on chunks of 50 steps of the training part; test on the whole history."""
    starts = range(0, SPLIT - chunk, 10)
    inputs = torch.stack([series[s:s + chunk] for s in starts])
    targets = torch.stack([series[s + 1:s + chunk + 1] for s in starts])
    model = Forecaster().to(device)
    fit(model, inputs, targets, steps, skip=10)
    with torch.no_grad():
        prediction = model(series[:-1].unsqueeze(0))[0]  # prediction[t] is for value t + 1
        return mse(prediction[SPLIT - 1:], series[SPLIT:])


def experiment():
    series, clean = noisy_sine()
    return {
        "repeat the last value": mse(series[SPLIT - 1:-1], series[SPLIT:]),
        "MLP, window of 5": window_mlp(series, 5),
        "MLP, window of 10": window_mlp(series, 10),
        "RNN, whole history": recurrent(series),
        "noise only (the clean sine)": mse(clean[SPLIT:], series[SPLIT:]),
    }


def main():
    print(f"Device: {device}")
    print("test MSE of the next value (lower is better)")
    for name, error in experiment().items():
        print(f"  {name:28s} {error:.4f}")


if __name__ == "__main__":
    main()
