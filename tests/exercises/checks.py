"""What each exercise checks, and how a check says what went wrong.

`python tests/check.py <exercise>` runs `run()` in a separate process (see tests/check.py).
Each exercise is one function below, registered with @exercise under the name of the function
that the learner writes. It gets the learner's function (`solve`) and `check`, and runs each
check inside `with check("what is checked"):`. The helpers `expect_*` raise `Wrong` with plain
sentences: what was expected, what came back. Every sentence is a message of messages.yml, said
in the learner's language (`say`, from language.py). The reference is PyTorch's own module wherever
there is one. tests/test_exercises.py proves that every check passes on the solution and fails
on the untouched starter and on planted wrong answers (tests/exercises/wrong/).
"""

import contextlib
import copy
import importlib.util
import linecache
import traceback
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from language import say

ATOL = 1e-5  # largest difference allowed between the learner's numbers and PyTorch's
CHECKS = {}  # exercise name -> function that runs its checks


class Wrong(Exception):
    """A check failed. The message says what was expected and what came back."""


class NotImplementedYet(Exception):
    """The learner's function still raises NotImplementedError: stop this exercise."""


def exercise(function):
    CHECKS[function.__name__] = function
    return function


# -- Running the checks of one exercise ---------------------------------------------------------

def run(name, path, emit):
    """Import the learner's file `path` and run the checks of exercise `name`.

    Everything that happens is sent to `emit` as a dict: {"event": "start", "check": ...},
    {"event": "result", "check": ..., "status": "ok" | "wrong" | "error", "message": ...},
    {"event": "not-implemented"}, {"event": "import-error", "message": ...}, {"event": "done"}.
    """
    torch.manual_seed(0)
    try:
        solve = load(name, path)
    except Wrong as problem:
        emit({"event": "import-error", "message": str(problem)})
    else:
        try:
            on_a_gpu = []  # what the run on the other device found, for the check running now
            CHECKS[name](also_on_another_device(solve, path, on_a_gpu),
                         checker(emit, path, on_a_gpu))
        except NotImplementedYet:
            emit({"event": "not-implemented"})
    emit({"event": "done"})


def load(name, path):
    """The function `name` from the learner's file; `Wrong` says why it cannot be had."""
    spec = importlib.util.spec_from_file_location(f"learners_{name}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        line = (error.text or "").strip()
        raise Wrong(say("syntax_error", line=error.lineno, message=error.msg)
                    + (f"\n    {line}" if line else "")) from None
    except (Exception, SystemExit) as error:
        raise Wrong(say("does_not_import", error=error_text(error, path))) from None
    function = getattr(module, name, None)
    if not callable(function):
        raise Wrong(say("no_function", name=name))
    return function


# -- The same function with its inputs on another device ---------------------------------------

# A learner's function that makes a new tensor with `torch.zeros(...)` and no `device=` passes
# every check on a laptop, then fails on a GPU: the new tensor stays on the CPU while the inputs
# are on the GPU. PyTorch's "meta" device stands in for the GPU, so this is caught on any
# computer: its tensors have a shape and no values, and mixing one with a CPU tensor either
# raises or leaves the result on the CPU, as on a GPU.
OTHER_DEVICE = torch.device("meta")


def also_on_another_device(solve, path, problems):
    """`solve`, which also runs once with its tensor inputs on OTHER_DEVICE.

    The CPU run gives the values that the checks compare. The second run must not raise and
    must return its tensors on OTHER_DEVICE; otherwise what went wrong, and what to do, is added
    to `problems`. The check reports it only when the values are right: a wrong value is the
    first thing to fix.
    """
    def solve_on_both(*args):
        result = solve(*args)  # NotImplementedError here is the untouched starter
        moved = [to_other_device(arg) for arg in args]
        if all(new is old for new, old in zip(moved, args)):
            return result  # no tensor among the inputs (lstm_parameters)
        try:
            elsewhere = solve(*moved)
        except (Exception, SystemExit) as error:
            problems.append("\n".join([say("on_a_gpu"), error_text(error, path),
                                        say("make_tensors_there")]))
        else:
            if any(tensor.device != OTHER_DEVICE for tensor in tensors_in(elsewhere)):
                problems.append("\n".join([say("on_a_gpu"), say("came_back_on_the_cpu"),
                                            say("make_tensors_there")]))
        return result

    return solve_on_both


def prepare_other_device():
    """Load PyTorch's code for OTHER_DEVICE (about 2 s the first time), before the time limit."""
    (torch.ones(2, 2, device=OTHER_DEVICE) @ torch.ones(2, 2, device=OTHER_DEVICE)).tanh()


def to_other_device(value):
    """A copy of a tensor or module on OTHER_DEVICE; any other value as it is."""
    if isinstance(value, torch.Tensor):
        return value.detach().to(OTHER_DEVICE).requires_grad_(value.requires_grad)
    if isinstance(value, nn.Module):
        return copy.deepcopy(value).to(OTHER_DEVICE)
    return value


def tensors_in(value):
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, (tuple, list)):
        return [tensor for item in value for tensor in tensors_in(item)]
    return []


