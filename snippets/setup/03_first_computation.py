import torch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def main():
    print(f"Device: {device}")

    W = torch.randn(3, 4, device=device)  # weights: 3 outputs, 4 inputs
    x = torch.randn(4, device=device)  # one input with 4 numbers
    b = torch.randn(3, device=device)  # bias: one number per output

    y = W @ x + b  # matrix-vector product, then add the bias
    print(f"W {tuple(W.shape)} @ x {tuple(x.shape)} + b {tuple(b.shape)} -> y {tuple(y.shape)}")
    print(f"y = {[round(value, 4) for value in y.tolist()]}")


if __name__ == "__main__":
    main()
