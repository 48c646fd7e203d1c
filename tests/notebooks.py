"""Make every lesson into a Jupyter notebook, from its page and its snippets, and run it.

    python tests/notebooks.py            # write docs/<lang>/notebooks/<lesson>.ipynb, run them
    python tests/notebooks.py --check    # only say which notebooks are out of date
    python tests/notebooks.py --no-write # make and run them, write nothing (tests/benchmark.py)

A lesson page `docs/<lang>/lessons/<lesson>.md` becomes `docs/<lang>/notebooks/<lesson>.ipynb`:
the page's prose becomes Markdown cells and every snippet the page includes as a whole file
becomes a code cell, in page order. English notebooks are run; a translated lesson's notebook
has the same code cells as the English one, and takes its outputs from it instead of running. Outputs (`.out` includes) are not copied: running the
notebook prints them. Nobody edits a notebook by hand; `tests/test_notebooks.py` fails when a
stored notebook differs from what its page makes now, or when running it prints something else.

How page syntax turns into notebook Markdown:
- `--8<-- "topic/file.py"` (a whole file)   -> a code cell (an exercise's starter too)
- `--8<-- "topic/file.py:section"` (a part) -> a Markdown code block, shown, not run
- `--8<-- "exercises/.../solutions/x.py"`   -> a Markdown code block, shown, not run
- `--8<-- "topic/file.out"`                 -> left out (the code cell's output shows it)
- `!!! kind "Title"` (a note)              -> a quotation with the title in bold
- `??? kind "Title"` (collapsed)            -> <details>, or the title in bold when it holds code
- `![alt](../figures/name.svg)`             -> the figure, attached to the notebook (left out
                                               when a snippet's cell draws it, notebooks.yml)
- `[text](../page.md#id)`, `[text](#id)`   -> links to the site's pages, from the notebook's page
- `{ #id }` after a heading                 -> removed
"""

import argparse
import base64
import concurrent.futures
import copy
import json
import os
import posixpath
import re
import sys
import time

import nbformat
import yaml

from conftest import LANGUAGES, ROOT, address  # one place for the project's paths and addresses

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
SENTENCES = yaml.safe_load((DOCS / "data" / "notebooks.yml").read_text(encoding="utf-8"))

# Which pip package each import comes from (the versions come from requirements.txt).
PACKAGES = {"torch": "torch", "numpy": "numpy", "sklearn": "scikit-learn",
            "matplotlib": "matplotlib"}

FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)(?P<info>.*)$")
INCLUDE = re.compile(r'^--8<-- "(?P<path>[^"]+)"$')
BLOCK = re.compile(r'^(?P<kind>!!!|\?\?\?\+?|===) *(?P<type>[\w-]*)(?: *"(?P<title>[^"]*)")?\s*$')
HEADING_ID = re.compile(r"^(#+ .*?)\s*\{\s*#[\w-]+\s*\}\s*$")
FIGURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+\.svg)\)(?:\{[^}]*\})?")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)\)")
SECTION_MARKER = re.compile(r"^\s*# --8<-- \[(?:start|end):[\w-]+\]\s*$")


def lessons():
    """Every (language, lesson name) that has a lesson page."""
    return [(lang, page.stem) for lang in LANGUAGES
            for page in sorted((DOCS / lang / "lessons").glob("*.md"))]


def notebook_path(lang, lesson):
    return DOCS / lang / "notebooks" / f"{lesson}.ipynb"


def site_link(lang, lesson, target):
    """A link of the lesson page, rewritten for the notebook's page `<lang>/notebooks/<lesson>/`."""
    if re.match(r"^[a-z]+:", target):
        return target
    path, _, fragment = target.partition("#")
    if path:
        page = posixpath.normpath(posixpath.join("lessons", path))
    else:
        page = f"lessons/{lesson}.md"
    return "../../" + address(page) + (f"#{fragment}" if fragment else "")


