import torch


def conv2d_stride(image, kernel, stride):
    """Slide `kernel` over `image` in jumps of `stride` pixels, with loops (no padding).

    image: a tensor of shape (height, width). kernel: a tensor of shape (k, k). stride: an int.
    Returns a tensor of shape ((height - k) // stride + 1, (width - k) // stride + 1).
    Its value at [i, j] is the sum of kernel * the k x k window of the image whose top-left
    pixel is image[i * stride, j * stride].
    """
    raise NotImplementedError
