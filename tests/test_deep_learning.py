"""The claims of the lesson "Deep learning" (docs/en/lessons/deep-learning.md)."""

import math
import re

import pytest
import torch
from torch import nn

from conftest import ROOT
from snippet_output import import_snippet

OUT = ROOT / "snippets" / "deep_learning"


def stored_output(name):
    return (OUT / name).read_text(encoding="utf-8")


def percent(pattern, text):
    return int(re.search(pattern + r"\s+(\d+)%", text).group(1))


# -- 01: one neuron ------------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_neuron_by_hand_equals_nn_linear_plus_activation(activation):
    snippet = import_snippet("deep_learning/01_one_neuron.py")
    generator = torch.Generator().manual_seed(1)
    for _ in range(20):
        x, w = torch.randn(3, generator=generator), torch.randn(3, generator=generator)
        b = torch.randn(1, generator=generator).item()
        by_hand = snippet.neuron_by_hand(x, w, b, activation)
        with_nn = snippet.neuron_with_nn(w, b, activation).cpu()(x)
        torch.testing.assert_close(by_hand.reshape(1), with_nn, rtol=1e-5, atol=1e-6)


def test_page_example_weighted_sum_is_minus_0_7_and_relu_gives_zero():
    out = stored_output("01_one_neuron.out")
    assert "z = -0.7000" in out
    assert re.search(r"relu\s+by hand 0\.0000", out)
    assert out.count("same: True") == 3


# -- 02: a layer of neurons is a matrix product ----------------------------------------------------

@pytest.mark.parametrize("inputs,neurons,examples", [(3, 4, 5), (1, 1, 1), (7, 2, 10)])
def test_nn_linear_equals_x_times_w_transposed_plus_b(inputs, neurons, examples):
    snippet = import_snippet("deep_learning/02_layer_of_neurons.py")
    generator = torch.Generator().manual_seed(4)
    layer = nn.Linear(inputs, neurons)
    x = torch.randn(examples, inputs, generator=generator)
    with torch.no_grad():
        by_hand = snippet.layer_by_hand(x, layer.weight, layer.bias)
        torch.testing.assert_close(by_hand, layer(x))
        for j in range(neurons):  # column j is neuron j's weighted sum, as in 01_one_neuron.py
            torch.testing.assert_close(by_hand[:, j], x @ layer.weight[j] + layer.bias[j])


def test_page_example_layer_of_four_neurons():
    out = stored_output("02_layer_of_neurons.out")
    assert "W: shape (4, 3)" in out and "output: shape (5, 4)" in out
    assert "nn.Linear equals x @ W.T + b: True" in out
    by_hand, with_nn = re.search(r"weighted sum (-?\d+\.\d+), nn.Linear (-?\d+\.\d+)", out).groups()
    assert by_hand == with_nn


# -- 03: the gradient by the chain rule -----------------------------------------------------------

def test_hand_gradient_equals_autograd():
    snippet = import_snippet("deep_learning/03_gradient_by_hand.py")
    generator = torch.Generator().manual_seed(2)
    for _ in range(50):
        x, y, w1, w2 = torch.randn(4, generator=generator)
        hand = snippet.gradients_by_hand(x, y, w1, w2)
        auto = snippet.gradients_by_autograd(x, y, w1, w2)
        for a, b in zip(hand, auto):
            torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)


def test_derivative_of_tanh_is_one_minus_tanh_squared():
    u = torch.linspace(-3, 3, 61, requires_grad=True)
    torch.tanh(u).sum().backward()
    torch.testing.assert_close(u.grad, 1 - torch.tanh(u.detach()) ** 2)


# -- 03: one step of gradient descent -------------------------------------------------------------

def test_sgd_step_is_weight_minus_learning_rate_times_gradient():
    snippet = import_snippet("deep_learning/04_gradient_descent_step.py")
    generator = torch.Generator().manual_seed(3)
    for _ in range(20):
        x, y, w1, w2 = torch.randn(4, generator=generator)
        w = torch.stack([w1, w2])
        by_hand = snippet.step_by_hand(w, x, y, 0.1)
        torch.testing.assert_close(by_hand, snippet.step_with_sgd(w, x, y, 0.1))
        gradient = import_snippet("deep_learning/03_gradient_by_hand.py").gradients_by_hand(
            x, y, w1, w2)
        torch.testing.assert_close(by_hand, w - 0.1 * torch.stack(gradient))


def test_gradient_descent_lowers_the_loss_step_after_step():
    losses = [float(v) for v in re.findall(r"loss (\d+\.\d+)",
                                           stored_output("04_gradient_descent_step.out"))]
    assert len(losses) == 5
    assert all(a > b for a, b in zip(losses, losses[1:]))
    assert losses[-1] < losses[0] / 10


# -- 05: a learning rate that is too large ----------------------------------------------------------

