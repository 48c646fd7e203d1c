"""Check your solution of an exercise. Run it from the root folder of the project:

    python tests/check.py                 lists the exercises
    python tests/check.py lstm_cell       checks snippets/exercises/lstm/lstm_cell.py
    python tests/check.py lstm            checks every exercise of the lesson folder lstm
    python tests/check.py lstm_cell --file my_lstm_cell.py     checks another file
    python tests/check.py lstm_cell --lang mk                  says it in Macedonian (mk, bn, mn)

For each check it prints what was expected and what your function returned. It works offline.
Your code runs in a separate process, which is stopped after TIME_LIMIT seconds.
The checks themselves are in tests/exercises/checks.py; what the checker says, in each language,
is in tests/exercises/messages.yml.
"""

import argparse
import collections
import dataclasses
import json
import os
import queue
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "exercises"))
from language import LANGUAGES, say, use  # noqa: E402  (tests/exercises/language.py)

EXERCISES = HERE.parent / "snippets" / "exercises"
TIME_LIMIT = 5  # seconds for importing the learner's file and running all checks of an exercise
STARTUP_LIMIT = 60  # seconds for starting Python and importing PyTorch, before the learner's code
PRINTED_LINES = 10  # how many lines of what the learner's code printed are shown


def exercises():
    """{exercise name: its starter file}, from snippets/exercises/<lesson>/<exercise>.py."""
    return {p.stem: p for p in sorted(EXERCISES.glob("*/*.py"))}


@dataclasses.dataclass
class Outcome:
    """What happened when the checks of one exercise ran."""
    events: list
    started: bool = True  # PyTorch imported, the learner's code about to run
    timed_out: bool = False
    exit_code: int = 0
    printed: str = ""
    seconds: float = 0.0  # how long the learner's code ran: from "ready" to the end


# -- Running the checks in another process ------------------------------------------------------

def forward(stream, lines):
    """Put every line of `stream` into the queue `lines`, then None when the stream ends."""
    for line in stream:
        lines.put(line)
    lines.put(None)


def run_checks(name, file, time_limit=TIME_LIMIT, lang="en"):
    """Run the checks of exercise `name` on `file` in a child process; stop it after the limit."""
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    child = subprocess.Popen(
        [sys.executable, str(HERE / "check.py"), "--child", name, str(file), "--lang", lang],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", errors="replace", env=env,
    )
    lines, printed = queue.Queue(), collections.deque(maxlen=PRINTED_LINES)
    threading.Thread(target=forward, args=(child.stdout, lines), daemon=True).start()
    reader = threading.Thread(target=lambda: printed.extend(child.stderr), daemon=True)
    reader.start()

    events, started, timed_out = [], False, False
    deadline = time.monotonic() + STARTUP_LIMIT
    ready_at = None
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            timed_out = True
            child.kill()
            break
        if line is None:
            break
        event = json.loads(line)
        if event["event"] == "ready":  # PyTorch is imported: the learner's time starts now
            ready_at = time.monotonic()
            deadline = ready_at + time_limit
            started = True
        else:
            events.append(event)
    child.wait()
    reader.join(timeout=2)
    seconds = time.monotonic() - ready_at if ready_at is not None else 0.0
    return Outcome(events, started, timed_out, child.returncode, "".join(printed), seconds)


def run_checks_here(name, file):
    """The same checks in this process, with no time limit (for the tests)."""
    import checks
    events = []
    checks.run(name, Path(file), events.append)
    return Outcome(events)


