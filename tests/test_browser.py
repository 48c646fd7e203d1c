"""The built site as a reader meets it, in headless Chromium, for every page in every language.

One visit per page and language (see `test_reader_meets_the_page`) checks what a reader meets;
from one page of each depth in each language it also searches and switches language with the
selector. Every page whose content is in the page's language (English, or translated) also gets
an accessibility check (axe-core, from `npm ci`); the colour contrast of text, which the
stylesheet decides, is checked on the English pages. The colours of highlighted code are
checked once for the whole site (`test_code_colours_have_enough_contrast`), not on every page:
that part of axe took 9 of the 13 seconds of a lesson. With `--screenshots`, lessons and
notebooks get a full-page screenshot in tests/screenshots/ (not committed) for people to look at.
"""

import json
import os
import re
import time
from pathlib import Path

import pytest

from conftest import LANGUAGES, NOTEBOOKS, PAGES, ROOT, address, built, folder, origin
from pdfs import fonts_of  # tests/pdfs.py: the fonts Chromium used for an element

SCRIPT = {  # letters of each language's own script
    "en": r"[A-Za-z]",
    "mk": r"[\u0400-\u04ff]",
    "mn": r"[\u0400-\u04ff]",
    "bn": r"[\u0980-\u09ff]",
}
RAW_LATEX = re.compile(r"\$\$|\\\(|\\\[|\\(?:frac|sum|sigma|tanh|odot|partial|mathbf)\b")
SCREENSHOTS = ROOT / "tests" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LESSONS = [p for p in PAGES if p.startswith("lessons/")]
LESSON_OF = {notebook: notebook.replace("notebooks/", "lessons/").replace(".ipynb", ".md")
             for notebook in NOTEBOOKS}


def root(lang):
    return "/" + folder(lang)


def translated(lang, page_file):
    return (ROOT / "docs" / lang / page_file).is_file()


def next_language(lang):
    return LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]


def a_word_from_the_title(site, lang, page_file):
    """A word of at least 4 letters in the page's script, from its title in the search index."""
    index = json.loads((site / folder(lang) / "search" / "search_index.json").read_text(
        encoding="utf-8"))
    searched = LESSON_OF.get(page_file, page_file)  # notebooks are not searched; their lessons are
    title = next(doc["title"] for doc in index["docs"] if doc["location"] == address(searched))
    words = re.findall(SCRIPT[lang].replace("]", "]{4,}", 1), title)
    return words[0] if words else None


QUIET = 0.2  # seconds without a request in flight after which a loaded page counts as settled


def open_page(page, url):
    """Load `url` and collect what went wrong on the way: console errors, failed requests.
    Returns once the page has loaded and then, counted from its load event, made no request
    for QUIET seconds: what a page asks for after its load event (its icon, the search's worker
    script) starts within 40-90 ms from the local server. Playwright's "networkidle" waits
    500 ms instead, which was a tenth of the browser tests' time. The lists keep filling while
    the test goes on."""
    problems, in_flight, last = [], set(), [time.monotonic()]

    def started(request):
        in_flight.add(request)
        last[0] = time.monotonic()

    def ended(request):
        in_flight.discard(request)
        last[0] = time.monotonic()

    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    page.goto(url)
    last[0] = time.monotonic()  # the quiet time counts from the load event, not before it
    deadline = time.monotonic() + 30
    while (in_flight or time.monotonic() - last[0] < QUIET) and time.monotonic() < deadline:
        page.wait_for_timeout(20)  # lets Playwright deliver the events above
    if in_flight:
        problems.append(f"still loading after 30 s: {sorted(r.url for r in in_flight)}")
    return problems


