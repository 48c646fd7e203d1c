"""Figures of the lesson "Deep learning"."""

import functools

import numpy as np
import torch
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from figures.common import BLUE, GREEN, GREY, ORANGE, RED, plt
from snippet_output import import_snippet

EVENTS = [1943, 1958, 1969, 1986, 1989, 1997, 2006, 2012, 2017]


def history(text):
    """A timeline of milestones, evenly spaced (not to scale), labels above and below in turn."""
    figure, axes = plt.subplots(figsize=(10, 3.6))
    axes.axhline(0, color=GREY, linewidth=1.5)
    for x, year in enumerate(EVENTS):
        side = 1 if x % 2 == 0 else -1
        axes.plot([x, x], [0, 0.5 * side], color=GREY, linewidth=0.8)
        axes.plot(x, 0, "o", color=BLUE, markersize=7)
        axes.text(x, 0.58 * side, f"{year}\n{text(str(year))}", ha="center",
                  va="bottom" if side > 0 else "top", fontsize=10.5)
    axes.text(len(EVENTS) - 0.4, -1.6, text("not_to_scale"), ha="right", va="bottom",
              fontsize=9.5, color=GREY, style="italic")
    axes.set_xlim(-0.6, len(EVENTS) - 0.4)
    axes.set_ylim(-1.6, 1.55)
    axes.axis("off")
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.98)
    return figure


# -- Diagrams -----------------------------------------------------------------------------------

def arrow(axes, start, end, color=GREY, width=1.2):
    axes.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14,
                                   color=color, linewidth=width, shrinkA=0, shrinkB=0))


def blank_axes(figsize, xlim, ylim):
    figure, axes = plt.subplots(figsize=figsize)
    axes.set_xlim(*xlim)
    axes.set_ylim(*ylim)
    axes.set_aspect("equal")
    axes.axis("off")
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
    return figure, axes


def neuron(text):
    """Inputs, weights on the arrows, weighted sum plus bias, activation, output."""
    figure, axes = blank_axes((10, 4.2), (-0.6, 11.4), (-0.9, 4.1))
    ys = [3.0, 1.6, 0.2]
    for i, y in enumerate(ys, start=1):
        axes.add_patch(Circle((0.9, y), 0.38, facecolor="white", edgecolor=BLUE, linewidth=2))
        axes.text(0.9, y, f"$x_{i}$", ha="center", va="center", fontsize=14)
        arrow(axes, (1.3, y), (4.45, 1.6 + (y - 1.6) * 0.25), color=BLUE)
        axes.text(2.6, 1.6 + (y - 1.6) * 0.68 + 0.22, f"$w_{i}$", ha="center", fontsize=13,
                  color=BLUE)
    axes.text(0.9, -0.55, text("inputs"), ha="center", va="top", fontsize=11)
    axes.text(2.6, -0.55, text("weights"), ha="center", va="top", fontsize=11, color=BLUE)

    axes.add_patch(Circle((5.1, 1.6), 0.65, facecolor="#e8eaf6", edgecolor=BLUE, linewidth=2))
    axes.text(5.1, 1.6, r"$\Sigma$", ha="center", va="center", fontsize=20)
    arrow(axes, (5.1, 3.3), (5.1, 2.3), color=ORANGE)
    # Two texts: a label with $...$ is drawn by matplotlib's math renderer, which has no
    # Bengali letters.
    axes.text(5.0, 3.45, text("bias"), ha="right", va="bottom", fontsize=11, color=ORANGE)
    axes.text(5.1, 3.45, "$b$", ha="left", va="bottom", fontsize=11, color=ORANGE)
    axes.text(5.1, 0.8, text("sum"), ha="center", va="top", fontsize=10.5)
    axes.text(5.1, 0.25, r"$z = w_1x_1 + w_2x_2 + w_3x_3 + b$", ha="center", va="top",
              fontsize=11)

    arrow(axes, (5.8, 1.6), (7.0, 1.6))
    axes.add_patch(FancyBboxPatch((7.05, 1.0), 1.7, 1.2, boxstyle="round,pad=0.05",
                                  facecolor="#e8f5e9", edgecolor=GREEN, linewidth=2))
    xs = np.linspace(-3, 3, 50)
    axes.plot(7.25 + (xs + 3) / 6 * 1.3, 1.15 + 0.9 / (1 + np.exp(-2 * xs)), color=GREEN,
              linewidth=2)
    axes.text(7.9, 0.8, text("activation"), ha="center", va="top", fontsize=10.5)
    axes.text(7.9, 0.25, r"$f(z)$", ha="center", va="top", fontsize=12)

    arrow(axes, (8.85, 1.6), (10.0, 1.6))
    axes.text(10.1, 1.6, r"$a$", ha="left", va="center", fontsize=15)
    axes.text(10.2, 0.8, text("output"), ha="center", va="top", fontsize=10.5)
    return figure


