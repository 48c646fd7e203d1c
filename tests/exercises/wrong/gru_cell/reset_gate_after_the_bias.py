"""The mistake: the reset gate multiplies U_n h alone; PyTorch computes r * (U_n h + b_hn)."""
import torch


def gru_cell(x, h, gru):
    x_r, x_z, x_n = (x @ gru.weight_ih_l0.T + gru.bias_ih_l0).chunk(3, dim=1)
    h_r, h_z, h_n = (h @ gru.weight_hh_l0.T).chunk(3, dim=1)
    b_r, b_z, b_n = gru.bias_hh_l0.chunk(3)
    r = torch.sigmoid(x_r + h_r + b_r)
    z = torch.sigmoid(x_z + h_z + b_z)
    n = torch.tanh(x_n + r * h_n + b_n)
    return (1 - z) * n + z * h
