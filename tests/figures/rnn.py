"""Figures of the lesson "Recurrent networks" (docs/en/lessons/recurrent-networks.md).

Four diagrams (the cell, the unrolled network, the five shapes of sequence problems, a window
against a recurrent network) and one plot from a real run (snippet 10: gradient vs distance).
"""

import functools

import torch
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from figures.common import BLUE, GREEN, GREY, ORANGE, RED, plt
from snippet_output import import_snippet

PALE_ORANGE, PALE_BLUE, PALE_GREEN, PALE_GREY = "#ffe0b2", "#c5cae9", "#c8e6c9", "#eeeeee"


def blank(figsize, xlim, ylim):
    figure, axes = plt.subplots(figsize=figsize)
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
    axes.set_xlim(*xlim)
    axes.set_ylim(*ylim)
    axes.set_aspect("equal")
    axes.axis("off")
    return figure, axes


def box(axes, x, y, label, face, edge, width=1.0, height=0.7, fontsize=13):
    """A rounded box centred on (x, y)."""
    axes.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                  boxstyle="round,pad=0.02,rounding_size=0.12",
                                  facecolor=face, edgecolor=edge, linewidth=1.6))
    if label:
        axes.text(x, y, label, ha="center", va="center", fontsize=fontsize)


def arrow(axes, start, end, colour=GREY, style="-|>", connection="arc3", width=1.5):
    axes.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=15,
                                   color=colour, linewidth=width, connectionstyle=connection,
                                   shrinkA=0, shrinkB=0))


def cell(text):
    """One step of a recurrent network: x_t and h_(t-1) go in, h_t comes out and loops back."""
    figure, axes = blank((9, 4.8), (0, 13), (-0.2, 6.4))
    box(axes, 6, 2.8, "tanh", PALE_GREEN, GREEN, width=2.2, height=1.1, fontsize=15)
    box(axes, 6, 0.5, text("x_t"), PALE_ORANGE, ORANGE)
    box(axes, 2.2, 2.8, text("h_prev"), PALE_GREY, GREY, width=1.2)
    box(axes, 9.8, 2.8, text("h_t"), PALE_BLUE, BLUE)
    arrow(axes, (6, 0.85), (6, 2.25))
    arrow(axes, (2.8, 2.8), (4.9, 2.8))
    arrow(axes, (7.1, 2.8), (9.3, 2.8))
    arrow(axes, (10.3, 2.8), (11.3, 2.8))
    axes.text(11.4, 2.8, text("output"), ha="left", va="center", fontsize=10)
    axes.text(6.15, 1.55, "W", ha="left", va="center", fontsize=13, color=ORANGE)
    axes.text(3.85, 2.95, "U", ha="center", va="bottom", fontsize=13, color=GREY)
    axes.text(6, 3.45, text("plus_b"), ha="center", va="bottom", fontsize=11)
    axes.text(2.2, 2.3, text("h_prev_note"), ha="center", va="top", fontsize=10, color=GREY)
    axes.text(7.0, 0.5, text("x_note"), ha="left", va="center", fontsize=10, color=ORANGE)
    # The feedback loop: h_t is kept, and is h_(t-1) at the next step
    loop = Path([(9.8, 3.15), (9.8, 4.5), (2.2, 4.5), (2.2, 3.15)],
                [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO])
    axes.add_patch(FancyArrowPatch(path=loop, arrowstyle="-|>", mutation_scale=15, color=BLUE,
                                   linewidth=1.8))
    axes.text(6, 4.6, text("loop"), ha="center", va="bottom", fontsize=11, color=BLUE)
    axes.text(6, 5.8, text("equation"), ha="center", va="center", fontsize=15)
    return figure


