import torch


def conv2d_stride(image, kernel, stride):
    """Slide the kernel over the image in jumps of `stride` pixels, by loops.

    image: a tensor of shape (height, width). kernel: (k, k). No padding.
    Returns a tensor of shape (rows, cols), with
    rows = (height - k) // stride + 1 and cols = (width - k) // stride + 1.
    Its value at [i, j] is the sum of kernel * window, where window is the
    k x k block of the image that starts at [i * stride, j * stride].
    """
    raise NotImplementedError
