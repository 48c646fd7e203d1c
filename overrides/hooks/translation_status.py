"""The translation status table: which page exists in which language.

A page that contains the line `<!-- translation-status -->` gets, in its place, a table made from
the files in `docs/<lang>/`, so the table is always current and nobody edits it by hand.
"""

from pathlib import Path

MARKER = "<!-- translation-status -->"


def on_page_markdown(markdown, page, config, **kwargs):
    if MARKER not in markdown:
        return markdown
    i18n = config.plugins["i18n"]
    docs = Path(config.docs_dir)
    english = docs / i18n.default_language
    languages = [(lang.locale, lang.name) for lang in i18n.config.languages if lang.build]
    required = config.extra.get("complete_languages", [])

    header = "| | " + " | ".join(
        name + (" *" if locale in required else "") for locale, name in languages
    ) + " |"
    rows = [header, "|---|" + ":---:|" * len(languages)]
    totals = {locale: 0 for locale, _ in languages}
    here = docs / i18n.current_language
    sources = sorted(english.rglob("*.md"))
    for source in sources:
        path = source.relative_to(english).as_posix()
        cells = []
        for locale, _ in languages:
            translated = (docs / locale / path).is_file()
            totals[locale] += translated
            cells.append("✓" if translated else "—")
        shown = here / path if (here / path).is_file() else source  # in the reader's language
        rows.append(f"| [{title(shown)}]({path}) | " + " | ".join(cells) + " |")
    counts = [f"{totals[locale]}/{len(sources)}" for locale, _ in languages]
    rows.append("| | " + " | ".join(counts) + " |")
    return markdown.replace(MARKER, "\n".join(rows))


def title(source):
    """The page's first `# ` heading: what readers see in the menu."""
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return source.stem
