import matplotlib.pyplot as plt
import torch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

ACTIVATIONS = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "ReLU": torch.relu}


def slopes(function, z):
    """The derivative of `function` at every point of `z`, computed by autograd."""
    z = z.clone().requires_grad_()
    function(z).sum().backward()
    return z.grad


def plot_activations():
    z = torch.linspace(-4, 4, 161)
    figure, axes = plt.subplots(figsize=(7, 3.5))
    for name, function in ACTIVATIONS.items():
        axes.plot(z, function(z), label=name, linewidth=2)
    axes.axhline(0, color="grey", linewidth=0.5)
    axes.axvline(0, color="grey", linewidth=0.5)
    axes.set_xlabel("z")
    axes.set_ylabel("f(z)")
    axes.set_ylim(-1.2, 2.2)
    axes.legend(loc="upper left")
    figure.tight_layout()
    return figure


def main():
    print(f"Device: {device}")
    z = torch.tensor([-4.0, -2.0, 0.0, 2.0, 4.0], device=device)
    print(f"z:             {z.tolist()}")
    for name, function in ACTIVATIONS.items():
        print(f"{name:8} value {[round(v, 4) for v in function(z).tolist()]}")
        print(f"{'':8} slope {[round(v, 4) for v in slopes(function, z).tolist()]}")
    plot_activations().savefig("activation_functions.png", dpi=100)
    print("The plot is saved in activation_functions.png")
    plt.show()  # in Jupyter, the plot appears under the cell


if __name__ == "__main__":
    main()
