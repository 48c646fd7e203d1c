"""The mistake: dL/db1 is multiplied by x, copied from dL/dw1 (but d(w1 * x + b1)/db1 = 1)."""
import torch


def gradients_with_bias(x, y, w1, b1, w2):
    h = torch.tanh(w1 * x + b1)
    dloss_dyhat = 2 * (w2 * h - y)
    dloss_dw1 = dloss_dyhat * w2 * (1 - h**2) * x
    dloss_db1 = dloss_dyhat * w2 * (1 - h**2) * x
    return dloss_dw1, dloss_db1, dloss_dyhat * h
