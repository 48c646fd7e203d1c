"""The mistake: out[padding:-padding] is empty when padding is 0, because -0 is 0."""
import torch


def pad_zeros(image, padding):
    height, width = image.shape
    out = torch.zeros(height + 2 * padding, width + 2 * padding)
    out[padding:-padding, padding:-padding] = image
    return out
