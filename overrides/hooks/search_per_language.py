"""One search index per language.

mkdocs-static-i18n writes a single index for all languages, so a reader on a Macedonian page
would get Bengali and Mongolian results too. After the last language is built, this hook splits
`search/search_index.json` into `<lang>/search/search_index.json` (the default language keeps the
root one). `overrides/main.html` points each page's search at its own language's index.
A page that is not translated yet stays in its language's index (English text, reader's menus).

Code blocks are left out of the index: the snippets and their outputs were a third of it.
Inline code in the text stays searchable. The blocks are taken out of the page only while
Material's search plugin reads it (`SearchIndex.add_entry_from_context`), then put back: the
plugin's HTML parser spent most of its time in highlighted code (two thirds of a lesson page's
HTML), about 2 s of every build.
"""

import json
import re
from pathlib import Path

from material.plugins.search.plugin import SearchIndex
from mkdocs.plugins import event_priority

CODE_BLOCK = re.compile(r"<pre.*?</pre>", re.DOTALL)
_add_entry_from_context = SearchIndex.add_entry_from_context


def _add_entry_without_code_blocks(self, page):
    content = page.content
    page.content = CODE_BLOCK.sub("", content)
    try:
        _add_entry_from_context(self, page)
    finally:
        page.content = content


SearchIndex.add_entry_from_context = _add_entry_without_code_blocks


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config, **kwargs):
    i18n = config.plugins["i18n"]
    if i18n.building:  # a single language's build inside i18n's loop: not finished yet
        return
    site = Path(config.site_dir)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    for lang in [i18n.default_language, *others]:
        prefix = "" if lang == i18n.default_language else f"{lang}/"
        docs = []
        for doc in index["docs"]:
            in_other = any(doc["location"].startswith(f"{o}/") for o in others if o != lang)
            if doc["location"].startswith(prefix) and not in_other:
                docs.append({**doc, "location": doc["location"][len(prefix):]})
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"config": index["config"], "docs": docs}, ensure_ascii=False),
            encoding="utf-8",
        )
