"""Run snippets as separate processes without paying for `import torch` each time.

Starting Python and importing PyTorch takes 2-3 s on a slow machine, and the first optimizer
imports `torch._dynamo` (1-3 s more): most of the time of a short snippet, 58 times per test run.
This module keeps one Python process per test worker that has imported PyTorch and, of the
tests, only the time limit (tests/snippet_output.py). For each snippet it forks: the copy
changes to the snippet's empty folder, sends its output to files and runs the file as
`__main__` (`runpy.run_path`), as `python <file>` would.
The snippet's own imports (NumPy, scikit-learn, matplotlib) happen in the copy, as usual.

What differs from `python <file>`: PyTorch and the modules it imports are already loaded, and
every copy has the same hash seed for strings. The GPU tests and tests/benchmark.py (which times
snippets as readers run them) start a new Python instead (snippet_output.run_snippet). Where
`os.fork` does not exist (Windows), this falls back to that too.

    python tests/warm_python.py      # the server; tests use `run(path, workdir)` instead
"""

import atexit
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from snippet_output import TIMEOUT  # the same limit as for a snippet run in a new Python


# -- The server: one per test worker ---------------------------------------------------------------

def serve():
    """Import PyTorch once, then run each requested file in a fork of this process."""
    os.environ["CUDA_VISIBLE_DEVICES"] = ""  # the CPU, as the tests that use this server ask
    import torch
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)  # imports torch._dynamo

    replies = os.fdopen(os.dup(1), "w")  # fd 1 becomes the snippet's stdout in each fork
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run_in_this_fork(request)  # never returns
        deadline = time.monotonic() + TIMEOUT
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        timed_out = not done
        if timed_out:  # too slow: stop it, as subprocess.run(timeout=...) would
            os.kill(pid, signal.SIGKILL)
            status = os.waitpid(pid, 0)[1]
        reply = {"returncode": os.waitstatus_to_exitcode(status), "timed_out": timed_out}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def run_in_this_fork(request):
    import runpy
    import traceback

    code = 0
    try:
        os.chdir(request["cwd"])
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        for fd, name in [(1, "stdout"), (2, "stderr")]:
            os.dup2(os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.argv = [request["path"]]
        sys.path[0] = os.path.dirname(request["path"])
        runpy.run_path(request["path"], run_name="__main__")
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        if not isinstance(exit.code, (int, type(None))):
            print(exit.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


# -- The client: what the tests call -----------------------------------------------------------------

_server = None


def _start():
    global _server
    _server = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "CUDA_VISIBLE_DEVICES": ""})
    atexit.register(_server.kill)
    if json.loads(_server.stdout.readline() or "{}").get("ready") is not True:
        raise RuntimeError("tests/warm_python.py did not start")


def run(path, workdir):
    """Like `python <path>` in `workdir` with the GPU hidden: a CompletedProcess with text."""
    if not hasattr(os, "fork"):
        from snippet_output import run_snippet
        return run_snippet(path, workdir, use_gpu=False)
    if _server is None or _server.poll() is not None:
        _start()
    with tempfile.TemporaryDirectory() as outputs:
        stdout, stderr = Path(outputs, "stdout"), Path(outputs, "stderr")
        request = {"path": str(Path(path).resolve()), "cwd": str(workdir),
                   "stdout": str(stdout), "stderr": str(stderr)}
        _server.stdin.write(json.dumps(request) + "\n")
        _server.stdin.flush()
        reply = json.loads(_server.stdout.readline())
        if reply["timed_out"]:
            raise subprocess.TimeoutExpired([sys.executable, str(path)], TIMEOUT)
        return subprocess.CompletedProcess(
            [sys.executable, str(path)], reply["returncode"],
            stdout.read_text(encoding="utf-8"), stderr.read_text(encoding="utf-8"))


if __name__ == "__main__":
    serve()
