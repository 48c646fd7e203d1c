"""Measure the budgets and print them as a Markdown table (README.md keeps a copy).

    python tests/benchmark.py               # everything, including one run of the test suite
    python tests/benchmark.py --no-suite    # without the test suite (about a minute)

Budgets: the 4-language build ≤ 10 s; each snippet ≤ 6 s (experiments ≤ 20 s); first load of a
lesson page ≤ 400 KB (none over 700 KB), of a notebook page ≤ 700 KB; making and running all
notebooks ≤ 60 s; the whole test suite ≤ 5 min. From a server that compresses, as static hosts
do: the first visit of a lesson ≤ 200 KB, the next page (after another page of the site)
≤ 60 KB.
The PDFs of the four languages ≤ 60 s, each ≤ 15 MB.
"""

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import (  # noqa: E402
    CHROMIUM, CHROMIUM_FLAGS, LANGUAGES, NOTEBOOKS, PAGES, ROOT, SNIPPETS, QuietHandler, address,
    folder, serving,
)
from snippet_output import run_snippet  # noqa: E402

os.environ.pop("OMP_NUM_THREADS", None)  # conftest sets 1 thread for the tests; time as users run

# Experiments (a recurrent model against another) have the 20 s budget
EXPERIMENTS = {
    "deep_learning/07_momentum.py",
    "cnn/10_shuffled_pixels.py",
    "lstm/03_remember_the_first_token.py",
    "lstm/04_forget_gate_bias.py",
    "rnn/13_forecast_with_a_window.py",
    "rnn/14_forecast_with_an_rnn.py",
    "rnn/15_how_far_back_the_rnn_looks.py",
}


def seconds(command, cwd=ROOT):
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def build_times(site):
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return [seconds(command) for _ in range(3)]


def page_weights(site):
    """Bytes the browser receives on the first load of each page, per language."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with serving(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for page_file in PAGES + NOTEBOOKS:
            for lang in LANGUAGES:
                context = browser.new_context()  # empty cache: a first visit
                tab = context.new_page()
                sizes = []
                tab.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
                root = "/" + folder(lang)
                tab.goto(f"{server}{root}{address(page_file)}")
                tab.wait_for_load_state("networkidle")
                weights[page_file, lang] = sum(sizes)
                context.close()
        browser.close()
    return weights


class StaticHost(QuietHandler):
    """Answers as GitHub Pages does: text gzipped when the browser accepts it, and every file
    fresh in the browser's cache for 10 minutes. Adds up the bytes of the bodies it sends."""
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb", ".txt", ".map")
    sent = [0]
    counting = threading.Lock()  # the server answers requests in parallel threads

    def do_GET(self):
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self.path.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            return super().do_GET()  # a folder without "/" (redirect), or missing (404)
        body = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        if file.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        with self.counting:
            self.sent[0] += len(body)


def transfers(site):
    """KB each lesson costs on the wire, per language: a first visit (empty cache), and the
    next page (the language's home page visited first, its files cached)."""
    from playwright.sync_api import sync_playwright

    def visit(tab, url):
        StaticHost.sent[0] = 0
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
        return StaticHost.sent[0] / 1024

    kb = {}
    with serving(site, handler=StaticHost) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for page_file in [p for p in PAGES if p.startswith("lessons/")]:
            for lang in LANGUAGES:
                root = "/" + folder(lang)
                context = browser.new_context()
                first = visit(context.new_page(), f"{server}{root}{address(page_file)}")
                context.close()
                context = browser.new_context()
                tab = context.new_page()
                visit(tab, f"{server}{root}")
                kb[page_file, lang] = first, visit(tab, f"{server}{root}{address(page_file)}")
                context.close()
        browser.close()
    return kb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-suite", action="store_true", help="do not time the test suite")
    args = parser.parse_args()
    rows = []

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = build_times(site)
        rows.append(("`mkdocs build --strict`, 4 languages (median of 3)", "≤ 10 s",
                     f"{statistics.median(times):.1f} s"))
        if CHROMIUM.exists():
            weights = page_weights(site)
            for page_file in PAGES + NOTEBOOKS:
                kb = [weights[page_file, lang] / 1024 for lang in LANGUAGES]
                budget = "≤ 700 KB" if page_file in NOTEBOOKS else "≤ 400 KB"
                rows.append((f"First load of `{page_file}` (largest of 4 languages)",
                             budget, f"{max(kb):.0f} KB"))
            import pdfs
            pdf_seconds = pdfs.make_pdfs(site)
            megabytes = [(site / pdfs.folder(lang) / "print" / pdfs.pdf_name(lang)).stat().st_size
                         / 1024 / 1024 for lang in LANGUAGES]
            rows.append(("The 4 PDFs (`python tests/pdfs.py`): time; size of each",
                         "≤ 60 s; ≤ 15 MB", f"{sum(pdf_seconds.values()):.0f} s; "
                         f"{min(megabytes):.1f}–{max(megabytes):.1f} MB"))
            kb = transfers(site)
            for lang in LANGUAGES:
                first = [kb[key][0] for key in kb if key[1] == lang]
                following = [kb[key][1] for key in kb if key[1] == lang]
                rows.append((f"The 4 lessons in `{lang}`, compressed: first visit; next page",
                             "≤ 200 KB; ≤ 60 KB", f"{min(first):.0f}–{max(first):.0f} KB; "
                             f"{min(following):.0f}–{max(following):.0f} KB"))

    wall = seconds([sys.executable, "tests/notebooks.py", "--no-write"])
    rows.append(("Make and run every notebook (`python tests/notebooks.py`)", "≤ 60 s",
                 f"{wall:.1f} s"))

    for snippet in SNIPPETS:
        name = snippet.relative_to(ROOT / "snippets").as_posix()
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            run_snippet(snippet, tmp)
            wall = time.perf_counter() - start
        budget = "≤ 20 s" if name in EXPERIMENTS else "≤ 6 s"
        rows.append((f"`snippets/{name}`", budget, f"{wall:.1f} s"))

    if not args.no_suite:
        wall = seconds([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"])
        rows.append(("`pytest`, the whole suite", "≤ 5 min", f"{wall / 60:.1f} min"))

    print("| What | Budget | Measured |")
    print("| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
