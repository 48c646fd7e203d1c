"""Equations as MathML, made while the site is built.

Pages write LaTeX between `$...$` (inline) or `$$...$$` (display). pymdownx.arithmatex marks it;
this hook replaces each mark with MathML, which the browser draws without any script or web font.
"""

import functools
import html
import re

from latex2mathml.converter import convert
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("mathml")

INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.DOTALL)
DISPLAY = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.DOTALL)


# Every language has the same equations: each is converted once per build, not once per language.
mathml = functools.lru_cache(maxsize=None)(convert)


def on_page_content(content, page, **kwargs):
    def to_mathml(match, display):
        latex = html.unescape(match.group(1)).strip()
        try:
            return mathml(latex, display=display)
        except Exception as error:  # latex2mathml raises many kinds of errors
            log.warning(f"docs/{page.file.src_uri}: cannot turn ${latex}$ into MathML: {error}")
            return match.group(0)

    content = DISPLAY.sub(lambda m: to_mathml(m, "block"), content)
    content = INLINE.sub(lambda m: to_mathml(m, "inline"), content)
    return content
