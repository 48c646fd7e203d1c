"""The mistake: every layer reads input_size numbers; a higher layer reads hidden_size."""


def lstm_parameters(input_size, hidden_size, num_layers):
    return num_layers * 4 * hidden_size * (input_size + hidden_size + 2)
