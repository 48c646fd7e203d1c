def lstm_parameters(input_size, hidden_size, num_layers):
    """The number of parameters of nn.LSTM(input_size, hidden_size, num_layers), by a formula.

    Do not build the model. Returns an int.
    """
    total = 0
    for layer in range(num_layers):
        inputs = input_size if layer == 0 else hidden_size  # a higher layer reads the h below
        total += 4 * hidden_size * (inputs + hidden_size + 2)  # 4 blocks: W, U and two biases
    return total
