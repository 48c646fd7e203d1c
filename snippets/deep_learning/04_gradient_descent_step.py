import torch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def loss_of(w, x, y):
    return (w[1] * torch.tanh(w[0] * x) - y) ** 2  # w = [w1, w2]


def step_by_hand(w, x, y, lr):
    w = w.clone().requires_grad_()
    loss_of(w, x, y).backward()
    with torch.no_grad():
        return w - lr * w.grad  # go a small step against the gradient


def step_with_sgd(w, x, y, lr):
    w = w.clone().requires_grad_()
    optimizer = torch.optim.SGD([w], lr=lr)
    optimizer.zero_grad()
    loss_of(w, x, y).backward()
    optimizer.step()
    return w.detach()


def main():
    print(f"Device: {device}")
    x, y = torch.tensor(1.5, device=device), torch.tensor(0.5, device=device)
    w = torch.tensor([0.8, -0.4], device=device)
    lr = 0.1
    by_hand, with_sgd = step_by_hand(w, x, y, lr), step_with_sgd(w, x, y, lr)
    print(f"by hand:   w1 {by_hand[0].item():.4f}  w2 {by_hand[1].item():.4f}")
    print(f"optim.SGD: w1 {with_sgd[0].item():.4f}  w2 {with_sgd[1].item():.4f}")
    print(f"same: {torch.allclose(by_hand, with_sgd)}")
    for step in range(11):
        if step in (0, 1, 2, 5, 10):
            print(f"after {step:2d} steps: loss {loss_of(w, x, y).item():.4f}")
        w = step_by_hand(w, x, y, lr)


if __name__ == "__main__":
    main()
