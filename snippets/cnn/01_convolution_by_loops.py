import torch
import torch.nn.functional as F

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

IMAGE = [
    [1, 2, 0, 1, 3],
    [0, 1, 3, 1, 0],
    [2, 1, 0, 2, 1],
    [1, 0, 1, 3, 2],
    [0, 2, 1, 0, 1],
]
KERNEL = [
    [1, 2, 0],
    [0, 1, 0],
    [-1, 0, 1],
]


def conv2d_loops(image, kernel):
    """Slide the kernel over the image; each output is a sum of products (no padding, stride 1)."""
    k = kernel.shape[0]
    rows, cols = image.shape[0] - k + 1, image.shape[1] - k + 1
    out = image.new_zeros(rows, cols)  # zeros on the device of the image, with its dtype
    for i in range(rows):
        for j in range(cols):
            window = image[i:i + k, j:j + k]
            out[i, j] = (window * kernel).sum()
    return out


def conv2d_torch(image, kernel):
    """The same with PyTorch, which wants (batch, channels, height, width) tensors."""
    return F.conv2d(image[None, None], kernel[None, None])[0, 0]


def main():
    print(f"Device: {device}")
    image = torch.tensor(IMAGE, dtype=torch.float32, device=device)
    kernel = torch.tensor(KERNEL, dtype=torch.float32, device=device)

    by_loops = conv2d_loops(image, kernel)
    by_torch = conv2d_torch(image, kernel)
    print("by loops:")
    print(by_loops.int().cpu().numpy())
    print("F.conv2d:")
    print(by_torch.int().cpu().numpy())
    print(f"equal: {torch.equal(by_loops, by_torch)}")

    flipped = torch.flip(kernel, dims=[0, 1])  # the textbook convolution flips the kernel
    print(f"equal with the kernel flipped: {torch.equal(by_loops, conv2d_torch(image, flipped))}")


if __name__ == "__main__":
    main()