def checker(emit, path, on_a_gpu):
    """The `check` context manager that an exercise function uses for each of its checks.

    `on_a_gpu` collects what the run on another device found (see also_on_another_device)."""

    @contextlib.contextmanager
    def check(description):
        emit({"event": "start", "check": description})
        result = {"event": "result", "check": description, "status": "ok", "message": ""}
        on_a_gpu.clear()
        try:
            yield
            if on_a_gpu:  # the values are right, but the code would fail on a GPU
                raise Wrong(on_a_gpu[0])
        except NotImplementedError:
            raise NotImplementedYet() from None
        except Wrong as wrong:
            result.update(status="wrong", message=str(wrong))
        except (Exception, SystemExit) as error:
            result.update(status="error", message=error_text(error, path))
        emit(result)

    return check


def error_text(error, path):
    """'your code raised X: message', and the deepest line of the learner's file it came from."""
    text = f"{type(error).__name__}: {error}".rstrip(": ")
    mine = [frame for frame in traceback.extract_tb(error.__traceback__)
            if same_file(frame.filename, path)]
    if not mine:
        return say("raised", error=text)
    frame = mine[-1]
    code = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    return say("raised", error=text) + "\n" + say("at_line", line=frame.lineno, code=code)


def same_file(filename, path):
    try:
        return Path(filename).resolve() == path.resolve()
    except OSError:
        return False


# -- Saying what was expected and what came back ------------------------------------------------

def describe(value):
    """A few words for any value: 'a tensor of shape (2, 4)', 'a tuple of 3 items', 'None'."""
    if isinstance(value, torch.Tensor):
        return say("a_tensor", shape=shape_text(value.shape))
    if isinstance(value, (tuple, list)):
        return say("a_sequence", kind=type(value).__name__, count=len(value))
    if value is None:
        return say("none_value")
    if isinstance(value, (bool, int, float)):
        return say("a_number", value=repr(value), kind=type(value).__name__)
    return say("a_value", kind=type(value).__name__)


def shape_text(shape):
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def numbers(tensor):
    """The values of a small tensor, 4 significant digits; only the first 6 of a larger one."""
    if tensor.dim() == 0:
        return f"{tensor.item():.4g}"
    if tensor.numel() <= 12:
        return nested(tensor.tolist())
    first = ", ".join(f"{v:.4g}" for v in tensor.flatten()[:6].tolist())
    return f"[{first}, ...] " + say("first_values", count=tensor.numel())


def nested(values):
    if isinstance(values, list):
        return "[" + ", ".join(nested(v) for v in values) + "]"
    return f"{values:.4g}"


def expect_tensor(got, expected, what, atol=ATOL):
    """`got` must be a tensor with the shape of `expected` and values within `atol` of it."""
    shape = shape_text(expected.shape)
    if not isinstance(got, torch.Tensor) or tuple(got.shape) != tuple(expected.shape):
        raise Wrong(say("expected_a_tensor", what=what, shape=shape, got=describe(got)))
    got_values, expected_values = got.detach().double().cpu(), expected.detach().double().cpu()
    difference = (got_values - expected_values).abs()
    bad = difference.isnan() | (difference > atol)
    if bad.any():
        nan = difference.isnan()
        where = torch.nonzero(nan)[0] if nan.any() else \
            torch.unravel_index(difference.argmax(), difference.shape)
        where = tuple(int(i) for i in where)
        largest = dict(expected=f"{expected_values[where].item():.4g}",
                       got=f"{got_values[where].item():.4g}")
        raise Wrong("\n".join([
            say("values_off", what=what, shape=shape, atol=f"{atol:g}"),
            say("expected_values", values=numbers(expected_values)),
            say("got_values", values=numbers(got_values)),
            say("largest_difference_at", where=list(where), **largest) if where
            else say("largest_difference", **largest)]))


