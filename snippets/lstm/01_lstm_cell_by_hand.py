import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def lstm_cell(x, h, c, lstm):
    """One time step. PyTorch stacks the four blocks of rows in the order i, f, g, o."""
    z = x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0 + h @ lstm.weight_hh_l0.T + lstm.bias_hh_l0
    i, f, g, o = z.chunk(4, dim=1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g  # forget part of the old memory, write part of the candidate
    h = o * torch.tanh(c)  # show part of the memory
    return h, c, (i, f, o)


def lstm_by_hand(x, lstm):
    """Run the cell over every step of x (batch, steps, features), starting from zeros."""
    h = torch.zeros(x.shape[0], lstm.hidden_size, device=x.device)
    c = torch.zeros_like(h)
    outputs = []
    for t in range(x.shape[1]):
        h, c, _ = lstm_cell(x[:, t], h, c, lstm)
        outputs.append(h)
    return torch.stack(outputs, dim=1), h, c


def main():
    print(f"Device: {device}")
    lstm = nn.LSTM(input_size=3, hidden_size=4, batch_first=True).to(device)
    for name, parameter in lstm.named_parameters():
        print(f"{name}: {tuple(parameter.shape)}")

    x = torch.randn(2, 5, 3, device=device)  # 2 sequences, 5 steps, 3 features
    with torch.no_grad():
        ours, h, c = lstm_by_hand(x, lstm)
        theirs, (h_n, c_n) = lstm(x)
    print(f"output {tuple(ours.shape)}, h {tuple(h.shape)}, c {tuple(c.shape)}")
    print(f"same outputs as nn.LSTM: {torch.allclose(ours, theirs, atol=1e-6)}")
    print(f"same last h and c: {torch.allclose(h, h_n[0], atol=1e-6)}, "
          f"{torch.allclose(c, c_n[0], atol=1e-6)}")

    c_prev = torch.randn(2, 4, device=device, requires_grad=True)
    _, c_next, (i, f, o) = lstm_cell(x[:, 0], torch.randn(2, 4, device=device), c_prev, lstm)
    (grad,) = torch.autograd.grad(c_next.sum(), c_prev)
    print(f"gradient of c_t with respect to c_(t-1) equals f_t: {torch.allclose(grad, f)}")
    print("gates at this step, first sequence, one number per hidden unit:")
    for name, gate in [("input ", i), ("forget", f), ("output", o)]:
        print(f"  {name} gate: {[round(value, 4) for value in gate[0].tolist()]}")


if __name__ == "__main__":
    main()
