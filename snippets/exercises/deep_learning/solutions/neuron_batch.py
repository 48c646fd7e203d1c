import torch


def neuron_batch(X, w, b):
    """One sigmoid neuron for many examples at once, without a Python loop.

    X: a tensor of shape (n, inputs), one example per row.
    w: a tensor of shape (inputs,). b: a number.
    Returns the outputs of the neuron: a tensor of shape (n,).
    """
    return torch.sigmoid(X @ w + b)  # (n, inputs) @ (inputs,) gives (n,)