def what_is_wrong(page, lang, page_file):
    """Everything a reader would notice, as a list of sentences (empty when all is well)."""
    problems = []
    if page.evaluate("document.documentElement.lang") != lang:
        problems.append(f"<html lang> is not {lang}")

    article = page.locator("article")
    text = article.inner_text()
    if RAW_LATEX.search(text):
        problems.append(f"raw LaTeX is visible: {RAW_LATEX.search(text).group(0)!r}")
    widths = "m => m.map(e => e.getBoundingClientRect().width)"
    for box in page.eval_on_selector_all("article math", widths):
        if box <= 0:
            problems.append("an equation is drawn with no width")

    content_lang = lang if translated(lang, page_file) else "en"
    # Figures load lazily (when scrolled near); load them all now, as a reader scrolling would
    page.evaluate("document.querySelectorAll('article img').forEach(i => i.loading = 'eager')")
    page.wait_for_function("[...document.querySelectorAll('article img')].every(i => i.complete)")
    for image in page.eval_on_selector_all(
        "article img", "i => i.map(e => ({src: e.src, alt: e.alt, width: e.naturalWidth}))"
    ):
        name = image["src"].rsplit("/", 1)[-1]
        if image["width"] == 0:
            problems.append(f"figure {name} did not load")
        if not re.search(SCRIPT[content_lang], image["alt"]):
            problems.append(f"figure {name} has no alt text in '{content_lang}': {image['alt']!r}")

    if lang == "bn" and translated(lang, page_file):
        fonts = fonts_of(page, "h1")[0]  # the fonts Chromium really used (tofu would use none)
        if not any("Bengali" in font for font in fonts):
            problems.append(f"the Bengali title is drawn with {fonts}, not a Bengali font")
    return problems


def search(page, query):
    """Type `query` into the search box and return the result links. The results of an earlier
    query are cleared first, so that they are not taken for this query's."""
    page.click("input.md-search__input")
    if page.locator(".md-search-result__item").count():
        page.fill("input.md-search__input", "")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", state="detached", timeout=5000)
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # Material searches on keyup; fill() of non-ASCII text sends none
    try:
        page.wait_for_selector(".md-search-result__item", timeout=5000)
    except Exception as error:  # Playwright's TimeoutError: nothing was found
        if type(error).__name__ != "TimeoutError":
            raise
        return []
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


def whole_snippet_blocks(page_file):
    """Snippet files that the page includes whole, under a title naming the file."""
    text = (ROOT / "docs" / "en" / page_file).read_text(encoding="utf-8")
    return re.findall(r'```python title="snippets/([^"]+\.py)"\n--8<-- "\1"\n```', text)


def copied(page, block):
    """Click the copy button of a code block and return what it put on the clipboard."""
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    return page.evaluate("navigator.clipboard.readText()").rstrip("\n")


def notebook_copy_problem(page, notebook):
    """Click the copy button of the notebook's first code cell; None if it copied that code."""
    cells = json.loads((ROOT / "docs" / "en" / notebook).read_text(encoding="utf-8"))["cells"]
    code = "".join(next(cell for cell in cells if cell["cell_type"] == "code")["source"])
    if copied(page, page.locator(".jp-CodeCell .highlight").first) != code.rstrip("\n"):
        return "the copy button of the first code cell copies other text"
    return None


def copy_problem(page, snippet):
    """Click the copy button of the block showing `snippet`; None if it copied the file."""
    title = page.locator(".highlight .filename", has_text=f"snippets/{snippet}").first
    expected = (ROOT / "snippets" / snippet).read_text(encoding="utf-8")
    if copied(page, title.locator("xpath=..")) != expected.rstrip("\n"):
        return f"the copy button of snippets/{snippet} copies other text"
    return None


AXE_RUN = ("async ([context, options]) => (await axe.run(context || document, options)).violations"
           ".map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,"
           " first: v.nodes[0].target.join(' ')}))")
NOT_CONTRAST = {"rules": {"color-contrast": {"enabled": False}}, "resultTypes": ["violations"]}
ONLY_CONTRAST = {"runOnly": {"type": "rule", "values": ["color-contrast"]},
                 "resultTypes": ["violations"]}


