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
    z = (x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0
         + h @ lstm.weight_hh_l0.T + lstm.bias_hh_l0)
    i, f, g, o = z.chunk(4, dim=1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    h = o * torch.tanh(c)
    return h, c
