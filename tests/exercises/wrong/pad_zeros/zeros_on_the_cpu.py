"""The mistake: the zeros are made on the CPU (no device=), so a GPU image cannot be copied in."""
import torch


def pad_zeros(image, padding):
    height, width = image.shape
    out = torch.zeros(height + 2 * padding, width + 2 * padding)
    out[padding:padding + height, padding:padding + width] = image
    return out
