"""Small fixes to the HTML that the theme writes, applied to every built page.

1. Drop the `<link rel="alternate" hreflang>` tags from <head>. Material's script fetches
   `sitemap.xml` below every such link; mkdocs-static-i18n makes one link per page
   (`/mk/page/`), so every page view caused four 404s. The alternates stay listed in the
   site's sitemap.xml, and the language selector still links to the same page in each language.
2. Give the search dialog an accessible name (axe-core: aria-dialog-name), the same words as
   the search box's own label, in the page's language.
3. Load figures lazily: the browser fetches a figure when the reader scrolls near it, so the
   first load of a long lesson stays light on a slow network.
4. The tooltip of each heading's permanent link (the ¶ after it) in the page's language:
   Python-Markdown's `toc` writes "Permanent link" on every page, and its settings are the same
   for every language. The words are `extra.permalink_title` of the language (mkdocs.yml).
5. One 404 page in every language. mkdocs-static-i18n builds the site once per language, and
   each build writes the same `404.html`: the last one (Mongolian) won, with a language
   selector that led to whatever page was built last. The English build's page is kept, its
   selector leads to each language's home page (overrides/404.html has the text of all four).
"""

import re
from urllib.parse import urlsplit

HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'class="md-search__input" name="query" aria-label="([^"]*)"')


def on_post_page(output, page, config, **kwargs):
    output = HREFLANG_LINK.sub("", output)
    label = SEARCH_LABEL.search(output)
    if label:
        output = output.replace(
            SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label.group(1)}">'
        )
    title = config.extra.get("permalink_title", "Permanent link")
    output = output.replace('title="Permanent link"', f'title="{title}"')
    return output.replace("<img alt=", '<img loading="lazy" alt=')


SELECTOR_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link">')
not_found = {}  # {"page": the 404.html of the default language's build}


def on_post_template(output, template_name, config, **kwargs):
    if template_name != "404.html":
        return output
    i18n = config.plugins["i18n"]
    if i18n.current_language != i18n.default_language:
        return not_found.get("page", output)
    home = urlsplit(config.site_url or "/").path.rstrip("/") + "/"

    def to_home(link):
        lang = link.group(1)
        folder = "" if lang == i18n.default_language else f"{lang}/"
        return f'<a href="{home}{folder}" hreflang="{lang}" class="md-select__link">'

    not_found["page"] = SELECTOR_LINK.sub(to_home, HREFLANG_LINK.sub("", output))
    return not_found["page"]
