"""The claims of the lesson "Recurrent networks" (docs/en/lessons/recurrent-networks.md)."""

import re

import torch
from torch import nn

from conftest import ROOT
from snippet_output import import_snippet

OUT = ROOT / "snippets" / "rnn"


def stored(name):
    return (OUT / name).read_text(encoding="utf-8")


# -- A window of the last 5 values ----------------------------------------------------------------

def test_each_window_holds_5_values_and_its_target_is_the_next_one():
    snippet = import_snippet("rnn/01_windowed_mlp.py")
    series = torch.arange(12.0)
    inputs, targets = snippet.make_windows(series)
    assert inputs.shape == (7, 5) and targets.shape == (7,)
    for i in range(7):
        assert torch.equal(inputs[i], series[i:i + 5]) and targets[i] == series[i + 5]


def test_window_mlp_ignores_everything_outside_its_window():
    assert "outside the window changes: 0.0000" in stored("01_windowed_mlp.out")
    snippet = import_snippet("rnn/01_windowed_mlp.py")
    mlp = nn.Sequential(nn.Linear(snippet.WINDOW, 32), nn.Tanh(), nn.Linear(32, 1))
    series = torch.randn(30)
    other = series.clone()
    other[:-5] = torch.randn(25)  # the whole past before the last window is different
    assert torch.equal(mlp(series[-5:]), mlp(other[-5:]))


# -- The recurrence, by hand and with nn.RNN -----------------------------------------------------

def test_rnn_by_hand_equals_nn_rnn():
    snippet = import_snippet("rnn/02_rnn_by_hand.py")
    tolerance = 1e-5 if snippet.device == "cpu" else 1e-2  # cuDNN may round like TF32
    for steps, features, hidden in [(6, 3, 4), (20, 1, 32), (1, 5, 2)]:
        rnn, xs, theirs, h_last, ours = snippet.compare(steps, features, hidden)
        assert theirs.shape == ours.shape == (steps, hidden)
        assert torch.allclose(ours, theirs, atol=tolerance)
        assert torch.equal(theirs[-1], h_last[0])


def test_nn_rnn_has_two_weights_and_two_biases_per_layer():
    rnn = nn.RNN(input_size=3, hidden_size=4)
    shapes = {name: tuple(p.shape) for name, p in rnn.named_parameters()}
    assert shapes == {"weight_ih_l0": (4, 3), "weight_hh_l0": (4, 4),
                      "bias_ih_l0": (4,), "bias_hh_l0": (4,)}
    assert "largest difference, by hand vs nn.RNN: " in stored("02_rnn_by_hand.out")


def test_one_rnn_reads_any_length_with_the_same_parameters():
    snippet = import_snippet("rnn/03_any_length_shared_weights.py")
    rnn = snippet.make_rnn()
    assert snippet.count_parameters(rnn) == 32 * 1 + 32 * 32 + 32 + 32 == 1120
    for length in [1, 3, 30, 300]:
        output, h_last = rnn(torch.randn(1, length, 1, device=snippet.device))
        assert output.shape == (1, length, 32) and h_last.shape == (1, 1, 32)


def test_rnn_output_depends_on_a_value_10_steps_back():
    snippet = import_snippet("rnn/03_any_length_shared_weights.py")
    torch.manual_seed(0)
    rnn = snippet.make_rnn()
    series = torch.randn(30, device=snippet.device)
    other = series.clone()
    other[-1 - 10] += 5.0
    change = (snippet.last_output(rnn, series) - snippet.last_output(rnn, other)).abs().max()
    assert change > 1e-3
    stored_change = float(re.search(r"10 steps back changes: ([\d.]+)",
                                    stored("03_any_length_shared_weights.out")).group(1))
    assert 0.001 < stored_change < 0.1, "small but not zero: the untrained memory fades"


# -- The five shapes of sequence problems --------------------------------------------------------