def child(name, file):
    """The child process: run the checks and write each event as one line of JSON."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # what the learner's code prints goes to stderr, which the parent shows

    def emit(event):
        protocol.write(json.dumps(event) + "\n")
        protocol.flush()

    import checks  # imports PyTorch
    checks.prepare_other_device()
    emit({"event": "ready"})
    checks.run(name, Path(file), emit)


# -- Saying what happened -----------------------------------------------------------------------

def shown(path):
    """The path as the learner knows it: relative to the current folder when it is inside."""
    path = Path(path).resolve()
    return path.relative_to(Path.cwd()).as_posix() if path.is_relative_to(Path.cwd()) else str(path)


def columns(text):
    """How many columns `text` takes in a terminal: Bengali vowel signs and the virama (্)
    combine with the letter before them and take none."""
    return sum(unicodedata.category(char) not in ("Mn", "Me", "Cf") for char in text)


def indent(text, spaces):
    return "\n".join(" " * spaces + line if line else line for line in text.splitlines())


def report(name, file, outcome, time_limit=TIME_LIMIT):
    """(text to print, solved?) for one exercise."""
    lines = [f"{name} ({shown(file)})"]
    results = [e for e in outcome.events if e["event"] == "result"]
    started = [e["check"] for e in outcome.events if e["event"] == "start"]
    kinds = {e["event"] for e in outcome.events}
    words = {status: say(f"status_{status}") for status in ("ok", "wrong", "error", "stopped")}
    width = max(7, *(columns(word) for word in words.values()))
    label = {status: word + " " * (width - columns(word)) for status, word in words.items()}
    for result in results:
        lines.append(f"  {label[result['status']]} {result['check']}")
        if result["message"]:
            lines.append(indent(result["message"], width + 3))
    verdict = None
    if "import-error" in kinds:
        message = next(e["message"] for e in outcome.events if e["event"] == "import-error")
        lines.append(f"  {label['error']} {shown(file)} "
                     + indent(message, width + 3).lstrip())
    elif "not-implemented" in kinds:
        lines.append("  " + say("not_implemented", name=name))
        lines.append(indent(say("replace_the_raise", file=shown(file)), 2))
    elif not outcome.started:
        lines.append(f"  {label['error']} " + say("did_not_start", seconds=STARTUP_LIMIT))
        verdict = say("verdict_not_started")
    elif outcome.timed_out:
        running = (started[-1] if len(started) > len(results)
                   else say("importing", file=shown(file)))
        lines.append(f"  {label['stopped']} {running}")
        lines.append(indent(say("too_slow", seconds=time_limit), width + 3))
        verdict = say("verdict_stopped", seconds=time_limit)
    elif "done" not in kinds:
        lines.append(f"  {label['error']} "
                     + say("stopped_early", code=outcome.exit_code))
        verdict = say("verdict_stopped_early")
    if outcome.printed.strip():
        printed = outcome.printed.rstrip().splitlines()[-PRINTED_LINES:]
        lines.append("  " + say("printed", lines=PRINTED_LINES))
        lines.extend(f"    | {line}" for line in printed)

    passed = sum(r["status"] == "ok" for r in results)
    solved = bool(results) and passed == len(results) and "done" in kinds and not (
        kinds & {"not-implemented", "import-error"}) and not outcome.timed_out
    if solved:
        lines.append(say("solved", name=name, checks=len(results)))
    else:
        counts = say("passed_count", passed=passed, checks=len(results)) if results else None
        details = ", ".join(d for d in [counts, verdict] if d)
        lines.append(say("not_solved_because", name=name, details=details) if details
                     else say("not_solved", name=name))
    return "\n".join(lines), solved


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python tests/check.py",
        description="Check your solution of an exercise of the lessons. Works offline.",
    )
    parser.add_argument("name", nargs="?",
                        help="an exercise (lstm_cell) or a lesson folder (lstm); none: list them")
    parser.add_argument("--file", type=Path,
                        help="check this file, not the exercise's file in snippets/exercises/")
    parser.add_argument("--lang", choices=LANGUAGES, default="en",
                        help="the language of what the checker says: en (default), mk, bn, mn")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    use(args.lang)
    if args.child:
        child(*args.child)
        return 0

    known = exercises()
    lessons = sorted({p.parent.name for p in known.values()})
    if args.name is None:
        print(say("list_heading"))
        for name, starter in known.items():
            print(f"  {name:22} {shown(starter)}")
        return 0
    if args.name in known:
        names = [args.name]
    elif args.name in lessons:
        names = [n for n, p in known.items() if p.parent.name == args.name]
    else:
        print(say("unknown_exercise", name=args.name, exercises=", ".join(known),
                  lessons=", ".join(lessons)))
        return 2
    if args.file and len(names) > 1:
        print(say("file_with_one_exercise"))
        return 2

    all_solved = True
    for name in names:
        file = args.file or known[name]
        if not Path(file).is_file():
            print(say("no_such_file", name=name, file=file))
            all_solved = False
            continue
        text, solved = report(name, file, run_checks(name, file, lang=args.lang))
        print(text + ("\n" if len(names) > 1 else ""), flush=True)
        all_solved &= solved
    return 0 if all_solved else 1


if __name__ == "__main__":
    sys.exit(main())
