"""The lesson notebooks: made from their pages, run top to bottom, shown on the site."""

import json
import re

import nbformat
import pytest
import torch

from conftest import LANGUAGES, NOTEBOOKS, ROOT, built, folder
from notebooks import (code_cells, inputs, is_solution, lessons, make_notebook, notebook_path,
                       run, text_outputs)
from snippet_output import other_numerics, output_difference

LESSONS = lessons()
IDS = [f"{lang}-{lesson}" for lang, lesson in LESSONS]
FIX = "run `python tests/notebooks.py` (it makes and runs every notebook) and review the diff"


def stored(lang, lesson):
    return nbformat.read(notebook_path(lang, lesson), as_version=4)


def name(lang, lesson):
    return notebook_path(lang, lesson).relative_to(ROOT).as_posix()


def test_every_lesson_page_has_a_notebook_and_every_notebook_a_lesson_page():
    made = {notebook_path(lang, lesson) for lang, lesson in LESSONS}
    found = set((ROOT / "docs").glob("*/notebooks/*.ipynb"))
    assert found - made == set(), f"notebooks without a lesson page: {sorted(found - made)}"
    assert made - found == set(), f"lessons without a notebook: {sorted(made - found)}; {FIX}"


@pytest.mark.parametrize(("lang", "lesson"), LESSONS, ids=IDS)
def test_notebook_is_made_from_its_page_and_snippets(lang, lesson):
    """Nobody edits a notebook: the stored one is exactly what the page and snippets make now."""
    if inputs(stored(lang, lesson)) != inputs(make_notebook(lang, lesson)):
        pytest.fail(f"{name(lang, lesson)} is out of date with docs/{lang}/lessons/{lesson}.md "
                    f"or its snippets: {FIX}", pytrace=False)


@pytest.mark.parametrize(("lang", "lesson"), LESSONS, ids=IDS)
def test_notebook_shows_what_the_page_shows(lang, lesson):
    """Each code cell is a snippet of the page, or an exercise's starter (which prints nothing).
    A snippet's cell printed exactly the snippet's `.out` file, which the page shows."""
    notebook = stored(lang, lesson)
    page = (ROOT / "docs" / lang / "lessons" / f"{lesson}.md").read_text(encoding="utf-8")
    included = [file for file in re.findall(r'^ *--8<-- "([^":]+\.py)"$', page, flags=re.M)
                if not is_solution(file)]
    codes = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert len(codes) == len(included), f"{name(lang, lesson)}: one code cell per snippet"
    for snippet, printed in zip(included, text_outputs(notebook)):
        out = (ROOT / "snippets" / snippet).with_suffix(".out")
        expected = out.read_text(encoding="utf-8") if out.exists() else ""
        assert printed == expected, f"{name(lang, lesson)}: the cell of {snippet} printed " \
                                    f"something else than its page shows; {FIX}"
    errors = [o for cell in notebook.cells for o in cell.get("outputs", [])
              if o.output_type == "error" or o.get("name") == "stderr"]
    assert not errors, f"{name(lang, lesson)} has errors or warnings in its outputs: {errors}"


@pytest.mark.parametrize(("lang", "lesson"), LESSONS, ids=IDS)
def test_first_cell_says_what_the_notebook_needs(lang, lesson):
    first = stored(lang, lesson).cells[0].source
    pins = dict(line.split("==") for line in
                (ROOT / "requirements.txt").read_text(encoding="utf-8").split() if "==" in line)
    install = re.search(r"^pip install (.*)$", first, flags=re.M)
    assert install, f"{name(lang, lesson)}: the first cell must give a `pip install` line"
    for package in install.group(1).split():
        if "==" in package:
            assert package.split("==")[1] == pins[package.split("==")[0]], (
                f"{name(lang, lesson)} asks for {package}, requirements.txt for another version")
    assert "torch==" in install.group(1) and "numpy==" in install.group(1)


ENGLISH_LESSONS = [(lang, lesson) for lang, lesson in LESSONS if lang == "en"]
TRANSLATED_LESSONS = [(lang, lesson) for lang, lesson in LESSONS if lang != "en"]


@pytest.mark.parametrize(("lang", "lesson"), TRANSLATED_LESSONS,
                         ids=[f"{lang}-{lesson}" for lang, lesson in TRANSLATED_LESSONS])