def test_one_to_one_maps_an_image_to_class_scores():
    model = import_snippet("rnn/04_one_to_one.py").make_model()
    assert model(torch.randn(2, 8, 8)).shape == (2, 10)
    assert not any(isinstance(m, nn.RNNBase) for m in model.modules()), "no recurrence"
    assert "(2, 8, 8) -> class scores (2, 10)" in stored("04_one_to_one.out")


def test_one_to_many_maps_one_image_to_a_sequence_of_words():
    model = import_snippet("rnn/05_one_to_many.py").Captioner()
    for steps in [1, 7, 15]:
        assert model(torch.randn(2, 64), steps=steps).shape == (2, steps, 20)
    assert "(2, 64) -> word scores (2, 7, 20)" in stored("05_one_to_many.out")


def test_many_to_one_maps_a_sentence_of_any_length_to_one_score_pair():
    model = import_snippet("rnn/06_many_to_one.py").SentimentClassifier()
    for length in [1, 12, 40]:
        assert model(torch.randint(0, 100, (2, length))).shape == (2, 2)
    assert "(2, 12) -> class scores (2, 2)" in stored("06_many_to_one.out")


def test_encoder_decoder_output_length_follows_the_target_not_the_source():
    model = import_snippet("rnn/07_many_to_many_encoder_decoder.py").Translator()
    for source_length, target_length in [(9, 11), (11, 9), (3, 20)]:
        source = torch.randint(0, 100, (2, source_length))
        target_in = torch.randint(0, 120, (2, target_length))
        assert model(source, target_in).shape == (2, target_length, 120)
    assert "(2, 9) -> target word scores (2, 11, 120)" in stored(
        "07_many_to_many_encoder_decoder.out")


def test_synced_many_to_many_gives_one_label_per_input_step():
    model = import_snippet("rnn/08_synced_many_to_many.py").Tagger()
    for length in [1, 12, 40]:
        assert model(torch.randint(0, 100, (2, length))).shape == (2, length, 5)
    assert "(2, 12) -> tag scores (2, 12, 5)" in stored("08_synced_many_to_many.out")


# -- Training: backpropagation through time ------------------------------------------------------

def test_bptt_gradient_of_the_shared_weight_is_the_sum_over_steps():
    snippet = import_snippet("rnn/09_bptt_sums_over_steps.py")
    shared_grad, copy_grads = snippet.gradients(steps=8)
    assert torch.allclose(shared_grad, sum(copy_grads), atol=1e-6)
    assert copy_grads[0].abs().max() == 0, "at step 1, U multiplies h_0 = 0"
    assert all(g.norm() > 0 for g in copy_grads[1:])


def test_later_steps_give_bigger_shares_of_the_gradient_in_the_stored_run():
    norms = [float(v) for v in re.findall(r"copy of U = ([\d.]+)",
                                          stored("09_bptt_sums_over_steps.out"))]
    assert len(norms) == 6 and norms == sorted(norms)


# -- Vanishing and exploding gradients -----------------------------------------------------------

def measured():
    snippet = import_snippet("rnn/10_gradient_vs_distance.py")
    torch.manual_seed(0)  # the same weights and inputs as the stored run
    return snippet, snippet.measure()


def test_gradient_vanishes_with_default_weights():
    snippet, results = measured()
    radius, norms = results[1.0]
    factor = snippet.factor_per_step(norms)
    assert factor < 0.8, "shrinks by at least 20 % per step"
    assert norms[30] < 1e-4 * norms[0]
    assert abs(factor - radius) < 0.15, "close to the largest |eigenvalue| of U"
    assert "factor per step: 0.59" in stored("10_gradient_vs_distance.out")


def test_gradient_explodes_with_the_same_recurrent_weights_times_6():
    snippet, results = measured()
    radius, norms = results[6.0]
    factor = snippet.factor_per_step(norms)
    assert factor > 1.2, "grows by at least 20 % per step"
    assert norms[30] > 1e3 * norms[0]
    assert factor < radius, "tanh saturates, so growth is slower than the eigenvalue"
    assert "factor per step: 1.36" in stored("10_gradient_vs_distance.out")


