"""The claims of the lesson "Convolutional networks" (docs/en/lessons/convolutional-networks.md)."""

import re

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from conftest import ROOT
from figures.cnn import trained
from snippet_output import import_snippet

OUT = ROOT / "snippets" / "cnn"


def stored(name):
    return (OUT / name).read_text(encoding="utf-8")


def test_conv_by_loops_equals_F_conv2d():
    snippet = import_snippet("cnn/01_convolution_by_loops.py")
    image = torch.tensor(snippet.IMAGE, dtype=torch.float32)
    kernel = torch.tensor(snippet.KERNEL, dtype=torch.float32)
    assert torch.equal(snippet.conv2d_loops(image, kernel), snippet.conv2d_torch(image, kernel))
    for _ in range(3):
        image, kernel = torch.randn(7, 6), torch.randn(3, 3)
        assert torch.allclose(snippet.conv2d_loops(image, kernel),
                              snippet.conv2d_torch(image, kernel), atol=1e-5)


def test_worked_example_top_left_value_is_a_sum_of_products():
    snippet = import_snippet("cnn/01_convolution_by_loops.py")
    window = [row[:3] for row in snippet.IMAGE[:3]]
    by_hand = sum(w * k for wr, kr in zip(window, snippet.KERNEL) for w, k in zip(wr, kr))
    assert by_hand == 4
    assert "[[ 4  6  4]" in stored("01_convolution_by_loops.out")


def test_pytorch_conv_is_cross_correlation_without_kernel_flip():
    snippet = import_snippet("cnn/01_convolution_by_loops.py")
    image = torch.tensor(snippet.IMAGE, dtype=torch.float32)
    kernel = torch.tensor(snippet.KERNEL, dtype=torch.float32)
    flipped = torch.flip(kernel, dims=[0, 1])
    by_loops = snippet.conv2d_loops(image, kernel)
    assert not torch.equal(by_loops, snippet.conv2d_torch(image, flipped))
    assert "equal with the kernel flipped: False" in stored("01_convolution_by_loops.out")


def test_sobel_responds_at_the_edges_and_is_zero_in_flat_regions():
    snippet = import_snippet("cnn/02_sobel_edges.py")
    image = snippet.square_image(size=8, start=2, stop=6)
    gx, _, magnitude = (t.cpu() for t in snippet.sobel(image))
    # Every pixel on the square's border, and every pixel just outside its sides, responds
    for i in range(2, 6):
        for j in (1, 2, 5, 6):
            assert magnitude[i, j] > 0.5 and magnitude[j, i] > 0.5
    assert gx[3, 2] > 0 > gx[3, 5], "dark-to-bright is positive, bright-to-dark negative"
    # Flat regions: inside the square (rows/cols 3..4) and the outer border of the image
    assert magnitude[3:5, 3:5].abs().max() < 1e-6
    for border in (magnitude[0], magnitude[-1], magnitude[:, 0], magnitude[:, -1]):
        assert border.abs().max() < 1e-6


def test_max_pooling_by_hand_equals_pytorch():
    snippet = import_snippet("cnn/05_max_pooling.py")
    x = torch.tensor(snippet.FEATURE_MAP, dtype=torch.float32)
    assert torch.equal(snippet.max_pool_loops(x), F.max_pool2d(x[None, None], 2)[0, 0])
    assert torch.equal(snippet.max_pool_loops(x), torch.tensor([[4.0, 2.0], [2.0, 5.0]]))
    x = torch.randn(6, 8)
    assert torch.equal(snippet.max_pool_loops(x), nn.MaxPool2d(2)(x[None, None])[0, 0])


def test_max_pooling_tolerates_a_shift_inside_its_block_only():
    out = stored("05_max_pooling.out")
    assert "dot moved inside its block, pooled map unchanged: True" in out
    assert "dot moved to the next block, pooled map unchanged: False" in out


@pytest.mark.parametrize("n", [5, 8, 13, 28])
@pytest.mark.parametrize("k, p, s", [(2, 0, 2), (3, 1, 1), (3, 1, 2), (3, 0, 3), (5, 2, 1)])
def test_output_size_formula_equals_real_layers(n, k, p, s):
    snippet = import_snippet("cnn/03_output_size.py")
    conv, pool = snippet.measured_sizes(n, k, p, s)
    assert snippet.output_size(n, k, p, s) == conv == pool


def test_output_size_table_on_the_page_is_right():
    snippet = import_snippet("cnn/03_output_size.py")
    rows = re.findall(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+) \|\s+(\d+)\s+(\d+)\s+(\d+)$",
                      stored("03_output_size.out"), flags=re.MULTILINE)
    assert len(rows) == len(snippet.CASES)
    for n, k, p, s, formula, conv, pool in (map(int, row) for row in rows):
        assert formula == conv == pool == (n + 2 * p - k) // s + 1


def test_conv_with_channels_by_loops_equals_F_conv2d():
    snippet = import_snippet("cnn/04_channels_in_and_out.py")
    for stride, padding in [(1, 0), (1, 1), (2, 1), (3, 2)]:
        x, weight, bias = torch.randn(3, 7, 7), torch.randn(4, 3, 3, 3), torch.randn(4)
        expected = F.conv2d(x[None], weight, bias, stride=stride, padding=padding)[0]
        got = snippet.conv2d_loops(x, weight, bias, stride=stride, padding=padding)
        assert got.shape == expected.shape
        assert torch.allclose(got, expected, atol=1e-5)


