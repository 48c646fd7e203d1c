"""Shared fixtures: the project's paths and one strict build of the whole site."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "mk", "bn", "mn"]
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite each snippets/**/*.out with what its snippet prints now (then review the diff)",
    )


def build_site(project, site_dir):
    """Run `mkdocs build --strict` on `project`; return (exit code, everything it printed)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site, built once for all tests that look at the built pages."""
    site_dir = tmp_path_factory.mktemp("site")
    code, log = build_site(ROOT, site_dir)
    if code != 0:
        pytest.fail(f"`mkdocs build --strict` failed:\n{log}", pytrace=False)
    return site_dir


def copy_project(target):
    """A private copy of everything the build reads, for tests that break things on purpose."""
    for name in ["docs", "overrides", "snippets"]:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target
