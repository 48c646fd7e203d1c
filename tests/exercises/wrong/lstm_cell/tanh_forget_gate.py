"""The mistake: the forget gate uses tanh; a gate needs a sigmoid (0 to 1)."""
import torch


def lstm_cell(x, h, c, lstm):
    z = x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0 + h @ lstm.weight_hh_l0.T + lstm.bias_hh_l0
    i, f, g, o = z.chunk(4, dim=1)
    i, f, g, o = torch.sigmoid(i), torch.tanh(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    return o * torch.tanh(c), c
