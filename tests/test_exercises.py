"""The exercises and their checker, `python tests/check.py <exercise>`.

For every exercise: the checker passes on the solution, says "not implemented yet" for the
untouched starter, and fails on every planted wrong answer in tests/exercises/wrong/<exercise>/.
Passing includes running with the inputs on PyTorch's meta device, so a solution that makes a
tensor on the CPU (torch.zeros with no device=) fails here as it would on a GPU.
These run the checks in this process (fast), as do the tests of a wrong type or shape. The command
itself, with its separate process and its time limit, is tested end to end on a solution, a
starter, a file that does not import, code that raises, code that prints, and a loop that never
ends.
"""

import ast
import contextlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

import check
import language  # tests/exercises/language.py, on the path through check.py
from conftest import ENGLISH, EXERCISES, ROOT
from snippet_output import import_snippet

STARTERS = check.exercises()  # {name: snippets/exercises/<lesson>/<name>.py}
NAMES = list(STARTERS)
WRONG = sorted((ROOT / "tests" / "exercises" / "wrong").glob("*/*.py"))
LESSON_PAGES = {  # lesson folder in snippets/exercises/ -> its English page
    "deep_learning": "lessons/deep-learning.md",
    "cnn": "lessons/convolutional-networks.md",
    "rnn": "lessons/recurrent-networks.md",
    "lstm": "lessons/lstm.md",
}


def solution(name):
    starter = STARTERS[name]
    return starter.parent / "solutions" / starter.name


def checked_here(name, file):
    """(what the command would print, solved?) with the checks run in this process."""
    return check.report(name, file, check.run_checks_here(name, file))


def command(*args, timeout=60):
    """Run `python tests/check.py ...` from the project's root, as a learner does."""
    return subprocess.run([sys.executable, "tests/check.py", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


# -- Every exercise: files, checks, page --------------------------------------------------------

def test_there_are_two_to_four_exercises_per_lesson():
    for lesson in LESSON_PAGES:
        count = sum(p.parent.name == lesson for p in STARTERS.values())
        assert 2 <= count <= 4, f"snippets/exercises/{lesson}/ has {count} exercises, not 2 to 4"
    assert {p.parent.name for p in STARTERS.values()} <= set(LESSON_PAGES)


def test_every_exercise_has_a_solution_checks_and_a_wrong_answer():
    sys.path.insert(0, str(ROOT / "tests" / "exercises"))
    import checks
    assert sorted(checks.CHECKS) == sorted(NAMES), "one @exercise in checks.py per starter file"
    solutions = sorted(p.stem for p in EXERCISES.glob("*/solutions/*.py"))
    assert solutions == sorted(NAMES), "one solution per starter, in <lesson>/solutions/"
    planted = {p.parent.name for p in WRONG}
    assert planted == set(NAMES), f"exercises without a wrong answer: {set(NAMES) - planted}"


def function_def(path, name):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:  # only imports and the function: importing it computes nothing
        assert isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef)), (
            f"{path.relative_to(ROOT)}, line {node.lineno}: only imports and `def {name}` here"
        )
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert [f.name for f in functions] == [name], f"{path.relative_to(ROOT)}: define only {name}"
    return functions[0]


@pytest.mark.parametrize("name", NAMES)
def test_starter_and_solution_have_the_same_signature_and_docstring(name):
    starter, answer = function_def(STARTERS[name], name), function_def(solution(name), name)
    assert ast.dump(starter.args) == ast.dump(answer.args), f"{name}: other arguments"
    assert ast.get_docstring(starter), f"{name}: the starter needs a docstring"
    assert ast.get_docstring(starter) == ast.get_docstring(answer), f"{name}: other docstrings"
    body = starter.body[1:]
    assert len(body) == 1 and ast.unparse(body[0]) == "raise NotImplementedError", (
        f"{STARTERS[name].relative_to(ROOT)} must be the untouched starter: docstring, then "
        "`raise NotImplementedError` (did you solve it in place? `git stash` keeps your work)"
    )


