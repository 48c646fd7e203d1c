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


def test_with_forget_bias_6_the_gradient_grows_with_the_distance(gradients):
    """The page: with bias 6 the gradient does not shrink; at distance 49 it is about 4 times
    its value at distance 1."""
    norms = gradients[0]["LSTM, forget bias 6"]
    assert 2 * norms[1] < norms[49] < 8 * norms[1], (norms[1], norms[49])


def test_default_lstm_gradient_is_hundreds_of_times_the_rnn_gradient(gradients):
    """The page: at distance 49 the default LSTM's gradient is about 500 times the plain RNN's,
    yet both are too small, and both models stay at chance."""
    norms, _ = gradients
    ratio = norms["LSTM, default init"][49] / norms["plain RNN"][49]
    assert 100 < ratio < 2500, ratio


def test_memory_kept_after_49_steps_for_each_forget_bias():
    """sigma(b)**49 as the snippet prints it: about 2e-15, 2.2e-7, 0.0925 and 0.886."""
    kept = {int(b): float(v) for b, v in re.findall(
        r"sigmoid\((\d)\) = [\d.]+, kept after 49 steps: ([\d.e+-]+)",
        stored("02_gradient_over_distance.out"))}
    assert sorted(kept) == [0, 1, 3, 6], kept
    for bias, value in kept.items():
        assert value == pytest.approx(torch.sigmoid(torch.tensor(float(bias))).item() ** 49,
                                      rel=0.01), bias
    assert kept[0] < 1e-14 and 1e-7 < kept[1] < 1e-6 and kept[3] < 0.1 < 0.8 < kept[6]


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


def span(text, label):
    """The two numbers of 'label: A to B', and of '(C to D)' after them when there is one."""
    line = next(row for row in text.splitlines() if label in row)
    return [float(v) for v in re.findall(r"\d+\.\d+", line.split(":", 1)[1])]


def test_trained_lstm_some_units_write_at_step_0_only_others_do_not():
    """The page: some units (9 of 32 in the recorded run) write at step 0 only, none before
    training; some of the other units keep writing a large part of every distractor."""
    text = stored("04_forget_gate_bias.out")
    after, total, before = map(int, re.search(
        r"write at step 0 only: (\d+) of (\d+) \((\d+)\)", text).groups())
    assert total == 32 and 2 <= after <= 20 and before == 0, (after, before)
    lowest, highest = span(text, "input gate of the other units")
    assert highest >= 0.6, (lowest, highest)


def test_training_hardly_changes_the_forget_gates_the_bias_sets_them():
    """The page: the forget gates lie near 1 before and after training; training changed them
    very little (the stored minimum moves by less than 0.01)."""
    low, high, low_before, high_before = span(stored("04_forget_gate_bias.out"), "forget gate,")
    assert 0.98 <= low <= high <= 1.0 and 0.98 <= low_before <= high_before <= 1.0
    assert abs(low - low_before) < 0.01, (low, low_before)


def test_training_spreads_the_output_gates():
    """The page: at the last step, the output gates go from near 0 to near 1 after training,
    and lie in the middle before it."""
    low, high, low_before, high_before = span(stored("04_forget_gate_bias.out"), "output gate")
    assert low <= 0.15 and high >= 0.9, (low, high)
    assert 0.2 <= low_before and high_before <= 0.8, (low_before, high_before)


def test_forget_bias_6_also_learns_the_task_with_seeds_3_and_4():
    """The page says that this holds for more than seed 0: seeds 3 and 4 reach 95% too (in
    200 steps each on the recording machine; the test allows 1000). Seeds 1 and 2 also do,
    in 300 and 700 steps, but cost more time."""
    snippet = import_snippet("lstm/04_forget_gate_bias.py")
    for seed in [3, 4]:
        _, curve = snippet.train(6.0, max_steps=1000, seed=seed)
        assert curve[-1][1] >= 0.95, (seed, curve)


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