LAYERS = [3, 5, 5, 2]


def network(text):
    """Circles in columns, every neuron joined to every neuron of the next column."""
    figure, axes = blank_axes((10, 4.6), (-1.2, 11.0), (-1.6, 5.3))
    xs = [0.5, 3.5, 6.5, 9.5]
    colors = [BLUE, GREEN, GREEN, ORANGE]
    positions = [[2.0 + (n - 1) / 2 * 1.0 - i * 1.0 for i in range(n)] for n in LAYERS]
    for (x0, ys0), (x1, ys1) in zip(zip(xs, positions), zip(xs[1:], positions[1:])):
        for y0 in ys0:
            for y1 in ys1:
                axes.plot([x0, x1], [y0, y1], color=GREY, linewidth=0.7, alpha=0.6)
    for x, ys, color in zip(xs, positions, colors):
        for y in ys:
            axes.add_patch(Circle((x, y), 0.3, facecolor="white", edgecolor=color,
                                  linewidth=2, zorder=3))
    names = ["input", "hidden1", "hidden2", "output"]
    for x, name, color in zip(xs, names, colors):
        axes.text(x, -0.85, text(name), ha="center", va="top", fontsize=11, color=color)
    axes.annotate("", xy=(3.1, 4.7), xytext=(6.9, 4.7),
                  arrowprops=dict(arrowstyle="-", color=GREEN, linewidth=1.5))
    axes.text(5.0, 4.85, text("deep"), ha="center", va="bottom", fontsize=11, color=GREEN)
    arrow(axes, (-1.0, 2.0), (0.1, 2.0))
    arrow(axes, (9.9, 2.0), (10.9, 2.0))
    return figure


# -- Plots from real runs -----------------------------------------------------------------------

@functools.cache
def two_moons_run():
    """The run of snippets/deep_learning/06_mlp_two_moons.py: data, trained model, losses."""
    snippet = import_snippet("deep_learning/06_mlp_two_moons.py")
    torch.manual_seed(0)
    train_data, test_data = snippet.make_data()
    model = snippet.make_mlp()
    losses = snippet.train(model, *train_data)
    return train_data, test_data, model, losses


@functools.cache
def hidden_layer_runs():
    """The three models of snippets/deep_learning/08_why_hidden_layers.py, trained, and the
    test points on which their accuracy is measured."""
    snippet = import_snippet("deep_learning/08_why_hidden_layers.py")
    torch.manual_seed(0)
    train_data, test_data = snippet.make_data()
    models = snippet.make_models()
    accuracies = [snippet.train_and_test(m, train_data, test_data) for m in models.values()]
    return test_data, list(models.values()), accuracies


def probability_of_class_1(model, xx, yy):
    grid = torch.tensor(np.c_[xx.ravel(), yy.ravel()], dtype=torch.float32)
    device = next(model.parameters()).device
    with torch.no_grad():
        p = torch.softmax(model(grid.to(device)), dim=1)[:, 1].cpu().numpy()
    return p.reshape(xx.shape)


GRID = np.meshgrid(np.linspace(-1.6, 2.6, 120), np.linspace(-1.1, 1.6, 80))


def boundary(axes, model):
    xx, yy = GRID
    p = probability_of_class_1(model, xx, yy)
    axes.contourf(xx, yy, p, levels=[0, 0.5, 1], colors=["#c5cae9", "#ffe0b2"], alpha=0.8)
    axes.contour(xx, yy, p, levels=[0.5], colors=GREY, linewidths=1.5)
    axes.set_xlim(-1.6, 2.6)
    axes.set_ylim(-1.1, 1.6)
    axes.set_aspect("equal")
    axes.grid(False)