def expect_items(got, names):
    """`got` must be a tuple (or list) with one item per name; returns the items."""
    if not isinstance(got, (tuple, list)) or len(got) != len(names):
        raise Wrong(say("expected_items", count=len(names), names=", ".join(names),
                        got=describe(got)))
    return got


def expect_int(got, expected, what):
    if isinstance(got, bool) or not isinstance(got, int):
        raise Wrong(say("expected_an_int", what=what, expected=expected, got=describe(got)))
    if got != expected:
        raise Wrong(say("expected_int_value", what=what, expected=expected, got=got,
                        difference=f"{got - expected:+d}"))


# -- Lesson "Deep learning" ---------------------------------------------------------------------

@exercise
def neuron_batch(solve, check):
    for n, inputs in [(5, 3), (1, 4)]:
        case = (say("one_example", inputs=inputs) if n == 1
                else say("examples", count=n, inputs=inputs))
        with check(say("compared_with", case=case, reference="nn.Linear, nn.Sigmoid")):
            X, w, b = torch.randn(n, inputs), torch.randn(inputs), 0.3
            layer = nn.Linear(inputs, 1)
            with torch.no_grad():
                layer.weight.copy_(w.view(1, -1))
                layer.bias.fill_(b)
                expected = nn.Sigmoid()(layer(X)).squeeze(1)
            expect_tensor(solve(X.clone(), w.clone(), b), expected, say("the_outputs"))


@exercise
def gradients_with_bias(solve, check):
    names = ["dL/dw1", "dL/db1", "dL/dw2"]
    for x, y, w1, b1, w2 in [(1.5, 0.5, 0.8, 0.1, -0.4), (-2.0, 1.0, 0.3, -0.5, 1.2)]:
        case = f"x={x}, y={y}, w1={w1}, b1={b1}, w2={w2}"
        with check(say("compared_with", case=case, reference="autograd")):
            x_, y_ = torch.tensor(x), torch.tensor(y)
            weights = [torch.tensor(v, requires_grad=True) for v in (w1, b1, w2)]
            loss = (weights[2] * torch.tanh(weights[0] * x_ + weights[1]) - y_) ** 2
            expected = torch.autograd.grad(loss, weights)
            got = solve(x_, y_, *[t.detach().clone() for t in weights])
            for name, g, e in zip(names, expect_items(got, names), expected):
                expect_tensor(g, e, name)


# -- Lesson "Convolutional neural networks" -----------------------------------------------------

IMAGE = torch.tensor([  # the image and the kernel of snippets/cnn/01_convolution_by_loops.py
    [1, 2, 0, 1, 3],
    [0, 1, 3, 1, 0],
    [2, 1, 0, 2, 1],
    [1, 0, 1, 3, 2],
    [0, 2, 1, 0, 1],
], dtype=torch.float32)
KERNEL = torch.tensor([[1, 2, 0], [0, 1, 0], [-1, 0, 1]], dtype=torch.float32)
FEATURE_MAP = torch.tensor([  # from snippets/cnn/05_max_pooling.py
    [1, 3, 2, 0],
    [4, 2, 1, 1],
    [0, 1, 5, 2],
    [2, 0, 3, 4],
], dtype=torch.float32)


@exercise
def conv2d_stride(solve, check):
    lesson = f"{say('lesson_image')}, {say('lesson_kernel')}"
    cases = [
        (lesson, IMAGE, KERNEL, 1),
        (lesson, IMAGE, KERNEL, 2),
        (random_image(9, 7, 3), torch.randn(9, 7), torch.randn(3, 3), 2),
        (random_image(8, 8, 2), torch.randn(8, 8), torch.randn(2, 2), 3),
    ]
    for name, image, kernel, stride in cases:
        with check(say("compared_with", case=f"{name}, {say('stride', stride=stride)}",
                       reference="F.conv2d")):
            expected = F.conv2d(image[None, None], kernel[None, None], stride=stride)[0, 0]
            expect_tensor(solve(image.clone(), kernel.clone(), stride), expected,
                          say("the_output"))


def random_image(height, width, kernel_size):
    return f"{say('random_image', height=height, width=width)}, {say('a_kernel', size=kernel_size)}"


