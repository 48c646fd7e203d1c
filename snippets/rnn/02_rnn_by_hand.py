import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def rnn_by_hand(xs, W, U, b_ih, b_hh):
    """xs has one row per time step. Returns the hidden state after every step."""
    h = torch.zeros(U.shape[0], device=xs.device)
    states = []
    for x_t in xs:  # the loop over time: the same W, U and biases at every step
        h = torch.tanh(W @ x_t + b_ih + U @ h + b_hh)
        states.append(h)
    return torch.stack(states)


def compare(steps=6, features=3, hidden=4):
    """Run nn.RNN and rnn_by_hand on the same input; return both results."""
    rnn = nn.RNN(input_size=features, hidden_size=hidden).to(device)
    xs = torch.randn(steps, features, device=device)
    theirs, h_last = rnn(xs)
    ours = rnn_by_hand(xs, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0)
    return rnn, xs, theirs, h_last, ours


def main():
    print(f"Device: {device}")
    rnn, xs, theirs, h_last, ours = compare()
    for name, p in rnn.named_parameters():
        print(f"{name}: {tuple(p.shape)}")
    print(f"input {tuple(xs.shape)} -> output {tuple(theirs.shape)}, "
          f"last hidden state {tuple(h_last.shape)}")
    print(f"largest difference, by hand vs nn.RNN: {(ours - theirs).abs().max().item():.1e}")
    print(f"output at the last step == last hidden state: {torch.equal(theirs[-1], h_last[0])}")


if __name__ == "__main__":
    main()
