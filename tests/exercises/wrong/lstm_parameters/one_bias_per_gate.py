"""The mistake: one bias per gate; nn.LSTM has two (bias_ih and bias_hh)."""


def lstm_parameters(input_size, hidden_size, num_layers):
    total = 0
    for layer in range(num_layers):
        inputs = input_size if layer == 0 else hidden_size
        total += 4 * hidden_size * (inputs + hidden_size + 1)
    return total