@pytest.mark.parametrize("name", NAMES)
def test_page_shows_starter_command_and_collapsed_solution(name):
    lesson = STARTERS[name].parent.name
    page = (ENGLISH / LESSON_PAGES[lesson]).read_text(encoding="utf-8")
    exercises = page[page.index("## Exercises { #exercises }"):]
    path = f"exercises/{lesson}/{name}.py"
    assert f'```python title="snippets/{path}"\n--8<-- "{path}"\n```' in exercises
    assert f"```bash\npython tests/check.py {name}\n```" in exercises
    answer = f"exercises/{lesson}/solutions/{name}.py"
    collapsed = re.search(r'\?\?\? success "Solution"\n\n    ```python title="snippets/'
                          + re.escape(answer) + r'"\n    --8<-- "' + re.escape(answer) + '"',
                          exercises)
    assert collapsed, f"{LESSON_PAGES[lesson]}: show {answer} in a `??? success \"Solution\"` block"


TRANSLATED = [(lang, name) for lang in language.LANGUAGES[1:] for name in NAMES
              if (ROOT / "docs" / lang / LESSON_PAGES[STARTERS[name].parent.name]).exists()]


@pytest.mark.parametrize(("lang", "name"), TRANSLATED, ids=[f"{l}-{n}" for l, n in TRANSLATED])
def test_translated_page_shows_the_command_in_its_language(lang, name):
    """A translated lesson shows the check command with `--lang`, so the checker speaks the
    language of the page, and the solution collapsed as on the English page."""
    lesson = STARTERS[name].parent.name
    where = f"docs/{lang}/{LESSON_PAGES[lesson]}"
    page = (ROOT / "docs" / lang / LESSON_PAGES[lesson]).read_text(encoding="utf-8")
    exercises = page[page.index("{ #exercises }"):]
    assert f"```bash\npython tests/check.py {name} --lang {lang}\n```" in exercises, (
        f"{where}: show the command as `python tests/check.py {name} --lang {lang}`")
    answer = f"exercises/{lesson}/solutions/{name}.py"
    assert re.search(r'\?\?\? success "[^"]+"\n\n    ```python title="snippets/'
                     + re.escape(answer) + r'"\n    --8<-- "' + re.escape(answer) + '"',
                     exercises), f"{where}: show {answer} in a `??? success` block"


# -- The checks, run in this process ------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_checker_passes_on_the_solution(name):
    text, solved = checked_here(name, solution(name))
    assert solved, text
    assert f"{name}: solved." in text and "WRONG" not in text


@pytest.mark.parametrize("name", NAMES)
def test_checker_says_not_implemented_on_the_untouched_starter(name):
    text, solved = checked_here(name, STARTERS[name])
    assert not solved, text
    assert f"not implemented yet: {name} still raises NotImplementedError" in text, text
    assert f"{name}: not solved yet." in text and "Traceback" not in text


@contextlib.contextmanager
def speaking(lang):
    """The checker says everything in `lang` (as with --lang), then in English again."""
    language.use(lang)
    try:
        yield
    finally:
        language.use("en")


def english_left(text):
    """Fragments of the English messages (three words or more) that are in `text`."""
    fragments = {part.strip(" .,:;()") for entry in language.messages().values()
                 for part in re.split(r"\{[^}]*\}|\n", entry["en"])}
    return sorted(f for f in fragments if len(f.split()) >= 3 and f in text)


@pytest.mark.parametrize("lang", language.LANGUAGES)
@pytest.mark.parametrize("wrong", WRONG, ids=[f"{p.parent.name}/{p.stem}" for p in WRONG])
def test_checker_fails_on_a_planted_wrong_answer(wrong, lang):
    name = wrong.parent.name
    with speaking(lang):
        text, solved = checked_here(name, wrong)
        verdict = language.say("not_solved_because", name=name, details="").split("(")[0]
        failed = {language.say("status_wrong"), language.say("status_error")}
    assert not solved, f"{wrong.relative_to(ROOT)} passed the checks of {name}:\n{text}"
    assert text.startswith(name) and verdict in text.splitlines()[-1], text
    assert any(f"  {label} " in text for label in failed), text
    assert "Traceback" not in text
    if lang == "en":
        assert re.search(r"expected .+; got |expected: .+\n\s+got: |your code raised", text), text
    else:
        assert not english_left(text), f"English left in the '{lang}' text: {english_left(text)}"


