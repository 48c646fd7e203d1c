import torch


def gru_cell(x, h, gru):
    """One step of a GRU with one layer, for a batch of sequences.

    x: a tensor of shape (batch, input_size).
    h: the hidden state of the step before, (batch, hidden_size).
    Read gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0 and
    gru.bias_hh_l0: their rows are stacked in the order r, z, n.
    Returns the new hidden state: a tensor of shape (batch, hidden_size).
    """
    x_r, x_z, x_n = (x @ gru.weight_ih_l0.T + gru.bias_ih_l0).chunk(3, dim=1)
    h_r, h_z, h_n = (h @ gru.weight_hh_l0.T + gru.bias_hh_l0).chunk(3, dim=1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.tanh(x_n + r * h_n)  # h_n already holds U_n h + b_hn
    return (1 - z) * n + z * h
