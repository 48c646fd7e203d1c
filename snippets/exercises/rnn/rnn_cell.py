import torch


def rnn_cell(x, h, rnn):
    """One step of the plain RNN `rnn` (an nn.RNN with one layer) for a batch of sequences.

    x: a tensor of shape (batch, input_size), the inputs of this step. h: a tensor of shape
    (batch, hidden_size), the hidden state of the step before. Read rnn.weight_ih_l0,
    rnn.weight_hh_l0, rnn.bias_ih_l0 and rnn.bias_hh_l0.
    Returns the new hidden state: a tensor of shape (batch, hidden_size).
    """
    raise NotImplementedError
