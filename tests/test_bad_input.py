"""Each kind of drift fails the build or the tests with a message that names the file.

Every test here breaks a copy of the project on purpose and reads the message. A build takes
10-15 s, so mistakes that cannot hide one another share a copy and one build:

Each shared copy is built once for the whole run (`once_per_run` in conftest.py):

- `mistakes_found_after_the_build`: the mistakes that the checks after the last language
  report (hooks/i18n_checks.py). Each is planted on its own page, or is another kind of
  difference on the same page; each test finds its own message, naming its own file.
- `changes_that_build`: a page not translated, an outdated translation, a translated lesson
  with its notebook. The copy must build, and each test reads its own pages.

A mistake that stops a language's build at once (a broken link, a missing snippet, an outdated
page in a fresh language, an error in a notebook) gets a copy of its own: a second one in the
same copy would never be reached.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import notebooks
import translations
from conftest import (ROOT, SUB_PATH, address, build_site, copy_project, links_that_break,
                      once_per_run)
from snippet_output import stored_output_problem

PAGE = "running-the-examples.md"


def english_only_copy(folder):
    """A copy in which no language but English must be complete or fresh, whatever the editions
    have reached: the tests plant mistakes in the Macedonian folder and set what they need."""
    copy = copy_project(folder)
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"complete_languages: \[[^\]]*\]", "complete_languages: [en]", text)
    text = re.sub(r"fresh_languages: \[[^\]]*\]", "fresh_languages: []", text)
    config.write_text(text, encoding="utf-8")
    return copy


@pytest.fixture
def project(tmp_path, site):
    """A copy of its own for a test. Copies are made once the site is built (`site`): they
    start with its rendered notebooks (.cache/), which saves each build about 12 s."""
    return english_only_copy(tmp_path / "project")


def translate(project, lang="mk", page=PAGE):
    """Give `page` a 'translation' in `lang` (a copy of the English page) and return its path."""
    target = project / "docs" / lang / page
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(project / "docs" / "en" / page, target)
    return target


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failed_build(project):
    code, log = build_site(project, project / "site")
    assert code != 0, "the build passed but should have failed"
    return log


# -- Changes that must build: one copy, one build -------------------------------------------------

UNTRANSLATED = "notebooks/index.md"  # a page that mk lacks: the English one is shown


@pytest.fixture(scope="session")
def changes_that_build(tmp_path_factory, site):
    """One build, for the whole run, of a copy with every change of the tests below."""
    return once_per_run(tmp_path_factory, "changes", make_changes_and_build)[0]


def make_changes_and_build(folder):
    project = english_only_copy(folder)
    (project / "docs" / "mk" / UNTRANSLATED).unlink()
    # An outdated translation: made from the English page, which then changes
    page = translate(project)
    subprocess.run([sys.executable, "tests/translations.py", "mark", str(page)], check=True,
                   cwd=ROOT, capture_output=True)
    edit(project / "docs" / "en" / PAGE, "## Install { #install }", "## Install it { #install }")
    # A link written for a site at "/": it leaves the sub-path where the site is published
    page.write_text(page.read_text(encoding="utf-8") + '\n<a href="/mk/glossary/">x</a>\n',
                    encoding="utf-8")
    # A translated lesson, with a heading in Cyrillic, and its notebook
    lesson = translate(project, "mk", "lessons/lstm.md")
    edit(lesson, "## Why a plain RNN forgets {", "## Зошто обичната RNN заборава {")
    translations.mark(lesson)  # its front matter (english_version) stays out of the notebook
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(notebooks, "DOCS", project / "docs")
        notebook = notebooks.make_notebook("mk", "lstm")
        notebooks.make_and_run("mk", "lstm")  # with the outputs of the English notebook, not run
    code, log = build_site(project, project / "site")
    return {"project": str(project), "code": code, "log": log, "notebook": notebook}


def built_page(build, lang, name):
    assert build["code"] == 0, build["log"]
    return (Path(build["project"]) / "site" / lang / name / "index.html").read_text("utf-8")


def test_a_translated_copy_builds(changes_that_build):
    """The helpers only change what each test says: the copy with their changes builds."""
    assert changes_that_build["code"] == 0, changes_that_build["log"]


def test_link_that_leaves_the_sub_path_is_named_with_its_page_and_language(changes_that_build):
    """The copy is built for https://learner.github.io/course/, as the site is (conftest)."""
    assert changes_that_build["code"] == 0, changes_that_build["log"]
    problems = links_that_break(Path(changes_that_build["project"]) / "site")
    assert problems == [f"mk/{address(PAGE)}index.html: /mk/glossary/ leads outside {SUB_PATH}"]


