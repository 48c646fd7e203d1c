"""The whole course on one page per language, to print or to save as a PDF: `<lang>/print/`.

The chapters are the built pages in the order of a book: home, running the examples, the four
lessons, the glossary. Each page's article is copied as the build wrote it (the same HTML, the
same figures, the same MathML), with what a single page and paper need:

- ids get the chapter's name in front (`lstm--exercises`): every lesson has an "exercises";
- a link to a chapter becomes a link inside the page; a link that leaves the course (a
  notebook, another site) becomes a full address, which the print style shows as text;
- figures load at once (not lazily: a printer does not scroll), solutions are open;
- the ¶ after each heading goes.

The page's <head> is the glossary page's (the same depth, so its styles load), and
`docs/assets/print.css` lays it out for paper. The language's home page gets the page's size
next to its link (overrides/main.html). tests/pdfs.py prints it to a PDF.
"""

import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.plugins import event_priority

CHAPTERS = ["index.md", "running-the-examples.md", "lessons/deep-learning.md",
            "lessons/convolutional-networks.md", "lessons/recurrent-networks.md",
            "lessons/lstm.md", "glossary.md"]
FOLDER = "print/"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEAD = re.compile(r"<head>(.*?)</head>", re.S)
TAG = re.compile(r"""<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""")  # a start tag, quoted ">" and all
ID = re.compile(r' id="([^"]+)"')  # inside a tag
LINK = re.compile(r' (href|src)="([^"]*)"')  # inside a tag
HEADERLINK = re.compile(r'<a class="headerlink" href="[^"]*" title="[^"]*">&para;</a>')
PRINT_LINK = re.compile(r'\s*<p class="printable-link">.*?</p>', re.S)  # the home page's own
SIZE = '<span class="print-size"></span>'  # overrides/main.html: where the page's size goes

built = {}  # {lang: {chapter: (its address, its article)}}, filled as each language is built
heads = {}  # {lang: the <head> of its glossary page}
words = {}  # {lang: (the site's name, "Contents")}, as that language's build has them


def size_text(lang, size):
    """'2.4 MB' ('2,4 MB' in Macedonian prose: docs/data/house-style/mk.md)."""
    text = f"{size / 1024 / 1024:.1f} MB"
    return text.replace(".", ",") if lang == "mk" else text


def address(page):
    """Where a page is published inside its language's folder: "" for index.md, "name/" for
    name.md or name.ipynb (the tests use this function too)."""
    name = Path(page).with_suffix("").as_posix().removesuffix("index")
    return name if name == "" or name.endswith("/") else f"{name}/"


def name(chapter):
    return Path(chapter).stem if chapter != "index.md" else "home"


def prefix(lang, config):
    return "" if lang == config.plugins["i18n"].default_language else f"{lang}/"


def on_post_page(output, page, config, **kwargs):
    lang = config.plugins["i18n"].current_language
    for chapter in CHAPTERS:
        if page.url == prefix(lang, config) + address(chapter):
            built.setdefault(lang, {})[chapter] = (page.url, ARTICLE.search(output).group(1))
            if chapter == "glossary.md":
                heads[lang] = HEAD.search(output).group(1)
                words[lang] = (config.site_name, config.extra["print_contents"])
    return output


def chapter_html(chapter, url, article, addresses, here, site_url):
    """One chapter's article, made to live at `here` (the printable page's address)."""
    own = name(chapter)

    def link(match):
        attribute, value = match.groups()
        if value.startswith("#"):
            return f' {attribute}="#{own}--{value[1:]}"'
        if re.match(r"[a-z]+:", value):
            return match.group(0)  # another site: the print style shows the address
        target = urlsplit(urljoin(f"http://site/{url}", value))
        path = target.path.lstrip("/")
        if path in addresses:  # another chapter: a link inside this page
            anchor = f"{addresses[path]}--{target.fragment}" if target.fragment else addresses[path]
            return f' {attribute}="#{anchor}"'
        if attribute == "src":  # a figure: from this page's folder
            return f' src="{posixpath.relpath(path, here)}"'
        full = site_url + path + (f"#{target.fragment}" if target.fragment else "")
        return f' {attribute}="{full}"'  # leaves the course (a notebook, the status page)

    html = PRINT_LINK.sub("", HEADERLINK.sub("", article))
    def tag(match):  # ids and addresses are rewritten in tags only, never in the text
        return LINK.sub(link, ID.sub(lambda m: f' id="{own}--{m.group(1)}"', match.group(0)))

    html = TAG.sub(tag, html)
    html = html.replace(' loading="lazy"', "").replace("<details ", "<details open ")
    return f'<section class="chapter" id="{own}">{html}</section>'


def page_html(lang, config):
    chapters = built[lang]
    here = prefix(lang, config) + FOLDER
    site_url = config.site_url or "/"
    addresses = {url: name(chapter) for chapter, (url, _) in chapters.items()}
    titles = {chapter: HEADERLINK.sub("", re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1))
              for chapter, (_, article) in chapters.items()}
    site_name, contents_title = words[lang]
    head = heads[lang]
    head = re.sub(r"<title>.*?</title>", f"<title>{site_name}</title>", head, flags=re.S)
    head = re.sub(r'\s*<link rel="canonical"[^>]*>', "", head)
    style = posixpath.relpath("assets/print.css", here)
    home = site_url + prefix(lang, config)
    contents = "\n".join(f'<li><a href="#{name(chapter)}">{titles[chapter]}</a></li>'
                         for chapter in CHAPTERS)
    body = "\n".join(chapter_html(chapter, *chapters[chapter], addresses, here, site_url)
                     for chapter in CHAPTERS)
    return f"""<!doctype html>
<html lang="{lang}">
<head>{head}  <link rel="stylesheet" href="{style}">
</head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo"
      data-md-color-accent="indigo">
<main class="md-main printable"><div class="md-content">
<article class="md-content__inner md-typeset">
<header class="cover">
<p class="site-name">{site_name}</p>
<p class="site-url"><a href="{home}">{home}</a></p>
<nav class="contents"><h2>{contents_title}</h2>
<ol>
{contents}
</ol></nav>
</header>
{body}
</article></div></main>
</body>
</html>
"""


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config, **kwargs):
    i18n = config.plugins["i18n"]
    if i18n.building:  # a single language's build inside i18n's loop: not finished yet
        return
    for lang, chapters in built.items():
        missing = [chapter for chapter in CHAPTERS if chapter not in chapters]
        if missing:
            raise RuntimeError(f"printable page of '{lang}': chapters not built: {missing}")
        target = Path(config.site_dir) / prefix(lang, config) / FOLDER / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(lang, config), encoding="utf-8")
        home = Path(config.site_dir) / prefix(lang, config) / "index.html"
        html = home.read_text(encoding="utf-8")
        if SIZE not in html:
            raise RuntimeError(f"{home}: no place for the size of the printable page ({SIZE})")
        size = f'<span class="print-size">({size_text(lang, target.stat().st_size)})</span>'
        home.write_text(html.replace(SIZE, size), encoding="utf-8")
