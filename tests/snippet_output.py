"""Run a snippet as a reader would, and compare what it prints with its stored output.

The stored output, `snippets/<topic>/NN_<what>.out`, is what the pages show under the code.
Text must match exactly. Numbers may differ in their last digits, because another processor or
PyTorch build can round differently; anything larger is a real change.

Training runs amplify those last-digit differences: on a processor whose vector units or BLAS
round differently, an experiment can end with other numbers altogether (measured here: with
MKL limited to AVX2 instead of AVX-512, the forget-gate experiment of the LSTM lesson ends at
51% instead of 43%). So the outputs are recorded together with a fingerprint of the machine's
rounding (`tests/recorded-numerics.txt`). Where the fingerprint matches, every output must
match; where it does not, a mismatch is reported as a skip that says so, not as a pass.
"""

import functools
import importlib.util
import math
import os
from pathlib import Path
import re
import subprocess
import sys

NUMERICS_FILE = Path(__file__).resolve().parent / "recorded-numerics.txt"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
REL_TOL = 1e-3
ABS_TOL = 1e-3
TIMEOUT = 120  # seconds a snippet may run, here and in tests/warm_python.py


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
        timeout=TIMEOUT,
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


@functools.cache
def numerics_fingerprint():
    """How this machine rounds: a hash of the exact bits of the operations the snippets use
    (matrix products, a convolution, an LSTM and an RNN with their gradients), with PyTorch's
    version and the vector instructions it chose."""
    import hashlib

    import torch

    torch.manual_seed(0)
    a, b = torch.randn(1000, 37), torch.randn(37, 128)
    image, kernel = torch.randn(8, 1, 8, 8), torch.randn(16, 1, 3, 3)
    sequences = torch.randn(64, 50, 5)
    results = [a @ b, a[:64] @ b, torch.tanh(a), torch.sigmoid(a), a.sum(dim=0),
               torch.nn.functional.conv2d(image, kernel, padding=1)]
    for layer in [torch.nn.LSTM(5, 32, batch_first=True), torch.nn.RNN(5, 32, batch_first=True)]:
        outputs = layer(sequences)[0]
        outputs.sum().backward()
        results += [outputs.detach(), *(p.grad for p in layer.parameters())]
    digest = hashlib.sha256(b"".join(r.numpy().tobytes() for r in results)).hexdigest()[:16]
    capability = torch.backends.cpu.get_cpu_capability()
    return f"torch {torch.__version__}, {capability}, rounding {digest}"


def record_numerics():
    """Called when outputs or figures are recorded: remember how this machine rounds."""
    NUMERICS_FILE.write_text(numerics_fingerprint() + "\n", encoding="utf-8")


def other_numerics():
    """None on a machine that rounds like the recording one, else a sentence saying how not."""
    recorded = NUMERICS_FILE.read_text(encoding="utf-8").strip() if NUMERICS_FILE.exists() else "?"
    here = numerics_fingerprint()
    if here == recorded:
        return None
    return (f"this machine rounds differently ({here}) from the one that recorded the outputs "
            f"and figures ({recorded}), and training runs amplify such differences")
