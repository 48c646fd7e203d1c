import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"

FEATURE_MAP = [
    [1, 3, 2, 0],
    [4, 2, 1, 1],
    [0, 1, 5, 2],
    [2, 0, 3, 4],
]


def max_pool_loops(x, size=2):
    """The largest value of each size x size block; the blocks do not overlap (stride = size)."""
    rows, cols = x.shape[0] // size, x.shape[1] // size
    out = x.new_zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = x[i * size:(i + 1) * size, j * size:(j + 1) * size].max()
    return out


def one_dot(row, col):
    """A 4 x 4 map that is zero except for a single 1."""
    x = torch.zeros(4, 4, device=device)
    x[row, col] = 1.0
    return x


def main():
    print(f"Device: {device}")
    x = torch.tensor(FEATURE_MAP, dtype=torch.float32, device=device)
    by_loops = max_pool_loops(x)
    print("by loops:")
    print(by_loops.int().cpu().numpy())
    print(f"equal to F.max_pool2d: {torch.equal(by_loops, F.max_pool2d(x[None, None], 2)[0, 0])}")
    print(f"equal to nn.MaxPool2d: {torch.equal(by_loops, nn.MaxPool2d(2)(x[None, None])[0, 0])}")

    start = max_pool_loops(one_dot(0, 0))
    same_block = max_pool_loops(one_dot(1, 1))
    next_block = max_pool_loops(one_dot(0, 2))
    print(f"dot moved inside its block, pooled map unchanged: {torch.equal(start, same_block)}")
    print(f"dot moved to the next block, pooled map unchanged: {torch.equal(start, next_block)}")


if __name__ == "__main__":
    main()