def unrolled(text, steps=4):
    """The loop drawn once (left) equals a chain of copies with the same weights (right)."""
    figure, axes = blank((10, 4.4), (-0.4, 15.6), (-1.3, 5.6))
    # Folded: one cell with its loop
    box(axes, 1.2, 2.5, "RNN", PALE_GREEN, GREEN, width=1.4, height=0.9)
    box(axes, 1.2, 0.5, text("x_t"), PALE_ORANGE, ORANGE)
    box(axes, 1.2, 4.5, text("h_t"), PALE_BLUE, BLUE)
    axes.text(1.3, 1.45, "W", ha="left", va="center", fontsize=11, color=ORANGE)
    arrow(axes, (1.2, 0.85), (1.2, 2.05))
    arrow(axes, (1.2, 2.95), (1.2, 4.15))
    loop = Path([(1.9, 2.8), (2.7, 2.8), (2.7, 2.2), (1.9, 2.2)],
                [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO])
    axes.add_patch(FancyArrowPatch(path=loop, arrowstyle="-|>", mutation_scale=15, color=BLUE,
                                   linewidth=1.8))
    axes.text(2.8, 2.5, "U", ha="left", va="center", fontsize=11, color=BLUE)
    axes.text(3.7, 2.5, "=", ha="center", va="center", fontsize=26, color=GREY)
    # Unrolled: one copy per time step
    box(axes, 4.9, 2.5, text("h_0"), PALE_GREY, GREY, width=1.1)
    for step in range(1, steps + 1):
        x = 4.9 + 2.4 * step
        box(axes, x, 2.5, "RNN", PALE_GREEN, GREEN, width=1.4, height=0.9)
        box(axes, x, 0.5, text(f"x_{step}"), PALE_ORANGE, ORANGE)
        box(axes, x, 4.5, text(f"h_{step}"), PALE_BLUE, BLUE)
        arrow(axes, (x, 0.85), (x, 2.05))
        arrow(axes, (x, 2.95), (x, 4.15))
        arrow(axes, (x - 2.4 + (0.55 if step == 1 else 0.7), 2.5), (x - 0.7, 2.5), colour=BLUE)
        axes.text(x + 0.1, 1.45, "W", ha="left", va="center", fontsize=11, color=ORANGE)
        axes.text(x - 1.2, 2.6, "U", ha="center", va="bottom", fontsize=11, color=BLUE)
    axes.text(10.9, -0.55, text("shared"), ha="center", va="top", fontsize=11)
    axes.text(1.2, -0.55, text("folded"), ha="center", va="top", fontsize=11)
    return figure


# Each shape: (columns, columns with an input, columns with an output, columns whose input is
# the word before, whether an image sets the first hidden state)
SHAPES = [
    ("one_to_one", 1, [0], [0], [], False),
    ("one_to_many", 3, [], [0, 1, 2], [0, 1, 2], True),
    ("many_to_one", 3, [0, 1, 2], [2], [], False),
    ("encoder_decoder", 5, [0, 1, 2], [3, 4], [3, 4], False),
    ("synced", 3, [0, 1, 2], [0, 1, 2], [], False),
]


def dashed_box(axes, x, y):
    """An input that is the word before: the model's own last word, or the correct one."""
    axes.add_patch(FancyBboxPatch((x - 0.3, y - 0.25), 0.6, 0.5,
                                  boxstyle="round,pad=0.02,rounding_size=0.12",
                                  facecolor="white", edgecolor=ORANGE, linewidth=1.6,
                                  linestyle=(0, (2, 1.5))))


def shapes(text):
    """Karpathy's five shapes: inputs (orange), hidden states (green), outputs (blue)."""
    figure, axes = blank((10, 3.3), (-3.6, 20.6), (-2.6, 4.3))
    step, gap, left = 1.0, 1.5, 0.0
    for key, columns, inputs, outputs, words_before, image in SHAPES:
        if image:  # the image sits left of the first hidden state and sets it
            box(axes, left, 1.4, None, PALE_ORANGE, ORANGE, width=0.6, height=0.5)
            axes.text(left, 1.05, text("image"), ha="center", va="top", fontsize=9,
                      color=ORANGE)
            arrow(axes, (left + 0.3, 1.4), (left + step - 0.3, 1.4), colour=ORANGE)
            left += step
        width = max((columns - 1) * step, 2.2)
        centre = left + width / 2
        xs = [centre + step * (c - (columns - 1) / 2) for c in range(columns)]
        for c, x in enumerate(xs):
            box(axes, x, 1.4, None, PALE_GREEN, GREEN, width=0.6, height=0.5)
            if c in inputs:
                box(axes, x, 0.0, None, PALE_ORANGE, ORANGE, width=0.6, height=0.5)
            if c in words_before:
                dashed_box(axes, x, 0.0)
            if c in inputs or c in words_before:
                arrow(axes, (x, 0.25), (x, 1.15))
            if c in outputs:
                box(axes, x, 2.8, None, PALE_BLUE, BLUE, width=0.6, height=0.5)
                arrow(axes, (x, 1.65), (x, 2.55))
            if c > 0:
                arrow(axes, (x - step + 0.3, 1.4), (x - 0.3, 1.4), colour=GREEN)
        if image:
            centre -= step / 2  # the title and the use are centred on the image and the steps
        axes.text(centre, 3.3, text(key), ha="center", va="bottom", fontsize=11,
                  fontweight="bold")
        axes.text(centre, -0.5, text(f"{key}_use"), ha="center", va="top", fontsize=10)
        left += width + gap
    for y, key, colour in [(0.0, "legend_input", ORANGE), (1.4, "legend_hidden", GREEN),
                           (2.8, "legend_output", BLUE)]:
        axes.text(-0.7, y, text(key), ha="right", va="center", fontsize=10, color=colour)
    dashed_box(axes, 0.0, -2.1)
    axes.text(0.5, -2.1, text("legend_word_before"), ha="left", va="center", fontsize=10,
              color=ORANGE)
    return figure


