import torch


def conv2d_stride(image, kernel, stride):
    """Slide the kernel over the image in jumps of `stride` pixels, by loops.

    image: a tensor of shape (height, width). kernel: (k, k). No padding.
    Returns a tensor of shape (rows, cols), with
    rows = (height - k) // stride + 1 and cols = (width - k) // stride + 1.
    Its value at [i, j] is the sum of kernel * window, where window is the
    k x k block of the image that starts at [i * stride, j * stride].
    """
    k = kernel.shape[0]
    rows = (image.shape[0] - k) // stride + 1
    cols = (image.shape[1] - k) // stride + 1
    out = image.new_zeros(rows, cols)  # on the device of the image, with its dtype
    for i in range(rows):
        for j in range(cols):
            top, left = i * stride, j * stride
            out[i, j] = (image[top:top + k, left:left + k] * kernel).sum()
    return out