class Page:
    """Turns the lines of one lesson page into a list of parts: ("md", text) and ("code", text)."""

    def __init__(self, lang, lesson):
        self.lang, self.lesson = lang, lesson
        self.attachments = {}
        self.snippets = []

    def figure(self, match):
        name = posixpath.basename(match["src"])
        if name.removesuffix(".svg") in SENTENCES["plotted_by_snippets"]:
            return ""  # the cell above draws it
        figure = DOCS / self.lang / "figures" / name
        if not figure.exists():
            figure = DOCS / "en" / "figures" / name
        data = base64.b64encode(figure.read_bytes()).decode("ascii")
        self.attachments[name] = {"image/svg+xml": data}
        return f"![{match['alt']}](attachment:{name})"

    def prose(self, line):
        line = HEADING_ID.sub(r"\1", line)
        return FIGURE.sub(self.figure, line)

    def links(self, text):
        """Rewrite the links of a Markdown cell (a link's text may run over two lines)."""
        return "".join(
            part if part.startswith("```") else LINK.sub(
                lambda m: f"[{m['text']}]({site_link(self.lang, self.lesson, m['target'])})",
                part)
            for part in re.split(r"(```.*?```)", text, flags=re.DOTALL))

    def parts(self, lines):
        parts, i = [], 0
        while i < len(lines):
            line = lines[i]
            fence, block = FENCE.match(line), BLOCK.match(line)
            if fence:
                end = i + 1
                while lines[end].strip() != fence["fence"]:
                    end += 1
                parts += self.code_block(fence["info"], lines[i + 1:end])
                i = end + 1
            elif block:
                end = i + 1
                while end < len(lines) and in_block(lines[end]):
                    end += 1
                body = [line[4:] for line in lines[i + 1:end]]
                parts += [*self.block(block, self.parts(body)), ("md", "")]
                i = end
            else:
                parts.append(("md", self.prose(line)))
                i += 1
        return parts

    def code_block(self, info, body):
        include = INCLUDE.match("\n".join(body).strip())
        if not include:
            return [("md", "\n".join([f"```{info.split()[0] if info else ''}", *body, "```"]))]
        path = include["path"]
        if path.endswith(".out"):
            return []
        file, _, section = path.partition(":")
        code = (SNIPPETS / file).read_text(encoding="utf-8")
        if is_solution(file):
            return [("md", "\n".join(["```python", code.strip(), "```"]))]
        if not section:
            self.snippets.append(file)
            lines = [line for line in code.splitlines() if not SECTION_MARKER.match(line)]
            return [("code", "\n".join(lines).strip())]
        return [("md", "\n".join(["```python", excerpt(code, section), "```"]))]

    def block(self, match, parts):
        title = match["title"] or match["type"].title()
        has_code = any(kind == "code" for kind, _ in parts)
        text = "\n".join(text for _, text in parts).strip("\n")
        if has_code or match["kind"] == "===":
            return [("md", f"**{title}**"), ("md", ""), *parts]
        if match["kind"].startswith("???"):
            return [("md", f"<details><summary>{title}</summary>\n\n{text}\n\n</details>")]
        quoted = "\n".join(f"> {line}".rstrip() for line in text.splitlines())
        return [("md", f"> **{title}**\n>\n{quoted}")]


def in_block(line):
    """The body of a note or a collapsed block: indented lines, and blank lines between them."""
    return line.startswith("    ") or not line.strip()


def is_solution(file):
    """An exercise's reference solution: shown in the notebook, never run (it would replace the
    learner's function with the answer)."""
    return file.startswith("exercises/") and "/solutions/" in file


def excerpt(code, section):
    """The lines of `code` that a `file.py:section` include shows (a named section or a range)."""
    lines = code.splitlines()
    if re.fullmatch(r"\d+:\d+", section):
        start, end = map(int, section.split(":"))
        return "\n".join(lines[start - 1:end])
    start = lines.index(next(line for line in lines if f"[start:{section}]" in line))
    end = lines.index(next(line for line in lines if f"[end:{section}]" in line))
    shown = [line for line in lines[start + 1:end] if not SECTION_MARKER.match(line)]
    indent = min(len(line) - len(line.lstrip()) for line in shown if line.strip())
    return "\n".join(line[indent:] for line in shown)


