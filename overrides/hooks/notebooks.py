"""Lesson notebooks on the site (docs/<lang>/notebooks/*.ipynb, made by tests/notebooks.py).

mkdocs-jupyter renders each notebook as a page. This hook makes that work in every language,
keeps notebook pages as light and as searchable as the others, and links lessons to notebooks:

- An `.ipynb` file counts as a documentation page. Without this, mkdocs-static-i18n copies each
  notebook as a plain file: the page is the raw JSON, with no warning even with --strict, and
  the other languages get no page at all.
- A notebook with an error in its outputs fails the build.
- mkdocs-jupyter puts ~590 KB of JupyterLab CSS and a MathJax script (from a CDN) into every
  page. Both are removed: `assets/notebook.css` lays out the cells, code is highlighted and
  copied like every other code block on the site, and equations become MathML (mathml.py).
- Figures that the notebook carries as attachments are shown from the site's figure files,
  which the browser loads once and only when they scroll into view.
- Headings get the ids of the lesson page's headings (mkdocs-jupyter drops every letter that is
  not ASCII, so a Bengali heading had the id "").
- Notebook pages are left out of search: the lesson page has the same text.
- A lesson page gets links to view and download its notebook, and `<!-- notebooks -->` on a page
  becomes the table of the language's notebooks. The words are in docs/data/notebooks.yml.
- mkdocs-jupyter's cache (.cache/mkdocs-jupyter/) keeps every language's rendered notebooks.
  Left alone, each language's build deletes the entries it did not use itself, so the next
  build renders every translated notebook again (about 1.5 s each).
"""

import base64
import functools
import html
import json
import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

_is_markdown_page = File.is_documentation_page


def _is_documentation_page(self):
    return self.src_uri.endswith(".ipynb") or _is_markdown_page(self)


File.is_documentation_page = _is_documentation_page

MARKER = "<!-- notebooks -->"
WRAPPER = '<div class="jupyter-wrapper">'
WRAPPER_END = "</div> <!-- jupyter-wrapper -->"
# mkdocs-jupyter's copy button: a script, the button, and a hidden copy of the code's text.
COPY_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
                         r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.DOTALL)
# Code of a cell (highlight-ipynb) or a code block in a Markdown cell (highlight)
CODE = re.compile(r'<div class="(?:highlight-ipynb hl-(\w+)|highlight)"><pre>(?:<span></span>)?'
                  r'(.*?)</pre></div>', re.DOTALL)
PRE = re.compile(r"(<pre.*?</pre>)", re.DOTALL)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$]+?)(?<!\s)\$")
HEADING = re.compile(r'<h([2-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">¶</a></h\1>',
                     re.DOTALL)
PAGE_HEADING_ID = re.compile(r"^#{2,6} .*\{\s*#([\w-]+)\s*\}\s*$")
FIGURE = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')


def words(config, lang):
    sentences = read_yaml(Path(config.docs_dir) / "data" / "notebooks.yml")
    return {**sentences["en"], **sentences.get(lang, {})}


@functools.cache
def read_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def is_notebook(page):
    return page.file.src_uri.endswith(".ipynb")


def notebook_of(name, files):
    """The notebook page made from the lesson `name`, in the language being built, if any."""
    for file in files.documentation_pages():
        if file.src_uri.endswith(f"/notebooks/{name}.ipynb"):
            return file
    return None


def download_url(notebook, page):
    """The .ipynb that mkdocs-jupyter copies beside the notebook's page (`include_source`)."""
    return notebook.url_relative_to(page.file) + posixpath.basename(notebook.src_uri)


def menu_notebooks(nav):
    """The names of the notebooks in the menu of mkdocs.yml, in menu order ("lstm", ...)."""
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                yield from menu_notebooks(value if isinstance(value, list) else [value])
        elif isinstance(item, str) and item.endswith(".ipynb"):
            yield Path(item).stem


