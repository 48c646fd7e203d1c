"""The mistake: the chain rule skips tanh'(u) = 1 - h ** 2."""
import torch


def gradients_with_bias(x, y, w1, b1, w2):
    h = torch.tanh(w1 * x + b1)
    dloss_dyhat = 2 * (w2 * h - y)
    return dloss_dyhat * w2 * x, dloss_dyhat * w2, dloss_dyhat * h
