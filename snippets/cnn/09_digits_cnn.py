import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def load_data():
    """8 x 8 grey images of handwritten digits, scaled to 0..1; a fixed 75% / 25% split."""
    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16  # (N, 1, 8, 8)
    labels = torch.tensor(digits.target)
    x_train, x_test, y_train, y_test = train_test_split(
        images, labels, test_size=0.25, random_state=0, stratify=labels)
    return [t.to(device) for t in (x_train, x_test, y_train, y_test)]


def make_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1),  # (1, 8, 8) -> (16, 8, 8)
        nn.ReLU(),
        nn.MaxPool2d(2),  # -> (16, 4, 4)
        nn.Conv2d(16, 32, kernel_size=3, padding=1),  # -> (32, 4, 4)
        nn.ReLU(),
        nn.MaxPool2d(2),  # -> (32, 2, 2)
        nn.Flatten(),  # -> 128
        nn.Linear(32 * 2 * 2, 10),  # -> 10 class scores
    ).to(device)


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def train(data, epochs=12, batch_size=64, lr=0.01):
    x_train, x_test, y_train, y_test = data
    model = make_cnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(0)
    for _ in range(epochs):
        order = torch.randperm(len(x_train), generator=generator).to(device)
        for start in range(0, len(x_train), batch_size):
            batch = order[start:start + batch_size]
            loss = loss_fn(model(x_train[batch]), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model, accuracy(model, x_train, y_train), accuracy(model, x_test, y_test)


def feature_maps(model, image):
    """What the first convolution (and its ReLU) makes of one (1, 8, 8) image: (16, 8, 8)."""
    with torch.no_grad():
        return model[:2](image[None])[0]


def main():
    print(f"Device: {device}")
    data = load_data()
    print(f"train images: {len(data[0])}, test images: {len(data[1])}")
    model, train_acc, test_acc = train(data)
    print(f"parameters: {sum(p.numel() for p in model.parameters())}")
    print(f"train accuracy: {train_acc:.0%}")
    print(f"test accuracy: {test_acc:.0%}")

    kernels = model[0].weight.detach().cpu()  # (16, 1, 3, 3); index 11 is kernel 12
    print("kernel 12 of the first layer:")
    print(kernels[11, 0].numpy().round(1))
    _, x_test, _, y_test = data
    maps = feature_maps(model, x_test[0]).cpu()
    print(f"feature maps of the first test image, a {y_test[0]}: {tuple(maps.shape)}")
    print("largest value in each map:", " ".join(f"{m.max():.1f}" for m in maps))


if __name__ == "__main__":
    main()