def test_untranslated_page_shows_english_with_a_notice(changes_that_build):
    html = built_page(changes_that_build, "mk", "notebooks")
    assert "Оваа страница сѐ уште не е преведена на македонски" in html
    assert '<div lang="en">' in html, "the English text must be marked as English"
    english = built_page(changes_that_build, "", "notebooks")
    assert "untranslated-notice" not in english


def test_outdated_translation_shows_a_notice_and_its_status(changes_that_build):
    assert f"docs/mk/{PAGE} is outdated" in changes_that_build["log"]
    assert "translations.py mark" in changes_that_build["log"]
    html = built_page(changes_that_build, "mk", "running-the-examples")
    assert "outdated-notice" in html and 'href="../../running-the-examples/"' in html
    status = built_page(changes_that_build, "mk", "translation-status")
    row = re.search(r'<tr>\s*<td><a href="../running-the-examples/">.*?</tr>', status, re.S)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)  # page, en, mk, bn, mn
    assert cells[2].strip() not in ("✓", "—", ""), f"mk is shown as {cells[2]!r}, not outdated"


def test_a_translated_lesson_gets_its_notebook_page(changes_that_build):
    """A translation lands: its notebook is made from it, and its page keeps the lesson's ids,
    even for headings in another script (mkdocs-jupyter alone gives them the id "")."""
    notebook = changes_that_build["notebook"]
    assert "english_version" not in json.dumps(notebook)
    assert "---" not in notebook["cells"][0]["source"]
    html = built_page(changes_that_build, "mk", "notebooks/lstm")
    assert '<h2 id="why-a-plain-rnn-forgets">Зошто обичната RNN заборава' in html
    assert 'href="#why-a-plain-rnn-forgets"' in html  # the table of contents
    printed = notebooks.text_outputs(nbformat.read(notebooks.notebook_path("en", "lstm"), 4))[0]
    assert printed.splitlines()[0] in html, "the English outputs are shown"


# -- Mistakes that the checks after the last language report: one copy, one build ----------------

MISSING = "translation-status.md"  # a page that mk, made a complete language, lacks


@pytest.fixture(scope="session")
def mistakes_found_after_the_build(tmp_path_factory, site):
    """The log of one failed build, for the whole run, of a copy with every mistake below."""
    return once_per_run(tmp_path_factory, "mistakes", plant_mistakes_and_build)[0]


def plant_mistakes_and_build(folder):
    project = english_only_copy(folder)
    edit(project / "mkdocs.yml", "complete_languages: [en]", "complete_languages: [en, mk]")
    (project / "docs" / "mk" / MISSING).unlink()
    page = translate(project)
    edit(page, "## Install { #install }", "## Инсталација")
    edit(page, '--8<-- "setup/02_tensors_on_a_device.out"', "")
    edit(translate(project, "mk", "lessons/lstm.md"),
         "[cell state](../glossary.md#cell-state)", "cell state")
    (project / "snippets" / "setup" / "99_forgotten.py").write_text("print('hi')\n")
    return failed_build(project)


def test_page_missing_in_a_complete_language_fails_the_build(mistakes_found_after_the_build):
    log = mistakes_found_after_the_build
    assert f"docs/mk/{MISSING} is missing" in log and "complete_languages" in log


