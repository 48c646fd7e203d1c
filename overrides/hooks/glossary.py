"""The glossary page in every language, made from docs/data/glossary.yml, and its rules.

docs/data/glossary.yml has one entry per term: its key (the anchor, `glossary.md#<key>`) and, for
each language, `term`, `definition`, and optionally `note` (why this word was chosen, for
translators) and `forms` (word forms a page may use in a link to the term, beyond the endings that
`link_problems` allows). The house style of each language is beside it, in docs/data/house-style/.

A page that contains the line `<!-- glossary -->` gets, in its place, a table of every term in the
page's language: the term, the English term, and the definition, sorted in that language's
alphabetical order (`sort_key`). Every entry must have every language of the site: a missing one
fails the build, naming the entry and the language.
"""

import functools
import re
import unicodedata
from pathlib import Path

import yaml
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("glossary")

MARKER = "<!-- glossary -->"
SOURCE = "docs/data/glossary.yml"
# Column headers; a language overrides them in its `extra` (mkdocs.yml).
HEADERS = {"glossary_term": "Term", "glossary_english": "English term", "glossary_meaning": "Meaning"}

# Alphabetical order where it is not the order of the character codes.
ALPHABETS = {
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "mn": "абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя",
}
BENGALI_NUKTA = "\u09bc"  # ড় ঢ় য় are ড ঢ য with a nukta: letters of their own, after the plain one
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?:\.\./)*glossary\.md#(?P<key>[\w-]+)\)")


def load(docs_dir):
    path = Path(docs_dir) / "data" / "glossary.yml"
    return read(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def read(path, version):
    """The glossary, read once per version of the file (libyaml's loader when there is one)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def sort_key(lang, text):
    """A key that sorts terms in the alphabetical order of `lang`.

    Letters of the language's own script come first, in its alphabet; words in Latin letters
    (ReLU, softmax) after them; a space sorts before any letter; other marks are ignored.
    """
    key = []
    alphabet = ALPHABETS.get(lang, "")
    for char in unicodedata.normalize("NFC", text.casefold()):  # ѓ ќ й ё are letters, not г + ´
        base = unicodedata.normalize("NFD", char)[0]
        if char == BENGALI_NUKTA and key:  # NFC writes ড় as ড + nukta
            key[-1] += 1  # ড় just after every word that starts with a plain ড
        elif char in alphabet:
            key.append(10 + 2 * alphabet.index(char))
        elif base in alphabet:  # ѐ and ѝ: е and и with a stress mark
            key.append(11 + 2 * alphabet.index(base))
        elif char.isspace():
            key.append(0)
        elif "a" <= char <= "z":
            key.append(100_000 + 2 * ord(char))
        elif char.isalpha() or unicodedata.category(char).startswith("M"):
            key.append(10 + 2 * ord(char) if lang not in ALPHABETS else 200_000 + 2 * ord(char))
    return key


def missing(terms, languages):
    """A message for each entry that lacks a language, or its term or definition there."""
    problems = []
    for key, entry in terms.items():
        for lang in languages:
            own = (entry or {}).get(lang) or {}
            absent = [field for field in ("term", "definition") if not own.get(field)]
            if absent:
                problems.append(
                    f"{SOURCE}: the entry '{key}' has no {' and no '.join(absent)} in '{lang}'. "
                    f"Add `{lang}: {{term: ..., definition: ...}}` to it, using the words of "
                    f"docs/data/house-style/{lang}.md.")
    return problems


def stem(word):
    """The part of a term's word that an inflected form keeps: all but the last 2 letters
    (1 for a word of 3 or 4 letters)."""
    cut = 2 if len(word) >= 5 else 1 if len(word) >= 3 else 0
    return word[: len(word) - cut]


def words(text):
    return re.sub(r"\([^)]*\)", " ", text).casefold().split()


def uses_term(text, entry):
    """True when the link text `text` is the term of `entry` (one language), inflected.

    Each word of the text must start with the stem of the term's word (`stem`). A form listed in
    `forms` is accepted the same way: as a whole other phrase, or as one word of the term."""
    forms = [f.casefold() for f in entry.get("forms", [])]
    said = words(text)
    return any(
        len(said) == len(term) and all(
            w == t or w in forms or w.startswith(stem(t)) for w, t in zip(said, term))
        for term in [words(entry["term"])] + [words(form) for form in forms])


def link_problems(where, lang, markdown, terms):
    """A message for each glossary link in `markdown` whose text is not the entry's term."""
    problems = []
    for link in LINK.finditer(markdown):
        key, text = link["key"], link["text"]
        own = (terms.get(key) or {}).get(lang)
        if own is None:
            problems.append(f"{where}: links to the glossary entry '{key}', which {SOURCE} "
                            f"does not have in '{lang}'.")
        elif not uses_term(text, own):
            allowed = f"; other accepted forms: {', '.join(own['forms'])}" if own.get("forms") else ""
            problems.append(
                f"{where}: the link to the glossary entry '{key}' says \"{text}\", but the glossary "
                f"term in '{lang}' is \"{own['term']}\"{allowed}. Use the term (with the ending the "
                f"sentence needs), or add the form to `forms` of '{key}' in {SOURCE}.")
    return problems


def on_config(config, **kwargs):
    i18n = config.plugins["i18n"]
    if i18n.building:  # once per build, before the first language
        return config
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    for problem in missing(load(config.docs_dir), languages):
        log.warning(problem)
    return config


def on_page_markdown(markdown, page, config, **kwargs):
    if MARKER not in markdown:
        return markdown
    lang = page.file.locale  # an untranslated page (English text) gets the English table
    terms = load(config.docs_dir)
    headers = [config.extra.get(h, english) if lang != "en" else english
               for h, english in HEADERS.items()]
    if lang == "en":
        headers.pop(1)  # no "English term" column on the English page
    rows = []
    for key, entry in terms.items():
        own = entry.get(lang) or entry["en"]
        cells = [f'<span id="{key}"></span>**{own["term"]}**']
        if lang != "en":
            cells.append(entry["en"]["term"])
        cells.append(own["definition"])
        rows.append((sort_key(lang, own["term"]), "| " + " | ".join(cells) + " |"))
    table = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    table += [row for _, row in sorted(rows)]
    return markdown.replace(MARKER, "\n".join(table))