def test_parameter_counts_are_right_and_conv_is_smaller():
    snippet = import_snippet("cnn/06_parameter_count.py")
    rows = re.findall(r"^(.+?)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)$",
                      stored("06_parameter_count.out"), flags=re.MULTILINE)
    assert [name for name, *_ in rows] == [name for name, *_ in snippet.LAYERS]
    for (name, conv, dense, ratio), (_, c_in, c_out, n, k) in zip(rows, snippet.LAYERS):
        conv, dense, ratio = (int(v.replace(",", "")) for v in (conv, dense, ratio))
        assert conv == c_out * (c_in * k * k + 1)
        assert dense == (c_in * n * n) * (c_out * n * n) + c_out * n * n
        assert conv < dense and ratio == dense // conv
        layer = nn.Conv2d(c_in, c_out, k, padding=k // 2)
        assert conv == sum(p.numel() for p in layer.parameters())


def test_conv_parameter_count_does_not_depend_on_image_size():
    snippet = import_snippet("cnn/06_parameter_count.py")
    layer = nn.Conv2d(1, 16, 3, padding=1)
    for n in (8, 28, 100):
        assert layer(torch.zeros(1, 1, n, n)).shape == (1, 16, n, n)
    assert sum(p.numel() for p in layer.parameters()) == snippet.conv_params(1, 16, 3) == 160
    # A dense layer with the same input and output grows with the fourth power of the side
    assert snippet.dense_params(1, 16, 28) > 100 * snippet.dense_params(1, 16, 8)


def test_cnn_reaches_97_percent_on_digits():
    out = stored("07_digits_cnn.out")
    test_accuracy = int(re.search(r"test accuracy: (\d+)%", out).group(1))
    assert test_accuracy >= 97
    assert "train images: 1347, test images: 450" in out


def test_digits_cnn_shapes_and_parameter_count():
    snippet = import_snippet("cnn/07_digits_cnn.py")
    model = snippet.make_cnn().cpu()
    x = torch.zeros(5, 1, 8, 8)
    assert model[:3](x).shape == (5, 16, 4, 4)
    assert model[:6](x).shape == (5, 32, 2, 2)
    assert model(x).shape == (5, 10)
    assert sum(p.numel() for p in model.parameters()) == 160 + 4640 + 1290
    assert "parameters: 6090" in stored("07_digits_cnn.out")


def test_video_model_runs_a_cnn_on_every_frame_then_a_gru():
    snippet = import_snippet("cnn/08_cnn_on_video_frames.py")
    model = snippet.VideoClassifier(classes=5).cpu()
    assert model(torch.rand(3, 7, 1, 8, 8)).shape == (3, 5)
    assert "CNN on every frame -> (24, 128)" in stored("08_cnn_on_video_frames.out")


@pytest.fixture(scope="module")
def trained_digits_cnn():
    """The model of 07_digits_cnn.py, trained as `python 07_digits_cnn.py` trains it: the
    same run that the figures of the lesson show (trained once per test process)."""
    return trained()


def edge_contrast(kernel):
    """How strongly one side of a 3 x 3 kernel differs from the opposite side (4 directions)."""
    top_bottom = kernel[0].mean() - kernel[2].mean()
    left_right = kernel[:, 0].mean() - kernel[:, 2].mean()
    upper_left = (kernel[0, 0] + kernel[0, 1] + kernel[1, 0]) / 3
    upper_right = (kernel[0, 2] + kernel[0, 1] + kernel[1, 2]) / 3
    lower_right = (kernel[2, 2] + kernel[2, 1] + kernel[1, 2]) / 3
    lower_left = (kernel[2, 0] + kernel[2, 1] + kernel[1, 0]) / 3
    return max(abs(top_bottom), abs(left_right), abs(upper_left - lower_right),
               abs(upper_right - lower_left))


def test_trained_cnn_reaches_97_percent_when_called_as_a_function(trained_digits_cnn):
    _, _, test_accuracy, _, _ = trained_digits_cnn
    assert test_accuracy >= 0.97


def test_first_layer_learns_edge_detectors(trained_digits_cnn):
    """The page: many kernels are positive on one side and negative on the other."""
    snippet, model, _, _, _ = trained_digits_cnn
    learned = model[0].weight.detach()[:, 0]
    assert sum(edge_contrast(k) > 0.5 for k in learned) >= 10
    random_kernels = snippet.make_cnn()[0].weight.detach()[:, 0].cpu()
    assert sum(edge_contrast(k) > 0.5 for k in random_kernels) == 0
    if snippet.device != "cpu":
        pytest.skip("the page names kernels of the CPU run; another device trains other numbers")
    # Kernels named on the page (numbered from 1)
    k2, k9, k11, k12 = learned[1], learned[8], learned[10], learned[11]
    assert k12[0].mean() > 0.3 > -0.3 > k12[2].mean(), "kernel 12: lower edges"
    assert k2[2].mean() - k2[0].mean() > 0.5 and k2[2].mean() > 0.3, "kernel 2: upper edges"
    for kernel in (k9, k11):
        assert kernel[0, :2].mean() > 0 > kernel[1:, 2].mean(), "kernels 9, 11: diagonal edges"


def test_feature_maps_of_the_test_digit_shown_on_the_page(trained_digits_cnn):
    snippet, model, _, x_test, y_test = trained_digits_cnn
    if snippet.device != "cpu":
        pytest.skip("the page describes the maps of the CPU run; another device trains others")
    assert int(y_test[0]) == 2
    maps = snippet.feature_maps(model, x_test[0])
    assert maps.shape == (16, 8, 8)
    assert maps[3].max() == 0, "map 4 is dark"
    assert maps[4].max() == maps[4][7].max(), "map 5 is brightest in the bottom row"
    assert maps[6][:, :4].max() == 0 < maps[6][:7, 6].min(), "map 7: the right edge of the stroke"
