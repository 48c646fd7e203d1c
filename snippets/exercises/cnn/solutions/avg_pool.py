import torch


def avg_pool(x, size):
    """The mean of each size x size block of x. The blocks do not overlap.

    x: a tensor of shape (height, width).
    Returns a tensor of shape (height // size, width // size). Rows and
    columns left over at the bottom and on the right are not used.
    """
    rows, cols = x.shape[0] // size, x.shape[1] // size
    out = x.new_zeros(rows, cols)  # on the device of x, with its dtype
    for i in range(rows):
        for j in range(cols):
            out[i, j] = x[i * size:(i + 1) * size, j * size:(j + 1) * size].mean()
    return out
