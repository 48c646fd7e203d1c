import torch
import torch.nn.functional as F

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

SOBEL_X = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]  # left-to-right change: vertical edges


def square_image(size=8, start=2, stop=6):
    """A dark image (0) with a bright square (1) in rows and columns start..stop-1."""
    image = torch.zeros(size, size, device=device)
    image[start:stop, start:stop] = 1.0
    return image


def sobel(image):
    """Horizontal and vertical change at every pixel; padding=1 keeps the size."""
    kx = torch.tensor(SOBEL_X, dtype=torch.float32, device=device)
    kernels = torch.stack([kx, kx.T])[:, None]  # (2 filters, 1 channel, 3, 3)
    gx, gy = F.conv2d(image[None, None], kernels, padding=1)[0]
    return gx, gy, torch.sqrt(gx**2 + gy**2)


def main():
    print(f"Device: {device}")
    image = square_image()
    gx, gy, magnitude = sobel(image)
    print("image:")
    print(image.int().cpu().numpy())
    print("Sobel x (vertical edges):")
    print(gx.int().cpu().numpy())
    print("Sobel y (horizontal edges):")
    print(gy.int().cpu().numpy())
    print(f"largest edge strength: {magnitude.max().item():.2f}")


if __name__ == "__main__":
    main()
