def lstm_parameters(input_size, hidden_size, num_layers):
    """The number of parameters of nn.LSTM(input_size, hidden_size, num_layers).

    Compute it with a formula; do not build the model. Returns an int.
    """
    raise NotImplementedError