def test_small_learning_rate_lowers_the_loss_at_every_step():
    snippet = import_snippet("deep_learning/05_learning_rate_too_large.py")
    for lr in (0.01, 0.1, 0.3):
        losses = snippet.losses_of_gradient_descent(lr, steps=20)
        assert all(a > b for a, b in zip(losses, losses[1:])), lr


def test_learning_rate_1_makes_the_loss_go_up_and_1_5_makes_it_grow():
    snippet = import_snippet("deep_learning/05_learning_rate_too_large.py")
    losses = snippet.losses_of_gradient_descent(1.0, steps=10)
    assert losses[1] < losses[2] < losses[3] and losses[3] > losses[4]  # up twice, then down
    assert losses[10] < losses[1]
    losses = snippet.losses_of_gradient_descent(1.5, steps=10)
    assert losses[10] > 1000 * losses[0]


def test_page_numbers_of_the_learning_rates():
    """The page: lr 1.0 goes 0.0154, 0.0312, 0.0517; lr 1.5 ends above 27000."""
    rows = {float(lr): [float(v) for v in values.split(", ")] for lr, values in
            re.findall(r"lr (\d+\.\d+): (.*)", stored_output("05_learning_rate_too_large.out"))}
    assert rows[0.1] == sorted(rows[0.1], reverse=True)
    assert rows[1.0][1:4] == pytest.approx([0.0154, 0.0312, 0.0517], abs=2e-4)
    assert 27000 < rows[1.5][-1] < 28000


# -- 06: an MLP on two moons -----------------------------------------------------------------------

def test_mlp_reaches_97_percent_on_the_test_set():
    out = stored_output("06_mlp_two_moons.out")
    assert percent("test accuracy:", out) >= 97
    assert percent("train accuracy:", out) >= 97


def mlp_losses():
    """{step: loss} from the stored output of the two-moons MLP."""
    return {int(step): float(loss) for step, loss in
            re.findall(r"step\s+(\d+): loss (\d+\.\d+)", stored_output("06_mlp_two_moons.out"))}


def test_mlp_starts_at_the_loss_of_a_fifty_fifty_guess():
    assert abs(mlp_losses()[0] - math.log(2)) < 0.02


def test_mlp_training_loss_falls_more_than_tenfold():
    losses = mlp_losses()
    assert losses[299] < losses[0] / 10


def test_mlp_loss_falls_fast_in_the_first_100_steps_then_changes_little():
    losses = mlp_losses()
    assert losses[0] - losses[100] > 10 * (losses[100] - losses[299]) > 0


def test_mlp_has_354_parameters():
    snippet = import_snippet("deep_learning/06_mlp_two_moons.py")
    model = snippet.make_mlp()
    assert sum(p.numel() for p in model.parameters()) == 2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2
    assert "parameters (weights and biases): 354" in stored_output("06_mlp_two_moons.out")


def test_two_moons_split_is_700_train_and_300_test():
    snippet = import_snippet("deep_learning/06_mlp_two_moons.py")
    (X_train, y_train), (X_test, y_test) = snippet.make_data()
    assert len(X_train) == 700 and len(X_test) == 300
    assert set(y_train.tolist()) == {0, 1}


# -- 07: momentum ----------------------------------------------------------------------------------

def momentum_runs():
    """{(seed, momentum): (loss, accuracy in %)} from the stored output of the experiment."""
    return {(int(seed), float(momentum)): (float(loss), int(accuracy)) for
            seed, momentum, loss, accuracy in re.findall(
                r"seed (\d+), momentum (\d\.\d): loss (\d+\.\d+), test accuracy (\d+)%",
                stored_output("07_momentum.out"))}


def test_momentum_gives_a_much_lower_loss_and_a_higher_accuracy_for_every_seed():
    runs = momentum_runs()
    assert sorted({seed for seed, _ in runs}) == [0, 1, 2]
    for seed in (0, 1, 2):
        (plain_loss, plain_accuracy), (loss, accuracy) = runs[seed, 0.0], runs[seed, 0.9]
        assert loss < plain_loss / 4 and loss < 0.05 and plain_loss > 0.1
        assert accuracy >= 97 and accuracy >= plain_accuracy + 4


@pytest.mark.parametrize("seed", [3, 4])
def test_momentum_is_faster_with_other_seeds_too(seed):
    snippet = import_snippet("deep_learning/07_momentum.py")
    (X, y), _ = snippet.make_data()
    losses = {}
    for momentum in (0.0, 0.9):
        torch.manual_seed(seed)
        losses[momentum] = snippet.train(snippet.make_mlp(), X, y, momentum)
    assert losses[0.9] < losses[0.0] / 4


# -- 08: why hidden layers need an activation -----------------------------------------------------

