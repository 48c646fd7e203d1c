import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

HIDDEN, LENGTH, SEQUENCES = 32, 40, 64


def make_rnn(scale=1.0):
    """An untrained nn.RNN with PyTorch's initial weights; the recurrent ones times `scale`."""
    rnn = nn.RNN(input_size=1, hidden_size=HIDDEN, batch_first=True).to(device)
    with torch.no_grad():
        rnn.weight_hh_l0.mul_(scale)
    return rnn


def gradient_norms(rnn):
    """Entry k: the norm of d(last output) / d(input k steps before the end), averaged."""
    xs = torch.randn(SEQUENCES, LENGTH, 1, device=device, requires_grad=True)
    output, _ = rnn(xs)
    output[:, -1].sum().backward()
    norms = xs.grad.norm(dim=2).mean(dim=0)  # one number per time step
    return norms.flip(0).tolist()  # index 0 is the last step, index k is k steps back


def factor_per_step(norms, start=5, stop=25):
    """The average ratio norms[k + 1] / norms[k] between distances `start` and `stop`."""
    return (norms[stop] / norms[start]) ** (1 / (stop - start))


def spectral_radius(rnn):
    """The largest size of an eigenvalue of the recurrent matrix U."""
    return torch.linalg.eigvals(rnn.weight_hh_l0.detach().cpu()).abs().max().item()


def measure(scales=(1.0, 6.0)):
    """For each scale: (largest |eigenvalue| of U, gradient norms by distance)."""
    results = {}
    for scale in scales:
        rnn = make_rnn(scale)
        results[scale] = spectral_radius(rnn), gradient_norms(rnn)
    return results


def main():
    print(f"Device: {device}")
    for scale, (radius, norms) in measure().items():
        shown = ", ".join(f"{norms[k]:.1e}" for k in [0, 10, 20, 30])
        print(f"recurrent weights x {scale:g}: largest |eigenvalue| of U = {radius:.2f}")
        print(f"  gradient norm at distance 0, 10, 20, 30: {shown}")
        print(f"  factor per step: {factor_per_step(norms):.2f}")


if __name__ == "__main__":
    main()
