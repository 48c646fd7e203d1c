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
"""

import re

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
