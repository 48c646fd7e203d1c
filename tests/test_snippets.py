"""Every snippet runs on its own, as a reader runs it, and prints what its page shows."""

import pytest
import torch

import warm_python

from conftest import ROOT, SNIPPETS
from snippet_output import other_numerics, record_numerics, run_snippet, stored_output_problem

DEVICE_LINE = (
    'device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"'
)
IDS = [p.relative_to(ROOT).as_posix() for p in SNIPPETS]


def test_there_are_snippets():
    assert SNIPPETS, "no snippets/**/*.py found"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_snippet_follows_the_layout(snippet):
    """Seed and device at the top, the device printed, work started from main()."""
    source = snippet.read_text(encoding="utf-8")
    name = snippet.relative_to(ROOT)
    assert "torch.manual_seed(0)" in source, f"{name}: add `torch.manual_seed(0)` at the top"
    assert DEVICE_LINE in source, f"{name}: choose the device with this line: {DEVICE_LINE}"
    assert 'print(f"Device: {device}")' in source, f"{name}: print the device first"
    assert source.rstrip().endswith('if __name__ == "__main__":\n    main()'), (
        f'{name}: end with `if __name__ == "__main__": main()`'
    )


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_snippet_runs_on_cpu_and_prints_its_stored_output(snippet, tmp_path, request):
    """Run with the GPU hidden, in its own process and an empty folder, and compare with the
    `.out` file. The process is a fork of one that has imported PyTorch (tests/warm_python.py)."""
    result = warm_python.run(snippet, tmp_path)
    name = snippet.relative_to(ROOT)
    assert result.returncode == 0, f"{name} failed on the CPU:\n{result.stderr}"
    assert result.stdout.startswith("Device: cpu\n"), f"{name}: first line must be the device"

    if request.config.getoption("--update-outputs"):
        snippet.with_suffix(".out").write_text(result.stdout, encoding="utf-8")
        record_numerics()
        return
    if torch.version.cuda is not None:
        pytest.skip("stored outputs are recorded with the CPU build of PyTorch (requirements.txt)")
    problem = stored_output_problem(snippet, result.stdout, ROOT)
    if problem and other_numerics():
        pytest.skip(f"{problem} But {other_numerics()}.")
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU on this machine")
@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_snippet_runs_on_gpu(snippet, tmp_path):
    result = run_snippet(snippet, tmp_path, use_gpu=True)
    name = snippet.relative_to(ROOT)
    assert result.returncode == 0, f"{name} failed on the GPU:\n{result.stderr}"
    assert result.stdout.startswith("Device: cuda\n"), f"{name} did not choose the GPU"
