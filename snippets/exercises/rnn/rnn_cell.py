import torch


def rnn_cell(x, h, rnn):
    """One step of a plain RNN with one layer, for a batch of sequences.

    x: the inputs of this step, a tensor of shape (batch, input_size).
    h: the hidden state of the step before, (batch, hidden_size).
    Read rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0.
    Returns the new hidden state: a tensor of shape (batch, hidden_size).
    """
    raise NotImplementedError
