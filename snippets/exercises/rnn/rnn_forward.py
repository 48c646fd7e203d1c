import torch


def rnn_forward(xs, rnn):
    """Run a plain RNN with one layer over whole sequences, by hand.

    xs: a tensor of shape (batch, steps, input_size). Start from a hidden
    state of zeros, made with xs.new_zeros(...) so that it has the device
    and dtype of xs, and use one `for` loop, over the steps.
    Returns the hidden state after every step: a tensor of shape
    (batch, steps, hidden_size), like the output of nn.RNN(batch_first=True).
    """
    raise NotImplementedError
