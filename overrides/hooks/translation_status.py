"""Which page is translated, outdated or missing in each language; the status table; the notice.

A translated page records which version of its English page it follows, in its front matter:

    ---
    english_version: 3f9a0c1b2d4e
    ---

The code is the start of the SHA-256 of the English file (`english_version()` below), written by
`python tests/translations.py mark docs/<lang>/<page>.md`. When the English file changes, the
code no longer matches and the translation is *outdated*:
  * the page shows a notice in its language, with a link to the English page (overrides/main.html);
  * the page `translation-status.md` shows it as outdated (the line `<!-- translation-status -->`
    is replaced by a table of page x language, made from the files at each build);
  * the build logs it; in a language listed in `extra.fresh_languages` of mkdocs.yml it is a
    warning, so the strict build fails, as a missing page does in `extra.complete_languages`.
"""

import hashlib
from pathlib import Path

import yaml
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("translation_status")

MARKER = "<!-- translation-status -->"
KEY = "english_version"
TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"


def english_version(english_file):
    """A short code of the English page's text: the first 12 hex digits of its SHA-256."""
    text = Path(english_file).read_text(encoding="utf-8").replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def front_matter(text):
    """The YAML front matter of a page as a dict ({} when it has none)."""
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    return (yaml.safe_load(text[4:end]) or {}) if end != -1 else {}


def state(docs, lang, path):
    """TRANSLATED, OUTDATED or MISSING for the page `path` (inside docs/en/) in `lang`."""
    translated = Path(docs) / lang / path
    if not translated.is_file():
        return MISSING
    recorded = front_matter(translated.read_text(encoding="utf-8")).get(KEY)
    return TRANSLATED if recorded == english_version(Path(docs) / "en" / path) else OUTDATED


def english_pages(docs):
    """Every Markdown page of the English edition, as paths inside docs/en/."""
    english = Path(docs) / "en"
    return sorted(p.relative_to(english).as_posix() for p in english.rglob("*.md"))


def on_page_markdown(markdown, page, config, **kwargs):
    i18n = config.plugins["i18n"]
    lang = i18n.current_language
    if lang != i18n.default_language and page.file.locale == lang:
        path = page.file.src_uri.removeprefix(f"{lang}/")
        if path.endswith(".md") and state(config.docs_dir, lang, path) == OUTDATED:
            page.meta["translation_outdated"] = True
            page.meta["english_page"] = page.url.removeprefix(f"{lang}/")
            where = f"docs/{lang}/{path}"
            advice = (f"{where} is outdated: docs/en/{path} has changed since it was translated. "
                      f"Bring it up to date, then run `python tests/translations.py mark {where}`.")
            if lang in config.extra.get("fresh_languages", []):
                log.warning(advice + f" ('{lang}' is listed in extra.fresh_languages of mkdocs.yml.)")
            else:
                log.info(advice)
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, status_table(config, page))


def status_table(config, page):
    i18n = config.plugins["i18n"]
    docs = Path(config.docs_dir)
    languages = [(lang.locale, lang.name) for lang in i18n.config.languages if lang.build]
    required = config.extra.get("complete_languages", [])
    outdated_word = config.extra.get("status_outdated", "Outdated")

    header = "| | " + " | ".join(
        name + (" *" if locale in required else "") for locale, name in languages
    ) + " |"
    rows = [header, "|---|" + ":---:|" * len(languages)]
    totals = {locale: 0 for locale, _ in languages}
    here = docs / i18n.current_language
    sources = english_pages(docs)
    for path in sources:
        cells = []
        for locale, _ in languages:
            found = TRANSLATED if locale == i18n.default_language else state(docs, locale, path)
            totals[locale] += found == TRANSLATED
            cells.append({TRANSLATED: "✓", OUTDATED: outdated_word, MISSING: "—"}[found])
        shown = here / path if (here / path).is_file() else docs / "en" / path  # reader's language
        rows.append(f"| [{title(shown)}]({path}) | " + " | ".join(cells) + " |")
    counts = [f"{totals[locale]}/{len(sources)}" for locale, _ in languages]
    rows.append("| | " + " | ".join(counts) + " |")
    return "\n".join(rows)


def title(source):
    """The page's first `# ` heading: what readers see in the menu."""
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return source.stem
