"""The built site: every page in every language, offline, with its own search and selector."""

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import LANGUAGES, NOTEBOOKS, PAGES, ROOT, address, built
SCRIPTS = {"mk": "[\u0400-\u04ff]", "mn": "[\u0400-\u04ff]", "bn": "[\u0980-\u09ff]"}


def page_config(html):
    """The JSON that Material's script reads from <script id="__config">."""
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                html, re.S).group(1))


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES + NOTEBOOKS)
def test_every_page_is_built_in_every_language(site, lang, page):
    assert built(site, lang, page).is_file(), f"docs/en/{page} was not built for '{lang}'"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES + NOTEBOOKS)
def test_page_declares_its_language(site, lang, page):
    html = built(site, lang, page).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES + NOTEBOOKS)
def test_language_selector_stays_on_the_same_page(site, lang, page):
    path = built(site, lang, page)
    html = path.read_text(encoding="utf-8")
    links = {a["hreflang"]: a["href"] for tag, a in Tags(html).tags
             if tag == "a" and "md-select__link" in a.get("class", "")}
    assert sorted(links) == sorted(LANGUAGES), f"selector of {lang}/{page} lists {sorted(links)}"
    for other, href in links.items():
        folder = site / href.lstrip("/") if href.startswith("/") else path.parent / href
        target = folder / "index.html"
        assert target.resolve() == built(site, other, page).resolve(), (
            f"on {lang}/{page} the '{other}' link goes to {href}"
        )


def test_selector_shows_native_language_names(site):
    html = built(site, "en", "index.md").read_text(encoding="utf-8")
    for name in ["English", "Македонски", "বাংলা", "Монгол"]:
        assert f">{name}<" in html.replace("\n", "").replace("  ", ""), name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_code_blocks_have_a_copy_button(site, lang):
    html = built(site, lang, "running-the-examples.md").read_text(encoding="utf-8")
    assert "content.code.copy" in page_config(html)["features"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_equations_are_mathml_not_latex(site, lang):
    html = built(site, lang, "running-the-examples.md").read_text(encoding="utf-8")
    assert "<math" in html, "no MathML on the page"
    assert 'class="arithmatex"' not in html, "an equation was left as LaTeX"


def test_no_page_loads_anything_from_another_host(site):
    """Scripts, styles, images, fonts and frames come from the site itself (links may point out)."""
    for page in site.rglob("*.html"):
        for tag, attrs in Tags(page.read_text(encoding="utf-8")).tags:
            address = attrs.get("src") or (attrs.get("href") if tag == "link" else None) or ""
            rel = attrs.get("rel", "")
            if tag == "link" and rel in ("canonical", "alternate"):
                continue  # names a page, loads nothing
            where = page.relative_to(site)
            assert not re.match(r"(https?:)?//", address), f"{where} loads {address}"
    for asset in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = asset.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, asset


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_holds_only_its_own_language(site, lang):
    folder = site if lang == "en" else site / lang
    docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {doc["location"].split("#")[0] for doc in docs}
    assert pages == {address(p) for p in PAGES}, f"the '{lang}' index has pages {sorted(pages)}"
    translated = [p for p in PAGES if (ROOT / "docs" / lang / p).is_file()]
    if lang in SCRIPTS and translated:
        text = " ".join(doc["text"] + doc["title"] for doc in docs)
        assert re.search(SCRIPTS[lang], text), f"the '{lang}' index has no text in its script"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES + NOTEBOOKS)
def test_search_on_a_page_reads_its_languages_index(site, lang, page):
    path = built(site, lang, page)
    base = page_config(path.read_text(encoding="utf-8"))["base"]
    index = (path.parent / base / "search" / "search_index.json").resolve()
    expected = (site / ("" if lang == "en" else lang) / "search" / "search_index.json").resolve()
    assert index == expected, f"{lang}/{page} searches {index}"


def test_search_splits_cyrillic_and_bengali_words(site):
    """The separator (a JavaScript regex, valid in Python too) splits on punctuation and danda."""
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(config["config"]["separator"])
    assert config["config"]["lang"] == ["en"], "lunr has no mk, bn or mn; never use ru"
    words = [w for w in separator.split("ডিপ লার্নিং।নিউরাল নেটওয়ার্ক॥ Тежини, слоеви: (мрежа)") if w]
    assert words == ["ডিপ", "লার্নিং", "নিউরাল", "নেটওয়ার্ক", "Тежини", "слоеви", "мрежа"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_status_table_matches_the_files(site, lang):
    html = built(site, lang, "translation-status.md").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:-1]  # without header and totals
    assert len(rows) == len(PAGES)
    for page, row in zip(PAGES, rows):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[1:]
        expected = ["✓" if (ROOT / "docs" / other / page).is_file() else "—" for other in LANGUAGES]
        assert cells == expected, f"row for {page}: {cells}, files say {expected}"
