"""The glossary page, made from docs/data/glossary.yml.

A page that contains the line `<!-- glossary -->` gets, in its place, a table of every term in
the page's language: the term, the English term, and a one-line definition. A term not yet
translated into the language shows its English row. Each row has an anchor, so a lesson can
link to `glossary.md#<id>`.
"""

from pathlib import Path

import yaml

MARKER = "<!-- glossary -->"
HEADERS = {
    "en": ("Term", None, "Meaning"),
    "mk": ("Поим", "Англиски", "Значење"),
    "bn": ("পরিভাষা", "ইংরেজি", "অর্থ"),
    "mn": ("Нэр томьёо", "Англиар", "Утга"),
}


def on_page_markdown(markdown, page, config, **kwargs):
    if MARKER not in markdown:
        return markdown
    lang = page.file.locale  # an untranslated page (English text) gets the English table
    data = Path(config.docs_dir) / "data" / "glossary.yml"
    terms = yaml.safe_load(data.read_text(encoding="utf-8"))
    term_header, english_header, meaning_header = HEADERS[lang]
    rows = []
    for key, entry in terms.items():
        own = entry.get(lang) or entry["en"]
        english = entry["en"]["term"]
        cells = [f'<span id="{key}"></span>**{own["term"]}**']
        if english_header:
            cells.append(english)
        cells.append(own["definition"])
        rows.append((own["term"].casefold(), "| " + " | ".join(cells) + " |"))
    header = [term_header] + ([english_header] if english_header else []) + [meaning_header]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    table += [row for _, row in sorted(rows)]
    return markdown.replace(MARKER, "\n".join(table))
