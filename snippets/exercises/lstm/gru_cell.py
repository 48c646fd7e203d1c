import torch


def gru_cell(x, h, gru):
    """One step of a GRU with one layer, for a batch of sequences.

    x: a tensor of shape (batch, input_size).
    h: the hidden state of the step before, (batch, hidden_size).
    Read gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0 and
    gru.bias_hh_l0: their rows are stacked in the order r, z, n.
    Returns the new hidden state: a tensor of shape (batch, hidden_size).
    """
    raise NotImplementedError
