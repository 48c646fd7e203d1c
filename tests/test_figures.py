"""Every figure is made by code in tests/figures/, in every language that has its labels.

`pytest tests/test_figures.py --update-figures` writes docs/<lang>/figures/<name>.svg.
Without the option, each figure is drawn again and compared with the committed file.
A language without all of a figure's labels in docs/data/figures/*.yml shows the English figure.
Every label of every drawn figure must fit: inside the figure, over no other label.
"""

import importlib
import itertools
import re

import pytest
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from conftest import LANGUAGES, ROOT, mkdocs_config
from figures.common import labels, plt, strings, to_svg
from snippet_output import other_numerics, output_difference, record_numerics

MODULES = sorted(p.stem for p in (ROOT / "tests" / "figures").glob("*.py") if p.stem != "common")
FIGURES = {
    name: draw
    for module in MODULES
    for name, draw in importlib.import_module(f"figures.{module}").FIGURES.items()
}
SHOWN = re.compile(r"!\[[^\]]+\]\((?:\.\./)*figures/([\w-]+)\.svg\)")


def figure_file(lang, name):
    return ROOT / "docs" / lang / "figures" / f"{name}.svg"


def labelled(name, lang):
    """True when every label of the figure has its text in `lang` (English always must)."""
    own = strings().get(name, {})  # a figure without labels (a snippet's own plot): English only
    return lang == "en" or bool(own) and all(lang in label for label in own.values())


DRAWN = [(name, lang) for name in sorted(FIGURES) for lang in LANGUAGES if labelled(name, lang)]


@pytest.mark.parametrize("name,lang", DRAWN)
def test_figure_matches_the_code_that_draws_it(name, lang, request):
    committed = figure_file(lang, name)
    where = committed.relative_to(ROOT)
    fix = "run `pytest tests/test_figures.py --update-figures` and look at the result"
    drawn = to_svg(FIGURES[name](labels(name, lang)))
    if request.config.getoption("--update-figures"):
        committed.parent.mkdir(parents=True, exist_ok=True)
        committed.write_text(drawn, encoding="utf-8")
        record_numerics()
        return
    assert committed.exists(), f"{where} is missing: {fix}"
    if torch.version.cuda is not None:
        pytest.skip("figures are drawn from runs with the CPU build of PyTorch (requirements.txt)")
    problem = output_difference(committed.read_text(encoding="utf-8"), drawn)
    if problem and other_numerics():
        pytest.skip(f"{where} differs ({problem}), but {other_numerics()}")
    assert problem is None, f"{where} no longer matches its code ({problem}): {fix}"


def test_every_figure_is_shown_on_a_page():
    shown = {m for page in (ROOT / "docs" / "en").rglob("*.md")
             for m in SHOWN.findall(page.read_text(encoding="utf-8"))}
    assert not sorted(set(FIGURES) - shown), "figures no English page shows"
    assert not sorted(shown - set(FIGURES)), "figures on pages that no code in tests/figures draws"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_figure_file_without_code_and_labels(lang):
    """A translated figure exists only while its code and all its labels in `lang` exist."""
    folder = ROOT / "docs" / lang / "figures"
    files = {p.stem for p in folder.glob("*.svg")} if folder.exists() else set()
    expected = {name for name, drawn_lang in DRAWN if drawn_lang == lang}
    assert not sorted(files - expected), f"docs/{lang}/figures/ has files nothing draws"


COMPLETE = mkdocs_config()["extra"]["complete_languages"]
FUNCTION_NAMES = {"tanh", "sigmoid", "softmax"}  # the same in every language, like maths and names


def labels_left_in_english(texts, lang):
    """Labels with no text in `lang`, or with the English text: an English word in lower case
    (outside $maths$) that is not a function's name. Names (Sobel), acronyms (ReLU) and maths
    ($h_t$) are the same in every language."""
    problems = []
    for figure, keys in texts.items():
        for key, text in keys.items():
            if lang not in text:
                problems.append(f"{figure}.{key} has no '{lang}' text")
                continue
            words = set(re.findall(r"\b[a-z]{3,}\b", re.sub(r"\$[^$]*\$", "", text["en"])))
            if text[lang] == text["en"] and words - FUNCTION_NAMES:
                problems.append(f"{figure}.{key} is in English in '{lang}': {text[lang]!r}")
    return problems


@pytest.mark.parametrize("lang", [lang for lang in COMPLETE if lang != "en"])
def test_every_label_of_a_complete_language_is_translated(lang):
    """A figure missing a label in `lang` would be shown in English on its pages, silently."""
    problems = labels_left_in_english(strings(), lang)
    assert not problems, "docs/data/figures/*.yml: " + "; ".join(problems)


def test_a_label_left_in_english_or_missing_is_named():
    texts = {"lstm-gates": {"input_gate": {"en": "input gate", "mn": "input gate"},
                            "xlabel": {"en": "time step"},
                            "sobel": {"en": "Sobel x", "mn": "Sobel x"},
                            "activation": {"en": "tanh", "mn": "tanh"}}}
    assert labels_left_in_english(texts, "mn") == [
        "lstm-gates.input_gate is in English in 'mn': 'input gate'",
        "lstm-gates.xlabel has no 'mn' text"]


def labels_that_do_not_fit(figure, margin=1.0):
    """What is wrong with the figure's labels: cut off by its edge, or over another label.

    Sizes are measured as matplotlib lays the text out (Agg, the fonts of figures/common.py),
    which is close to what the browser draws; tick labels (numbers) are left out."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # lays out the legends and the axis labels
    renderer = canvas.get_renderer()
    ticks = {id(label) for axes in figure.axes for axis in (axes.xaxis, axes.yaxis)
             for label in axis.get_ticklabels(which="both")}
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in figure.findobj(Text)
             if text.get_visible() and text.get_text().strip() and id(text) not in ticks]
    width, height = figure.bbox.width, figure.bbox.height
    problems = [f"{label!r} is cut off by the edge of the figure" for label, box in boxes
                if box.x0 < -margin or box.y0 < -margin
                or box.x1 > width + margin or box.y1 > height + margin]
    for (one, a), (other, b) in itertools.combinations(boxes, 2):
        if (min(a.x1, b.x1) - max(a.x0, b.x0) > margin
                and min(a.y1, b.y1) - max(a.y0, b.y0) > margin):
            problems.append(f"{one!r} overlaps {other!r}")
    return problems


@pytest.mark.parametrize("name,lang", DRAWN)
def test_every_label_fits_in_its_figure(name, lang):
    figure = FIGURES[name](labels(name, lang))
    try:
        problems = labels_that_do_not_fit(figure)
    finally:
        plt.close(figure)
    assert not problems, (
        f"docs/{lang}/figures/{name}.svg: " + "; ".join(problems) + f". Shorten the '{lang}' "
        f"labels of {name} in docs/data/figures/*.yml, or break them into lines with \\n.")
