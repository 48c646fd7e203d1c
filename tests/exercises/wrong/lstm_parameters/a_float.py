"""The mistake: `/` makes a float (4992.0); the number of parameters is an int."""


def lstm_parameters(input_size, hidden_size, num_layers):
    total = 0
    for layer in range(num_layers):
        inputs = input_size if layer == 0 else hidden_size
        total += 8 * hidden_size * (inputs + hidden_size + 2) / 2
    return total
