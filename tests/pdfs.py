"""Print the course of each language to a PDF with headless Chromium; link it from the home page.

    mkdocs build --strict --site-dir site && python tests/pdfs.py site

For each language, `<lang>/print/` (the printable course, overrides/hooks/printable.py) becomes
`<lang>/print/deep-learning-<lang>.pdf`: A4, a bookmark per chapter and heading, the page number
in the footer, text that can be searched and copied. The language's home page then links the
PDF with its size. The strict build itself needs no browser; the publishing workflow runs this
after it.

It stops, naming the language, when a figure of the printable page does not load or when the
reader's script would be drawn without a font that has its letters (empty boxes, "tofu").
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import CHROMIUM, CHROMIUM_FLAGS, LANGUAGES, folder, serving  # noqa: E402
from printable import size_text  # noqa: E402  (overrides/hooks/printable.py)

# A script with fonts of its own: each heading with its letters must be drawn with such a font.
FONTS = {"bn": ("Bengali", "[\\u0980-\\u09ff]")}
FOOTER = ('<div style="width: 100%; font-size: 9px; text-align: center; color: #555;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
PDF_LINK = re.compile(r'<span class="pdf-link">(?:<a [^>]*>[^<]*</a>)?</span>')  # main.html


def pdf_name(lang):
    return f"deep-learning-{lang}.pdf"


class PrintProblem(Exception):
    pass


def fonts_of(page, selector):
    """The fonts Chromium really used for the text of each element matching `selector`."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used = []
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        used.append([font["familyName"] for font in fonts])
    return used


def problems_before_printing(page, lang):
    """Figures that did not load; headings of a script drawn without a font for it."""
    page.wait_for_function("[...document.images].every(i => i.complete)")
    broken = page.eval_on_selector_all(
        "img", "images => images.filter(i => i.naturalWidth === 0).map(i => i.src)")
    problems = [f"figure {src.rsplit('/', 1)[-1]} did not load" for src in broken]
    if lang in FONTS:
        family, letters = FONTS[lang]
        page.evaluate("letters => document.querySelectorAll('.chapter h1, .chapter h2').forEach("
                      "h => new RegExp(letters).test(h.textContent) && (h.dataset.script = 1))",
                      letters)
        for fonts in fonts_of(page, "[data-script]"):
            if not any(family in font for font in fonts):
                problems.append(f"a heading is drawn with {fonts}, no {family} font")
                break
    return problems


def make_pdfs(site, languages=LANGUAGES, browser=None):
    """Write each language's PDF into `site` and link it from its home page, with `browser`
    (Playwright's Chromium; started here if None). Returns {lang: seconds}; raises
    PrintProblem naming the language and what is wrong."""
    if browser is None:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                  args=CHROMIUM_FLAGS)
            try:
                return make_pdfs(site, languages, chromium)
            finally:
                chromium.close()

    site = Path(site)
    seconds = {}
    with serving(site) as server:
        for lang in languages:
            start = time.perf_counter()
            page = browser.new_page()
            response = page.goto(f"{server}/{folder(lang)}print/")
            if not response.ok:
                raise PrintProblem(f"{folder(lang)}print/ ({lang}): HTTP {response.status}")
            page.wait_for_load_state("networkidle")
            problems = problems_before_printing(page, lang)
            if problems:
                raise PrintProblem(f"{folder(lang)}print/ ({lang}): " + "; ".join(problems))
            target = site / folder(lang) / "print" / pdf_name(lang)
            page.pdf(path=target, format="A4", print_background=True, outline=True, tagged=True,
                     display_header_footer=True, header_template="<span></span>",
                     footer_template=FOOTER,
                     margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
            page.close()
            link_from_home(site, lang, target.stat().st_size)
            seconds[lang] = time.perf_counter() - start
    return seconds


def link_from_home(site, lang, size):
    """Fill the home page's place for the PDF link (overrides/main.html) with the link and size."""
    home = site / folder(lang) / "index.html"
    html = home.read_text(encoding="utf-8")
    if not PDF_LINK.search(html):
        raise PrintProblem(f"{folder(lang)}index.html ({lang}): no place for the PDF link")
    link = (f'<span class="pdf-link"><a href="print/{pdf_name(lang)}" download>'
            f'PDF, {size_text(lang, size)}</a></span>')
    # Written next to the site, then moved: other readers see the old page or the new one
    temporary = site.parent / f".{site.name}-{lang}-index.html"
    temporary.write_text(PDF_LINK.sub(link, html, count=1), encoding="utf-8")
    os.replace(temporary, home)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build --site-dir ...)")
    arguments = parser.parse_args()
    start = time.perf_counter()
    try:
        seconds = make_pdfs(arguments.site)
    except PrintProblem as problem:
        print(f"tests/pdfs.py: {problem}", file=sys.stderr)
        return 1
    for lang, took in seconds.items():
        pdf = arguments.site / folder(lang) / "print" / pdf_name(lang)
        print(f"{pdf}: {size_text('en', pdf.stat().st_size)}, {took:.1f} s")
    print(f"{len(seconds)} PDFs in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
