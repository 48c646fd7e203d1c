"""The claims of the lesson "Long short-term memory (LSTM)" (docs/en/lessons/lstm.md).

Cheap claims call the snippets' functions. The training runs are checked on their stored
outputs (tests/test_snippets.py checks that the `.out` files are what the snippets print).
"""

import re

import pytest
import torch
from torch import nn

from conftest import ROOT
from snippet_output import import_snippet

OUTPUTS = ROOT / "snippets" / "lstm"


def stored(name):
    return (OUTPUTS / name).read_text(encoding="utf-8")


def curves(name):
    """{model: [test accuracy in % every 100 steps]} from a stored experiment output."""
    found = {}
    for line in stored(name).splitlines():
        match = re.match(r"^(.+?)\s{2,}((?:\d+% ?)+)$", line)
        if match:
            found[match.group(1)] = [int(v) for v in re.findall(r"(\d+)%", match.group(2))]
    return found


# -- An LSTM cell by hand ------------------------------------------------------------------------

@pytest.mark.parametrize("input_size, hidden_size, steps", [(3, 4, 5), (5, 32, 50)])
def test_lstm_cell_by_hand_equals_nn_lstm(input_size, hidden_size, steps):
    snippet = import_snippet("lstm/01_lstm_cell_by_hand.py")
    torch.manual_seed(1)
    lstm = nn.LSTM(input_size, hidden_size, batch_first=True).to(snippet.device)
    x = torch.randn(3, steps, input_size, device=snippet.device)
    with torch.no_grad():
        ours, h, c = snippet.lstm_by_hand(x, lstm)
        theirs, (h_n, c_n) = lstm(x)
    torch.testing.assert_close(ours, theirs, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(h, h_n[0], atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(c, c_n[0], atol=1e-5, rtol=1e-5)


def test_gradient_along_the_cell_state_is_the_forget_gate():
    snippet = import_snippet("lstm/01_lstm_cell_by_hand.py")
    torch.manual_seed(2)
    lstm = nn.LSTM(3, 4).to(snippet.device)
    c_prev = torch.randn(5, 4, device=snippet.device, requires_grad=True)
    x, h_prev = torch.randn(5, 3, device=snippet.device), torch.randn(5, 4, device=snippet.device)
    _, _, (_, f, _) = snippet.lstm_cell(x, h_prev, c_prev, lstm)
    jacobian = torch.autograd.functional.jacobian(
        lambda c: snippet.lstm_cell(x, h_prev, c, lstm)[1], c_prev)
    # c_t depends on c_(t-1) only through f_t * c_(t-1): the Jacobian is diagonal, equal to f_t
    torch.testing.assert_close(jacobian.reshape(20, 20), torch.diag(f.detach().reshape(20)))


def test_gates_are_between_0_and_1():
    text = stored("01_lstm_cell_by_hand.out")
    values = [float(v) for line in text.splitlines() if "gate:" in line
              for v in re.findall(r"\d\.\d+", line)]
    assert len(values) == 12 and all(0 < v < 1 for v in values)


# -- The gradient against the distance ------------------------------------------------------------

@pytest.fixture(scope="module")
def gradients():
    snippet = import_snippet("lstm/02_gradient_over_distance.py")
    return {name: snippet.gradient_norms(snippet.make_model(kind, bias))
            for name, (kind, bias) in snippet.MODELS.items()}, snippet.factor_per_step


def test_gradient_shrinks_slower_in_default_lstm_than_rnn_and_not_with_forget_bias(gradients):
    norms, factor = gradients
    rnn, default = factor(norms["plain RNN"]), factor(norms["LSTM, default init"])
    bias3, bias6 = factor(norms["LSTM, forget bias 3"]), factor(norms["LSTM, forget bias 6"])
    assert rnn < 0.6 and rnn + 0.05 < default < 0.7, (rnn, default)
    assert bias3 >= 0.95 and bias6 >= 0.95, (bias3, bias6)


def test_with_forget_bias_the_gradient_reaches_step_0(gradients):
    norms, _ = gradients
    assert norms["plain RNN"][49] < 1e-10 and norms["LSTM, default init"][49] < 1e-8
    for name in ["LSTM, forget bias 3", "LSTM, forget bias 6"]:
        assert norms[name][49] > 1e-2, name
        assert norms[name][49] > 1e6 * norms["LSTM, default init"][49], name


# -- The experiment: remember the first token ------------------------------------------------------

def test_plain_rnn_and_default_lstm_stay_near_chance():
    found = curves("03_remember_the_first_token.out")
    for name in ["plain RNN", "LSTM, default init"]:
        assert len(found[name]) == 15, f"{name} should train all 1500 steps"
        assert max(found[name]) <= 40, (name, found[name])


def test_lstm_with_forget_bias_6_reaches_95_percent_quickly():
    accuracy = curves("04_forget_gate_bias.out")["LSTM, forget bias 6"]
    assert accuracy[-1] >= 95 and len(accuracy) <= 5, accuracy


def test_lstm_with_forget_bias_3_learns_only_part_of_the_task():
    accuracy = curves("04_forget_gate_bias.out")["LSTM, forget bias 3"]
    assert len(accuracy) == 15 and max(accuracy[:10]) <= 40 and 35 <= accuracy[-1] <= 80, accuracy


def test_trained_lstm_writes_at_step_0_and_keeps_its_memory():
    text = stored("04_forget_gate_bias.out")
    at_step_0 = [float(v) for v in re.search(r"step 0: +\[(.*)\]", text).group(1).split(",")]
    later = [float(v) for v in re.search(r"1 to 49: +\[(.*)\]", text).group(1).split(",")]
    smallest_forget = float(re.search(r"all units and steps: ([\d.]+)", text).group(1))
    assert min(at_step_0) >= 0.8 and max(later) <= 0.25, (at_step_0, later)
    assert smallest_forget >= 0.95


def test_one_seed_is_one_sample_plain_rnn_learns_with_seed_2():
    """The page says that another seed can change the result: with seed 2, a plain RNN learns."""
    snippet = import_snippet("lstm/03_remember_the_first_token.py")
    _, curve = snippet.train("rnn", max_steps=500, seed=2)
    assert curve[-1][1] >= 0.95, curve


# -- Stacked LSTM and GRU ------------------------------------------------------------------------

def test_stacked_lstm_shapes():
    snippet = import_snippet("lstm/05_stacked_lstm_and_gru.py")
    x = torch.randn(64, 50, 5, device=snippet.device)
    output, h_n, c_n = snippet.stacked_lstm_shapes(x, hidden_size=32, num_layers=2)
    assert tuple(output) == (64, 50, 32)
    assert tuple(h_n) == tuple(c_n) == (2, 64, 32)
    output, h_n = snippet.gru_shapes(x)
    assert tuple(output) == (64, 50, 32) and tuple(h_n) == (1, 64, 32)


@pytest.mark.parametrize("input_size, hidden_size", [(5, 32), (10, 64)])
def test_gru_has_fewer_parameters_than_lstm(input_size, hidden_size):
    counts = import_snippet("lstm/05_stacked_lstm_and_gru.py").parameter_counts(
        input_size, hidden_size)
    block = hidden_size * (input_size + hidden_size) + 2 * hidden_size  # W, U and two biases
    assert counts["RNN"] == block
    assert counts["GRU"] == 3 * block < counts["LSTM"] == 4 * block
