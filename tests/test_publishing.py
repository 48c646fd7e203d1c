"""Publishing: the workflow runs only what is tested here, for the address set in one place."""

import re

import yaml

from conftest import PUBLISHED_URL, ROOT, SUB_PATH, built

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def steps():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def test_workflow_runs_the_tests_then_the_build_the_tests_check():
    """CI's own command (.ci/run), then `mkdocs build --strict` for the address of the
    repository's Pages site (the build the tests make with SITE_URL=PUBLISHED_URL), then the
    PDFs (tests/pdfs.py, which tests/test_pdfs.py runs on that build)."""
    commands = [step["run"] for step in steps() if "run" in step]
    assert commands == ["apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y "
                        "-qq npm && bash .ci/run",
                        ". .venv/bin/activate && mkdocs build --strict --site-dir site",
                        ". .venv/bin/activate && python tests/pdfs.py site"], commands
    build = next(step for step in steps() if "mkdocs build" in step.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    uploaded = next(step for step in steps() if "upload-pages-artifact" in step.get("uses", ""))
    assert uploaded["with"]["path"] == "site"
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}, "the tests run without write rights"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_address_is_set_in_one_place():
    """mkdocs.yml reads SITE_URL (the workflow sets it); without it, the local address."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r'^site_url: !ENV \[SITE_URL, "http://127\.0\.0\.1:8000/"\]$', config, re.M)
    for folder in ["overrides", "docs/assets"]:  # templates, hooks, scripts and styles
        for file in (ROOT / folder).rglob("*"):
            if file.suffix in (".html", ".py", ".js", ".css"):
                text = file.read_text(encoding="utf-8")
                assert "127.0.0.1:8000" not in text and "github.io" not in text, (
                    f"{file.relative_to(ROOT)} names an address: set it in mkdocs.yml only")


def test_built_pages_name_the_published_address(site):
    html = built(site, "mk", "index.md").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED_URL}mk/">' in html
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    addresses = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert addresses and all(a.startswith(PUBLISHED_URL) for a in addresses), addresses[:3]
    assert SUB_PATH != "/"
