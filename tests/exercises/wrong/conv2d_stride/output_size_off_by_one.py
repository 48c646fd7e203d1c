"""The mistake: the output size is (height - k) // stride, without the + 1."""
import torch


def conv2d_stride(image, kernel, stride):
    k = kernel.shape[0]
    rows = (image.shape[0] - k) // stride
    cols = (image.shape[1] - k) // stride
    out = torch.zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            top, left = i * stride, j * stride
            out[i, j] = (image[top:top + k, left:left + k] * kernel).sum()
    return out
