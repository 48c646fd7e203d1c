"""The mistake: the activation is a sigmoid; nn.RNN uses tanh."""
import torch


def rnn_cell(x, h, rnn):
    z = x @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T + rnn.bias_hh_l0
    return torch.sigmoid(z)
