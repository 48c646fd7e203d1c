"""Each translation is written in its own alphabet, with no letters of a neighbouring one.

Macedonian and Mongolian are both written in Cyrillic, with different letters; Russian letters
slip into both easily. A word that mixes Latin and Cyrillic letters (a Latin "è" in "сè", say)
looks right but breaks search.
"""

import re

import pytest
import yaml

from conftest import ROOT

NOT_MACEDONIAN = "йыэюящъьёЙЫЭЮЯЩЪЬЁ"  # Russian letters that Macedonian never uses
NOT_MONGOLIAN = "ѓќљњџѕјЃЌЉЊЏЅЈ"  # letters that only Macedonian (and Serbian) use
LATIN, CYRILLIC = r"[a-zA-Z\u00c0-\u024f]", r"[\u0400-\u04ff]"
MIXED_WORD = re.compile(rf"\w*(?:{LATIN}{CYRILLIC}|{CYRILLIC}{LATIN})\w*")


class Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its `!!python/...` and `!relative` tags."""


Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def texts(lang):
    """(where, text) for each page of `lang` and its strings in mkdocs.yml."""
    for page in sorted((ROOT / "docs" / lang).rglob("*.md")):
        yield page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tolerant)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    for language in i18n["languages"]:
        if language["locale"] == lang:
            yield f"mkdocs.yml ({lang})", "\n".join(values(language))


def values(tree):
    """Every string value in a YAML tree (keys left out: they are English setting names)."""
    if isinstance(tree, dict):
        return [v for key, value in tree.items() if key != "locale" for v in values(value)]
    return [tree] if isinstance(tree, str) else []


def lines_with(letters, text):
    return [line.strip() for line in text.splitlines() if set(letters) & set(line)]


@pytest.mark.parametrize("where,text", list(texts("mk")))
def test_macedonian_has_no_russian_letters(where, text):
    assert not lines_with(NOT_MACEDONIAN, text), f"{where}: {lines_with(NOT_MACEDONIAN, text)}"


@pytest.mark.parametrize("where,text", list(texts("mn")))
def test_mongolian_has_no_macedonian_letters(where, text):
    assert not lines_with(NOT_MONGOLIAN, text), f"{where}: {lines_with(NOT_MONGOLIAN, text)}"


@pytest.mark.parametrize("where,text", [t for lang in ["mk", "bn", "mn"] for t in texts(lang)])
def test_no_word_mixes_latin_and_cyrillic_letters(where, text):
    assert not MIXED_WORD.findall(text), f"{where}: {MIXED_WORD.findall(text)}"


@pytest.mark.parametrize("where,text", list(texts("bn")))
def test_bengali_prose_is_in_bengali_script(where, text):
    """Outside code, most letters are Bengali (English terms in parentheses are allowed)."""
    code_and_markup = r"```.*?```|`[^`]*`|\([^)]*\)|\{[^}]*\}|<[^>]*>|https?://\S+"
    prose = re.sub(code_and_markup, "", text, flags=re.S)
    bengali = len(re.findall(r"[\u0980-\u09ff]", prose))
    latin = len(re.findall(r"[A-Za-z]", prose))
    assert bengali > 3 * latin, f"{where}: {bengali} Bengali letters, {latin} Latin ones"


# -- Which English version a translation follows (tests/translations.py) ------------------------

def test_mark_records_the_english_version_once(tmp_path):
    import translations
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "mk").mkdir()
    (tmp_path / "docs" / "en" / "page.md").write_text("# Page\n\nText.\n", encoding="utf-8")
    page = tmp_path / "docs" / "mk" / "page.md"
    page.write_text("---\ntitle: Страница\n---\n\n# Страница\n\nТекст.\n", encoding="utf-8")
    docs = tmp_path / "docs"
    assert translations.state(docs, "mk", "page.md") == translations.OUTDATED  # no record yet
    translations.mark(page)
    translations.mark(page)  # again: still one record
    text = page.read_text(encoding="utf-8")
    assert text.count("english_version:") == 1 and "title: Страница" in text
    assert text.endswith("# Страница\n\nТекст.\n")
    assert translations.state(docs, "mk", "page.md") == translations.TRANSLATED
    (tmp_path / "docs" / "en" / "page.md").write_text("# Page\n\nNew text.\n", encoding="utf-8")
    assert translations.state(docs, "mk", "page.md") == translations.OUTDATED
