import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

# (name, input channels, output channels, image side n, kernel size k); padding keeps the side
LAYERS = [
    ("digits, layer 1", 1, 16, 8, 3),
    ("digits, layer 2", 16, 32, 4, 3),
    ("28 x 28 image", 1, 16, 28, 3),
]


def conv_params(c_in, c_out, k):
    return c_out * (c_in * k * k + 1)  # one k x k filter per (out, in) pair, one bias per out


def dense_params(c_in, c_out, n):
    inputs, outputs = c_in * n * n, c_out * n * n
    return inputs * outputs + outputs  # one weight per (input pixel, output pixel) pair


def count(layer):
    return sum(p.numel() for p in layer.parameters())


def main():
    print(f"Device: {device}")
    print(f"{'layer':16} {'conv layer':>10} {'dense layer':>12} {'dense / conv':>13}")
    for name, c_in, c_out, n, k in LAYERS:
        conv = nn.Conv2d(c_in, c_out, kernel_size=k, padding=k // 2).to(device)
        dense = nn.Linear(c_in * n * n, c_out * n * n).to(device)  # same input, same output size
        assert count(conv) == conv_params(c_in, c_out, k)
        assert count(dense) == dense_params(c_in, c_out, n)
        ratio = count(dense) // count(conv)
        print(f"{name:16} {count(conv):10,d} {count(dense):12,d} {ratio:13,d}")


if __name__ == "__main__":
    main()
