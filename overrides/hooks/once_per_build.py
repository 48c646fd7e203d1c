"""Work that is the same in every language is done once per build, not once per language.

mkdocs-static-i18n builds the site once for each of the four languages. Two things came out the
same every time and took a quarter of the build:

- Code highlighting. Every language shows the same snippets, and Pygments highlighted each code
  block four times. What `pymdownx.highlight` made for a block is kept and given back when the
  same block comes again. A block is "the same" when every argument of the call is: its code,
  language, title, options, its number on the page (line anchors contain that number), and the
  extension's settings.
- Compiling the theme's templates. Each language's build makes a new Jinja environment, which
  compiled every template again. The environments now share one in-memory bytecode cache; Jinja
  compares each template's source with the cached one before it uses it.

(Equations are converted once in the same way, in mathml.py.)
"""

import jinja2
from mkdocs.theme import Theme
from pymdownx.highlight import Highlight

# -- Code highlighting ---------------------------------------------------------------------------

_highlight = Highlight.highlight
_highlighted = {}


def _key(value):
    """A hashable copy of an argument (lists and dicts become tuples)."""
    if isinstance(value, dict):
        return tuple(sorted((k, _key(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    return value


def _highlight_once(self, *args, **kwargs):
    settings = {name: value for name, value in vars(self).items() if name != "md"}
    key = (_key(args), _key(kwargs), _key(settings))
    if key not in _highlighted:
        _highlighted[key] = _highlight(self, *args, **kwargs)
    return _highlighted[key]


Highlight.highlight = _highlight_once


# -- Templates -----------------------------------------------------------------------------------

class _SharedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, in memory, for every environment of this build."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_get_env = Theme.get_env
_templates = _SharedBytecodeCache()


def _get_env_sharing_compiled_templates(self):
    env = _get_env(self)
    env.bytecode_cache = _templates
    return env


Theme.get_env = _get_env_sharing_compiled_templates
