import torch
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def to_tensors(X, y):
    return torch.tensor(X, dtype=torch.float32, device=device), torch.tensor(y, device=device)


def make_data():
    X, y = make_moons(n_samples=1000, noise=0.15, random_state=0)  # 2 features, 2 classes
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
    return to_tensors(X_train, y_train), to_tensors(X_test, y_test)


def make_mlp():
    return nn.Sequential(
        nn.Linear(2, 16), nn.ReLU(),  # input -> hidden layer 1
        nn.Linear(16, 16), nn.ReLU(),  # hidden layer 1 -> hidden layer 2
        nn.Linear(16, 2),  # hidden layer 2 -> output: one score per class
    ).to(device)


def accuracy(model, X, y):
    with torch.no_grad():
        predictions = model(X).argmax(dim=1)  # the class with the higher score
    return (predictions == y).float().mean().item()  # the share of correct answers


def train(model, X, y, steps=300, lr=0.1):
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    losses = []
    for _ in range(steps):
        loss = loss_fn(model(X), y)  # forward pass and loss
        optimizer.zero_grad()
        loss.backward()  # backpropagation
        optimizer.step()  # gradient descent step
        losses.append(loss.item())
    return losses


def main():
    print(f"Device: {device}")
    (X_train, y_train), (X_test, y_test) = make_data()
    print(f"train {len(X_train)} points, test {len(X_test)} points")
    model = make_mlp()
    print(f"parameters (weights and biases): {sum(p.numel() for p in model.parameters())}")
    losses = train(model, X_train, y_train)
    for step in (0, 50, 100, 200, 299):
        print(f"step {step:4d}: loss {losses[step]:.3f}")
    print(f"train accuracy: {accuracy(model, X_train, y_train):.0%}")
    print(f"test accuracy:  {accuracy(model, X_test, y_test):.0%}")


if __name__ == "__main__":
    main()
