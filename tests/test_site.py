"""The built site: every page in every language, offline, with its own search and selector."""

import json
import re
from html.parser import HTMLParser

import pytest

import glossary  # overrides/hooks/glossary.py
import translations
from conftest import (ENGLISH, LANGUAGES, NOTEBOOKS, PAGES, ROOT, SUB_PATH, address, built, folder,
                      links_that_break)

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
        assert not href.startswith("/") or href.startswith(SUB_PATH), (
            f"on {lang}/{page} the '{other}' link {href} leaves {SUB_PATH}")
        leads_to = (site / href.removeprefix(SUB_PATH) if href.startswith("/")
                    else path.parent / href)
        target = leads_to / "index.html"
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


def test_no_link_or_asset_is_broken_under_the_sub_path(site):
    """Published under a sub-path (https://<user>.github.io/<repo>/), every link, script, style,
    figure and notebook download of every page in every language still leads somewhere, with
    its anchor. This covers the notebook pages too, whose links `mkdocs build` does not check."""
    problems = links_that_break(site)
    assert not problems, f"{len(problems)} broken:\n  " + "\n  ".join(problems[:20])


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
    index = site / folder(lang) / "search" / "search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
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
    expected = (site / folder(lang) / "search" / "search_index.json").resolve()
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
        states = ["translated"] + [translations.state(ROOT / "docs", other, page)
                                   for other in LANGUAGES[1:]]
        shown = [{"✓": "translated", "—": "missing"}.get(cell.strip(), "outdated") for cell in cells]
        assert shown == states, f"row for {page}: {cells}, files say {states}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_page_is_in_alphabetical_order(site, lang):
    html = built(site, lang, "glossary.md").read_text(encoding="utf-8")
    rows = re.findall(r'<span id="([\w-]+)"></span><strong>(.*?)</strong>', html)
    assert sorted(key for key, _ in rows) == sorted(glossary.load(ROOT / "docs")), "entries"
    terms = [term for _, term in rows]
    assert terms == sorted(terms, key=lambda term: glossary.sort_key(lang, term))


# -- The interface in the reader's language ----------------------------------------------------

# Words in Latin letters that a translated interface may keep: names of products and people.
# Acronyms in capitals (GPU, LSTM) are allowed too. See docs/data/house-style/<lang>.md.
NAMES = {"PyTorch", "Python", "Jupyter", "GitHub", "NVIDIA", "Apple", "MkDocs", "Material",
         "ReLU", "tanh", "softmax"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")


class InterfaceStrings(HTMLParser):
    """The interface strings of a page: tooltips, aria-labels, placeholders and labels, outside
    code and outside English content shown on a page that is not translated yet."""

    ATTRIBUTES = ("title", "aria-label", "placeholder")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self, html):
        super().__init__()
        self.strings, self.headings, self.open = [], [], []
        self.feed(html)

    def skipping(self):
        return any(tag in ("pre", "code", "script", "style") or english for tag, english in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self.open.append((tag, attrs.get("lang") == "en"))
        if not self.skipping():
            self.strings += [(f"{tag} {name}", attrs[name]) for name in self.ATTRIBUTES
                             if attrs.get(name)]

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        tags = [tag for tag, _ in self.open]
        if data.strip() and re.fullmatch(r"h[1-6]", tags[-1] if tags else ""):
            self.headings.append(data.strip())
        elif data.strip() and "label" in tags and not self.skipping():
            self.strings.append(("label", data.strip()))


def english_titles():
    """The first heading of every English page: a page not translated yet shows it in menus."""
    return {line[2:].strip() for page in ENGLISH.rglob("*.md")
            for line in page.read_text(encoding="utf-8").splitlines()[:5] if line.startswith("# ")}


def english_words(text, content):
    for part in sorted(content, key=len, reverse=True):  # titles and headings are content
        text = text.replace(part, " ")
    return [w for w in LATIN_WORD.findall(text) if w not in NAMES and not w.isupper()]


@pytest.mark.parametrize("lang", LANGUAGES[1:])
@pytest.mark.parametrize("page", PAGES + NOTEBOOKS)
def test_interface_strings_are_in_the_pages_language(site, lang, page):
    html = built(site, lang, page).read_text(encoding="utf-8")
    found = InterfaceStrings(html)
    strings = found.strings + [(f"search/copy text {key}", text)
                               for key, text in page_config(html)["translations"].items()]
    content = english_titles() | set(found.headings)
    left = list(dict.fromkeys(f"{where}: {text!r}" for where, text in strings
                              if english_words(text, content)))
    assert not left, (f"{built(site, lang, page).relative_to(site)}: interface strings in English "
                      f"(translate them in mkdocs.yml, overrides/partials/languages/{lang}.html or "
                      f"docs/data/): " + "; ".join(left))
