import torch


def pad_zeros(image, padding):
    """The image with `padding` rings of zeros around it, without F.pad.

    image: a tensor of shape (height, width). padding: an int, 0 or more.
    Returns a tensor of shape (height + 2 * padding, width + 2 * padding).
    """
    height, width = image.shape
    out = image.new_zeros(height + 2 * padding, width + 2 * padding)  # same device and dtype
    out[padding:padding + height, padding:padding + width] = image
    return out