@exercise
def pad_zeros(solve, check):
    cases = [(say("lesson_image"), IMAGE, 1),
             (say("lesson_image"), IMAGE, 2),
             (say("random_image", height=3, width=4), torch.randn(3, 4), 0)]
    for name, image, padding in cases:
        with check(say("compared_with", case=f"{name}, {say('padding', padding=padding)}",
                       reference="F.pad")):
            expected = F.pad(image, (padding, padding, padding, padding))
            expect_tensor(solve(image.clone(), padding), expected, say("the_padded_image"))


@exercise
def avg_pool(solve, check):
    cases = [(say("lesson_feature_map"), FEATURE_MAP, 2),
             (say("random_map", height=6, width=9), torch.randn(6, 9), 3),
             (say("random_map_cut", height=5, width=7), torch.randn(5, 7), 2)]
    for name, x, size in cases:
        with check(say("compared_with", case=f"{name}, {say('blocks', size=size)}",
                       reference="F.avg_pool2d")):
            expected = F.avg_pool2d(x[None, None], size)[0, 0]
            expect_tensor(solve(x.clone(), size), expected, say("the_pooled_map"))


# -- Lesson "Recurrent neural networks" ---------------------------------------------------------

def sizes(batch, inputs, hidden, steps=None):
    if steps is None:
        return say("sizes", batch=batch, inputs=inputs, hidden=hidden)
    return say("steps_and_sizes", steps=steps, batch=batch, inputs=inputs, hidden=hidden)


def one_step(batch, inputs, hidden, reference):
    return say("compared_with", case=say("one_step", sizes=sizes(batch, inputs, hidden)),
               reference=reference)


@exercise
def rnn_cell(solve, check):
    for batch, inputs, hidden in [(2, 3, 4), (1, 5, 2)]:
        with check(one_step(batch, inputs, hidden, "nn.RNN")):
            rnn = nn.RNN(inputs, hidden, batch_first=True)
            x, h = torch.randn(batch, inputs), torch.randn(batch, hidden)
            with torch.no_grad():
                expected = rnn(x[:, None], h[None])[0][:, 0]
            expect_tensor(solve(x.clone(), h.clone(), rnn), expected, say("the_new_h"))


@exercise
def rnn_forward(solve, check):
    for batch, steps, inputs, hidden in [(2, 5, 3, 4), (3, 7, 2, 6)]:
        with check(say("compared_with", case=sizes(batch, inputs, hidden, steps),
                       reference="nn.RNN")):
            rnn = nn.RNN(inputs, hidden, batch_first=True)
            xs = torch.randn(batch, steps, inputs)
            with torch.no_grad():
                expected, _ = rnn(xs)
            expect_tensor(solve(xs.clone(), rnn), expected, say("the_hidden_states"))


# -- Lesson "Long short-term memory (LSTM)" -----------------------------------------------------

@exercise
def lstm_cell(solve, check):
    for batch, inputs, hidden in [(2, 3, 4), (1, 5, 2)]:
        with check(one_step(batch, inputs, hidden, "nn.LSTM")):
            lstm = nn.LSTM(inputs, hidden, batch_first=True)
            x, (h, c) = torch.randn(batch, inputs), torch.randn(2, batch, hidden)
            with torch.no_grad():
                _, (h_next, c_next) = lstm(x[:, None], (h[None], c[None]))
            got = expect_items(solve(x.clone(), h.clone(), c.clone(), lstm), ["h", "c"])
            expect_tensor(got[0], h_next[0], say("the_new_h"))
            expect_tensor(got[1], c_next[0], say("the_new_c"))


@exercise
def gru_cell(solve, check):
    for batch, inputs, hidden in [(2, 3, 4), (1, 5, 2)]:
        with check(one_step(batch, inputs, hidden, "nn.GRU")):
            gru = nn.GRU(inputs, hidden, batch_first=True)
            x, h = torch.randn(batch, inputs), torch.randn(batch, hidden)
            with torch.no_grad():
                _, h_next = gru(x[:, None], h[None])
            expect_tensor(solve(x.clone(), h.clone(), gru), h_next[0], say("the_new_h"))


@exercise
def lstm_parameters(solve, check):
    for inputs, hidden, layers in [(5, 32, 1), (5, 32, 2), (10, 64, 3), (1, 1, 1)]:
        arguments = f"({inputs}, {hidden}, {layers})"
        with check(say("compared_with", case=f"lstm_parameters{arguments}",
                       reference=f"nn.LSTM{arguments}")):
            expected = sum(p.numel() for p in nn.LSTM(inputs, hidden, layers).parameters())
            expect_int(solve(inputs, hidden, layers), expected, say("the_number_of_parameters"))
