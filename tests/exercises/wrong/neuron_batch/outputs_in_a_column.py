"""The mistake: w is made a column, so the result has shape (n, 1) instead of (n,)."""
import torch


def neuron_batch(X, w, b):
    return torch.sigmoid(X @ w.view(-1, 1) + b)
