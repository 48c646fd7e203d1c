import torch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def forward(x, w1, w2):
    h = torch.tanh(w1 * x)  # hidden value
    return w2 * h  # prediction


def gradients_by_hand(x, y, w1, w2):
    h = torch.tanh(w1 * x)
    y_hat = w2 * h
    dloss_dyhat = 2 * (y_hat - y)  # loss = (y_hat - y) ** 2
    dloss_dw2 = dloss_dyhat * h
    dloss_dh = dloss_dyhat * w2
    dloss_dw1 = dloss_dh * (1 - h**2) * x  # tanh'(u) = 1 - tanh(u) ** 2
    return dloss_dw1, dloss_dw2


def gradients_by_autograd(x, y, w1, w2):
    w1 = w1.clone().requires_grad_()
    w2 = w2.clone().requires_grad_()
    loss = (forward(x, w1, w2) - y) ** 2
    loss.backward()  # backpropagation
    return w1.grad, w2.grad


def main():
    print(f"Device: {device}")
    x, y = torch.tensor(1.5, device=device), torch.tensor(0.5, device=device)
    w1, w2 = torch.tensor(0.8, device=device), torch.tensor(-0.4, device=device)
    h, y_hat = torch.tanh(w1 * x), forward(x, w1, w2)
    loss = (y_hat - y) ** 2
    print(f"h {h.item():.4f}, prediction {y_hat.item():.4f}, target {y.item()}, "
          f"loss {loss.item():.4f}")
    hand = gradients_by_hand(x, y, w1, w2)
    auto = gradients_by_autograd(x, y, w1, w2)
    for name, a, b in zip(["dL/dw1", "dL/dw2"], hand, auto):
        same = torch.allclose(a, b)
        print(f"{name}: by hand {a.item():.4f}  autograd {b.item():.4f}  same: {same}")


if __name__ == "__main__":
    main()
