"""Figures of the lesson "Convolutional networks" (docs/en/lessons/convolutional-networks.md).

The diagrams take their numbers from the snippets (the worked example, the pooling example, the
output-size formula, the layer shapes); the last three figures come from real runs.
"""

import functools

import numpy as np
import torch
from matplotlib.patches import FancyArrowPatch, Rectangle

from figures.common import BLUE, GREEN, GREY, ORANGE, RED, plt, strings
from snippet_output import import_snippet

PALE_ORANGE, PALE_BLUE, PALE_GREEN, PALE_RED = "#ffe0b2", "#c5cae9", "#c8e6c9", "#ffcdd2"


def blank(figsize):
    figure, axes = plt.subplots(figsize=figsize)
    axes.set_aspect("equal")
    axes.axis("off")
    return figure, axes


def frame(axes):
    """An image panel: no ticks, no grid, a thin frame on all four sides."""
    axes.set_xticks([])
    axes.set_yticks([])
    axes.grid(False)
    for spine in axes.spines.values():
        spine.set_visible(True)
        spine.set_color(GREY)
        spine.set_linewidth(0.8)


def grid(axes, values, x0, y0, colours=None, size=1.0, fontsize=13, bold=None):
    """A table of numbers; row 0 at the top, its top-left corner at (x0, y0)."""
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            colour = colours[i][j] if colours is not None else "white"
            axes.add_patch(Rectangle((x0 + j * size, y0 - (i + 1) * size), size, size,
                                     facecolor=colour, edgecolor=GREY, linewidth=1))
            if value is not None:
                weight = "bold" if bold is not None and bold[i][j] else "normal"
                axes.text(x0 + (j + 0.5) * size, y0 - (i + 0.5) * size, f"{value:g}",
                          ha="center", va="center", fontsize=fontsize, fontweight=weight)


def outline(axes, x0, y0, rows, cols, colour, size=1.0, style="-"):
    axes.add_patch(Rectangle((x0, y0 - rows * size), cols * size, rows * size, fill=False,
                             edgecolor=colour, linewidth=3, linestyle=style))


def arrow(axes, start, end, colour=GREY):
    axes.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16,
                                   color=colour, linewidth=1.5))


def convolution(text):
    """The worked example of snippet 01: the top-left window, the kernel, the output cell."""
    snippet = import_snippet("cnn/01_convolution_by_loops.py")
    image, kernel = snippet.IMAGE, snippet.KERNEL
    out = snippet.conv2d_loops(torch.tensor(image, dtype=torch.float32),
                               torch.tensor(kernel, dtype=torch.float32)).int().tolist()
    figure, axes = blank((10, 4.6))
    window = [[PALE_ORANGE if i < 3 and j < 3 else "white" for j in range(5)] for i in range(5)]
    grid(axes, image, 0, 5, window)
    outline(axes, 0, 5, 3, 3, ORANGE)
    for i in range(3):  # the kernel weight that lies on each pixel of the window, in blue
        for j in range(3):
            axes.text(j + 0.93, 5 - i - 0.9, f"{kernel[i][j]:g}", ha="right", va="bottom",
                      fontsize=8, color=BLUE)
    grid(axes, kernel, 6.5, 4, [[PALE_BLUE] * 3] * 3)
    first = [[PALE_ORANGE if (i, j) == (0, 0) else "white" for j in range(3)] for i in range(3)]
    grid(axes, out, 11.5, 4, first)
    outline(axes, 11.5, 4, 1, 1, ORANGE)
    # No "×" or "=" between the grids: that would read as a product of matrices
    arrow(axes, (9.8, 2.5), (11.2, 2.5))
    for x, y, key in [(2.5, 5.3, "input"), (8, 4.3, "kernel"), (13, 4.3, "output")]:
        axes.text(x, y, text(key), ha="center", va="bottom", fontsize=12)
    factor = [[f"{w}" if w >= 0 else f"({w})" for w in row] for row in kernel]
    products = " + ".join(f"{image[i][j]}·{factor[i][j]}" for i in range(3) for j in range(3))
    axes.text(7.25, -0.7, f"{products} = {out[0][0]}", ha="center", va="center", fontsize=11.5)
    axes.text(7.25, -1.45, text("slide"), ha="center", va="center", fontsize=11, color=GREY)
    axes.set_xlim(-0.3, 14.8)
    axes.set_ylim(-1.9, 6.0)
    return figure


