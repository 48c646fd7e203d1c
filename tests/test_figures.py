"""Every figure is made by code in tests/figures/, in every language that has its labels.

`pytest tests/test_figures.py --update-figures` writes docs/<lang>/figures/<name>.svg.
Without the option, each figure is drawn again and compared with the committed file.
A language without all of a figure's labels in docs/data/figures.yml shows the English figure.
"""

import importlib
import re

import pytest
import torch

from conftest import LANGUAGES, ROOT
from figures.common import labels, strings, to_svg
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
