"""What every figure shares: one look, labels in each language, and access to the snippets.

A figure is a function `draw(text)` that returns a matplotlib Figure. It writes every label as
`text("key")`, which looks the key up in docs/data/figures/*.yml for the language being drawn.
Plots take their numbers from real runs: `import_snippet("rnn/08_vanishing_gradients.py")`
(from tests/snippet_output.py) imports a snippet file as a module, so a figure calls the very
functions that the page shows.
"""

import functools
import io
from pathlib import Path

import matplotlib
import yaml

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

ROOT = Path(__file__).resolve().parents[2]
STRINGS = ROOT / "docs" / "data" / "figures"

plt.rcParams.update({
    "svg.fonttype": "none",  # text stays text, so the browser shapes Bengali and Cyrillic
    "svg.hashsalt": "deep-learning-step-by-step",  # the same element ids on every run
    "savefig.dpi": 120,  # resolution of the parts drawn as pictures (rasterized=True)
    # A list, not "sans-serif": matplotlib then falls back to Noto Sans Bengali for each Bengali
    # letter, and measures Bengali labels with the font the browser will draw them in.
    "font.family": ["DejaVu Sans", "Noto Sans Bengali"],
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
})

# Colours used by every figure, so the same idea has the same colour on every page
BLUE, ORANGE, GREEN, RED, GREY = "#3f51b5", "#ef6c00", "#2e7d32", "#c62828", "#757575"


class MissingLabel(KeyError):
    """A label the figure needs has no text in this language yet."""


@functools.cache
def strings():
    """All figure labels: {figure: {key: {lang: text}}}, from one YAML file per lesson."""
    merged = {}
    for file in sorted(STRINGS.glob("*.yml")):
        merged.update(yaml.safe_load(file.read_text(encoding="utf-8")) or {})
    return merged


def labels(figure, lang):
    """The `text(key)` function for one figure in one language."""
    def text(key):
        try:
            return strings()[figure][key][lang]
        except (KeyError, TypeError):
            raise MissingLabel(f"docs/data/figures/*.yml has no '{lang}' text for {figure}.{key}")
    return text


def to_svg(figure):
    """The figure as SVG text, the same bytes on every run with the same inputs."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return buffer.getvalue()


