"""The course offline: one printable page per language (hooks/printable.py) and its PDF
(tests/pdfs.py), linked from the language's home page."""

import re
import shutil

import pytest
from pypdf import PdfReader, PdfWriter

import pdfs
import printable  # overrides/hooks/printable.py
from conftest import LANGUAGES, built, once_per_run

# A word of each language from the lessons, as the PDF's text layer gives it back. Bengali
# vowel signs written before their consonant (ি, ে) come back after it, so the Bengali word
# has none of them.
WORDS = {"en": "gradient", "mk": "тежини", "bn": "ইনপুট", "mn": "сүлжээ"}
IMG = re.compile(r'<img [^>]*src="(?:\.\./)*([^"]+)"')


@pytest.fixture(scope="session")
def made_pdfs(tmp_path_factory, site, browser):
    """The PDFs of every language, made once per run into the built site (`browser`: skipped
    without Chromium, as the browser tests are)."""
    seconds, _ = once_per_run(tmp_path_factory, "pdfs",
                              lambda folder: pdfs.make_pdfs(site, browser=browser))
    return seconds


def pdf_path(site, lang):
    return site / pdfs.folder(lang) / "print" / pdfs.pdf_name(lang)


def titles(site, lang):
    """The chapters' titles, from their built pages."""
    return {chapter: re.search(r"<h1[^>]*>(.*?)<", built(site, lang, chapter).read_text(
        encoding="utf-8")).group(1) for chapter in printable.CHAPTERS}


def figures_missing(print_html, chapter_htmls, lang):
    """Figures of the chapters that the printable page does not show."""
    shown = {src.rsplit("/", 1)[-1] for src in IMG.findall(print_html)}
    return [f"{pdfs.folder(lang)}print/ ({lang}): figure {src.rsplit('/', 1)[-1]} of {chapter} "
            f"is missing" for chapter, html in chapter_htmls.items()
            for src in IMG.findall(html) if src.rsplit("/", 1)[-1] not in shown]


def chapters_missing_from_pdf(pdf, expected, lang):
    """Chapters without a bookmark in the PDF (Chromium makes one per heading)."""
    if not pdf.is_file():
        return [f"{pdf.name} ({lang}) is missing: run `python tests/pdfs.py <site>`"]
    outline = [item.title for item in PdfReader(pdf).outline if not isinstance(item, list)]
    return [f"{pdf.name} ({lang}) has no chapter '{title}'" for title in expected
            if title not in outline]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printable_page_has_every_chapter_and_every_figure(site, lang):
    page = (site / pdfs.folder(lang) / "print" / "index.html").read_text(encoding="utf-8")
    for chapter in printable.CHAPTERS:
        assert f'<section class="chapter" id="{printable.name(chapter)}">' in page, chapter
    chapters = {chapter: built(site, lang, chapter).read_text(encoding="utf-8")
                for chapter in printable.CHAPTERS}
    assert not figures_missing(page, chapters, lang), figures_missing(page, chapters, lang)
    assert 'loading="lazy"' not in page, "a printer does not scroll: figures must load at once"
    assert "printable-link" not in page, "the home page's link to this page is left in it"
    assert len(set(re.findall(r' id="([^"]+)"', page))) == len(re.findall(r' id="', page))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_holds_every_chapter_in_its_language(site, made_pdfs, lang):
    pdf = pdf_path(site, lang)
    assert not chapters_missing_from_pdf(pdf, titles(site, lang).values(), lang)
    assert pdf.stat().st_size <= 15 * 1024 * 1024, f"{pdf.name}: over 15 MB"
    reader = PdfReader(pdf)
    text = " ".join(reader.pages[n].extract_text() for n in range(0, len(reader.pages), 10))
    assert WORDS[lang] in text, f"{pdf.name}: no '{WORDS[lang]}' in its text"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_links_its_printable_page_and_pdf_with_their_sizes(site, made_pdfs, lang):
    home = built(site, lang, "index.md").read_text(encoding="utf-8")
    size = printable.size_text(lang, pdf_path(site, lang).stat().st_size)
    assert f'<a href="print/{pdfs.pdf_name(lang)}" download>PDF, {size}</a>' in home
    page = (site / pdfs.folder(lang) / "print" / "index.html").stat().st_size
    assert '<a href="print/">' in home
    assert f'<span class="print-size">({printable.size_text(lang, page)})</span>' in home