def test_translated_heading_without_the_english_id_fails_the_build(
        mistakes_found_after_the_build):
    log = mistakes_found_after_the_build
    assert f"docs/mk/{PAGE}: anchors differ" in log and "'install'" in log and "{ #" in log


def test_translation_without_a_snippet_fails_the_build(mistakes_found_after_the_build):
    log = mistakes_found_after_the_build
    assert f"docs/mk/{PAGE}: includes differ" in log and "02_tensors_on_a_device.out" in log


def test_translation_without_a_glossary_link_fails_the_build(mistakes_found_after_the_build):
    log = mistakes_found_after_the_build
    assert "docs/mk/lessons/lstm.md: glossary links differ" in log and "'cell-state'" in log


def test_snippet_no_page_includes_fails_the_build(mistakes_found_after_the_build):
    log = mistakes_found_after_the_build
    assert "snippets/setup/99_forgotten.py is not included by any page" in log


# -- Mistakes that stop a language's build: one copy each ----------------------------------------

def test_missing_snippet_fails_the_build(project):
    edit(project / "docs" / "en" / PAGE, '--8<-- "setup/02_tensors_on_a_device.py"',
         '--8<-- "setup/no_such_file.py"')
    log = failed_build(project)
    assert "no_such_file.py" in log and PAGE in log


def test_broken_link_fails_the_build(project):
    page = translate(project)
    edit(page, "(#using-a-gpu)", "(no-such-page.md)")
    log = failed_build(project)
    assert f"mk/{PAGE}" in log and "no-such-page.md" in log


def test_outdated_page_in_a_fresh_language_fails_the_build(project):
    edit(project / "mkdocs.yml", "fresh_languages: []", "fresh_languages: [mk]")
    translate(project)  # a copy with no english_version: outdated
    log = failed_build(project)
    assert f"docs/mk/{PAGE} is outdated" in log and "fresh_languages" in log
    assert f"python tests/translations.py mark docs/mk/{PAGE}" in log


def test_notebook_with_an_error_in_its_outputs_fails_the_build(project):
    notebook = project / "docs" / "en" / "notebooks" / "lstm.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    code_cell = next(cell for cell in data["cells"] if cell["cell_type"] == "code")
    code_cell["outputs"].append({"output_type": "error", "ename": "ZeroDivisionError",
                                 "evalue": "division by zero", "traceback": []})
    notebook.write_text(json.dumps(data), encoding="utf-8")
    log = failed_build(project)
    assert "docs/en/notebooks/lstm.ipynb" in log and "ZeroDivisionError" in log


# -- Without a build ----------------------------------------------------------------------------

def test_stale_output_is_reported_with_the_fix(project):
    snippet = project / "snippets" / "setup" / "03_first_computation.py"
    stored = snippet.with_suffix(".out").read_text(encoding="utf-8")
    changed = re.sub(r"0\.\d+", "0.9999", stored, count=1)
    problem = stored_output_problem(snippet, changed, project)
    assert problem and "snippets/setup/03_first_computation.out no longer matches" in problem
    assert "--update-outputs" in problem


def test_a_cell_that_raises_stops_the_run_with_its_error():
    """Notebooks run with allow_errors=False: an error can never hide in the outputs."""
    cells = [nbformat.v4.new_code_cell("print('before')"), nbformat.v4.new_code_cell("1 / 0")]
    with pytest.raises(Exception, match="ZeroDivisionError"):
        notebooks.run(nbformat.v4.new_notebook(cells=cells), timeout=60)


def test_translated_notebook_with_other_code_is_refused(project, monkeypatch):
    lesson = translate(project, "mk", "lessons/lstm.md")
    edit(lesson, '--8<-- "lstm/01_lstm_cell_by_hand.py"', '--8<-- "lstm/02_gradient_over_distance.py"')
    monkeypatch.setattr(notebooks, "DOCS", project / "docs")
    with pytest.raises(ValueError, match="docs/mk/lessons/lstm.md: code cell 1 of its notebook "
                                         "differs from the English one"):
        notebooks.make_and_run("mk", "lstm")
