import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def layer_by_hand(x, W, b):
    return x @ W.T + b  # one row per example, one column per neuron


def main():
    print(f"Device: {device}")
    layer = nn.Linear(3, 4).to(device)  # 3 inputs, 4 neurons
    x = torch.randn(5, 3, device=device)  # 5 examples, one per row
    W, b = layer.weight, layer.bias
    print(f"W: shape {tuple(W.shape)} (one row of weights per neuron)")
    print(f"b: shape {tuple(b.shape)} (one bias per neuron)")
    with_nn = layer(x)
    by_hand = layer_by_hand(x, W, b)
    print(f"output: shape {tuple(with_nn.shape)} (5 examples, 4 neurons)")
    print(f"nn.Linear equals x @ W.T + b: {torch.allclose(with_nn, by_hand)}")
    neuron_2 = (W[2] * x[0]).sum() + b[2]  # neuron 2, example 0, as in 01_one_neuron.py
    print(f"neuron 2, example 0: weighted sum {neuron_2.item():.4f}, "
          f"nn.Linear {with_nn[0, 2].item():.4f}")


if __name__ == "__main__":
    main()
