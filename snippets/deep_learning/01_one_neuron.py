import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def sigmoid(z):
    return 1 / (1 + torch.exp(-z))


def tanh(z):
    return (torch.exp(z) - torch.exp(-z)) / (torch.exp(z) + torch.exp(-z))


def relu(z):
    return torch.maximum(z, torch.zeros_like(z))


ACTIVATIONS = {  # name: (by hand, torch.nn)
    "sigmoid": (sigmoid, nn.Sigmoid()),
    "tanh": (tanh, nn.Tanh()),
    "relu": (relu, nn.ReLU()),
}


def neuron_by_hand(x, w, b, activation):
    z = (w * x).sum() + b  # weighted sum plus bias
    return ACTIVATIONS[activation][0](z)


def neuron_with_nn(w, b, activation):
    layer = nn.Linear(len(w), 1).to(device)  # len(w) inputs, one output
    with torch.no_grad():
        layer.weight.copy_(w.view(1, -1))
        layer.bias.fill_(b)
    return nn.Sequential(layer, ACTIVATIONS[activation][1])


def main():
    print(f"Device: {device}")
    x = torch.tensor([0.5, -1.0, 2.0], device=device)  # inputs
    w = torch.tensor([0.8, 0.2, -0.5], device=device)  # weights
    b = 0.1  # bias
    print(f"weighted sum plus bias: z = {((w * x).sum() + b).item():.4f}")
    for activation in ACTIVATIONS:
        by_hand = neuron_by_hand(x, w, b, activation)
        with_nn = neuron_with_nn(w, b, activation)(x)
        same = torch.allclose(by_hand, with_nn)
        print(f"{activation:8s} by hand {by_hand.item():.4f}  "
              f"nn {with_nn.item():.4f}  same: {same}")


if __name__ == "__main__":
    main()
