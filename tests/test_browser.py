"""The built site as a reader meets it, in headless Chromium."""

import json
import re

import pytest

from conftest import LANGUAGES, PAGES, ROOT, address

# A word of at least 4 letters in the language's own script
WORD = {
    "en": r"[A-Za-z]{4,}",
    "mk": r"[\u0400-\u04ff]{4,}",
    "mn": r"[\u0400-\u04ff]{4,}",
    "bn": r"[\u0980-\u09ff]{4,}",
}


def root(lang):
    return "/" if lang == "en" else f"/{lang}/"


def a_word_from(site, lang):
    """A word in the page language's script, taken from that language's search index."""
    folder = site if lang == "en" else site / lang
    docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(doc["title"] for doc in docs if doc["location"].startswith("running-the"))
    words = re.findall(WORD[lang], text)
    assert words, f"no {lang} words in the titles of running-the-examples"
    return words[-1]


def search(page, query):
    """Type `query` into the search box and return the result links."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # Material searches on keyup; fill() of non-ASCII text sends none
    page.wait_for_selector(".md-search-result__item", timeout=5000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_words_of_the_page_language_and_only_its_pages(page, server, site, lang):
    if lang != "en" and not (ROOT / "docs" / lang / "running-the-examples.md").exists():
        pytest.skip(f"running-the-examples is not translated into {lang} yet")
    page.goto(f"{server}{root(lang)}running-the-examples/")
    word = a_word_from(site, lang)
    links = search(page, word)
    assert links, f"searching {word!r} on the {lang} page found nothing"
    for link in links:
        path = link.removeprefix(server)
        others = [root(o) for o in LANGUAGES if o not in ("en", lang)]
        assert path.startswith(root(lang)) and not path.startswith(tuple(others)), (
            f"searching {word!r} on the {lang} page found {path}"
        )
    assert page.outside_requests == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_file", PAGES)
def test_page_loads_with_no_error_and_no_outside_request(page, server, lang, page_file):
    path = address(page_file)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.goto(f"{server}{root(lang)}{path}")
    page.wait_for_load_state("networkidle")
    assert page.outside_requests == [], f"{root(lang)}{path} asked another host"
    assert problems == [], f"{root(lang)}{path}: {problems}"


@pytest.mark.parametrize("target", LANGUAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_selector_keeps_the_reader_on_the_same_page(page, server, lang, target):
    page.goto(f"{server}{root(lang)}running-the-examples/#install")
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang={target}]")
    page.wait_for_load_state()
    assert page.url.removeprefix(server).split("#")[0] == f"{root(target)}running-the-examples/"