# -- Bad input ------------------------------------------------------------------------------------

def test_figure_missing_from_the_printable_page_is_named(site):
    page = (site / "mk" / "print" / "index.html").read_text(encoding="utf-8")
    lesson = built(site, "mk", "lessons/lstm.md").read_text(encoding="utf-8")
    without = page.replace('src="../figures/lstm-gates.svg"', 'src="../figures/gone.svg"')
    assert figures_missing(without, {"lessons/lstm.md": lesson}, "mk") == [
        "mk/print/ (mk): figure lstm-gates.svg of lessons/lstm.md is missing"]


def test_pdf_without_a_lesson_or_missing_is_named(site, made_pdfs, tmp_path):
    expected = titles(site, "mn")
    cut = PdfWriter()
    cut.append(PdfReader(pdf_path(site, "mn")), pages=(0, 40))  # ends inside the CNN lesson
    cut.write(tmp_path / "deep-learning-mn.pdf")
    problems = chapters_missing_from_pdf(tmp_path / "deep-learning-mn.pdf", expected.values(), "mn")
    assert f"deep-learning-mn.pdf (mn) has no chapter '{expected['lessons/lstm.md']}'" in problems
    assert chapters_missing_from_pdf(tmp_path / "none.pdf", [], "bn") == [
        "none.pdf (bn) is missing: run `python tests/pdfs.py <site>`"]


def copy_of_a_language(site, lang, folder):
    """The site's assets and one language's pages, without PDFs and notebooks."""
    shutil.copytree(site / "assets", folder / "assets")
    shutil.copytree(site / lang, folder / lang, ignore=shutil.ignore_patterns("*.pdf", "notebooks"))
    return folder


def test_figure_that_does_not_load_stops_the_pdf(site, browser, tmp_path):
    copy = copy_of_a_language(site, "mk", tmp_path / "site")
    (copy / "mk" / "figures" / "lstm-gates.svg").unlink()
    with pytest.raises(pdfs.PrintProblem, match=r"^mk/print/ \(mk\): figure lstm-gates\.svg did "
                                                r"not load$"):
        pdfs.make_pdfs(copy, ["mk"], browser)


def test_bengali_drawn_without_a_bengali_font_stops_the_pdf(site, browser, tmp_path):
    """Text in a script that no font on the machine has is drawn as empty boxes ("tofu")."""
    copy = copy_of_a_language(site, "bn", tmp_path / "site")
    page = copy / "bn" / "print" / "index.html"
    html = page.read_text(encoding="utf-8")
    unassigned = "\u0984\u098d\u098e"  # in the Bengali block, but no letter: no font has them
    html = re.sub(r'(<section class="chapter" id="home">\s*<h1[^>]*>)[^<]*', rf"\g<1>{unassigned}",
                  html)
    page.write_text(html, encoding="utf-8")
    with pytest.raises(pdfs.PrintProblem, match=r"bn/print/ \(bn\): a heading is drawn with "
                                                r"\[.*\], no Bengali font"):
        pdfs.make_pdfs(copy, ["bn"], browser)


def test_printable_page_rewrites_ids_and_links_in_tags_only():
    """Each chapter's ids get the chapter's name in front (no two chapters share an id); words
    in the text that look like attributes stay as they are."""
    article = ('<h2 id="gates">Gates</h2><p title="a > b">Type id="x" or href="#gates" as text, '
               'or <a href="#gates">read about gates</a>.</p>')
    html = printable.chapter_html("lessons/lstm.md", "lessons/lstm/", article, {}, "print/",
                                  "https://learner.github.io/course/")
    assert '<h2 id="lstm--gates">' in html
    assert '<a href="#lstm--gates">' in html
    assert 'Type id="x" or href="#gates" as text' in html
