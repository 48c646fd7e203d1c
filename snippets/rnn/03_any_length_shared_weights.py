import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def make_rnn(hidden=32):
    return nn.RNN(input_size=1, hidden_size=hidden, batch_first=True).to(device)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())


def last_output(rnn, series):
    """Feed one series (one number per step) and return the hidden state after the last step."""
    output, _ = rnn(series.view(1, -1, 1))
    return output[0, -1]


def main():
    print(f"Device: {device}")
    rnn = make_rnn()
    print(f"parameters: {count_parameters(rnn)}")
    for length in [3, 30, 300]:
        batch = torch.randn(1, length, 1, device=device)  # 1 series, `length` steps, 1 number
        output, h_last = rnn(batch)
        print(f"length {length:3d}: input {tuple(batch.shape)} -> "
              f"output {tuple(output.shape)}, last hidden state {tuple(h_last.shape)}")

    # The same change as for the window MLP: the value 10 steps before the last value
    series = torch.randn(30, device=device)
    other = series.clone()
    other[-1 - 10] += 5.0
    change = (last_output(rnn, series) - last_output(rnn, other)).abs().max().item()
    print(f"change of the last output when a value 10 steps back changes: {change:.4f}")


if __name__ == "__main__":
    main()
