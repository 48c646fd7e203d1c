import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

STEPS, CLASSES, HIDDEN, BATCH = 50, 4, 32, 64


def make_batch(size, generator):
    """Sequences of random tokens; the label is the token at step 0, marked by an extra input."""
    tokens = torch.randint(0, CLASSES, (size, STEPS), generator=generator)
    x = torch.zeros(size, STEPS, CLASSES + 1)
    x[:, :, :CLASSES] = nn.functional.one_hot(tokens, CLASSES).float()
    x[:, 0, CLASSES] = 1.0  # the marker: "remember this one"
    return x.to(device), tokens[:, 0].to(device)


class Classifier(nn.Module):
    def __init__(self, kind):
        super().__init__()
        recurrent = nn.RNN if kind == "rnn" else nn.LSTM
        self.recurrent = recurrent(CLASSES + 1, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, CLASSES)

    def forward(self, x):
        outputs, _ = self.recurrent(x)
        return self.head(outputs[:, -1])  # read the answer at the last step


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def train(kind, max_steps=1500, every=100, seed=0):
    """Adam with gradient clipping; test accuracy every `every` steps; stop early at 100%."""
    torch.manual_seed(seed)
    data = torch.Generator().manual_seed(seed)  # the same data for every model
    x_test, y_test = make_batch(1000, data)
    model = Classifier(kind).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    curve = []
    for step in range(1, max_steps + 1):
        x, y = make_batch(BATCH, data)
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if step % every == 0:
            curve.append((step, accuracy(model, x_test, y_test)))
            if curve[-1][1] == 1.0:
                break
    return model, curve


MODELS = {"plain RNN": "rnn", "LSTM, default init": "lstm"}


def main():
    print(f"Device: {device}")
    print(f"test accuracy every 100 steps (1000 test sequences of {STEPS} steps, chance 25%):")
    for name, kind in MODELS.items():
        _, curve = train(kind)
        print(f"{name:20} " + " ".join(f"{round(100 * a)}%" for _, a in curve))
        print(f"{'':20} after {curve[-1][0]} steps: {round(100 * curve[-1][1])}%")


if __name__ == "__main__":
    main()
