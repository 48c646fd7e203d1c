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
PAGE = ROOT / "docs" / "en" / "lessons" / "convolutional-networks.md"


def stored(name):
    return (OUT / name).read_text(encoding="utf-8")


def page():
    return " ".join(PAGE.read_text(encoding="utf-8").split())  # line breaks as spaces


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


def test_output_is_not_normalised_but_edge_kernels_sum_to_zero():
    """The page: a flat patch of 3s gives 12 with the figure's kernel; Sobel gives 0 there."""
    snippet = import_snippet("cnn/01_convolution_by_loops.py")
    kernel = torch.tensor(snippet.KERNEL, dtype=torch.float32)
    flat = torch.full((3, 3), 3.0)
    assert snippet.conv2d_loops(flat, kernel).item() == 12 == 3 * kernel.sum()
    assert "a flat patch in which every pixel is 3 gives" in page()
    assert r"3 \cdot 4 = 12" in page()
    sobel_x = torch.tensor(import_snippet("cnn/02_sobel_edges.py").SOBEL_X, dtype=torch.float32)
    for edge_kernel in (sobel_x, sobel_x.T):
        assert edge_kernel.sum() == 0
        for brightness in (0.5, 3.0, 100.0):
            assert snippet.conv2d_loops(torch.full((3, 3), brightness), edge_kernel).item() == 0


def test_new_tensors_take_the_dtype_of_the_input():
    """Loops that build their output must make it like their input (device and dtype), or
    they break on a GPU. Without a GPU, a float64 input shows the same mistake."""
    image, kernel = torch.randn(6, 7, dtype=torch.float64), torch.randn(3, 3, dtype=torch.float64)
    loops = import_snippet("cnn/01_convolution_by_loops.py")
    assert loops.conv2d_loops(image, kernel).dtype == torch.float64
    pooling = import_snippet("cnn/05_max_pooling.py")
    assert pooling.max_pool_loops(image).dtype == torch.float64
    channels = import_snippet("cnn/04_channels_in_and_out.py")
    x, weight, bias = (torch.randn(shape, dtype=torch.float64) for shape in [(2, 5, 5),
                                                                            (3, 2, 3, 3), (3,)])
    assert channels.conv2d_loops(x, weight, bias).dtype == torch.float64
    solutions = "exercises/cnn/solutions"
    assert import_snippet(f"{solutions}/conv2d_stride.py").conv2d_stride(image, kernel, 2).dtype \
        == torch.float64
    assert import_snippet(f"{solutions}/pad_zeros.py").pad_zeros(image, 1).dtype == torch.float64
    assert import_snippet(f"{solutions}/avg_pool.py").avg_pool(image, 2).dtype == torch.float64


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
    # The alt text of the figure names the maxima block by block, row by row: 4, 2, 2 and 5
    maxima = [str(int(v)) for v in snippet.max_pool_loops(x).flatten()]
    named = ", ".join(maxima[:-1]) + " and " + maxima[-1]
    assert f"largest number of each block, {named}, is bold" in page()
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


@pytest.mark.parametrize("k", [3, 5, 7])
def test_padding_half_the_kernel_keeps_the_size_only_with_stride_1(k):
    snippet = import_snippet("cnn/03_output_size.py")
    p = (k - 1) // 2
    for n in (8, 13, 28):
        assert snippet.output_size(n, k, p, 1) == n
        assert snippet.output_size(n, k, p, 2) < n
    assert "with stride 1, an odd kernel size $k$ with $p = (k - 1) / 2$ keeps the size" in page()


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


def test_the_feature_map_moves_with_the_input():
    """Any kernel: the map of a moved image is the moved map (away from the border)."""
    snippet = import_snippet("cnn/06_shifted_input.py")
    image = torch.zeros(1, 1, 12, 12)
    image[0, 0, 2:6, 3] = 1.0
    image[0, 0, 5, 3:6] = 1.0
    for _ in range(3):
        kernel = torch.randn(1, 1, 3, 3)
        for down, right in [(0, 1), (3, 4), (2, 0)]:
            assert torch.allclose(F.conv2d(snippet.move(image, down, right), kernel, padding=1),
                                  snippet.move(F.conv2d(image, kernel, padding=1), down, right))
    assert "map of the moved image equals the moved map: True" in stored("06_shifted_input.out")


