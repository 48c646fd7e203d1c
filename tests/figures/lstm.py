"""Figures of the lesson "Long short-term memory (LSTM)" (docs/en/lessons/lstm.md).

One diagram (the LSTM cell) and three plots from real runs: the gradient against the distance
(snippet 02), the test accuracy during training (the stored outputs of snippets 03 and 04) and
the three gates of the trained LSTM on one sequence (snippet 04).
"""

import functools
import re

import torch
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from figures.common import BLUE, GREEN, GREY, ORANGE, RED, ROOT, plt
from snippet_output import import_snippet

PALE_ORANGE, PALE_BLUE, PALE_GREY = "#ffe0b2", "#c5cae9", "#f5f5f5"
COLOURS = {"rnn": GREY, "lstm": ORANGE, "bias3": BLUE, "bias6": GREEN}


# -- The cell -------------------------------------------------------------------------------------

def line(axes, points, colour=GREY, width=1.6, head=True):
    """A polyline through `points`; with an arrow head on its last segment unless head=False."""
    xs, ys = zip(*points)
    last = -1 if head else len(points)
    axes.plot(xs[:last], ys[:last], color=colour, linewidth=width, zorder=1)
    if head:
        axes.add_patch(FancyArrowPatch(points[-2], points[-1], arrowstyle="-|>",
                                       mutation_scale=15, color=colour, linewidth=width,
                                       shrinkA=0, shrinkB=0, zorder=1))


def box(axes, x, y, symbol, name, face, edge, width=1.45, height=1.0):
    axes.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                  boxstyle="round,pad=0.02,rounding_size=0.12",
                                  facecolor=face, edgecolor=edge, linewidth=1.6, zorder=2))
    axes.text(x, y + 0.2, symbol, ha="center", va="center", fontsize=14, zorder=3)
    axes.text(x, y - 0.22, name, ha="center", va="center", fontsize=9.5, zorder=3)


def node(axes, x, y, symbol, colour=GREY):
    """A small circle with an operation: element-wise product or sum."""
    axes.add_patch(Circle((x, y), 0.27, facecolor="white", edgecolor=colour, linewidth=1.6,
                          zorder=2))
    axes.text(x, y, symbol, ha="center", va="center", fontsize=14, zorder=3)


