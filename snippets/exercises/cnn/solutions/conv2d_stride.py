import torch


def conv2d_stride(image, kernel, stride):
    """Slide `kernel` over `image` in jumps of `stride` pixels, with loops (no padding).

    image: a tensor of shape (height, width). kernel: a tensor of shape (k, k). stride: an int.
    Returns a tensor of shape ((height - k) // stride + 1, (width - k) // stride + 1).
    Its value at [i, j] is the sum of kernel * the k x k window of the image whose top-left
    pixel is image[i * stride, j * stride].
    """
    k = kernel.shape[0]
    rows = (image.shape[0] - k) // stride + 1
    cols = (image.shape[1] - k) // stride + 1
    out = torch.zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            top, left = i * stride, j * stride
            out[i, j] = (image[top:top + k, left:left + k] * kernel).sum()
    return out