def padding_stride(text):
    """Three settings on a 5 x 5 input: padding (grey zeros) and stride (two window positions)."""
    snippet = import_snippet("cnn/03_output_size.py")
    n, k = 5, 3
    figure, all_axes = plt.subplots(1, 3, figsize=(10, 4.2))
    figure.subplots_adjust(left=0.01, right=0.99, top=0.9, bottom=0.1, wspace=0.1)
    for axes, (p, s) in zip(all_axes, [(0, 1), (1, 1), (1, 2)]):
        axes.set_aspect("equal")
        axes.axis("off")
        side = n + 2 * p
        colours = [["#eeeeee" if min(i, j) < p or max(i, j) >= n + p else "white"
                    for j in range(side)] for i in range(side)]
        values = [[0 if colours[i][j] != "white" else None for j in range(side)]
                  for i in range(side)]
        corner = 1 - p  # the 5 x 5 input sits at the same place in every panel
        grid(axes, values, corner, side + corner, colours, fontsize=9)
        outline(axes, corner, side + corner, k, k, ORANGE)
        outline(axes, corner + s, side + corner, k, k, BLUE, style="--")
        out = snippet.output_size(n, k, p, s)
        axes.set_title(text("setting").format(p=p, s=s), fontsize=12)
        axes.text(3.5, -0.6, rf"$\lfloor({n} + 2·{p} - {k}) / {s}\rfloor + 1 = {out}$",
                  ha="center", va="top", fontsize=12)
        axes.text(3.5, -1.7, text("result").format(n=n, out=out), ha="center", va="top",
                  fontsize=11, color=GREY)
        axes.set_xlim(-0.5, 7.5)
        axes.set_ylim(-2.4, 7.2)
    figure.text(0.5, 0.04, text("legend"), ha="center", fontsize=10.5, color=GREY)
    return figure


