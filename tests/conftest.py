"""Shared fixtures: the project's paths and one strict build of the whole site."""

import contextlib
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

# One thread per process: the tests run on every core at once (pytest.ini), and PyTorch's
# threads fighting over the same cores slow small models down many times. Outputs are the
# same with one or two threads (measured on every snippet). Set before anything imports torch.
os.environ["OMP_NUM_THREADS"] = "1"

ROOT = Path(__file__).resolve().parent.parent
# The build's own rules (glossary, translation status) are imported by the tests that check them;
# where a page is published (printable.address) by everything here.
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from printable import address  # noqa: E402  where a page is published: "", "lessons/lstm/"
LANGUAGES = ["en", "mk", "bn", "mn"]
# Lesson snippets. Exercise files (snippets/exercises/) are another kind: a starter and its
# solution, checked by tests/check.py and tested in tests/test_exercises.py.
EXERCISES = ROOT / "snippets" / "exercises"
SNIPPETS = sorted(p for p in (ROOT / "snippets").rglob("*.py") if EXERCISES not in p.parents)
ENGLISH = ROOT / "docs" / "en"
PAGES = sorted(p.relative_to(ENGLISH).as_posix() for p in ENGLISH.rglob("*.md"))
# Lesson notebooks (made by tests/notebooks.py), e.g. "notebooks/lstm.ipynb": pages of the site too.
NOTEBOOKS = sorted(p.relative_to(ENGLISH).as_posix() for p in ENGLISH.glob("notebooks/*.ipynb"))

# The tests build and serve the site under a sub-path, as GitHub Pages publishes a project
# (https://<user>.github.io/<repo>/): a link or asset that only works at "/" fails them.
SUB_PATH = "/course/"
PUBLISHED_URL = f"https://learner.github.io{SUB_PATH}"  # SITE_URL, read by mkdocs.yml


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its tags (`!ENV`, `!!python/name:...`, `!relative`)."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


@functools.cache
def mkdocs_config():
    """mkdocs.yml as data, e.g. `mkdocs_config()["extra"]["complete_languages"]`."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)


def folder(lang):
    """A language's folder in the built site: "" for English (the default language), "mk/"."""
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def built(site, lang, page):
    """Path of the built HTML for `page` ("running-the-examples.md", "notebooks/lstm.ipynb")."""
    return site / folder(lang) / address(page) / "index.html"


# An address in a tag that links or loads: in double or single quotes, after any attributes
# (whose quoted values may hold ">").
LINK = re.compile(r"""<(?:a|area|link|script|img|source|iframe)\b(?:[^>"']|"[^"]*"|'[^']*')*?"""
                  r"""\s(?:href|src)=(?:"([^"]*)"|'([^']*)')""")
ID = re.compile(r'\sid="([^"]+)"')


def links_that_break(site, sub_path=SUB_PATH):
    """Every link and asset of every built page that would be broken with the site published
    under `sub_path`: an address outside it, a file that is not there, an anchor the target
    page lacks. Each problem names the page, whose first folder is its language."""
    problems, ids = [], {}
    for page in sorted(site.rglob("*.html")):
        where = page.relative_to(site).as_posix()
        base = f"http://host{sub_path}{where}"
        for double, single in LINK.findall(page.read_text(encoding="utf-8")):
            href = html.unescape(double or single)
            if re.match(r"[a-z]+:", href):
                continue  # another site, mailto:, data:, javascript:
            target = urllib.parse.urlsplit(urllib.parse.urljoin(base, href))
            path = urllib.parse.unquote(target.path)
            if not path.startswith(sub_path):
                problems.append(f"{where}: {href} leads outside {sub_path}")
                continue
            file = site / path.removeprefix(sub_path)
            if path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{where}: {href} leads to a file that is not there")
            elif target.fragment and file.suffix == ".html":
                if file not in ids:
                    ids[file] = set(ID.findall(file.read_text(encoding="utf-8")))
                if target.fragment not in ids[file]:
                    problems.append(f"{where}: {href} leads to an anchor that is not there")
    return problems


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite snippets/**/*.out with what each snippet prints now (then review the diff)",
    )
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="save a full-page screenshot of each lesson and notebook in tests/screenshots/",
    )
    parser.addoption(
        "--update-figures",
        action="store_true",
        help="redraw docs/<lang>/figures/*.svg from tests/figures/ (then look at them)",
    )


