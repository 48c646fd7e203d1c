import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], device=device)
y = torch.tensor([0, 1, 1, 0], device=device)  # XOR: class 1 when exactly one input is 1


def make_models():
    return {
        "no hidden layer": nn.Sequential(nn.Linear(2, 2)),
        "hidden layer of 8 with ReLU": nn.Sequential(
            nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2)),
    }


def train(model, steps=500, lr=0.1):
    model = model.to(device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    for _ in range(steps):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def probability_of_class_1(model):
    with torch.no_grad():
        return torch.softmax(model(X), dim=1)[:, 1]


def main():
    print(f"Device: {device}")
    print(f"inputs {X.tolist()}, classes {y.tolist()}")
    for name, model in make_models().items():
        loss = train(model)
        p = [round(v, 2) for v in probability_of_class_1(model).tolist()]
        print(f"{name:27s} loss {loss:.3f}, probability of class 1: {p}")


if __name__ == "__main__":
    main()
