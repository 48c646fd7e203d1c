"""Drop the `<link rel="alternate" hreflang>` tags from each page's <head>.

Material's script fetches `sitemap.xml` below every such link. mkdocs-static-i18n makes one link
per page (`/mk/page/`), so every page view caused four 404s. The same alternates stay listed in
the site's `sitemap.xml`, and the language selector in the header still links to the same page
in each language.
"""

import re

HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_post_page(output, page, config, **kwargs):
    return HREFLANG_LINK.sub("", output)