def pytest_terminal_summary(terminalreporter):
    """List the translations that no longer follow their English page (tests/translations.py)."""
    import translations
    outdated = [f"docs/{lang}/{path}" for lang, path, what in translations.problems()
                if what == translations.OUTDATED]
    if outdated:
        terminalreporter.section("outdated translations")
        terminalreporter.write_line(
            "The English page has changed since these were translated. Bring each up to date, "
            "then run `python tests/translations.py mark <file>`:")
        for page in outdated:
            terminalreporter.write_line(f"  {page}")


def build_site(project, site_dir, site_url=PUBLISHED_URL):
    """Run `mkdocs build --strict` on `project` for the address `site_url`; return (exit code,
    everything it printed)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url},
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="session")
def screenshots(request):
    """True with `pytest --screenshots`: the browser tests save pictures of the pages."""
    return request.config.getoption("--screenshots")


def once_per_run(tmp_path_factory, name, make):
    """Run `make(folder)` once for the whole test run, not once per pytest-xdist worker: the
    first worker to ask runs it in a folder that all workers share; the others wait for it.
    Returns what `make` returned (kept as JSON), and the folder."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # basetemp is <this run's folder>/popen-gw0
        shared = shared.parent
    folder, result = shared / name, shared / f"{name}.json"
    with FileLock(shared / f"{name}.lock"):
        if not result.exists():
            result.write_text(json.dumps(make(folder)), encoding="utf-8")
    return json.loads(result.read_text(encoding="utf-8")), folder


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site, built once for all tests that look at the built pages."""
    def build(folder):
        code, log = build_site(ROOT, folder)
        return {"code": code, "log": log}

    build, folder = once_per_run(tmp_path_factory, "site", build)
    if build["code"] != 0:
        pytest.fail(f"`mkdocs build --strict` failed:\n{build['log']}", pytrace=False)
    return folder


def copy_project(target):
    """A private copy of everything the build reads, for tests that break things on purpose."""
    for name in ["docs", "overrides", "snippets"]:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / ".cache").is_dir():  # rendered notebooks, keyed by their content: saves seconds
        shutil.copytree(ROOT / ".cache", target / ".cache")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


# -- The built site in a real browser (headless Chromium from Debian, driven by Playwright) ------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `sub_path` only. A missing file gets the site's 404.html with the
    status 404, as static hosts (GitHub Pages) answer."""
    sub_path = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.sub_path):
            return str(Path(self.directory) / "outside-the-sub-path")  # does not exist: 404
        return super().translate_path("/" + path.removeprefix(self.sub_path))

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page stops the downloads it no longer needs: not an error."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(site, sub_path="/", handler=QuietHandler):
    """Serve the built `site` at http://127.0.0.1:<free port><sub_path> while the `with` block
    runs; yields that address without its last "/" (the tests add "/mk/", "/lessons/lstm/")."""
    handler = functools.partial(type("Handler", (handler,), {"sub_path": sub_path}),
                                directory=str(site))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{sub_path}".removesuffix("/")
    finally:
        httpd.shutdown()


def origin(url):
    """'http://127.0.0.1:8000' of 'http://127.0.0.1:8000/course/mk/'."""
    return "/".join(url.split("/")[:3])


@pytest.fixture(scope="session")
def server(site):
    """The built site, served under SUB_PATH while the tests run."""
    with serving(site, SUB_PATH) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium. Skips locally without it; under CI=true a missing browser fails."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        reason = "needs Debian's chromium (apt-get install chromium fonts-noto-core) and playwright"
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh tab that may only talk to the local server: any other request is blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.outside_requests = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(origin(server) + "/"):  # outside the sub-path: the server says 404
            request_route.continue_()
        else:
            tab.outside_requests.append(url)
            request_route.abort()

    tab.route("**/*", route)
    yield tab
    context.close()
