import torch


def lstm_cell(x, h, c, lstm):
    """One step of an LSTM with one layer, for a batch of sequences.

    x: a tensor of shape (batch, input_size).
    h, c: the hidden state and the cell state of the step before, each of
    shape (batch, hidden_size). Read lstm.weight_ih_l0, lstm.weight_hh_l0,
    lstm.bias_ih_l0 and lstm.bias_hh_l0: their rows are stacked in the
    order i, f, g, o.
    Returns (h, c), the new states: two tensors of shape (batch, hidden_size).
    """
    raise NotImplementedError