def test_both_measurements_scale_one_and_the_same_u():
    snippet, results = measured()
    assert abs(results[6.0][0] - 6 * results[1.0][0]) < 1e-4, "the same U, times 6"
    radii = [float(v) for v in re.findall(r"eigenvalue\| of U = ([\d.]+)",
                                          stored("10_gradient_vs_distance.out"))]
    assert radii == [0.62, 3.71]
    torch.manual_seed(0)
    rnn = nn.RNN(1, 4)
    copy = snippet.scaled(rnn, 6.0)
    assert torch.equal(copy.weight_hh_l0, 6.0 * rnn.weight_hh_l0)
    assert torch.equal(copy.weight_ih_l0, rnn.weight_ih_l0), "only U is scaled"


def test_vanishing_and_exploding_are_not_a_lucky_seed():
    snippet = import_snippet("rnn/10_gradient_vs_distance.py")
    for seed in [1, 2, 3]:
        torch.manual_seed(seed)
        results = snippet.measure()
        assert snippet.factor_per_step(results[1.0][1]) < 0.8
        assert snippet.factor_per_step(results[6.0][1]) > 1.2


def test_clipping_rescales_the_gradient_to_max_norm_and_keeps_its_direction():
    snippet = import_snippet("rnn/11_gradient_clipping.py")
    rnn = snippet.exploding_gradients()
    before = snippet.flat_gradient(rnn)
    old_norm = nn.utils.clip_grad_norm_(rnn.parameters(), max_norm=1.0)
    after = snippet.flat_gradient(rnn)
    assert old_norm > 100, "the gradient really exploded"
    assert abs(after.norm().item() - 1.0) < 1e-4
    assert torch.allclose(after, before / old_norm, rtol=1e-4, atol=1e-12)
    text = stored("11_gradient_clipping.out")
    assert "after clipping: 1.0000" in text and "cosine similarity): 1.0000" in text
    largest = float(re.search(r"largest weight of the RNN: ([\d.]+)", text).group(1))
    unclipped, clipped = (float(v) for v in re.search(
        r"SGD step with lr 0.01: ([\d.e+-]+) without clipping, ([\d.e+-]+) with clipping",
        text).groups())
    assert unclipped > 50 * largest, "one unclipped step would wreck the weights"
    assert clipped < 0.01 * largest


def test_the_first_adam_step_changes_each_weight_by_about_the_learning_rate_without_clipping():
    snippet = import_snippet("rnn/11_gradient_clipping.py")
    torch.manual_seed(0)
    rnn = snippet.exploding_gradients()
    assert snippet.flat_gradient(rnn).norm() > 100, "the gradient really exploded"
    before = [p.detach().clone() for p in rnn.parameters()]
    torch.optim.Adam(rnn.parameters(), lr=0.01).step()
    changes = torch.cat([(p.detach() - b).abs().flatten()
                         for p, b in zip(rnn.parameters(), before)])
    assert changes.min() > 0.0099 and changes.max() < 0.0101, "about lr for every weight, not 110"


# -- The experiment: a window or a memory ----------------------------------------------------------

def forecast_errors():
    """Every test MSE that the snippets 12, 13 and 14 print, by name."""
    errors = {}
    for name in ["12_forecast_baselines.out", "13_forecast_with_a_window.out",
                 "14_forecast_with_an_rnn.out"]:
        for line in stored(name).splitlines():
            match = re.match(r"\s+(.+?)\s+([\d.]+)$", line)
            if match:
                errors[match.group(1)] = float(match.group(2))
    assert len(errors) == 5, errors
    return errors


def test_all_forecast_snippets_use_the_same_series():
    series = [import_snippet("rnn/12_forecast_baselines.py").noisy_sine,
              import_snippet("rnn/13_forecast_with_a_window.py").noisy_sine,
              import_snippet("rnn/14_forecast_with_an_rnn.py").noisy_sine,
              import_snippet("rnn/15_how_far_back_the_rnn_looks.py").noisy_sine]
    made = []
    for noisy_sine in series:
        torch.manual_seed(0)
        result = noisy_sine()
        made.append(result[0] if isinstance(result, tuple) else result)
    assert all(torch.equal(made[0], other) for other in made[1:])