def cell(text):
    """One LSTM step: the cell state runs along the top, the gates sit below it."""
    figure, axes = plt.subplots(figsize=(10, 5.6))
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
    axes.set_xlim(-0.2, 12.8)
    axes.set_ylim(-0.55, 6.7)
    axes.set_aspect("equal")
    axes.axis("off")

    axes.add_patch(FancyBboxPatch((1.3, 0.35), 9.7, 5.15, boxstyle="round,pad=0,rounding_size=0.3",
                                  facecolor=PALE_GREY, edgecolor=GREY, linewidth=1, zorder=0))
    top, bus, gates = 4.6, 1.05, 2.45
    forget, write, candidate, output, show = 3.0, 4.75, 6.45, 8.15, 9.8

    # The cell state: the memory line across the top, with one product and one sum on it
    line(axes, [(0.0, top), (forget - 0.27, top)], BLUE, 3, head=False)
    line(axes, [(forget + 0.27, top), (5.6 - 0.27, top)], BLUE, 3, head=False)
    line(axes, [(5.6 + 0.27, top), (12.2, top)], BLUE, 3)
    axes.text(0.0, top + 0.22, text("c_prev"), ha="left", va="bottom", fontsize=13, color=BLUE)
    axes.text(12.2, top + 0.22, text("c_t"), ha="right", va="bottom", fontsize=13, color=BLUE)
    axes.text(7.3, top + 0.55, text("cell_state"), ha="center", va="bottom", fontsize=11,
              color=BLUE)
    node(axes, forget, top, "⊙", BLUE)
    node(axes, 5.6, top, "+", BLUE)

    # h_(t-1) and x_t meet and feed all four boxes
    line(axes, [(0.0, bus), (output, bus)], GREY, head=False)
    line(axes, [(1.9, -0.45), (1.9, bus)], GREY, head=False)
    axes.text(0.0, bus + 0.2, text("h_prev"), ha="left", va="bottom", fontsize=13)
    axes.text(2.05, -0.4, text("x_t"), ha="left", va="bottom", fontsize=13)
    for x in [forget, write, candidate, output]:
        line(axes, [(x, bus), (x, gates - 0.5)])
    box(axes, forget, gates, "σ", text("forget_gate"), PALE_ORANGE, ORANGE)
    box(axes, write, gates, "σ", text("input_gate"), PALE_ORANGE, ORANGE)
    box(axes, candidate, gates, "tanh", text("candidate"), PALE_BLUE, BLUE)
    box(axes, output, gates, "σ", text("output_gate"), PALE_ORANGE, ORANGE)
    axes.text(forget - 0.15, 3.55, text("f_t"), ha="right", va="center", fontsize=13)
    axes.text(write - 0.1, 3.55, text("i_t"), ha="right", va="center", fontsize=13)
    axes.text(candidate + 0.1, 3.55, text("g_t"), ha="left", va="center", fontsize=13)
    axes.text(output + 1.0, gates + 0.12, text("o_t"), ha="center", va="bottom", fontsize=13)

    # Forget: multiply the old memory. Write: input gate times candidate, added to the memory.
    line(axes, [(forget, gates + 0.5), (forget, top - 0.27)])
    node(axes, 5.6, 3.55, "⊙")
    line(axes, [(write, gates + 0.5), (write, 3.55), (5.6 - 0.27, 3.55)])
    line(axes, [(candidate, gates + 0.5), (candidate, 3.55), (5.6 + 0.27, 3.55)])
    line(axes, [(5.6, 3.55 + 0.27), (5.6, top - 0.27)])

    # Show: tanh of the new memory, times the output gate, is h_t
    axes.add_patch(FancyBboxPatch((show - 0.45, 3.35), 0.9, 0.5,
                                  boxstyle="round,pad=0,rounding_size=0.25",
                                  facecolor=PALE_BLUE, edgecolor=BLUE, linewidth=1.6, zorder=2))
    axes.text(show, 3.6, "tanh", ha="center", va="center", fontsize=11, zorder=3)
    line(axes, [(show, top), (show, 3.85)])
    node(axes, show, gates, "⊙")
    line(axes, [(show, 3.35), (show, gates + 0.27)])
    line(axes, [(output + 0.725, gates), (show - 0.27, gates)])
    line(axes, [(show, gates - 0.27), (show, 0.0), (12.2, 0.0)], GREEN, 2.2)
    axes.text(12.2, 0.15, text("h_t"), ha="right", va="bottom", fontsize=13, color=GREEN)

    axes.text(0.0, 6.55, text("key"), ha="left", va="top", fontsize=10, color=GREY)
    return figure


# -- The gradient against the distance (snippet 02) -----------------------------------------------

@functools.cache
def gradient_curves():
    snippet = import_snippet("lstm/02_gradient_over_distance.py")
    curves = {}
    for key, (kind, forget_bias) in zip(COLOURS, snippet.MODELS.values()):
        curves[key] = snippet.gradient_norms(snippet.make_model(kind, forget_bias)).tolist()
    return curves


def gradient(text):
    figure, axes = plt.subplots(figsize=(9, 4.8))
    figure.subplots_adjust(left=0.1, right=0.97, bottom=0.12, top=0.97)
    for key, norms in gradient_curves().items():
        axes.semilogy(range(len(norms)), norms, color=COLOURS[key], linewidth=2, label=text(key))
    axes.axvline(49, color=RED, linestyle="--", linewidth=1)
    axes.text(48.3, 1e-7, text("step_0"), ha="right", va="center", fontsize=10, color=RED)
    axes.set_xlabel(text("xlabel"))
    axes.set_ylabel(text("ylabel"))
    axes.set_xlim(0, 50)
    axes.legend(loc="lower left")
    return figure


