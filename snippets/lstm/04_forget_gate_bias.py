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
    # --8<-- [start:forget-bias]
    def __init__(self, forget_bias):
        super().__init__()
        self.lstm = nn.LSTM(CLASSES + 1, HIDDEN, batch_first=True)
        with torch.no_grad():  # gate order i, f, g, o: rows HIDDEN:2*HIDDEN are the forget gate
            self.lstm.bias_ih_l0[HIDDEN:2 * HIDDEN] = forget_bias
            self.lstm.bias_hh_l0[HIDDEN:2 * HIDDEN] = 0.0  # PyTorch adds both biases
        self.head = nn.Linear(HIDDEN, CLASSES)
    # --8<-- [end:forget-bias]

    def forward(self, x):
        outputs, _ = self.lstm(x)
        return self.head(outputs[:, -1])


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def train(forget_bias, max_steps=1500, every=100, seed=0):
    """The same training as before; stops early once the test accuracy is 100%."""
    torch.manual_seed(seed)
    data = torch.Generator().manual_seed(seed)
    x_test, y_test = make_batch(1000, data)
    model = Classifier(forget_bias).to(device)
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


def gates(model, x):
    """Input, forget and output gates of every hidden unit at every step of one sequence x."""
    lstm = model.lstm
    h = c = torch.zeros(HIDDEN, device=x.device)
    inputs, forgets, outputs = [], [], []
    with torch.no_grad():
        for x_t in x:
            z = lstm.weight_ih_l0 @ x_t + lstm.bias_ih_l0 + lstm.weight_hh_l0 @ h + lstm.bias_hh_l0
            i, f, g, o = z.chunk(4)
            i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
            c = f * c + i * g
            h = o * c.tanh()
            inputs.append(i)
            forgets.append(f)
            outputs.append(o)
    return torch.stack(inputs).cpu(), torch.stack(forgets).cpu(), torch.stack(outputs).cpu()


def writes_at_step_0_only(i):
    """Units whose input gate is above 0.7 at step 0 and below 0.3 on average later."""
    return (i[0] > 0.7) & (i[1:].mean(dim=0) < 0.3)


def span(values, digits=2):
    return f"{values.min():.{digits}f} to {values.max():.{digits}f}"


# --8<-- [start:main]
def main():
    print(f"Device: {device}")
    print(f"test accuracy every 100 steps (1000 test sequences of {STEPS} steps, chance 25%):")
    for forget_bias in [3.0, 6.0]:
        model, curve = train(forget_bias)
        name = f"LSTM, forget bias {forget_bias:.0f}"
        print(f"{name:20} " + " ".join(f"{round(100 * a)}%" for _, a in curve))
        print(f"{'':20} after {curve[-1][0]} steps: {round(100 * curve[-1][1])}%")
    torch.manual_seed(0)  # the same seed as in train(): the same starting weights
    untrained = Classifier(6.0).to(device)
    x, _ = make_batch(1, torch.Generator().manual_seed(1))  # one new sequence
    i, f, o = gates(model, x[0])
    i_before, f_before, o_before = gates(untrained, x[0])
    writers = writes_at_step_0_only(i)
    print("LSTM with forget bias 6, one new sequence, after training (before training):")
    print(f"  units that write at step 0 only: {writers.sum()} of {HIDDEN} "
          f"({writes_at_step_0_only(i_before).sum()})")
    print(f"  input gate of the other units, mean of steps 1 to 49: "
          f"{span(i[1:, ~writers].mean(dim=0))}")
    print(f"  forget gate, all units and steps: {span(f, 3)} ({span(f_before, 3)})")
    print(f"  output gate at the last step: {span(o[-1])} ({span(o_before[-1])})")
# --8<-- [end:main]


if __name__ == "__main__":
    main()
