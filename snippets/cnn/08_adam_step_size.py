import torch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

GRADIENTS = {
    "0.001 every time": [0.001] * 5,
    "1000 every time": [1000.0] * 5,
    "+1 and -1 in turn": [1.0, -1.0, 1.0, -1.0, 1.0],
}


def adam_steps(gradients, lr=0.01):
    """Train one weight with Adam; the loss gradient * weight has exactly this gradient.
    Returns how far each step moves the weight, divided by lr."""
    weight = torch.tensor(0.0, device=device, requires_grad=True)
    optimizer = torch.optim.Adam([weight], lr=lr)
    steps = []
    for gradient in gradients:
        before = weight.item()
        loss = gradient * weight
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        steps.append((weight.item() - before) / lr)
    return steps


def main():
    print(f"Device: {device}")
    print("gradient at each step | each step of the weight, in units of lr")
    for name, gradients in GRADIENTS.items():
        steps = "  ".join(f"{step:+.2f}" for step in adam_steps(gradients))
        print(f"{name:21} | {steps}")


if __name__ == "__main__":
    main()