# -- Test accuracy during training (stored outputs of snippets 03 and 04) -------------------------

NAMES = {"plain RNN": "rnn", "LSTM, default init": "lstm", "LSTM, forget bias 3": "bias3",
         "LSTM, forget bias 6": "bias6"}
CURVE = re.compile(r"^(.+?)\s{2,}((?:\d+% ?)+)$")


def accuracy_curves():
    """{model: [accuracy in % every 100 steps]} from the stored outputs the page shows."""
    curves = {}
    for name in ["03_remember_the_first_token.out", "04_forget_gate_bias.out"]:
        for row in (ROOT / "snippets" / "lstm" / name).read_text(encoding="utf-8").splitlines():
            match = CURVE.match(row)
            if match and match.group(1) in NAMES:
                values = match.group(2).split("%")
                curves[NAMES[match.group(1)]] = [int(v) for v in values if v.strip()]
    return curves


def accuracy(text):
    figure, axes = plt.subplots(figsize=(9, 4.6))
    figure.subplots_adjust(left=0.09, right=0.97, bottom=0.13, top=0.97)
    axes.axhline(25, color=GREY, linestyle=":", linewidth=1.2)
    axes.text(1500, 27, text("chance"), ha="right", va="bottom", fontsize=10, color=GREY)
    for key, values in accuracy_curves().items():
        steps = [100 * (n + 1) for n in range(len(values))]
        axes.plot(steps, values, "o-", color=COLOURS[key], linewidth=2, markersize=4,
                  label=text(key))
    axes.set_xlabel(text("xlabel"))
    axes.set_ylabel(text("ylabel"))
    stop = accuracy_curves()["bias6"]
    axes.text(100 * len(stop) + 40, stop[-1], text("stopped"), ha="left", va="center",
              fontsize=10, color=GREEN)
    axes.set_xlim(0, 1550)
    axes.set_ylim(0, 105)
    axes.legend(loc="upper right")
    return figure


# -- The gates of the trained LSTM on one sequence (snippet 04) -----------------------------------

@functools.cache
def trained_gates():
    snippet = import_snippet("lstm/04_forget_gate_bias.py")
    model, _ = snippet.train(6.0)
    x, _ = snippet.make_batch(1, torch.Generator().manual_seed(1))
    inputs, forgets, outputs = snippet.gates(model, x[0])
    order = (inputs[0] - inputs[1:].mean(dim=0)).argsort(descending=True)  # writers first
    return [gate[:, order].T.tolist() for gate in (inputs, forgets, outputs)]


# Each panel: its gate, its label and its colour scale. The forget gate of the trained network
# lies between 0.98 and 1: on a scale from 0 to 1 it would be one flat colour.
PANELS = [("input_gate", 0, 1), ("forget_gate", 0.98, 1), ("output_gate", 0, 1)]


def gates(text):
    figure, panels = plt.subplots(3, 1, figsize=(9, 8.6), sharex=True)
    figure.subplots_adjust(left=0.06, right=0.97, bottom=0.13, top=0.96, hspace=0.38)
    for axes, values, (key, low, high) in zip(panels, trained_gates(), PANELS):
        image = axes.imshow(values, aspect="auto", cmap="viridis", vmin=low, vmax=high,
                            interpolation="nearest")
        axes.set_title(text(key), fontsize=11, loc="left")
        axes.set_ylabel(text("ylabel"))
        axes.set_yticks([])
        axes.grid(False)
        colour_bar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02)
        colour_bar.set_ticks([low, (low + high) / 2, high])
    panels[-1].set_xlabel(text("xlabel"))
    figure.text(0.06, 0.015, text("sorted"), ha="left", va="bottom", fontsize=10, color=GREY)
    return figure


FIGURES = {
    "lstm-cell": cell,
    "lstm-gradient-vs-distance": gradient,
    "lstm-accuracy": accuracy,
    "lstm-gates": gates,
}
