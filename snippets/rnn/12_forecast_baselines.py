import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

LENGTH, SPLIT, NOISE = 1000, 800, 0.1  # values 0 to 799 are for training, 800 to 999 for testing


def noisy_sine(period=25):
    """The series to predict (a sine wave plus random noise), and the clean sine wave."""
    t = torch.arange(LENGTH, dtype=torch.float32)
    clean = torch.sin(2 * torch.pi * t / period)
    return (clean + NOISE * torch.randn(LENGTH)).to(device), clean.to(device)


def mse(prediction, target):
    return nn.functional.mse_loss(prediction, target).item()


def main():
    print(f"Device: {device}")
    series, clean = noisy_sine()
    test_values = series[SPLIT:]  # values 800 to 999
    values_before = series[SPLIT - 1:-1]  # values 799 to 998: the value before each test value
    print(f"test values: {len(test_values)}")
    print("test MSE of the next value (lower is better)")
    print(f"  repeat the last value        {mse(values_before, test_values):.4f}")
    print(f"  noise only (the clean sine)  {mse(clean[SPLIT:], test_values):.4f}")


if __name__ == "__main__":
    main()
