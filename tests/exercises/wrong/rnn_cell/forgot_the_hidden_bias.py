"""The mistake: bias_hh_l0 is left out; nn.RNN adds both biases."""
import torch


def rnn_cell(x, h, rnn):
    return torch.tanh(x @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T)
