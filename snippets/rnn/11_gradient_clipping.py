import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def exploding_gradients(scale=6.0, length=40):
    """An RNN whose recurrent weights are `scale` times too big, and its gradients."""
    rnn = nn.RNN(input_size=1, hidden_size=32, batch_first=True).to(device)
    with torch.no_grad():
        rnn.weight_hh_l0.mul_(scale)
    xs = torch.randn(64, length, 1, device=device)
    output, _ = rnn(xs)
    output[:, -1].mean().backward()  # a simple loss, only to have gradients
    return rnn


def flat_gradient(model):
    return torch.cat([p.grad.flatten() for p in model.parameters()])


def main():
    print(f"Device: {device}")
    rnn = exploding_gradients()
    before = flat_gradient(rnn)
    norm = nn.utils.clip_grad_norm_(rnn.parameters(), max_norm=1.0)  # returns the old norm
    after = flat_gradient(rnn)
    print(f"gradient norm before clipping: {norm.item():.3g}")
    print(f"gradient norm after clipping: {after.norm().item():.4f}")
    cosine = nn.functional.cosine_similarity(before, after, dim=0).item()
    print(f"same direction (cosine similarity): {cosine:.4f}")
    largest = max(p.abs().max().item() for p in rnn.parameters())
    print(f"largest weight of the RNN: {largest:.2f}")
    lr = 0.01  # plain gradient descent (SGD): the change of a weight is lr * its gradient
    print(f"largest weight change of one SGD step with lr {lr}: "
          f"{lr * before.abs().max().item():.3g} without clipping, "
          f"{lr * after.abs().max().item():.3g} with clipping")


if __name__ == "__main__":
    main()