def test_models_without_hidden_layer_or_activation_stay_far_below_the_mlp():
    out = stored_output("08_why_hidden_layers.out")
    linear = percent(r"no hidden layer\s+test accuracy", out)
    deep_linear = percent(r"2 hidden layers, no activation\s+test accuracy", out)
    mlp = percent(r"2 hidden layers with ReLU\s+test accuracy", out)
    assert linear <= 90 and deep_linear <= 90
    assert mlp >= 97
    assert mlp - max(linear, deep_linear) >= 8


def test_stacked_linear_layers_equal_one_linear_layer():
    snippet = import_snippet("deep_learning/08_why_hidden_layers.py")
    stack = snippet.make_models()["2 hidden layers, no activation"].cpu()
    first, second, third = stack
    W = third.weight @ second.weight @ first.weight
    b = third.weight @ (second.weight @ first.bias + second.bias) + third.bias
    one_layer = nn.Linear(2, 2)
    with torch.no_grad():
        one_layer.weight.copy_(W)
        one_layer.bias.copy_(b)
    x = torch.randn(100, 2, generator=torch.Generator().manual_seed(5))
    with torch.no_grad():
        torch.testing.assert_close(stack(x), one_layer(x), rtol=1e-4, atol=1e-5)


# -- 09: XOR needs a hidden layer -------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_xor_without_hidden_layer_stays_at_one_half_with_hidden_layer_it_is_learned(seed):
    snippet = import_snippet("deep_learning/09_xor_needs_a_hidden_layer.py")
    torch.manual_seed(seed)
    linear, mlp = snippet.make_models().values()
    assert snippet.train(linear) > 0.68  # ln 2 = 0.693: a fifty-fifty guess
    assert (snippet.probability_of_class_1(linear) - 0.5).abs().max() < 0.05
    assert snippet.train(mlp) < 0.05
    assert (snippet.probability_of_class_1(mlp) > 0.5).long().tolist() == snippet.y.tolist()


def test_page_numbers_of_xor():
    out = stored_output("09_xor_needs_a_hidden_layer.out")
    assert re.search(r"no hidden layer\s+loss 0\.69\d, probability of class 1: "
                     r"\[0\.5, 0\.5, 0\.5, 0\.5\]", out)
    assert re.search(r"hidden layer of 8 with ReLU loss 0\.00\d, probability of class 1: "
                     r"\[0\.0, 1\.0, 1\.0, 0\.0\]", out)


# -- 10: the activation functions ------------------------------------------------------------------

def test_sigmoid_and_tanh_are_almost_flat_far_from_zero_relu_is_not():
    """The page: at z = 4 the sigmoid's slope is 0.0177 and tanh's 0.0013; ReLU keeps slope 1."""
    snippet = import_snippet("deep_learning/10_plot_activation_functions.py")
    z = torch.tensor([0.0, 4.0, 40.0])
    sigmoid, tanh, relu = (snippet.slopes(f, z) for f in snippet.ACTIVATIONS.values())
    assert sigmoid[0] == pytest.approx(0.25) and sigmoid[1] == pytest.approx(0.0177, abs=1e-4)
    assert tanh[0] == pytest.approx(1.0) and tanh[1] == pytest.approx(0.0013, abs=1e-4)
    assert sigmoid[2] < 1e-12 and tanh[2] < 1e-12
    assert relu[1] == 1.0 and relu[2] == 1.0


def test_activation_plot_draws_the_three_functions():
    snippet = import_snippet("deep_learning/10_plot_activation_functions.py")
    figure = snippet.plot_activations()
    lines = [line.get_label() for line in figure.axes[0].get_lines()]
    assert [name for name in lines if not name.startswith("_")] == ["sigmoid", "tanh", "ReLU"]


# -- Exercises: question 1, the width of the MLP ---------------------------------------------------

def width_run(n, seed):
    """Question 1's `test_accuracy_with_width`, with the functions of 06_mlp_two_moons.py.
    Returns the test accuracy, the model and the training points."""
    snippet = import_snippet("deep_learning/06_mlp_two_moons.py")
    (X, y), (X_test, y_test) = snippet.make_data()
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, n), nn.ReLU(), nn.Linear(n, n), nn.ReLU(), nn.Linear(n, 2))
    snippet.train(model.to(X.device), X, y)
    return snippet.accuracy(model, X_test, y_test), model, X


def test_width_16_reaches_97_percent_with_every_seed_smaller_widths_not():
    for seed in (0, 1, 2):
        assert width_run(16, seed)[0] >= 0.97, seed
    assert width_run(8, 1)[0] < 0.97  # measured: 85%


def test_a_small_network_can_get_stuck_with_dead_relu_neurons():
    """Question 1: with seed 2 and four neurons per layer, every neuron of the second hidden
    layer has a negative weighted sum for every training point (ReLU gives 0, slope 0), so the
    network gives the same class to every test point."""
    accuracy, model, X = width_run(4, 2)
    assert accuracy < 0.55
    with torch.no_grad():
        second_hidden_layer = model[:4](X)
    assert (second_hidden_layer == 0).all()
