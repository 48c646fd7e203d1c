import torch
import torch.nn.functional as F

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def conv2d_loops(x, weight, bias, stride=1, padding=0):
    """x: (C_in, H, W), weight: (C_out, C_in, k, k), bias: (C_out,) -> (C_out, H_out, W_out)."""
    c_out, _, k, _ = weight.shape
    x = F.pad(x, (padding, padding, padding, padding))  # zeros around the border
    rows = (x.shape[1] - k) // stride + 1
    cols = (x.shape[2] - k) // stride + 1
    out = x.new_zeros(c_out, rows, cols)
    for o in range(c_out):  # one filter per output channel
        for i in range(rows):
            for j in range(cols):
                window = x[:, i * stride:i * stride + k, j * stride:j * stride + k]
                out[o, i, j] = (window * weight[o]).sum() + bias[o]  # sums over all C_in too
    return out


def main():
    print(f"Device: {device}")
    x = torch.randn(3, 6, 6, device=device)  # e.g. an RGB image: 3 channels of 6 x 6
    weight = torch.randn(2, 3, 3, 3, device=device)  # 2 filters, each 3 channels x 3 x 3
    bias = torch.randn(2, device=device)

    by_loops = conv2d_loops(x, weight, bias, stride=2, padding=1)
    by_torch = F.conv2d(x[None], weight, bias, stride=2, padding=1)[0]
    print(f"input {tuple(x.shape)}, weight {tuple(weight.shape)} -> output {tuple(by_loops.shape)}")
    print(f"equal to F.conv2d within 1e-5: {torch.allclose(by_loops, by_torch, atol=1e-5)}")


if __name__ == "__main__":
    main()
