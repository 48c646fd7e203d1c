import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

# (input size n, kernel size k, padding p, stride s)
CASES = [(8, 3, 0, 1), (8, 3, 1, 1), (8, 2, 0, 2), (7, 2, 0, 2), (28, 5, 0, 1), (28, 3, 1, 2),
         (10, 4, 1, 3)]


def output_size(n, k, p=0, s=1):
    return (n + 2 * p - k) // s + 1


def measured_sizes(n, k, p, s):
    """The output width of a real convolution layer and a real max-pooling layer."""
    x = torch.zeros(1, 1, n, n, device=device)
    conv = nn.Conv2d(1, 1, kernel_size=k, padding=p, stride=s).to(device)
    pool = nn.MaxPool2d(kernel_size=k, padding=p, stride=s)
    return conv(x).shape[-1], pool(x).shape[-1]


def main():
    print(f"Device: {device}")
    print("  n  k  p  s | formula  Conv2d  MaxPool2d")
    for n, k, p, s in CASES:
        conv, pool = measured_sizes(n, k, p, s)
        print(f"{n:3d} {k:2d} {p:2d} {s:2d} | {output_size(n, k, p, s):7d} {conv:7d} {pool:10d}")


if __name__ == "__main__":
    main()
