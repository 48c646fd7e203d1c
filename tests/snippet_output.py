"""Run a snippet as a reader would, and compare what it prints with its stored output.

The stored output, `snippets/<topic>/NN_<what>.out`, is what the pages show under the code.
Text must match exactly. Numbers may differ in their last digits, because another processor or
PyTorch build can round differently (see STACK-NOTES); anything larger is a real change.
"""

import functools
import importlib.util
import math
import os
from pathlib import Path
import re
import subprocess
import sys

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
REL_TOL = 1e-3
ABS_TOL = 1e-3


SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"


@functools.cache
def import_snippet(path):
    """Import snippets/<path> as a module, without running its `main()`.

    Tests and figures call a snippet's functions this way: the code they check is the code
    the page shows.
    """
    file = SNIPPETS / path
    spec = importlib.util.spec_from_file_location(file.stem, file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_snippet(path, workdir, use_gpu=False):
    """Run `python <path>` in `workdir`, a fresh folder, with the GPU hidden unless `use_gpu`."""
    env = dict(os.environ)
    if not use_gpu:
        env["CUDA_VISIBLE_DEVICES"] = ""
    return subprocess.run(
        [sys.executable, str(path)], cwd=workdir, env=env, capture_output=True, text=True,
        timeout=120,
    )


def output_difference(expected, actual):
    """None when `actual` matches `expected`; otherwise a sentence naming the first difference."""
    expected_lines, actual_lines = expected.splitlines(), actual.splitlines()
    if len(expected_lines) != len(actual_lines):
        return f"{len(expected_lines)} lines expected, {len(actual_lines)} printed"
    for number, (want, got) in enumerate(zip(expected_lines, actual_lines), start=1):
        if NUMBER.sub("#", want) != NUMBER.sub("#", got):
            return f"line {number}: expected {want!r}, printed {got!r}"
        for a, b in zip(NUMBER.findall(want), NUMBER.findall(got)):
            if not math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=ABS_TOL):
                return f"line {number}: expected {want!r}, printed {got!r} ({a} != {b})"
    return None


def stored_output_problem(snippet, printed, root):
    """None when `printed` matches the snippet's `.out` file, else what is wrong and what to do."""
    stored = snippet.with_suffix(".out")
    fix = "run `pytest tests/test_snippets.py --update-outputs` and review the diff"
    if not stored.exists():
        return f"{stored.relative_to(root)} is missing: {fix}"
    problem = output_difference(stored.read_text(encoding="utf-8"), printed)
    if problem:
        return (
            f"{stored.relative_to(root)} no longer matches what {snippet.relative_to(root)} "
            f"prints ({problem}). If the change is intended, {fix}."
        )
    return None
