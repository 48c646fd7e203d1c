def lstm_parameters(input_size, hidden_size, num_layers):
    """The number of parameters of nn.LSTM(input_size, hidden_size, num_layers), by a formula.

    Do not build the model. Returns an int.
    """
    raise NotImplementedError