def on_page_markdown(markdown, page, config, files, **kwargs):
    if MARKER not in markdown:
        return markdown
    text = words(config, config.plugins["i18n"].current_language)
    rows = [f"| {text['lesson']} | {text['notebook']} |", "| --- | --- |"]
    for name in menu_notebooks(config.nav):
        lesson = Path(page.file.abs_src_path).parent.parent / "lessons" / f"{name}.md"
        if not lesson.exists():  # not translated yet: the English lesson and its title
            lesson = Path(config.docs_dir) / "en" / "lessons" / f"{name}.md"
        title = lesson.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
        download = download_url(notebook_of(name, files), page)
        rows.append(f"| [{title}](../lessons/{name}.md) | [{text['view']}]({name}.ipynb) · "
                    f'<a href="{download}" download>{text["download"]}</a> |')
    return markdown.replace(MARKER, "\n".join(rows))


def on_page_content(content, page, config, files, **kwargs):
    if is_notebook(page):
        return notebook_page(content, page, config, files)
    if "/lessons/" in f"/{page.file.src_uri}":
        notebook = notebook_of(Path(page.file.src_uri).stem, files)
        if notebook is not None:
            lang = config.plugins["i18n"].current_language  # the reader's, also on an English page
            text = words(config, lang)
            links = (
                f'<p class="notebook-links" lang="{lang}">'
                f'<a class="md-button" href="{notebook.url_relative_to(page.file)}">'
                f'{text["view"]}</a> '
                f'<a class="md-button" href="{download_url(notebook, page)}" download>'
                f'{text["download"]}</a></p>')
            content = content.replace("</h1>", "</h1>\n" + links, 1)
    return content