def test_forecast_rows_and_targets_line_up():
    """The MLP's test rows and the RNN's test predictions are for exactly the values 800-999."""
    snippet = import_snippet("rnn/13_forecast_with_a_window.py")
    series = torch.arange(1000.0)
    for width in [5, 10]:
        inputs = series.unfold(0, width, 1)[:-1]
        targets = series[width:]
        train = snippet.SPLIT - width
        assert targets[train - 1] == 799 and targets[train] == 800 and targets[-1] == 999
        assert torch.equal(inputs[train], torch.arange(800.0 - width, 800.0))
    rnn = import_snippet("rnn/14_forecast_with_an_rnn.py")
    inputs, targets = series[:-1], series[1:]
    assert torch.equal(targets[rnn.SPLIT - 1:], torch.arange(800.0, 1000.0))
    assert inputs[rnn.SPLIT - 1] == 799, "the prediction for value 800 is made after value 799"


def test_forecast_every_model_beats_repeating_the_last_value_by_3_times():
    errors = forecast_errors()
    for name in ["MLP, window of 5", "MLP, window of 10", "RNN, whole history"]:
        assert errors[name] < errors["repeat the last value"] / 3


def test_forecast_no_model_beats_the_noise():
    errors = forecast_errors()
    noise = errors["noise only (the clean sine)"]
    assert all(error > noise for error in errors.values() if error != noise)


def test_forecast_window_of_5_is_too_short_and_a_window_of_10_matches_the_rnn():
    errors = forecast_errors()
    window_5, window_10 = errors["MLP, window of 5"], errors["MLP, window of 10"]
    rnn = errors["RNN, whole history"]
    assert rnn < 0.9 * window_5, "the RNN beats the window of 5 by more than 10 %"
    assert window_10 < 0.9 * window_5, "a window of 10 beats a window of 5 by more than 10 %"
    assert abs(rnn - window_10) < 0.1 * window_10, "window of 10 and RNN within 10 %"


def reach(seed):
    """Snippet 15 with another seed: gradient sizes by distance, in % of distance 0."""
    snippet = import_snippet("rnn/15_how_far_back_the_rnn_looks.py")
    torch.manual_seed(seed)
    series = snippet.noisy_sine()
    model = snippet.Forecaster().to(snippet.device)
    before = snippet.gradient_by_distance(model, series)
    snippet.train(model, series)
    after = snippet.gradient_by_distance(model, series)
    return 100 * before / before[0], 100 * after / after[0]


def test_training_makes_the_rnn_look_further_back():
    text = stored("15_how_far_back_the_rnn_looks.out")
    untrained, trained = ([float(v) for v in re.findall(r"([\d.e-]+) %", line)]
                          for line in text.splitlines()[2:4])
    # distances 5, 10, 20, 30
    assert untrained[1] < 5 and untrained[2] < 0.1, "before training, the memory fades fast"
    assert trained[1] > 10 and trained[2] > 1, "after training, 10 and 20 steps back still count"
    assert trained[3] < 2, "30 steps back hardly counts: the RNN uses about the last 20 values"
    for seed in [1, 2]:
        before, after = reach(seed)
        assert before[10] < 5 and before[20] < 0.1
        assert after[10] > 10 and after[20] > 1 and after[30] < 2


def test_snippet_15_trains_the_same_model_as_snippet_14():
    rnn, look = (import_snippet(f"rnn/{name}.py")
                 for name in ["14_forecast_with_an_rnn", "15_how_far_back_the_rnn_looks"])
    errors = []
    for snippet in [rnn, look]:
        torch.manual_seed(0)
        series = snippet.noisy_sine()
        model = snippet.Forecaster().to(snippet.device)
        if snippet is look:
            snippet.gradient_by_distance(model, series)  # as in its main(): measured first
        snippet.train(model, series, steps=20)
        errors.append(rnn.test_mse(model, series))
    assert errors[0] == errors[1]