@pytest.mark.parametrize("lang", language.LANGUAGES[1:])
def test_every_message_of_the_checker_is_in_every_language(lang):
    """Each message has its text in `lang`, with the same {placeholders} as the English one."""
    for key, entry in language.messages().items():
        assert entry.get(lang), (f"tests/exercises/messages.yml: '{key}' has no '{lang}' text; "
                                 f"add `{lang}: \"...\"` (the English: {entry['en']!r})")
        wanted = sorted(re.findall(r"\{\w+\}", entry["en"]))
        assert sorted(re.findall(r"\{\w+\}", entry[lang])) == wanted, (
            f"tests/exercises/messages.yml: '{key}' in '{lang}' must keep {wanted}")


@pytest.mark.parametrize("lang", language.LANGUAGES[1:])
def test_command_speaks_the_learners_language(lang):
    result = command("gru_cell", "--lang", lang)
    assert result.returncode == 1
    with speaking(lang):
        expected = language.say("not_implemented", name="gru_cell")
    assert expected in result.stdout, result.stdout


def test_a_wrong_value_is_shown_with_expected_got_and_tolerance():
    text, _ = checked_here("lstm_cell", ROOT / "tests/exercises/wrong/lstm_cell/tanh_forget_gate.py")
    assert "WRONG   one step, batch of 2, 3 inputs, 4 hidden units, compared with nn.LSTM" in text
    assert "the new h: the shape (2, 4) is right, but some values are off by more than 1e-05" in text
    assert re.search(r"expected: \[\[-?\d.*\n\s+got: +\[\[-?\d", text), text
    assert re.search(r"largest difference at \[\d, \d\]: expected -?\d\S*, got -?\d", text), text


def test_a_tensor_made_on_the_cpu_is_caught_without_a_gpu():
    """A solution that works on the CPU but would fail on a GPU (torch.zeros with no device=)."""
    wrong = ROOT / "tests/exercises/wrong/pad_zeros/zeros_on_the_cpu.py"
    text, solved = checked_here("pad_zeros", wrong)
    assert not solved
    assert "the values are right on the CPU, but the code would fail on a GPU." in text, text
    assert "at line 8: out[padding:padding + height" in text, text
    assert "torch.zeros(..., device=x.device) or x.new_zeros(...)" in text, text


def test_a_result_left_on_the_cpu_is_caught_without_a_gpu():
    sys.path.insert(0, str(ROOT / "tests" / "exercises"))
    import checks
    problems = []
    ignores_the_device = checks.also_on_another_device(lambda x: torch.zeros(x.shape), Path("x.py"),
                                                       problems)
    assert ignores_the_device(torch.ones(2, 3)).device == torch.device("cpu")  # the CPU values
    assert len(problems) == 1 and "your result came back on the CPU" in problems[0], problems
    problems.clear()
    follows_the_device = checks.also_on_another_device(lambda x: x.new_zeros(x.shape), Path("x.py"),
                                                       problems)
    follows_the_device(torch.ones(2, 3))
    assert problems == []


# -- Bad input, through the command --------------------------------------------------------------

def learner_file(tmp_path, body, name="lstm_cell"):
    path = tmp_path / f"{name}.py"
    path.write_text(f"import torch\n\n\ndef {name}(x, h, c, lstm):\n{body}", encoding="utf-8")
    return path


