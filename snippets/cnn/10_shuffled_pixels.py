import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

SEEDS = [0, 1, 2]


def load_data():
    """The digits and the split of 09_digits_cnn.py."""
    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16  # (N, 1, 8, 8)
    labels = torch.tensor(digits.target)
    x_train, x_test, y_train, y_test = train_test_split(
        images, labels, test_size=0.25, random_state=0, stratify=labels)
    return [t.to(device) for t in (x_train, x_test, y_train, y_test)]


def shuffle_pixels(images, new_places):
    """Move every pixel to another place; the same new places for every image."""
    return images.flatten(1)[:, new_places].view(-1, 1, 8, 8)


def make_mlp():
    return nn.Sequential(
        nn.Flatten(),  # 64 pixels in a row: the MLP does not see which ones are neighbours
        nn.Linear(64, 80), nn.ReLU(),
        nn.Linear(80, 10),  # 6,010 weights and biases in all
    ).to(device)


def make_cnn():
    """The CNN of 09_digits_cnn.py: 6,090 weights and biases."""
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 2 * 2, 10),
    ).to(device)


def test_accuracy(make_model, data, seed, epochs=12, batch_size=64, lr=0.01):
    """Train as 09_digits_cnn.py trains, with this seed; return the test accuracy."""
    x_train, x_test, y_train, y_test = data
    torch.manual_seed(seed)
    model = make_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(x_train), generator=generator).to(device)
        for start in range(0, len(x_train), batch_size):
            batch = order[start:start + batch_size]
            loss = loss_fn(model(x_train[batch]), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        return (model(x_test).argmax(dim=1) == y_test).float().mean().item()


def main():
    print(f"Device: {device}")
    x_train, x_test, y_train, y_test = load_data()
    new_places = torch.randperm(64, generator=torch.Generator().manual_seed(0)).to(device)
    datasets = {
        "pixels in place": [x_train, x_test, y_train, y_test],
        "pixels shuffled": [shuffle_pixels(x_train, new_places),
                            shuffle_pixels(x_test, new_places), y_train, y_test],
    }
    print(f"test accuracy, {len(SEEDS)} runs each (seeds {SEEDS}): mean, lowest - highest")
    for name, make_model in [("MLP", make_mlp), ("CNN", make_cnn)]:
        for images, data in datasets.items():
            runs = [test_accuracy(make_model, data, seed) for seed in SEEDS]
            print(f"{name}, {images}: {sum(runs) / len(runs):.1%}, "
                  f"{min(runs):.1%} - {max(runs):.1%}")


if __name__ == "__main__":
    main()