def axe(page, context, options):
    """Serious and critical problems that axe-core finds in `context` (None: the whole page)."""
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            return ["axe-core is not installed in CI: .ci/run must run `npm ci`"]
        return []  # locally without `npm ci`: this check is left out
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN, [context, options])
    return [f"accessibility: {v['id']} ({v['impact']}, {v['count']}x, e.g. {v['first']}): "
            f"{v['help']}" for v in violations if v["impact"] in ("serious", "critical")]


def accessibility_problems(page, contrast):
    """Every axe rule on the whole page. The colour contrast of code blocks (<pre>) is left to
    `test_code_colours_have_enough_contrast`, which checks it once for the site; with
    `contrast=False`, the contrast of the rest of the page is left out too."""
    problems = axe(page, None, NOT_CONTRAST)
    if contrast:
        problems += axe(page, {"include": [["body"]], "exclude": [["pre"]]}, ONLY_CONTRAST)
    return problems


# Searching and switching language depend on the language and on how deep the page is (its
# links to the index and to the other languages are relative), not on the page itself: they are
# tried from one page of each depth in each language. test_site.py checks the language
# selector's links on every page.
SEARCHED_FROM = list({address(p).count("/"): p for p in reversed(PAGES + NOTEBOOKS)}.values())


def search_and_switch_problems(page, server, site, lang, page_file):
    """Search from the page stays in its language; the selector leads to the same page."""
    problems = []
    word = a_word_from_the_title(site, lang, page_file)
    if word:
        links = search(page, word)
        others = tuple(root(o) for o in LANGUAGES if o not in ("en", lang))
        for link in links or ["(no result)"]:
            path = link.removeprefix(server)
            if not path.startswith(root(lang)) or path.startswith(others):
                problems.append(f"searching {word!r} found {path}")
        page.keyboard.press("Escape")

    target = next_language(lang)
    page.hover(".md-header__option .md-select")
    with page.expect_navigation(wait_until="commit"):  # the address is known: no need to load
        page.click(f".md-select__link[hreflang={target}]")
    arrived = page.url.removeprefix(server).split("#")[0]
    if arrived != f"{root(target)}{address(page_file)}":
        problems.append(f"the '{target}' link of the language selector went to {arrived}")
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_file", PAGES + NOTEBOOKS)
def test_reader_meets_the_page(page, server, site, lang, page_file, screenshots):
    """One visit per page and language, as a reader: it loads cleanly and offline, shows
    equations, figures and Bengali text properly, its copy button copies the snippet, a lesson
    has no serious accessibility problem; from one page of each depth (SEARCHED_FROM), search
    stays in the language and the language selector keeps the page. All problems are listed
    together."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin(server))
    url = f"{server}{root(lang)}{address(page_file)}"
    problems = open_page(page, url)
    if page.outside_requests:
        problems.append(f"asked another host: {page.outside_requests}")
    problems += what_is_wrong(page, lang, page_file)
    # A page that is not translated yet shows the English content, checked on the English page:
    # axe and the screenshot are for content in the language's own words. A translation has the
    # English page's elements and colours, so the colour contrast (3-4 s a lesson) is checked on
    # the English page only. (Not so axe's link-in-text-block: whether a link has words around
    # it in its block depends on the wording, so it runs on every page.)
    own_content = lang == "en" or translated(lang, page_file)
    if own_content:  # before the copy button shows its dialog
        problems += accessibility_problems(page, contrast=lang == "en")
    if page_file in NOTEBOOKS:
        problems += [p for p in [notebook_copy_problem(page, page_file)] if p]
    elif whole_snippet_blocks(page_file):
        problems += [p for p in [copy_problem(page, whole_snippet_blocks(page_file)[0])] if p]
    if own_content and page_file in LESSONS + NOTEBOOKS and screenshots:
        SCREENSHOTS.mkdir(exist_ok=True)
        kind = "notebook-" if page_file in NOTEBOOKS else ""
        name = f"{lang}-{kind}{Path(page_file).stem}.jpg"  # JPEG: half the time of a tall PNG
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True, type="jpeg", quality=80)

    if page_file in SEARCHED_FROM:
        problems += search_and_switch_problems(page, server, site, lang, page_file)

    assert not problems, f"{root(lang)}{address(page_file)}:\n  " + "\n  ".join(problems)


# -- The colours of highlighted code, checked once for the site ----------------------------------

CODE_BLOCK = re.compile(r'<div class="([^"]*)"[^>]*>\s*(?:<span class="filename">.*?</span>)?'
                        r'\s*<pre[^>]*>(.*?)</pre>', re.DOTALL)


def code_colours(html):
    """What decides the colours of a page's code blocks: the Pygments token classes of the code,
    plus the kind of block for text drawn without a token class (program output, plain text)."""
    colours = set()
    for block, code in CODE_BLOCK.findall(html):
        colours |= {f"token {name}" for name in re.findall(r'<span class="(\w+)"', code)}
        if re.sub(r"<[^>]+>", "", re.sub(r"<span class.*?</span>", "", code, flags=re.S)).strip():
            colours.add(f"text in {block}")
    return colours


def pages_that_show_every_code_colour(site):
    """The fewest pages (English first) whose code blocks, together, show every code colour
    used anywhere on the site, in any language."""
    shown = {(lang, page_file): code_colours(built(site, lang, page_file).read_text("utf-8"))
             for lang in LANGUAGES for page_file in PAGES + NOTEBOOKS}
    missing, chosen = set().union(*shown.values()), []
    while missing:
        best = max(shown, key=lambda key: (len(shown[key] & missing), key[0] == "en"))
        chosen.append(best)
        missing -= shown[best]
    return chosen


def test_code_colours_have_enough_contrast(page, server, site):
    """axe's colour contrast, on the code blocks of a few pages that together show every colour
    of code on the site: the same token on the same background has the same contrast anywhere."""
    problems = []
    for lang, page_file in pages_that_show_every_code_colour(site):
        open_page(page, f"{server}{root(lang)}{address(page_file)}")
        problems += [f"{root(lang)}{address(page_file)}: {problem}"
                     for problem in axe(page, {"include": [["pre"]]}, ONLY_CONTRAST)]
    assert not problems, "\n".join(problems)


# -- Search in a translated edition: the first letters of a term find its inflected forms ---------

# What a learner types, and a lesson whose text has only longer, inflected forms of it.
# lunr has no Macedonian, Bengali or Mongolian stemmer; Material adds `*` to each typed word, so
# the first letters of a term are enough. Macedonian: the stem of a term. Mongolian: the stem
# that the case forms share (дараалал, but дарааллын, дарааллыг). Bengali pages also use the bare
# form of a term (গেট and গেটগুলো), which would be found without `*`: the queries are the first
# letters of a term, as a reader types them (Material searches while the reader types).
STEM_QUERIES = [
    ("mk", "тежин", "lessons/deep-learning.md"),           # тежина, тежини, тежините
    ("mk", "конволуциск", "lessons/convolutional-networks.md"),  # конволуциски, конволуциската
    ("mk", "скриенат", "lessons/recurrent-networks.md"),   # скриената состојба
    ("mk", "порт", "lessons/lstm.md"),                     # портите, портата
    ("bn", "অ্যাক্টিভেশ", "lessons/deep-learning.md"),     # অ্যাক্টিভেশন, অ্যাক্টিভেশনের
    ("bn", "কনভলিউশ", "lessons/convolutional-networks.md"),  # কনভলিউশন, কনভলিউশনাল
    ("bn", "সিকোয়েন্", "lessons/recurrent-networks.md"),   # সিকোয়েন্স, সিকোয়েন্সের
    ("bn", "ক্যান্ডিডে", "lessons/lstm.md"),               # ক্যান্ডিডেট, ক্যান্ডিডেটের
    ("mn", "идэвхжүүл", "lessons/deep-learning.md"),       # идэвхжүүлэх функц
    ("mn", "конволюци", "lessons/convolutional-networks.md"),  # конволюцийн, конволюцид
    ("mn", "дараалл", "lessons/recurrent-networks.md"),    # дарааллын, дарааллыг
    ("mn", "хаалг", "lessons/lstm.md"),                    # хаалга, хаалганы, хаалгыг
]
SEPARATOR = re.compile(r'[\s\u200b\-_,:;!?=\[\]()"`/।॥*“”‘’„]+|\.(?!\d)')  # as the search splits


@pytest.mark.parametrize("lang", sorted({lang for lang, _, _ in STEM_QUERIES}))
def test_search_finds_each_lesson_by_the_first_letters_of_a_term(page, server, lang):
    """The queries of STEM_QUERIES for one language, typed one after the other on its home page
    (a visit per query took three times as long); every query that fails is named."""
    queries = [(query, lesson) for other, query, lesson in STEM_QUERIES if other == lang
               and (ROOT / "docs" / lang / lesson).exists()]
    if not queries:
        pytest.skip(f"no lesson of STEM_QUERIES is translated into '{lang}' yet")
    problems = []
    for query, lesson in queries:
        text = (ROOT / "docs" / lang / lesson).read_text(encoding="utf-8")
        words = [w for w in SEPARATOR.split(text.casefold()) if w]
        if query in words or not any(w.startswith(query) for w in words):
            problems.append(f"docs/{lang}/{lesson} must have longer forms of {query!r} and not "
                            f"{query!r} itself")
    problems += open_page(page, f"{server}{root(lang)}")
    for query, lesson in queries:
        links = [re.split(r"[?#]", link.removeprefix(server))[0] for link in search(page, query)]
        if f"{root(lang)}{address(lesson)}" not in links:
            problems.append(f"searching {query!r} found {links}, not docs/{lang}/{lesson}")
    assert not problems, f"search on a page in '{lang}':\n  " + "\n  ".join(problems)


# -- The search index loads when the reader opens the search --------------------------------------

def requests_for_the_index(page):
    """Start collecting the requests for a search index; the list fills as the page loads."""
    asked = []
    page.on("request", lambda r: "search_index" in r.url and asked.append(r.url))
    return asked


def test_search_index_loads_only_when_the_reader_opens_the_search(page, server):
    """docs/assets/search-on-demand.js: a visit without search does not download the index
    (150-300 KB); clicking into the search box does, once, and the search then works."""
    asked = requests_for_the_index(page)
    open_page(page, f"{server}{root('mk')}{address('lessons/lstm.md')}")
    assert asked == [], f"the search index was downloaded before the reader searched: {asked}"
    links = search(page, "порт")
    assert asked == [f"{server}/mk/search/search_index.json"], asked
    assert any("/mk/lessons/lstm/" in link for link in links), links


def test_a_page_opened_from_a_search_result_highlights_the_words(page, server):
    """Material marks the searched words on the page it opens (?h=...): that needs the index."""
    asked = requests_for_the_index(page)
    open_page(page, f"{server}/lessons/lstm/?h=gate")
    page.wait_for_selector("article mark", timeout=5000)
    assert asked == [f"{server}/search/search_index.json"], asked


# -- A missing address: the site's 404 page, as a static host serves it --------------------------

def test_missing_page_shows_the_404_page_in_four_languages(page, server):
    """Deep under the sub-path, the 404 page still loads its styles and leads to each home."""
    problems = open_page(page, f"{server}/mk/lessons/no-such-lesson/")
    the_page_itself = [f"404: {server}/mk/lessons/no-such-lesson/", "console: Failed to load "
                       "resource: the server responded with a status of 404 (Not Found)"]
    assert problems == the_page_itself, problems  # its styles, scripts and icons all loaded
    assert page.locator("h1").inner_text() == "Page not found"
    for lang in LANGUAGES:
        page.goto(f"{server}/mk/lessons/no-such-lesson/")
        page.hover(".md-header__option .md-select")
        with page.expect_navigation(wait_until="commit"):
            page.click(f".md-select__link[hreflang={lang}]")
        assert page.url == f"{server}{root(lang)}", f"the '{lang}' link went to {page.url}"