def test_several_poolings_tolerate_larger_shifts():
    """The table of 06: rows are shifts of 1, 2, 3 pixels; columns 1, 2, 3 poolings."""
    snippet = import_snippet("cnn/06_shifted_input.py")
    rows = re.findall(r"^\s+(\d) \|\s+(\d+)%\s+(\d+)%\s+(\d+)%$", stored("06_shifted_input.out"),
                      flags=re.MULTILINE)
    table = {int(shift): [int(v) for v in shares] for shift, *shares in rows}
    assert sorted(table) == [1, 2, 3]
    for shift, shares in table.items():
        assert shares == sorted(shares), "more poolings, more unchanged maps"
        assert shares == [round(100 * snippet.unchanged_share(shift, times)) for times in (1, 2, 3)]
    # The page: about half after one pooling; no two-pixel move; then most moves
    assert 45 <= table[1][0] <= 55 and table[2][0] == table[3][0] == 0
    assert table[1][1] > 50 and table[2][1] > 50
    assert min(table[1][2], table[2][2], table[3][2]) > 50


def test_adam_steps_have_the_size_of_lr_whatever_the_gradient_scale():
    snippet = import_snippet("cnn/08_adam_step_size.py")
    for scale in (1e-3, 1.0, 1e3):
        steps = snippet.adam_steps([scale] * 5)
        assert all(abs(step + 1) < 0.01 for step in steps), (scale, steps)
    alternating = snippet.adam_steps([1.0, -1.0] * 3)
    assert abs(alternating[0] + 1) < 0.01
    assert all(abs(step) < 0.5 for step in alternating[1:]), alternating
    out = stored("08_adam_step_size.out")
    for row in ("0.001 every time", "1000 every time"):
        assert re.search(rf"^{row}\s+\|(\s+-1\.00){{5}}$", out, flags=re.MULTILINE)