def test_translated_notebook_has_the_english_code_cells_and_outputs(lang, lesson):
    """A translation changes the prose only: its notebook is not run again (tests/notebooks.py)."""
    mine, english = code_cells(stored(lang, lesson)), code_cells(stored("en", lesson))
    assert [c.source for c in mine] == [c.source for c in english], (
        f"{name(lang, lesson)}: its code cells differ from {name('en', lesson)}'s")
    assert [c.outputs for c in mine] == [c.outputs for c in english], (
        f"{name(lang, lesson)}: its outputs differ from {name('en', lesson)}'s; {FIX}")


@pytest.mark.parametrize(("lang", "lesson"), ENGLISH_LESSONS,
                         ids=[f"{lang}-{lesson}" for lang, lesson in ENGLISH_LESSONS])
def test_notebook_runs_top_to_bottom_and_prints_its_stored_outputs(lang, lesson):
    """Run in a fresh kernel, on the CPU, in an empty folder: no cell may raise, and every cell
    prints what the stored notebook shows (numbers within the tolerance of the snippet tests).
    Translated notebooks have the same code and outputs (the test above): they are not run."""
    try:
        notebook = run(make_notebook(lang, lesson))
    except Exception as error:  # nbclient's CellExecutionError names the cell and the error
        pytest.fail(f"{name(lang, lesson)} failed while running:\n{error}", pytrace=False)
    if torch.version.cuda is not None:
        pytest.skip("stored outputs are recorded with the CPU build of PyTorch (requirements.txt)")
    for number, (want, got) in enumerate(
            zip(text_outputs(stored(lang, lesson)), text_outputs(notebook)), start=1):
        problem = output_difference(want, got)
        if problem and other_numerics():
            pytest.skip(f"{name(lang, lesson)}, code cell {number}: {problem}. "
                        f"But {other_numerics()}.")
        assert not problem, f"{name(lang, lesson)}, code cell {number}: {problem}. {FIX}"


# -- On the built site ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_page_shows_cells_not_json(site, lang, notebook):
    """static-i18n publishes a notebook as raw JSON when it is not a page; this must not happen,
    in any language. The page shows the cells, the outputs and the language selector."""
    html = built(site, lang, notebook).read_text(encoding="utf-8")
    assert not html.lstrip().startswith("{"), f"{lang}/{notebook} was published as raw JSON"
    assert html.count('class="jp-Cell jp-CodeCell') > 0, f"{lang}/{notebook} shows no code cell"
    assert "jp-OutputArea-output" in html, f"{lang}/{notebook} shows no output"
    assert 'class="md-select__link"' in html, f"{lang}/{notebook} has no language selector"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_page_is_light_and_loads_nothing_from_outside(site, lang, notebook):
    """mkdocs-jupyter's inlined JupyterLab CSS (~590 KB) and MathJax script are removed."""
    html = built(site, lang, notebook).read_text(encoding="utf-8")
    assert "<style" not in html.split("<article", 1)[1], f"{lang}/{notebook} inlines CSS"
    assert "mathjax" not in html.lower(), f"{lang}/{notebook} still loads MathJax"
    assert "data:image/svg" not in html, f"{lang}/{notebook} inlines the lesson's figures"
    assert "$" not in re.sub(r"<pre.*?</pre>", "", html, flags=re.S), f"raw LaTeX in {notebook}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_and_its_lesson_have_a_download_button(site, lang, notebook):
    lesson_page = built(site, lang, notebook.replace("notebooks/", "lessons/"))
    for page in [built(site, lang, notebook), lesson_page]:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a class="md-button" href="([^"]+\.ipynb)" download>', html)
        assert links, f"{page.relative_to(site)} has no download button for its notebook"
        downloaded = page.parent / links[0]
        assert downloaded.is_file(), f"{page.relative_to(site)} offers {links[0]}, not built"
        assert json.loads(downloaded.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_each_lesson_once_not_its_notebook(site, lang):
    index = site / folder(lang) / "search" / "search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    notebook_pages = {n.removesuffix(".ipynb") + "/" for n in NOTEBOOKS}
    assert not locations & notebook_pages, f"the '{lang}' search index has notebook pages"
    text = " ".join(doc["text"] for doc in docs)
    assert "Copied!" not in text and "In [" not in text, "notebook noise in the search index"
