import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


class VideoClassifier(nn.Module):
    """A CNN turns each frame into a vector; a GRU reads the vectors in time order."""

    def __init__(self, classes=5):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),  # one vector of 32 * 2 * 2 = 128 numbers per frame
        )
        self.gru = nn.GRU(input_size=128, hidden_size=64, batch_first=True)
        self.head = nn.Linear(64, classes)

    def forward(self, clips):
        batch, frames = clips.shape[:2]  # clips: (batch, frames, 1, 8, 8)
        per_frame = self.cnn(clips.flatten(0, 1))  # every frame of every clip at once
        sequence = per_frame.view(batch, frames, -1)  # (batch, frames, 128)
        _, last_state = self.gru(sequence)  # (1, batch, 64): a summary of the whole clip
        return self.head(last_state[0])


def main():
    print(f"Device: {device}")
    clips = torch.rand(4, 6, 1, 8, 8, device=device)  # 4 clips of 6 frames, 8 x 8 pixels each
    model = VideoClassifier().to(device)
    frame_vectors = model.cnn(clips.flatten(0, 1))
    print(f"clips {tuple(clips.shape)}")
    print(f"CNN on every frame -> {tuple(frame_vectors.shape)}")
    print(f"back into sequences -> {tuple(frame_vectors.view(4, 6, -1).shape)}")
    print(f"GRU and head -> class scores {tuple(model(clips).shape)}")


if __name__ == "__main__":
    main()
