import torch


def rnn_forward(xs, rnn):
    """Run a plain RNN with one layer over whole sequences, by hand.

    xs: a tensor of shape (batch, steps, input_size). Start from a hidden
    state of zeros, made with xs.new_zeros(...) so that it has the device
    and dtype of xs, and use one `for` loop, over the steps.
    Returns the hidden state after every step: a tensor of shape
    (batch, steps, hidden_size), like the output of nn.RNN(batch_first=True).
    """
    h = xs.new_zeros(xs.shape[0], rnn.hidden_size)
    states = []
    for t in range(xs.shape[1]):
        from_input = xs[:, t] @ rnn.weight_ih_l0.T + rnn.bias_ih_l0
        h = torch.tanh(from_input + h @ rnn.weight_hh_l0.T + rnn.bias_hh_l0)
        states.append(h)
    return torch.stack(states, dim=1)  # steps go into dimension 1
