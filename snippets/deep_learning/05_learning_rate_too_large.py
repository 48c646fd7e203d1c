import torch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def loss_of(w, x, y):
    return (w[1] * torch.tanh(w[0] * x) - y) ** 2  # w = [w1, w2]


def step_by_hand(w, x, y, lr):
    w = w.clone().requires_grad_()
    loss_of(w, x, y).backward()
    with torch.no_grad():
        return w - lr * w.grad


def losses_of_gradient_descent(lr, steps):
    """The loss before the first step and after each of `steps` steps."""
    x, y = torch.tensor(1.5, device=device), torch.tensor(0.5, device=device)
    w = torch.tensor([0.8, -0.4], device=device)
    losses = [loss_of(w, x, y).item()]
    for _ in range(steps):
        w = step_by_hand(w, x, y, lr)
        losses.append(loss_of(w, x, y).item())
    return losses


def main():
    print(f"Device: {device}")
    print("loss after 0, 1, 2, 3, 4, 5 and 10 steps")
    for lr in (0.1, 1.0, 1.5):
        losses = losses_of_gradient_descent(lr, steps=10)
        shown = [f"{losses[step]:.4f}" for step in (0, 1, 2, 3, 4, 5, 10)]
        print(f"lr {lr}: {', '.join(shown)}")


if __name__ == "__main__":
    main()
