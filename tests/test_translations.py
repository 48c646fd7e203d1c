"""Each translation is written in its own alphabet, with no letters of a neighbouring one.

Macedonian and Mongolian are both written in Cyrillic, with different letters; Russian letters
slip into both easily. A word that mixes Latin and Cyrillic letters (a Latin "è" in "сè", say)
looks right but breaks search.
"""

import re

import glossary  # overrides/hooks/glossary.py: the build's own rules
import pytest
import yaml

from conftest import ROOT, mkdocs_config

NOT_MACEDONIAN = "йыэюящъьёЙЫЭЮЯЩЪЬЁ"  # Russian letters that Macedonian never uses
NOT_MONGOLIAN = "ѓќљњџѕјЃЌЉЊЏЅЈ"  # letters that only Macedonian (and Serbian) use
LATIN, CYRILLIC = r"[a-zA-Z\u00c0-\u024f]", r"[\u0400-\u04ff]"
MIXED_WORD = re.compile(rf"\w*(?:{LATIN}{CYRILLIC}|{CYRILLIC}{LATIN})\w*")


def texts(lang):
    """(where, text) for each page of `lang` and its strings in mkdocs.yml."""
    for page in sorted((ROOT / "docs" / lang).rglob("*.md")):
        yield page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8")
    i18n = next(p["i18n"] for p in mkdocs_config()["plugins"] if isinstance(p, dict) and "i18n" in p)
    for language in i18n["languages"]:
        if language["locale"] == lang:
            yield f"mkdocs.yml ({lang})", "\n".join(values(language))
    data = ROOT / "docs" / "data"
    entries = [("docs/data/glossary.yml", load(data / "glossary.yml").values()),
               ("tests/exercises/messages.yml", load(ROOT / "tests/exercises/messages.yml").values())]
    entries += [(f"docs/data/figures/{f.name}", [label for figure in load(f).values()
                                                  for label in figure.values()])
                for f in sorted(data.glob("figures/*.yml"))]
    for where, items in entries:
        yield f"{where} ({lang})", "\n".join(v for entry in items for v in values(entry.get(lang)))
    yield f"docs/data/notebooks.yml ({lang})", "\n".join(values(load(data / "notebooks.yml").get(lang, {})))
    partial = ROOT / "overrides" / "partials" / "languages" / f"{lang}.html"
    if partial.exists():  # the translated strings: "key": "text"
        strings = re.findall(r'^\s*"[\w.]+": "([^"]*)"', partial.read_text(encoding="utf-8"), re.M)
        yield partial.relative_to(ROOT).as_posix(), "\n".join(strings)


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def values(tree):
    """Every string value in a YAML tree (keys left out: they are English setting names)."""
    if isinstance(tree, dict):
        return [v for key, value in tree.items() if key not in ("locale", "note")
                for v in values(value)]
    if isinstance(tree, list):
        return [v for item in tree for v in values(item)]
    return [tree] if isinstance(tree, str) else []


def lines_with(letters, text):
    return [line.strip() for line in text.splitlines() if set(letters) & set(line)]


@pytest.mark.parametrize("where,text", list(texts("mk")))
def test_macedonian_has_no_russian_letters(where, text):
    assert not lines_with(NOT_MACEDONIAN, text), f"{where}: {lines_with(NOT_MACEDONIAN, text)}"


@pytest.mark.parametrize("where,text", list(texts("mn")))
def test_mongolian_has_no_macedonian_letters(where, text):
    assert not lines_with(NOT_MONGOLIAN, text), f"{where}: {lines_with(NOT_MONGOLIAN, text)}"