def max_pooling(text):
    """The 4 x 4 map of snippet 05, its four 2 x 2 blocks and their maxima."""
    snippet = import_snippet("cnn/05_max_pooling.py")
    x = torch.tensor(snippet.FEATURE_MAP, dtype=torch.float32)
    pooled = snippet.max_pool_loops(x).int().tolist()
    block_colours = [[PALE_ORANGE, PALE_BLUE], [PALE_GREEN, PALE_RED]]
    colours = [[block_colours[i // 2][j // 2] for j in range(4)] for i in range(4)]
    bold = [[x[i, j] == pooled[i // 2][j // 2] and x[i // 2 * 2:i // 2 * 2 + 2,
             j // 2 * 2:j // 2 * 2 + 2].argmax() == (i % 2) * 2 + j % 2
             for j in range(4)] for i in range(4)]
    figure, axes = blank((10, 4.2))
    grid(axes, snippet.FEATURE_MAP, 0, 4, colours, bold=bold)
    grid(axes, pooled, 10, 3, block_colours, bold=[[True] * 2] * 2)
    # A wide gap between the grids, so that a longer translation of the label still fits
    arrow(axes, (4.5, 2), (9.5, 2))
    axes.text(7, 2.35, text("operation"), ha="center", va="bottom", fontsize=11,
              linespacing=1.4)
    axes.text(2, 4.3, text("input"), ha="center", va="bottom", fontsize=12)
    axes.text(11, 3.3, text("output"), ha="center", va="bottom", fontsize=12)
    axes.text(6, -0.6, text("note"), ha="center", va="top", fontsize=11, color=GREY)
    axes.set_xlim(-0.3, 12.3)
    axes.set_ylim(-1.5, 5.0)
    return figure


def layer_shapes():
    """(name, shape) after each layer of the digits CNN of snippet 09, ReLU folded into conv."""
    model = import_snippet("cnn/09_digits_cnn.py").make_cnn().cpu()
    x = torch.zeros(1, 1, 8, 8)
    shapes = [("input", tuple(x.shape[1:]))]
    for layer in model:
        x = layer(x)
        name = type(layer).__name__
        if name != "ReLU":
            shapes.append((name, tuple(x.shape[1:])))
    return shapes


def architecture(text):
    """Input -> conv -> pool -> conv -> pool -> flatten -> linear, with the real shapes."""
    shapes = layer_shapes()
    figure, axes = blank((10, 3.8))
    colour = {"input": GREY, "Conv2d": BLUE, "MaxPool2d": GREEN, "Flatten": ORANGE,
              "Linear": RED}
    centres = np.linspace(1.0, 13.4, len(shapes))
    for index, ((name, shape), x) in enumerate(zip(shapes, centres)):
        if len(shape) == 3:
            channels, side = shape[0], shape[1]
            square = 0.15 * side + 0.2
            sheets = min(channels, 6)
            for sheet in range(sheets):
                offset = 0.08 * (sheet - (sheets - 1) / 2)
                axes.add_patch(Rectangle((x - square / 2 + offset, 2 - square / 2 - offset),
                                         square, square, facecolor="white",
                                         edgecolor=colour[name], linewidth=1.5))
            label = f"{channels} × {side} × {side}"
        else:
            height = 2.6 if shape[0] > 10 else 1.2
            axes.add_patch(Rectangle((x - 0.15, 2 - height / 2), 0.3, height,
                                     facecolor="white", edgecolor=colour[name], linewidth=1.5))
            label = f"{shape[0]}"
        axes.text(x, -0.25, label, ha="center", va="top", fontsize=10.5)
        axes.text(x, -0.85, text(f"shape_{name}"), ha="center", va="top", fontsize=9.5,
                  color=GREY)
        if index:
            start = centres[index - 1] + 0.45
            arrow(axes, (start, 3.7), (x - 0.45, 3.7), colour[name])
            axes.text((start + x) / 2, 3.9, text(f"layer_{name}"), ha="center",
                      va="bottom", fontsize=9.5, color=colour[name])
    axes.set_xlim(-0.2, 14.6)
    axes.set_ylim(-1.5, 5.0)
    return figure


def sobel(text):
    """The generated square and what the two Sobel kernels and the edge strength make of it.

    One convention in every panel: grey panels are white where the value is large, the two
    signed maps are red where positive and blue where negative; each panel has its colour bar.
    """
    snippet = import_snippet("cnn/02_sobel_edges.py")
    image = snippet.square_image()
    gx, gy, magnitude = (t.cpu().numpy() for t in snippet.sobel(image))
    panels = [(image.cpu().numpy(), "gray", 0, 1, "image"), (gx, "RdBu_r", -4, 4, "sobel_x"),
              (gy, "RdBu_r", -4, 4, "sobel_y"), (magnitude, "gray", 0, 4.5, "strength")]
    figure, all_axes = plt.subplots(1, 4, figsize=(10, 3.6))
    for axes, (values, cmap, low, high, key) in zip(all_axes, panels):
        shown = axes.imshow(values, cmap=cmap, vmin=low, vmax=high)
        for (i, j), value in np.ndenumerate(values):
            if key != "image" and abs(value) > 1e-6:
                if cmap == "gray":  # white where large: dark text on bright cells
                    colour = "black" if value / high > 0.5 else "white"
                else:  # red and blue are dark where strong: white text there
                    colour = "white" if abs(value) / high > 0.6 else "black"
                axes.text(j, i, f"{value:.0f}" if key != "strength" else f"{value:.1f}",
                          ha="center", va="center", fontsize=6.5 if key == "strength" else 8,
                          color=colour)
        axes.set_title(text(key), fontsize=11)
        frame(axes)
        bar = figure.colorbar(shown, ax=axes, orientation="horizontal", fraction=0.06, pad=0.04,
                              format="%g")
        bar.set_ticks([low, 0, high] if low < 0 else [low, high])
        bar.ax.tick_params(labelsize=8)
    figure.subplots_adjust(left=0.02, right=0.98, top=0.9, bottom=0.08, wspace=0.08)
    return figure


@functools.cache
def trained():
    """The digits CNN of snippet 09, trained exactly as `python 09_digits_cnn.py` trains it.

    tests/test_cnn.py checks this same run, so the figures show the model the tests check.
    """
    snippet = import_snippet("cnn/09_digits_cnn.py")
    torch.manual_seed(0)
    data = snippet.load_data()
    model, _, test_accuracy = snippet.train(data)
    _, x_test, _, y_test = data
    return snippet, model.cpu(), test_accuracy, x_test.cpu(), y_test.cpu()


def filters(text):
    """The 16 learned 3 x 3 kernels of the first convolution."""
    _, model, _, _, _ = trained()
    weights = model[0].weight.detach()[:, 0].numpy()
    limit = np.abs(weights).max()
    figure, all_axes = plt.subplots(2, 8, figsize=(10, 3.3))
    for index, axes in enumerate(all_axes.flat):
        image = axes.imshow(weights[index], cmap="RdBu_r", vmin=-limit, vmax=limit)
        axes.set_title(f"{index + 1}", fontsize=10)
        frame(axes)
    figure.subplots_adjust(left=0.02, right=0.88, top=0.84, bottom=0.04, wspace=0.15,
                           hspace=0.3)
    bar = figure.colorbar(image, cax=figure.add_axes([0.9, 0.1, 0.015, 0.7]))
    bar.set_label(text("weight"), fontsize=10)
    figure.suptitle(text("title"), fontsize=12)
    return figure


def feature_maps(text):
    """One test digit and the 16 maps that the first convolution (with ReLU) makes of it."""
    snippet, model, _, x_test, y_test = trained()
    image, label = x_test[0], int(y_test[0])
    maps = snippet.feature_maps(model, image).numpy()
    figure = plt.figure(figsize=(10, 3.6))
    digit = figure.add_axes([0.01, 0.12, 0.2, 0.66])
    digit.imshow(image[0].numpy(), cmap="gray_r")
    digit.set_title(text("digit").format(label=label), fontsize=11)
    for index in range(16):
        axes = figure.add_axes([0.25 + (index % 8) * 0.094, 0.48 - (index // 8) * 0.42,
                                0.085, 0.3])
        axes.imshow(maps[index], cmap="magma", vmin=0, vmax=maps.max())
        axes.set_title(f"{index + 1}", fontsize=9)
    for axes in figure.axes:
        frame(axes)
    figure.text(0.62, 0.92, text("title"), ha="center", fontsize=12)
    return figure


def labels_first(name, draw):
    """Look up every label of the figure before drawing, so a missing one leaves no open figure."""
    def draw_with_labels(text):
        words = {key: text(key) for key in strings().get(name, {})}
        return draw(lambda key: words[key] if key in words else text(key))
    return draw_with_labels


FIGURES = {
    name: labels_first(name, draw)
    for name, draw in {
        "convolutional-networks-convolution": convolution,
        "convolutional-networks-padding-stride": padding_stride,
        "convolutional-networks-max-pooling": max_pooling,
        "convolutional-networks-architecture": architecture,
        "convolutional-networks-sobel": sobel,
        "convolutional-networks-filters": filters,
        "convolutional-networks-feature-maps": feature_maps,
    }.items()
}
