import torch


def gradients_with_bias(x, y, w1, b1, w2):
    """The gradients of L = (w2 * tanh(w1 * x + b1) - y) ** 2, by hand.

    All five arguments are tensors of shape (). Do not use autograd.
    Returns (dL/dw1, dL/db1, dL/dw2): three tensors of shape ().
    """
    h = torch.tanh(w1 * x + b1)
    y_hat = w2 * h
    dloss_dyhat = 2 * (y_hat - y)
    dloss_dw2 = dloss_dyhat * h
    dloss_du = dloss_dyhat * w2 * (1 - h**2)  # u = w1 * x + b1
    return dloss_du * x, dloss_du, dloss_dw2