def ordinal_suffix(number):
    """«дэх» or «дахь» after a number, by the vowels of its last spoken word: тэг, нэг, дөрөв,
    ес, дөч (40), ер (90) take «дэх»; хоёр, гурав, тав, арав, зуу, мянга and the others «дахь»."""
    if number % 10:
        return "дэх" if number % 10 in (1, 4, 9) else "дахь"
    if number == 0 or (number // 10) % 10 in (4, 9):
        return "дэх"
    return "дахь"


@pytest.mark.parametrize("where,text", list(texts("mn")))
def test_mongolian_ordinals_follow_the_spoken_numeral(where, text):
    """«0 дэх алхам», «5 дахь мөр», «8–11 дэх мөр»: house style, docs/data/house-style/mn.md."""
    wrong = [f"{number} {suffix}" for number, suffix in re.findall(r"(\d+) (дахь|дэх)\b", text)
             if suffix != ordinal_suffix(int(number))]
    assert not wrong, f"{where}: {wrong} (the ending follows the last spoken word of the number)"


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


# -- The glossary: every language, its alphabetical order, its terms in the pages ---------------


TERMS = glossary.load(ROOT / "docs")
TRANSLATED_PAGES = [(lang, page) for lang in ["mk", "bn", "mn"]
                    for page in sorted((ROOT / "docs" / lang).rglob("*.md"))]


def test_a_glossary_entry_missing_a_language_is_named():
    terms = {"weight": {"en": {"term": "weight", "definition": "A number."},
                        "mk": {"term": "тежина"}}}
    problems = glossary.missing(terms, ["en", "mk", "bn"])
    assert len(problems) == 2, problems
    assert problems[0].startswith("docs/data/glossary.yml: the entry 'weight' has no definition in 'mk'")
    assert "has no term and no definition in 'bn'" in problems[1]


@pytest.mark.parametrize("lang,page", TRANSLATED_PAGES,
                         ids=[f"{lang}-{page.name}" for lang, page in TRANSLATED_PAGES])
def test_glossary_links_use_the_glossary_term(lang, page):
    where = page.relative_to(ROOT).as_posix()
    problems = glossary.link_problems(where, lang, page.read_text(encoding="utf-8"), TERMS)
    assert not problems, "\n".join(problems)


def test_a_wrong_term_in_a_glossary_link_is_named():
    terms = {"layer": {"mk": {"term": "слој", "definition": "..."}},
             "neural-network": {"mk": {"term": "невронска мрежа", "definition": "...",
                                       "forms": ["мрежата"]}}}
    text = ("Секој [слој](../glossary.md#layer) и [слоевите](../glossary.md#layer) на "
            "[невронските мрежи](../glossary.md#neural-network), [мрежата](../glossary.md#neural-network) "
            "и [нивото](../glossary.md#layer).")
    problems = glossary.link_problems("docs/mk/x.md", "mk", text, terms)
    assert problems == [
        "docs/mk/x.md: the link to the glossary entry 'layer' says \"нивото\", but the glossary "
        "term in 'mk' is \"слој\". Use the term (with the ending the sentence needs), or add the "
        "form to `forms` of 'layer' in docs/data/glossary.yml."]


@pytest.mark.parametrize("lang,unsorted,expected", [
    ("mk", ["ќелија", "учење", "јадро", "излез", "ѕвезда", "ReLU", "чекор", "џеб", "шум",
            "лав", "ѓавол", "дом", "еж"],
     ["дом", "ѓавол", "еж", "ѕвезда", "излез", "јадро", "лав", "ќелија", "учење", "чекор", "џеб",
      "шум", "ReLU"]),
    ("mn", ["үр дүн", "өгөгдөл", "оролт", "утга", "пиксел", "softmax", "ёс", "жин", "ер", "йог"],
     ["ер", "ёс", "жин", "йог", "оролт", "өгөгдөл", "пиксел", "утга", "үр дүн", "softmax"]),
    ("bn", ["য়", "র", "য", "ডেটা", "ঢাকা", "ড়", "আউটপুট", "অ্যারে", "ReLU"],
     ["অ্যারে", "আউটপুট", "ডেটা", "ড়", "ঢাকা", "য", "য়", "র", "ReLU"]),
])
def test_glossary_sorts_in_the_alphabetical_order_of_the_language(lang, unsorted, expected):
    assert sorted(unsorted, key=lambda term: glossary.sort_key(lang, term)) == expected
