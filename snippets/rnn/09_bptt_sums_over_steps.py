import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def last_state(xs, W, Us, b):
    """Unrolled RNN; Us holds the recurrent matrix to use at each step."""
    h = torch.zeros(W.shape[0], device=xs.device)
    for x_t, U in zip(xs, Us):
        h = torch.tanh(W @ x_t + U @ h + b)
    return h


def gradients(steps=6, features=3, hidden=4):
    """The gradient of one shared U, and the gradients of one private copy of U per step."""
    rnn = nn.RNN(features, hidden).to(device)
    W, b = rnn.weight_ih_l0.detach(), (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach()
    xs = torch.randn(steps, features, device=device)

    shared = rnn.weight_hh_l0.detach().clone().requires_grad_()
    last_state(xs, W, [shared] * steps, b).sum().backward()  # a simple loss, only to have gradients

    copies = [shared.detach().clone().requires_grad_() for _ in range(steps)]
    last_state(xs, W, copies, b).sum().backward()
    return shared.grad, [copy.grad for copy in copies]


def main():
    print(f"Device: {device}")
    shared_grad, copy_grads = gradients()
    for step, grad in enumerate(copy_grads, start=1):
        print(f"step {step}: gradient norm of its copy of U = {grad.norm().item():.4f}")
    difference = (shared_grad - sum(copy_grads)).abs().max().item()
    print(f"gradient of the shared U - sum over steps: {difference:.1e}")


if __name__ == "__main__":
    main()