def notebook_page(content, page, config, files):
    source = f"docs/{page.file.src_uri}"
    notebook = json.loads(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                raise PluginError(
                    f"{source}: a cell raised {output['ename']}: {output['evalue']}. "
                    "Fix the snippet, then run `python tests/notebooks.py`.")
    if WRAPPER not in content or WRAPPER_END not in content:
        raise PluginError(f"{source}: mkdocs-jupyter did not render this notebook as cells")

    # Keep the cells; drop the CSS and scripts that mkdocs-jupyter puts before and after them.
    content = content[content.index(WRAPPER):content.index(WRAPPER_END) + len(WRAPPER_END)]
    lang = config.plugins["i18n"].current_language
    text = words(config, lang)
    lesson_uri = page.file.src_uri.replace("/notebooks/", "/lessons/").removesuffix(".ipynb")
    lesson = files.get_file_from_path(lesson_uri + ".md")
    links = (f'<p class="notebook-links" lang="{lang}"><a class="md-button" '
             f'href="{download_url(page.file, page)}" download>{text["download"]}</a> ')
    if lesson is not None:
        links += (f'<a class="md-button" href="{lesson.url_relative_to(page.file)}">'
                  f'{text["back"]}</a>')
    content = content.replace("</h1>", "</h1>\n" + links + "</p>", 1)
    content = COPY_BUTTON.sub("", content)
    # nbconvert's cell ids, "cell-id=cell-6", are no CSS selector: the copy button needs one.
    content = re.sub(r'id="cell-id=([\w-]+)"', r'id="\1"', content)
    # An output wider than the page scrolls: let the keyboard scroll it too.
    content = content.replace('data-mime-type="text/plain" tabindex="0">\n<pre>',
                              'data-mime-type="text/plain">\n<pre tabindex="0">')
    content = CODE.sub(
        lambda m: f'<div class="language-{m[1] or "text"} highlight"><pre><span></span><code>'
                  f'{m[2]}</code></pre></div>', content)
    content = "".join(part if part.startswith("<pre") else math_marks(part)
                      for part in PRE.split(content))
    content = local_figures(content, page, files, source)
    content = plot_descriptions(content, lesson, config.docs_dir)
    content = lesson_heading_ids(content, page, source)
    content = content.replace('class="anchor-link"', 'class="headerlink"')  # the title's link
    page.meta["search"] = {"exclude": True}
    return content


PLOT_ALT = 'alt="No description has been provided for this image"'
PAGE_FIGURE = re.compile(r"!\[([^\]]*)\]\((?:\.\./)*figures/([\w-]+)\.svg\)")


def plot_descriptions(content, lesson, docs_dir):
    """A plot that a code cell draws gets nbconvert's English "No description..." as its alt
    text. The lesson page shows the same plot as a figure (notebooks.yml: plotted_by_snippets),
    with an alt text in the page's language: the plots get those, in order."""
    if lesson is None or PLOT_ALT not in content:
        return content
    data = Path(docs_dir) / "data" / "notebooks.yml"
    plotted = yaml.safe_load(data.read_text(encoding="utf-8"))["plotted_by_snippets"]
    page = Path(lesson.abs_src_path).read_text(encoding="utf-8")
    for match in PAGE_FIGURE.finditer(page):
        if match[2] in plotted:
            content = content.replace(PLOT_ALT, f'alt="{html.escape(match[1], quote=True)}"', 1)
    return content


def math_marks(text):
    """Mark `$$...$$` and `$...$` as pymdownx.arithmatex marks them on Markdown pages, so that
    mathml.py (a later hook) turns them into MathML, as on every other page."""
    text = DISPLAY_MATH.sub(lambda m: f'<div class="arithmatex">\\[{m[1]}\\]</div>', text)
    return INLINE_MATH.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', text)


def local_figures(content, page, files, source):
    """Attached figures are files of the site: point at them instead of inlining them.

    An attachment is recognised by its bytes among the figures of every language, and shown
    from the figure of the same name in the page's language: an English notebook shown in /mk/
    (not translated yet) gets the Macedonian figures, as an English page shown there does."""
    docs = Path(page.file.abs_src_path).parents[2]  # docs/<lang>/notebooks/x.ipynb
    names = {base64.b64encode(svg.read_bytes()).decode("ascii"): svg.name
             for svg in docs.glob("*/figures/*.svg")}
    figures = {Path(file.src_uri).name: file for file in files
               if "/figures/" in f"/{file.src_uri}" and file.src_uri.endswith(".svg")}

    def link(match):
        name = names.get(match.group(1))
        if name not in figures:
            raise PluginError(f"{source}: an attached figure is not in docs/<lang>/figures/")
        return f'src="{figures[name].url_relative_to(page.file)}"'

    return FIGURE.sub(link, content)


def lesson_heading_ids(content, page, source):
    """Give the headings the ids of the lesson page's headings, and rebuild the contents."""
    lesson = Path(page.file.abs_src_path).parent.parent / "lessons" / Path(source).with_suffix(
        ".md").name
    ids, fenced = [], False
    for line in lesson.read_text(encoding="utf-8").splitlines():
        fenced = fenced != line.lstrip().startswith("```")
        match = PAGE_HEADING_ID.match(line)
        if match and not fenced:
            ids.append(match.group(1))
    headings = HEADING.findall(content)
    if len(headings) != len(ids):
        raise PluginError(f"{source}: {len(headings)} headings, but its lesson page has "
                          f"{len(ids)} headings with an id; run `python tests/notebooks.py`")
    ids_left = iter(ids)

    def heading(match):
        anchor = next(ids_left)
        return (f'<h{match.group(1)} id="{anchor}">{match.group(2)}<a class="headerlink" '
                f'href="#{anchor}" title="Permanent link">¶</a></h{match.group(1)}>')

    content = HEADING.sub(heading, content)
    tokens = []
    parents = {1: {"children": tokens}}
    for (level, name), anchor in zip(headings, ids):
        token = {"level": int(level), "id": anchor, "name": re.sub(r"<[^>]+>", "", name),
                 "children": []}
        parent = max(lvl for lvl in parents if lvl < int(level))
        parents[parent]["children"].append(token)
        parents = {lvl: tok for lvl, tok in parents.items() if lvl < int(level)}
        parents[int(level)] = token
    page.toc = get_toc(tokens)
    return content


# -- mkdocs-jupyter's cache, kept for every language --------------------------------------------

USED_CACHE_ENTRIES = set()  # rendered notebooks that any language of this build used


@event_priority(50)  # before mkdocs-jupyter's own on_post_build, which deletes unused entries
def on_post_build(config, **kwargs):
    """Let mkdocs-jupyter delete only the entries that no language of this build used, and only
    once the last language is built (mkdocs-static-i18n builds the others inside the first)."""
    jupyter = config.plugins["mkdocs-jupyter"]
    USED_CACHE_ENTRIES.update(jupyter._used_cache_paths)
    i18n = config.plugins["i18n"]
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    last = i18n.building and i18n.current_language == others[-1]
    if last:
        jupyter._used_cache_paths = set(USED_CACHE_ENTRIES)
        USED_CACHE_ENTRIES.clear()
    else:  # a language still to come may use any entry: delete none yet
        jupyter._used_cache_paths = set(Path(jupyter.config["cache_dir"]).glob("*.json"))
