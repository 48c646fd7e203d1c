import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

STEPS, FEATURES, HIDDEN = 50, 5, 32


def make_model(kind, forget_bias=None):
    """An untrained RNN or LSTM; forget_bias, if given, is the starting bias of the forget gate."""
    torch.manual_seed(0)
    recurrent = nn.RNN if kind == "rnn" else nn.LSTM
    model = recurrent(FEATURES, HIDDEN, batch_first=True).to(device)
    if forget_bias is not None:  # PyTorch adds two biases; rows HIDDEN:2*HIDDEN are the forget gate
        with torch.no_grad():
            model.bias_ih_l0[HIDDEN:2 * HIDDEN] = forget_bias
            model.bias_hh_l0[HIDDEN:2 * HIDDEN] = 0.0
    return model


def gradient_norms(model, batch=64):
    """norms[k]: size of d(last output) / d(input k steps before the end)."""
    inputs = torch.randn(batch, STEPS, FEATURES, generator=torch.Generator().manual_seed(0))
    x = inputs.to(device).requires_grad_()
    outputs, _ = model(x)
    last = outputs[:, -1]  # (batch, HIDDEN)
    squares = torch.zeros(STEPS, device=device)
    for unit in range(HIDDEN):  # one backward pass per output unit gives the whole Jacobian
        (grad,) = torch.autograd.grad(last[:, unit].sum(), x, retain_graph=True)
        squares += (grad**2).sum(dim=(0, 2))
    return (squares / batch).sqrt().flip(0).cpu()  # index k = distance from the last step


def factor_per_step(norms, first=1, last=40):
    """The average factor by which the norm changes with each step of distance."""
    return (norms[last] / norms[first]).item() ** (1 / (last - first))


MODELS = {
    "plain RNN": ("rnn", None),
    "LSTM, default init": ("lstm", None),
    "LSTM, forget bias 3": ("lstm", 3.0),
    "LSTM, forget bias 6": ("lstm", 6.0),
}
DISTANCES = [1, 10, 20, 30, 49]


def main():
    print(f"Device: {device}")
    print(f"{'distance k':20}" + "".join(f"{k:>10}" for k in DISTANCES) + "  per step")
    for name, (kind, forget_bias) in MODELS.items():
        norms = gradient_norms(make_model(kind, forget_bias))
        print(f"{name:20}" + "".join(f"{norms[k]:10.2e}" for k in DISTANCES)
              + f"  {factor_per_step(norms):.2f}")
    for bias in [0.0, 1.0, 3.0, 6.0]:
        f = torch.sigmoid(torch.tensor(bias))
        print(f"forget gate sigmoid({bias:.0f}) = {f:.4f}, kept after 49 steps: {f**49:.3g}")


if __name__ == "__main__":
    main()
