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
        nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2),
    ).to(device)


def train(model, X, y, momentum, steps=300, lr=0.1):
    """Each step uses all training points. Returns the loss of the last step."""
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    for _ in range(steps):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def accuracy(model, X, y):
    with torch.no_grad():
        predictions = model(X).argmax(dim=1)  # the class with the higher score
    return (predictions == y).float().mean().item()  # the share of correct answers


def main():
    print(f"Device: {device}")
    (X_train, y_train), (X_test, y_test) = make_data()
    print("loss after 300 steps, test accuracy")
    for seed in (0, 1, 2):
        for momentum in (0.0, 0.9):
            torch.manual_seed(seed)  # the same starting weights for both runs
            model = make_mlp()
            loss = train(model, X_train, y_train, momentum)
            print(f"seed {seed}, momentum {momentum}: loss {loss:.3f}, "
                  f"test accuracy {accuracy(model, X_test, y_test):.0%}")


if __name__ == "__main__":
    main()
