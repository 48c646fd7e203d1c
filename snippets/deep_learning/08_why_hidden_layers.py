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


def make_models():
    return {
        "no hidden layer": nn.Sequential(nn.Linear(2, 2)),
        "2 hidden layers, no activation": nn.Sequential(
            nn.Linear(2, 16), nn.Linear(16, 16), nn.Linear(16, 2)),
        "2 hidden layers with ReLU": nn.Sequential(
            nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2)),
    }


def train_and_test(model, train_data, test_data, steps=300, lr=0.1):
    (X, y), (X_test, y_test) = train_data, test_data
    model = model.to(device)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    for _ in range(steps):
        loss = loss_fn(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        predictions = model(X_test).argmax(dim=1)  # the class with the higher score
    return (predictions == y_test).float().mean().item()  # the share of correct answers


def main():
    print(f"Device: {device}")
    train_data, test_data = make_data()
    for name, model in make_models().items():
        accuracy = train_and_test(model, train_data, test_data)
        print(f"{name:31s} test accuracy {accuracy:.0%}")


if __name__ == "__main__":
    main()
