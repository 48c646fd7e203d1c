"""Which translated pages follow the current English page, and marking one as up to date.

    python tests/translations.py                          # list outdated and missing pages
    python tests/translations.py --lang mk                # the same, for one language
    python tests/translations.py mark docs/mk/index.md    # this translation follows the English now

`mark` writes `english_version: <code>` into the front matter of the translated page: the code of
the English page as it is now (see overrides/hooks/translation_status.py). Run it when the
translation says everything that the English page says, and commit the page with it.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from translation_status import (  # noqa: E402  (the build's own rules, in one place)
    KEY, MISSING, OUTDATED, TRANSLATED, english_pages, english_version, state)

LANGUAGES = sorted(p.name for p in DOCS.iterdir() if len(p.name) == 2 and p.name != "en")


def problems(languages=LANGUAGES):
    """[(language, page path inside docs/en/, OUTDATED or MISSING)] for every page not up to date."""
    return [(lang, path, found) for lang in languages for path in english_pages(DOCS)
            if (found := state(DOCS, lang, path)) in (OUTDATED, MISSING)]


def mark(file):
    """Record in the translated `file` the version of the English page it now follows."""
    file = Path(file).resolve()
    docs = next((folder for folder in file.parents if (folder / "en").is_dir()), None)
    if docs is None:
        raise SystemExit(f"{file} is not a page inside docs/<language>/.")
    lang, *rest = file.relative_to(docs).parts
    english = docs / "en" / Path(*rest)
    if lang == "en" or file.suffix != ".md" or not file.is_file() or not english.is_file():
        raise SystemExit(f"{file} is not a translated page with an English page in docs/en/.")
    line = f"{KEY}: {english_version(english)}"
    text = file.read_text(encoding="utf-8")
    if text.startswith("---\n") and "\n---\n" in text[3:]:
        end = text.index("\n---\n", 3)
        fields = [f for f in text[4:end].splitlines() if not f.startswith(f"{KEY}:")]
        text = "---\n" + "\n".join(fields + [line]) + text[end:]
    else:
        text = f"---\n{line}\n---\n\n{text}"
    file.write_text(text, encoding="utf-8")
    print(f"docs/{lang}/{Path(*rest).as_posix()} now follows docs/en/{Path(*rest).as_posix()} ({line}).")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python tests/translations.py", description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=LANGUAGES, help="only this language")
    sub = parser.add_subparsers(dest="command")
    marking = sub.add_parser("mark", help="record that a translated page follows the current English page")
    marking.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "mark":
        for file in args.files:
            mark(file)
        return 0
    found = problems([args.lang] if args.lang else LANGUAGES)
    for lang, path, what in found:
        print(f"{what:8} docs/{lang}/{path}" + (f" (docs/en/{path} has changed since)" if what == OUTDATED else ""))
    if not found:
        print("Every page is translated and up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