def window_vs_rnn(text, values=12, window=5):
    """Top: an MLP sees only the last 5 values. Bottom: an RNN reads them all, one by one."""
    figure, axes = blank((10, 5.0), (-0.6, 16.6), (-0.6, 7.6))
    top, bottom = 5.4, 0.6
    for i in range(values):
        seen = i >= values - window
        box(axes, i, top, None, PALE_ORANGE if seen else PALE_GREY, ORANGE if seen else GREY,
            width=0.7, height=0.5)
        box(axes, i, bottom, None, PALE_ORANGE, ORANGE, width=0.7, height=0.5)
        box(axes, i, bottom + 1.5, None, PALE_GREEN, GREEN, width=0.7, height=0.5)
        arrow(axes, (i, bottom + 0.25), (i, bottom + 1.25))
        if i > 0:
            arrow(axes, (i - 0.65, bottom + 1.5), (i - 0.35, bottom + 1.5), colour=GREEN)
    # The window and its MLP
    first = values - window
    axes.add_patch(FancyBboxPatch((first - 0.5, top - 0.45), window, 0.9,
                                  boxstyle="round,pad=0.02,rounding_size=0.15", fill=False,
                                  edgecolor=ORANGE, linewidth=2, linestyle="--"))
    box(axes, values + 1.3, top, "MLP", PALE_GREEN, GREEN, width=1.4, height=0.9)
    arrow(axes, (values - 0.5, top), (values + 0.6, top))
    box(axes, values + 3.3, top, None, PALE_BLUE, BLUE, width=0.7, height=0.5)
    arrow(axes, (values + 2.0, top), (values + 2.95, top))
    axes.text((first - 1) / 2, top + 0.5, text("not_seen"), ha="center", va="bottom",
              fontsize=10, color=GREY)
    axes.text(first + (window - 1) / 2, top + 0.5, text("window"), ha="center", va="bottom",
              fontsize=10, color=ORANGE)
    axes.text(-0.5, top + 1.55, text("mlp_title"), ha="left", va="bottom", fontsize=12,
              fontweight="bold")
    # The RNN's last state and its prediction
    box(axes, values + 3.3, bottom + 1.5, None, PALE_BLUE, BLUE, width=0.7, height=0.5)
    arrow(axes, (values - 0.65, bottom + 1.5), (values + 2.95, bottom + 1.5), colour=GREEN)
    axes.text(values + 3.3, top - 0.45, text("prediction"), ha="center", va="top", fontsize=10,
              color=BLUE)
    axes.text(values + 3.3, bottom + 1.05, text("prediction"), ha="center", va="top",
              fontsize=10, color=BLUE)
    axes.text(-0.5, bottom + 2.25, text("rnn_title"), ha="left", va="bottom", fontsize=12,
              fontweight="bold")
    axes.text((values - 1) / 2, bottom - 0.45, text("time"), ha="center", va="top",
              fontsize=10, color=GREY)
    axes.text(values + 1.2, bottom + 1.65, text("memory"), ha="center", va="bottom",
              fontsize=10, color=GREEN)
    return figure


@functools.cache
def gradient_measurement():
    """Snippet 10, exactly as its main() runs it (same seed, same order)."""
    snippet = import_snippet("rnn/10_gradient_vs_distance.py")
    torch.manual_seed(0)
    results = snippet.measure()
    return {scale: (norms, snippet.factor_per_step(norms)) for scale, (_, norms) in
            results.items()}


def gradient_vs_distance(text):
    figure, axes = plt.subplots(figsize=(9, 4.6))
    # room on the left for a two-line axis label; Bengali lines are taller than Latin ones
    figure.subplots_adjust(left=0.115, right=0.97, bottom=0.13, top=0.93)
    for (scale, (norms, factor)), colour, key in zip(
            gradient_measurement().items(), [BLUE, RED], ["default", "scaled"]):
        axes.semilogy(range(len(norms)), norms, "o-", color=colour, markersize=3.5,
                      label=text(key).format(factor=factor))
    axes.set_xlabel(text("distance"))
    axes.set_ylabel(text("norm"))
    axes.axhline(1.0, color=GREY, linewidth=0.8)
    axes.text(len(norms) - 1, 1.3, text("norm_1"), ha="right", va="bottom", fontsize=10,
              color=GREY)
    axes.legend(loc="upper left")
    return figure


FIGURES = {
    "recurrent-networks-cell": cell,
    "recurrent-networks-unrolled": unrolled,
    "recurrent-networks-shapes": shapes,
    "recurrent-networks-window-vs-rnn": window_vs_rnn,
    "recurrent-networks-gradient-vs-distance": gradient_vs_distance,
}
