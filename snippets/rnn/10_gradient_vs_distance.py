import copy

import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

HIDDEN, LENGTH, SEQUENCES = 32, 40, 64


def scaled(rnn, scale):
    """A copy of `rnn` whose recurrent weights U are multiplied by `scale`."""
    new_rnn = copy.deepcopy(rnn)
    with torch.no_grad():
        new_rnn.weight_hh_l0.mul_(scale)
    return new_rnn


def gradient_norms(rnn, xs):
    """Entry k: the norm of d(sum of the last hidden state) / d(input k steps before the end)."""
    xs = xs.clone().requires_grad_()
    output, _ = rnn(xs)
    output[:, -1].sum().backward()  # the sum of the 32 numbers of the last hidden state
    norms = xs.grad.norm(dim=2).mean(dim=0)  # one number per step, averaged over the sequences
    return norms.flip(0).tolist()  # index 0 is the last step, index k is k steps back


def factor_per_step(norms, start=5, stop=25):
    """The average ratio norms[k + 1] / norms[k] between distances `start` and `stop`."""
    return (norms[stop] / norms[start]) ** (1 / (stop - start))


def spectral_radius(rnn):
    """The largest size of an eigenvalue of the recurrent matrix U."""
    return torch.linalg.eigvals(rnn.weight_hh_l0.detach().cpu()).abs().max().item()


def measure(scales=(1.0, 6.0)):
    """One RNN, one batch of inputs; for each scale of U: (spectral radius, gradient norms)."""
    rnn = nn.RNN(input_size=1, hidden_size=HIDDEN, batch_first=True).to(device)
    xs = torch.randn(SEQUENCES, LENGTH, 1, device=device)
    results = {}
    for scale in scales:
        scaled_rnn = scaled(rnn, scale)
        results[scale] = spectral_radius(scaled_rnn), gradient_norms(scaled_rnn, xs)
    return results


def main():
    print(f"Device: {device}")
    for scale, (radius, norms) in measure().items():
        shown = ", ".join(f"{norms[k]:.1e}" for k in [0, 10, 20, 30])
        print(f"recurrent weights U x {scale:g}: largest |eigenvalue| of U = {radius:.2f}")
        print(f"  gradient norm at distance 0, 10, 20, 30: {shown}")
        print(f"  factor per step: {factor_per_step(norms):.2f}")


if __name__ == "__main__":
    main()
