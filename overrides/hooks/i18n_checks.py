"""Checks that keep the four languages in step. Each problem is a warning, so `--strict` fails.

For every page translated into another language, compared with the English page:
  * the same snippet includes (`--8<-- "..."`), in the same order;
  * the same figures (`![...](...)`), in the same order;
  * the same heading anchor ids (h2 to h6), in the same order;
  * links to the same glossary entries (`glossary.md#<key>`), in any order.
For every language listed in `extra.complete_languages`: no page may be missing.
For every file in `snippets/`: some English page must include it.
"""

import re
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("i18n_checks")

INCLUDE = re.compile(r'--8<--\s+"([^"]+)"')
FIGURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
GLOSSARY_LINK = re.compile(r"\]\((?:\.\./)*glossary\.md#([\w-]+)\)")

# (language, page path inside the language folder) -> what the page contains
pages = {}


def on_config(config, **kwargs):
    if not config.plugins["i18n"].building:  # first language of a new build: start afresh
        pages.clear()


def on_page_markdown(markdown, page, config, **kwargs):
    lang = config.plugins["i18n"].current_language
    pages[lang, page.file.norm_src_uri] = {
        "source": f"docs/{page.file.src_uri}",
        "translated": page.file.locale == lang,
        "includes": INCLUDE.findall(markdown),
        "figures": FIGURE.findall(markdown),
        "glossary links": sorted(set(GLOSSARY_LINK.findall(markdown))),
    }
    return markdown


def on_page_content(content, page, config, **kwargs):
    lang = config.plugins["i18n"].current_language
    pages[lang, page.file.norm_src_uri]["anchors"] = [
        anchor.id for anchor in walk(page.toc) if anchor.level >= 2
    ]
    return content


def walk(toc):
    for anchor in toc:
        yield anchor
        yield from walk(anchor.children)


def differences(what, english, translated):
    """A sentence saying how two lists differ, or None when they are equal."""
    if english == translated:
        return None
    missing = [x for x in english if x not in translated]
    extra = [x for x in translated if x not in english]
    detail = f"missing {missing}" if missing else ""
    detail += f"{'; ' if detail else ''}not in English {extra}" if extra else ""
    return f"{what} differ from the English page ({detail or 'same items, other order'})"


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config, **kwargs):
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    english = i18n.default_language
    for (lang, path), page in sorted(pages.items()):
        if lang == english or not page["translated"]:
            continue
        reference = pages[english, path]
        for what in ("includes", "figures", "anchors", "glossary links"):
            problem = differences(what, reference[what], page[what])
            if problem:
                log.warning(
                    f"{page['source']}: {problem}. Make it match {reference['source']}"
                    + (" (keep the English id: `## Heading {{ #english-id }}`)."
                       if what == "anchors" else ".")
                )

    for lang in config.extra.get("complete_languages", []):
        for (page_lang, path), page in sorted(pages.items()):
            if page_lang == lang and not page["translated"]:
                log.warning(
                    f"docs/{lang}/{path} is missing, and '{lang}' is listed in "
                    f"extra.complete_languages of mkdocs.yml: translate "
                    f"docs/{english}/{path} into it."
                )

    included = {i.split(":")[0] for page in pages.values() for i in page["includes"]}
    snippets = Path(config.config_file_path).parent / "snippets"
    for snippet in sorted(snippets.rglob("*.py")):
        name = snippet.relative_to(snippets).as_posix()
        if name not in included:
            log.warning(
                f"snippets/{name} is not included by any page: include it with "
                f'--8<-- "{name}" or delete it.'
            )
