import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def stacked_lstm_shapes(x, hidden_size=32, num_layers=2):
    """Layer 2 reads the outputs of layer 1; each layer keeps its own h and c."""
    lstm = nn.LSTM(x.shape[2], hidden_size, num_layers=num_layers, batch_first=True).to(device)
    output, (h_n, c_n) = lstm(x)
    return output.shape, h_n.shape, c_n.shape


def gru_shapes(x, hidden_size=32):
    """A GRU returns only h: it has no separate cell state."""
    gru = nn.GRU(x.shape[2], hidden_size, batch_first=True).to(device)
    output, h_n = gru(x)
    return output.shape, h_n.shape


def parameter_counts(input_size=5, hidden_size=32):
    models = {
        "RNN": nn.RNN(input_size, hidden_size),
        "GRU": nn.GRU(input_size, hidden_size),
        "LSTM": nn.LSTM(input_size, hidden_size),
        "LSTM, 2 layers": nn.LSTM(input_size, hidden_size, num_layers=2),
    }
    return {name: sum(p.numel() for p in model.parameters()) for name, model in models.items()}


def main():
    print(f"Device: {device}")
    x = torch.randn(64, 50, 5, device=device)  # batch 64, 50 steps, 5 features
    output, h_n, c_n = stacked_lstm_shapes(x)
    print(f"LSTM, 2 layers: output {tuple(output)}, h_n {tuple(h_n)}, c_n {tuple(c_n)}")
    output, h_n = gru_shapes(x)
    print(f"GRU:            output {tuple(output)}, h_n {tuple(h_n)}")
    print("parameters with 5 inputs and 32 hidden units:")
    for name, count in parameter_counts().items():
        print(f"  {name:15} {count:6}")


if __name__ == "__main__":
    main()