def test_command_passes_on_a_solution():
    result = command("lstm_parameters", "--file", str(solution("lstm_parameters")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lstm_parameters: solved. All 4 checks passed." in result.stdout


def test_command_on_the_untouched_starter_says_not_implemented_yet():
    result = command("gru_cell")
    assert result.returncode == 1
    assert result.stdout.startswith("gru_cell (snippets/exercises/lstm/gru_cell.py)\n")
    assert "not implemented yet: gru_cell still raises NotImplementedError" in result.stdout
    assert result.stderr == ""


def test_file_that_does_not_import(tmp_path):
    path = learner_file(tmp_path, "    z = (x @ lstm.weight_ih_l0.T\n    return z, c\n")
    result = command("lstm_cell", "--file", str(path))
    assert result.returncode == 1
    assert "lstm_cell (" in result.stdout and "lstm_cell: not solved yet." in result.stdout
    assert "lstm_cell.py does not import: SyntaxError at line 5" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_wrong_type(tmp_path):
    text, solved = checked_here("lstm_cell", learner_file(tmp_path, "    return h.tolist(), c\n"))
    assert not solved
    assert "the new h: expected a tensor of shape (2, 4); got a list of 2 items." in text


def test_wrong_shape(tmp_path):
    text, solved = checked_here("lstm_cell", learner_file(tmp_path, "    return h.T, c\n"))
    assert not solved
    assert "the new h: expected a tensor of shape (2, 4); got a tensor of shape (4, 2)." in text


def test_no_return(tmp_path):
    text, solved = checked_here("lstm_cell", learner_file(tmp_path, "    h = h + 1\n"))
    assert not solved
    assert "expected a tuple of 2 items (h, c); got None (did you forget `return`?)." in text


def test_code_that_raises_names_the_line(tmp_path):
    path = learner_file(tmp_path, "    return x @ lstm.weight_ih_l0, c\n")
    result = command("lstm_cell", "--file", str(path))
    assert "your code raised RuntimeError: mat1 and mat2 shapes cannot be multiplied" in (
        result.stdout)
    assert "at line 5: return x @ lstm.weight_ih_l0, c" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_loop_that_never_ends_is_stopped_within_seconds(tmp_path):
    """The learner's code gets TIME_LIMIT seconds from the moment PyTorch is imported (that
    import, slow on a busy machine, is not the learner's time); then it is stopped."""
    path = learner_file(tmp_path, "    while True:\n        pass\n")
    outcome = check.run_checks("lstm_cell", path)
    text, solved = check.report("lstm_cell", path, outcome)
    assert not solved and outcome.timed_out
    assert "STOPPED one step, batch of 2, 3 inputs, 4 hidden units" in text
    assert f"did not finish within {check.TIME_LIMIT} seconds" in text
    assert "lstm_cell: not solved yet (stopped after 5 seconds)." in text
    assert check.TIME_LIMIT <= outcome.seconds < check.TIME_LIMIT + 3, (
        f"the learner's code ran {outcome.seconds:.1f} s")


def test_unknown_exercise_lists_the_exercises():
    result = command("lstm_cel")
    assert result.returncode == 2
    assert "There is no exercise or lesson named 'lstm_cel'." in result.stdout
    assert "lstm_cell" in result.stdout


def test_what_the_learner_prints_is_shown_apart(tmp_path):
    path = Path(tmp_path / "lstm_parameters.py")
    path.write_text("def lstm_parameters(input_size, hidden_size, num_layers):\n"
                    "    print('my guess')\n    return 0\n", encoding="utf-8")
    result = command("lstm_parameters", "--file", str(path))
    assert "expected 4992; got 0 (-4992)." in result.stdout
    assert "What your code printed" in result.stdout and "| my guess" in result.stdout


# -- What the exercise texts promise, with the reference solutions ------------------------------

def test_average_pooling_of_the_feature_map_gives_the_page_result():
    """convolutional-networks.md: avg_pool(FEATURE_MAP, 2) is [[2.5, 1.0], [0.75, 3.5]]."""
    avg_pool = import_snippet("exercises/cnn/solutions/avg_pool.py").avg_pool
    feature_map = import_snippet("cnn/05_max_pooling.py").FEATURE_MAP
    feature_map = torch.tensor(feature_map, dtype=torch.float32)
    assert avg_pool(feature_map, 2).tolist() == [[2.5, 1.0], [0.75, 3.5]]


def test_loops_on_a_padded_image_equal_conv2d_with_padding():
    """convolutional-networks.md: conv2d_loops(pad_zeros(image, 1), kernel) is the 5 × 5 result
    of F.conv2d(..., padding=1)."""
    loops = import_snippet("cnn/01_convolution_by_loops.py")
    pad_zeros = import_snippet("exercises/cnn/solutions/pad_zeros.py").pad_zeros
    image = torch.tensor(loops.IMAGE, dtype=torch.float32)
    kernel = torch.tensor(loops.KERNEL, dtype=torch.float32)
    by_loops = loops.conv2d_loops(pad_zeros(image, 1), kernel)
    by_torch = F.conv2d(image[None, None], kernel[None, None], padding=1)[0, 0]
    assert by_loops.shape == (5, 5) and torch.allclose(by_loops, by_torch)
