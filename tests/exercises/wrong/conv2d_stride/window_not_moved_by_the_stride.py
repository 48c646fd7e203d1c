"""The mistake: the window starts at image[i, j], not at image[i * stride, j * stride]."""
import torch


def conv2d_stride(image, kernel, stride):
    k = kernel.shape[0]
    rows = (image.shape[0] - k) // stride + 1
    cols = (image.shape[1] - k) // stride + 1
    out = torch.zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = (image[i:i + k, j:j + k] * kernel).sum()
    return out
