import torch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def main():
    print(f"Device: {device}")

    x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # made in CPU memory
    print(f"x is on {x.device}, shape {tuple(x.shape)}")

    x = x.to(device)  # copied to the chosen device
    y = x * 10  # computed where x is
    print(f"y is on {y.device}")

    y = y.cpu()  # back to the CPU, e.g. to print it or turn it into NumPy
    print(y.numpy())


if __name__ == "__main__":
    main()