def first_cell(lang, title, snippets):
    """The notebook's first cell: what it is, and what it needs to run."""
    words = {**SENTENCES["en"], **SENTENCES.get(lang, {})}
    pins = dict(line.split("==") for line in
                (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
                if "==" in line)
    imported = set()
    for file in snippets:
        code = (SNIPPETS / file).read_text(encoding="utf-8")
        imported |= set(re.findall(r"^(?:from|import) (\w+)", code, flags=re.M))
    # numpy always: without it, torch prints a warning into every output.
    packages = sorted({"numpy"} | {PACKAGES[name] for name in imported if name in PACKAGES})
    install = "pip install " + " ".join(f"{p}=={pins[p]}" for p in packages) + " jupyter"
    return "\n\n".join([
        f"# {title}",
        words["about"].format(lesson=title),
        words["needs"],
        f"```text\n{install}\n```",
        words["device"],
    ])


def make_notebook(lang, lesson):
    """The notebook of one lesson page, without outputs."""
    page = Page(lang, lesson)
    lines = (DOCS / lang / "lessons" / f"{lesson}.md").read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == "---":  # a translation's front matter (english_version): not shown
        lines = lines[lines.index("---", 1) + 1:]
        while lines and not lines[0].strip():
            lines.pop(0)
    title = lines[0].removeprefix("# ").strip()
    parts = page.parts(lines[1:])

    cells, markdown = [], []

    def end_markdown():
        text = page.links("\n".join(markdown).strip("\n"))
        if text:
            used = {name: data for name, data in page.attachments.items()
                    if f"(attachment:{name})" in text}
            cell = nbformat.v4.new_markdown_cell(text)
            if used:
                cell.attachments = used
            cells.append(cell)
        markdown.clear()

    for kind, text in parts:
        if kind == "code":
            end_markdown()
            cells.append(nbformat.v4.new_code_cell(text))
        else:
            if text.startswith("## "):
                end_markdown()
            markdown.append(text)
    end_markdown()

    cells.insert(0, nbformat.v4.new_markdown_cell(first_cell(lang, title, page.snippets)))
    for number, cell in enumerate(cells, start=1):
        cell.id = f"cell-{number}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return notebook


def run(notebook, timeout=120):
    """Run every cell in a fresh Python kernel, on the CPU, in an empty folder; stop at the first
    error (allow_errors=False: an error never hides in the outputs)."""
    import tempfile

    from nbclient import NotebookClient

    from jupyter_client.manager import KernelManager

    notebook = nbformat.from_dict(notebook)
    with tempfile.TemporaryDirectory() as folder:
        kernel = KernelManager(kernel_name="python3", transport="ipc",  # a local socket, not TCP
                               connection_file=os.path.join(folder, "kernel.json"))
        try:
            NotebookClient(notebook, km=kernel, timeout=timeout, allow_errors=False,
                           resources={"metadata": {"path": folder}}).execute(
                env={**os.environ, "CUDA_VISIBLE_DEVICES": ""})  # on the CPU, as stored
        finally:
            if kernel.has_kernel:
                kernel.shutdown_kernel(now=True)
    notebook.metadata.language_info = {"name": "python"}  # not the version of who ran it last
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = joined_streams(cell.outputs)
    return notebook


def joined_streams(outputs):
    """A program's printed text arrives in pieces, as it is printed: one output per stream."""
    joined = []
    for output in outputs:
        if (output.output_type == "stream" and joined and joined[-1].output_type == "stream"
                and joined[-1].name == output.name):
            joined[-1].text += output.text
        else:
            joined.append(output)
    return joined


def text_outputs(notebook):
    """What each code cell printed (its standard output), one string per code cell.
    Plots are outputs too, but not text: they are not compared."""
    return ["".join(output.get("text", "") for output in cell.outputs
                    if output.get("name") == "stdout")
            for cell in notebook.cells if cell.cell_type == "code"]


def inputs(notebook):
    """Everything in a notebook but its outputs, as text: what the page makes, to compare."""
    cells = [{"id": cell.get("id"), "type": cell.cell_type, "source": cell.source,
              "attachments": cell.get("attachments", {})} for cell in notebook.cells]
    return json.dumps({"cells": cells, "metadata": notebook.metadata}, indent=1, sort_keys=True)


def write(notebook, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def with_english_outputs(notebook, english, lang, lesson):
    """A translated lesson's notebook with the outputs of the English one, cell for cell.

    A translation changes the prose, never the code, so its code cells are the English code
    cells and running them again would print the same. ValueError names the first difference."""
    mine, theirs = code_cells(notebook), code_cells(english)
    for number, (cell, english_cell) in enumerate(zip(mine, theirs), start=1):
        if cell.source != english_cell.source:
            raise ValueError(f"docs/{lang}/lessons/{lesson}.md: code cell {number} of its notebook "
                             f"differs from the English one; translate the prose, keep the code.")
    if len(mine) != len(theirs):
        raise ValueError(f"docs/{lang}/lessons/{lesson}.md: its notebook has {len(mine)} code "
                         f"cells, the English one {len(theirs)}.")
    for cell, english_cell in zip(mine, theirs):
        cell.outputs = copy.deepcopy(english_cell.outputs)
        cell.execution_count = english_cell.execution_count
    return notebook


def make_and_run(lang, lesson, save=True):
    """Make the notebook of a lesson and give it its outputs: by running it (English), or from
    the English notebook (a translation; the English one must be made first)."""
    start = time.perf_counter()
    if lang == "en":
        notebook = run(make_notebook(lang, lesson))
    else:
        english = nbformat.read(notebook_path("en", lesson), as_version=4)
        notebook = with_english_outputs(make_notebook(lang, lesson), english, lang, lesson)
    if save:
        write(notebook, notebook_path(lang, lesson))
    return f"docs/{lang}/notebooks/{lesson}.ipynb: {time.perf_counter() - start:.1f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list the outdated notebooks")
    parser.add_argument("--no-write", action="store_true", help="make and run, but write nothing")
    arguments = parser.parse_args()
    os.environ["OMP_NUM_THREADS"] = "1"   # as in the tests: one PyTorch thread per kernel

    if arguments.check:
        stale = [f"{notebook_path(lang, lesson).relative_to(ROOT)}"
                 for lang, lesson in lessons()
                 if not notebook_path(lang, lesson).exists()
                 or inputs(nbformat.read(notebook_path(lang, lesson), as_version=4))
                 != inputs(make_notebook(lang, lesson))]
        print("\n".join(stale) or "All notebooks are up to date.")
        return 1 if stale else 0

    start = time.perf_counter()
    english = [(lang, lesson) for lang, lesson in lessons() if lang == "en"]
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        jobs = list(zip(*english))
        for line in pool.map(make_and_run, *jobs, [not arguments.no_write] * len(english)):
            print(line)
    for lang, lesson in lessons():  # translations take the outputs of the English notebooks
        if lang != "en":
            print(make_and_run(lang, lesson, save=not arguments.no_write))
    print(f"All {len(lessons())} notebooks made in {time.perf_counter() - start:.1f} s "
          f"({len(english)} run, {len(lessons()) - len(english)} with the English outputs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
