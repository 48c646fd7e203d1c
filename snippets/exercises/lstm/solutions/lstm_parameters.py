def lstm_parameters(input_size, hidden_size, num_layers):
    """The number of parameters of nn.LSTM(input_size, hidden_size, num_layers).

    Compute it with a formula; do not build the model. Returns an int.
    """
    total = 0
    for layer in range(num_layers):
        inputs = input_size if layer == 0 else hidden_size  # a higher layer reads h
        total += 4 * hidden_size * (inputs + hidden_size + 2)  # 3 gates and the candidate
    return total