def points(axes, X, y, names=(None, None), **style):
    """The points of class 0 in blue and of class 1 in orange; `names` label them in a legend."""
    X, y = X.cpu().numpy(), y.cpu().numpy()
    for label, color, name in [(0, BLUE, names[0]), (1, ORANGE, names[1])]:
        # rasterized: the points are one picture, not a thousand SVG shapes (a lighter page)
        axes.scatter(*X[y == label].T, color=color, s=12, rasterized=True, label=name, **style)


def two_moons(text):
    """The trained MLP's decision boundary, with the training and the test points."""
    (X, y), (X_test, y_test), model, _ = two_moons_run()
    with torch.no_grad():
        wrong = (model(X_test).argmax(dim=1) != y_test).cpu().numpy()
    accuracy = 1 - wrong.mean()
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 3.9))
    for axes in (left, right):
        boundary(axes, model)
    points(left, X, y, (text("class_0_train"), text("class_1_train")), edgecolor="white",
           linewidth=0.3)
    left.set_title(text("train").format(n=len(X)), fontsize=11)
    left.legend(loc="lower left", fontsize=10, markerscale=1.6)
    points(right, X_test, y_test, (text("class_0_test"), text("class_1_test")), marker="^",
           edgecolor="white", linewidth=0.3)
    right.scatter(*X_test.cpu().numpy()[wrong].T, s=110, facecolor="none", edgecolor=RED,
                  linewidth=1.6, label=text("wrong"))
    right.set_title(text("test").format(n=len(X_test), accuracy=round(100 * accuracy)),
                    fontsize=11)
    right.legend(loc="lower left", fontsize=10, markerscale=1.6)
    figure.subplots_adjust(left=0.05, right=0.98, bottom=0.08, top=0.9, wspace=0.12)
    return figure


def loss_curve(text):
    """The training loss of the two-moons MLP, step by step."""
    *_, losses = two_moons_run()
    figure, axes = plt.subplots(figsize=(9, 3.6))
    axes.plot(range(len(losses)), losses, color=BLUE, linewidth=2)
    axes.set_xlabel(text("step"))
    axes.set_ylabel(text("loss"))
    axes.set_ylim(0, max(losses) * 1.05)
    axes.set_xlim(0, len(losses))
    figure.subplots_adjust(left=0.09, right=0.97, bottom=0.16, top=0.95)
    return figure


def why_hidden_layers(text):
    """The boundaries of the three models of snippet 08, side by side, with the test points."""
    (X, y), models, accuracies = hidden_layer_runs()
    figure, panels = plt.subplots(1, 3, figsize=(10, 3.1))
    for axes, model, accuracy, key in zip(panels, models, accuracies,
                                          ["linear", "deep_linear", "mlp"]):
        boundary(axes, model)
        points(axes, X, y, marker="^", edgecolor="white", linewidth=0.2)
        axes.set_title(text(key).format(accuracy=round(100 * accuracy)), fontsize=12)
        axes.set_xticks([])
        axes.set_yticks([])
        for spine in axes.spines.values():
            spine.set_visible(True)
            spine.set_color(GREY)
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.84, wspace=0.05)
    return figure


def activations(text):
    """The plot that snippets/deep_learning/10_plot_activation_functions.py draws, with the
    snippet's functions and its layout, and the labels in the page's language."""
    snippet = import_snippet("deep_learning/10_plot_activation_functions.py")
    figure = snippet.plot_activations()
    axes = figure.axes[0]
    for line in axes.get_lines():
        if line.get_label() in snippet.ACTIVATIONS:
            line.set_label(text(line.get_label()))
    axes.legend(loc="upper left")
    axes.set_xlabel(text("z"))
    axes.set_ylabel(text("f(z)"))
    return figure


FIGURES = {
    "deep-learning-history": history,
    "deep-learning-neuron": neuron,
    "deep-learning-network": network,
    "deep-learning-two-moons": two_moons,
    "deep-learning-loss": loss_curve,
    "deep-learning-why-hidden-layers": why_hidden_layers,
    "deep-learning-activations": activations,
}
