import torch
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def make_frame_cnn():
    """The two convolution blocks of 09_digits_cnn.py: one vector of 128 numbers per frame."""
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),  # 32 * 2 * 2 = 128
    ).to(device)


def frame_vectors(frame_cnn, clips):
    """clips: (clips, frames, 1, 8, 8) -> one vector per frame: (clips, frames, 128)."""
    n_clips, n_frames = clips.shape[0], clips.shape[1]
    images = clips.reshape(n_clips * n_frames, 1, 8, 8)  # all frames as one batch of images
    vectors = frame_cnn(images)  # (n_clips * n_frames, 128)
    return vectors.reshape(n_clips, n_frames, 128)


def main():
    print(f"Device: {device}")
    clips = torch.rand(4, 6, 1, 8, 8, device=device)  # 4 clips of 6 frames, 8 x 8 pixels each
    frame_cnn = make_frame_cnn()
    head = nn.Linear(128, 5).to(device)  # 5 classes of clips

    vectors = frame_vectors(frame_cnn, clips)
    summary = vectors.mean(dim=1)  # the average over the frames of each clip
    scores = head(summary)
    print(f"clips {tuple(clips.shape)} -> frame vectors {tuple(vectors.shape)}")
    print(f"average over the frames {tuple(summary.shape)} -> class scores {tuple(scores.shape)}")

    backwards = clips.flip(dims=[1])  # the same frames in the opposite order
    scores_backwards = head(frame_vectors(frame_cnn, backwards).mean(dim=1))
    print(f"frames in the opposite order, same scores: {torch.allclose(scores, scores_backwards)}")


if __name__ == "__main__":
    main()