def test_parameter_counts_are_right_and_conv_is_smaller():
    snippet = import_snippet("cnn/07_parameter_count.py")
    rows = re.findall(r"^(.+?)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)$",
                      stored("07_parameter_count.out"), flags=re.MULTILINE)
    assert [name for name, *_ in rows] == [name for name, *_ in snippet.LAYERS]
    for (name, conv, dense, ratio), (_, c_in, c_out, n, k) in zip(rows, snippet.LAYERS):
        conv, dense, ratio = (int(v.replace(",", "")) for v in (conv, dense, ratio))
        assert conv == c_out * (c_in * k * k + 1)
        assert dense == (c_in * n * n) * (c_out * n * n) + c_out * n * n
        assert conv < dense and ratio == dense // conv
        layer = nn.Conv2d(c_in, c_out, k, padding=k // 2)
        assert conv == sum(p.numel() for p in layer.parameters())


def test_conv_parameter_count_does_not_depend_on_image_size():
    snippet = import_snippet("cnn/07_parameter_count.py")
    layer = nn.Conv2d(1, 16, 3, padding=1)
    for n in (8, 28, 100):
        assert layer(torch.zeros(1, 1, n, n)).shape == (1, 16, n, n)
    assert sum(p.numel() for p in layer.parameters()) == snippet.conv_params(1, 16, 3) == 160
    # A dense layer with the same input and output grows with the fourth power of the side
    assert snippet.dense_params(1, 16, 28) > 100 * snippet.dense_params(1, 16, 8)


def test_cnn_reaches_97_percent_on_digits():
    out = stored("09_digits_cnn.out")
    test_accuracy = int(re.search(r"test accuracy: (\d+)%", out).group(1))
    assert test_accuracy >= 97
    assert "train images: 1347, test images: 450" in out


def test_digits_cnn_shapes_and_parameter_count():
    snippet = import_snippet("cnn/09_digits_cnn.py")
    model = snippet.make_cnn().cpu()
    x = torch.zeros(5, 1, 8, 8)
    assert model[:3](x).shape == (5, 16, 4, 4)
    assert model[:6](x).shape == (5, 32, 2, 2)
    assert model(x).shape == (5, 10)
    assert sum(p.numel() for p in model.parameters()) == 160 + 4640 + 1290
    assert "parameters: 6090" in stored("09_digits_cnn.out")


def test_digits_prints_kernel_12_and_the_feature_maps():
    out = stored("09_digits_cnn.out")
    assert "feature maps of the first test image, a 2: (16, 8, 8)" in out
    largest = re.search(r"largest value in each map: (.+)$", out, flags=re.MULTILINE).group(1)
    assert len(largest.split()) == 16 and largest.split()[3] == "0.0", "map 4 is dark"
    top, _, bottom = re.search(r"kernel 12 of the first layer:\n(.+)\n(.+)\n(.+)\n", out).groups()
    assert all(float(v) > 0 for v in top.strip(" []").split()), "kernel 12: positive top row"
    assert all(float(v) < 0 for v in bottom.strip(" []").split()), "negative bottom row"


def test_shuffled_pixels_hurt_the_cnn_and_not_the_mlp():
    """The experiment of 10: mean test accuracy over three seeds, as stored."""
    out = stored("10_shuffled_pixels.out")
    mean = {(model, images): float(value) for model, images, value in re.findall(
        r"^(MLP|CNN), pixels (in place|shuffled): ([\d.]+)%", out, flags=re.MULTILINE)}
    assert len(mean) == 4
    assert mean["CNN", "in place"] >= 97
    assert 0.5 < mean["CNN", "in place"] - mean["MLP", "in place"] < 3, "CNN better, a little"
    assert abs(mean["MLP", "shuffled"] - mean["MLP", "in place"]) < 1, "nothing changes for MLP"
    assert mean["CNN", "in place"] - mean["CNN", "shuffled"] > 1.5, "the CNN loses"
    assert mean["CNN", "shuffled"] < mean["MLP", "shuffled"]


def test_for_an_mlp_shuffled_pixels_are_only_renumbered_inputs():
    """Why the MLP does not care: with its first-layer weights moved the same way, an MLP
    gives exactly the same outputs on the shuffled images."""
    snippet = import_snippet("cnn/10_shuffled_pixels.py")
    mlp, cnn = snippet.make_mlp().cpu(), snippet.make_cnn().cpu()
    assert sum(p.numel() for p in mlp.parameters()) == 6010
    assert sum(p.numel() for p in cnn.parameters()) == 6090
    images = torch.rand(5, 1, 8, 8)
    new_places = torch.randperm(64)
    shuffled = snippet.shuffle_pixels(images, new_places)
    assert torch.equal(shuffled.flatten(1).sort(dim=1).values, images.flatten(1).sort(dim=1).values)
    moved = snippet.make_mlp().cpu()
    moved.load_state_dict(mlp.state_dict())
    with torch.no_grad():
        moved[1].weight.copy_(mlp[1].weight[:, new_places])
        assert torch.allclose(moved(shuffled), mlp(images), atol=1e-6)


def test_video_model_runs_a_cnn_on_every_frame_then_averages():
    snippet = import_snippet("cnn/11_cnn_on_video_frames.py")
    frame_cnn = snippet.make_frame_cnn().cpu()
    clips = torch.rand(3, 7, 1, 8, 8)
    vectors = snippet.frame_vectors(frame_cnn, clips)
    assert vectors.shape == (3, 7, 128)
    assert torch.allclose(vectors[1, 4], frame_cnn(clips[1, 4][None])[0], atol=1e-6)
    backwards = snippet.frame_vectors(frame_cnn, clips.flip(dims=[1]))
    assert torch.allclose(backwards.mean(dim=1), vectors.mean(dim=1), atol=1e-6)
    out = stored("11_cnn_on_video_frames.out")
    assert "clips (4, 6, 1, 8, 8) -> frame vectors (4, 6, 128)" in out
    assert "frames in the opposite order, same scores: True" in out


@pytest.fixture(scope="module")
def trained_digits_cnn():
    """The model of 09_digits_cnn.py, trained as `python 09_digits_cnn.py` trains it: the
    same run that the figures of the lesson show (trained once per test process)."""
    return trained()


def change_direction(kernel):
    """The direction in which a 3 x 3 kernel increases, in degrees: the kernel is fitted by a
    ramp a * row + b * column (least squares). 0 = to the right, 90 = down, -90 = up."""
    rows = torch.tensor([[-1.0] * 3, [0.0] * 3, [1.0] * 3])
    down, right = (kernel * rows).sum() / 6, (kernel * rows.T).sum() / 6
    return float(torch.rad2deg(torch.atan2(down, right)))


def is_diagonal(kernel, margin=20):
    """The ramp runs within `margin` degrees of a diagonal (45, 135, -45 or -135)."""
    return abs(abs(change_direction(kernel)) % 90 - 45) < margin


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
    assert is_diagonal(k9), f"kernel 9: a diagonal edge ({change_direction(k9):.0f} degrees)"
    for name, kernel in [("2", k2), ("11", k11), ("12", k12)]:
        assert not is_diagonal(kernel), f"kernel {name} is not diagonal"
        assert 60 < abs(change_direction(kernel)) < 120, f"kernel {name}: mostly up or down"
    assert "In kernel 9 the border between positive and negative runs along a diagonal" in page()


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
