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


# -- 02: the gradient by the chain rule -----------------------------------------------------------

def test_hand_gradient_equals_autograd():
    snippet = import_snippet("deep_learning/02_gradient_by_hand.py")
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
    snippet = import_snippet("deep_learning/03_gradient_descent_step.py")
    generator = torch.Generator().manual_seed(3)
    for _ in range(20):
        x, y, w1, w2 = torch.randn(4, generator=generator)
        w = torch.stack([w1, w2])
        by_hand = snippet.step_by_hand(w, x, y, 0.1)
        torch.testing.assert_close(by_hand, snippet.step_with_sgd(w, x, y, 0.1))
        gradient = import_snippet("deep_learning/02_gradient_by_hand.py").gradients_by_hand(
            x, y, w1, w2)
        torch.testing.assert_close(by_hand, w - 0.1 * torch.stack(gradient))


def test_gradient_descent_lowers_the_loss_step_after_step():
    losses = [float(v) for v in re.findall(r"loss (\d+\.\d+)",
                                           stored_output("03_gradient_descent_step.out"))]
    assert len(losses) == 5
    assert all(a > b for a, b in zip(losses, losses[1:]))
    assert losses[-1] < losses[0] / 10


# -- 04: an MLP on two moons -----------------------------------------------------------------------

def test_mlp_reaches_97_percent_on_the_test_set():
    out = stored_output("04_mlp_two_moons.out")
    assert percent("test accuracy:", out) >= 97
    assert percent("train accuracy:", out) >= 97


def mlp_losses():
    """{step: loss} from the stored output of the two-moons MLP."""
    return {int(step): float(loss) for step, loss in
            re.findall(r"step\s+(\d+): loss (\d+\.\d+)", stored_output("04_mlp_two_moons.out"))}


def test_mlp_starts_at_the_loss_of_a_fifty_fifty_guess():
    assert abs(mlp_losses()[0] - math.log(2)) < 0.02


def test_mlp_training_loss_falls_more_than_tenfold():
    losses = mlp_losses()
    assert losses[299] < losses[0] / 10


def test_mlp_loss_falls_fast_in_the_first_100_steps_then_changes_little():
    losses = mlp_losses()
    assert losses[0] - losses[100] > 10 * (losses[100] - losses[299]) > 0


def test_mlp_has_354_parameters():
    snippet = import_snippet("deep_learning/04_mlp_two_moons.py")
    model = snippet.make_mlp()
    assert sum(p.numel() for p in model.parameters()) == 2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2
    assert "parameters (weights and biases): 354" in stored_output("04_mlp_two_moons.out")


def test_two_moons_split_is_700_train_and_300_test():
    snippet = import_snippet("deep_learning/04_mlp_two_moons.py")
    (X_train, y_train), (X_test, y_test) = snippet.make_data()
    assert len(X_train) == 700 and len(X_test) == 300
    assert set(y_train.tolist()) == {0, 1}


# -- 05: why hidden layers need an activation -----------------------------------------------------

def test_models_without_hidden_layer_or_activation_stay_far_below_the_mlp():
    out = stored_output("05_why_hidden_layers.out")
    linear = percent(r"no hidden layer\s+test accuracy", out)
    deep_linear = percent(r"2 hidden layers, no activation\s+test accuracy", out)
    mlp = percent(r"2 hidden layers with ReLU\s+test accuracy", out)
    assert linear <= 90 and deep_linear <= 90
    assert mlp >= 97
    assert mlp - max(linear, deep_linear) >= 8


def test_stacked_linear_layers_equal_one_linear_layer():
    snippet = import_snippet("deep_learning/05_why_hidden_layers.py")
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


def test_sigmoid_and_tanh_are_almost_flat_far_from_zero_relu_is_not():
    """The page: at z = 4 the sigmoid's slope is 0.0177 and tanh's 0.0013; ReLU keeps slope 1."""
    snippet = import_snippet("deep_learning/06_plot_activation_functions.py")
    z = torch.tensor([0.0, 4.0, 40.0])
    sigmoid, tanh, relu = (snippet.slopes(f, z) for f in snippet.ACTIVATIONS.values())
    assert sigmoid[0] == pytest.approx(0.25) and sigmoid[1] == pytest.approx(0.0177, abs=1e-4)
    assert tanh[0] == pytest.approx(1.0) and tanh[1] == pytest.approx(0.0013, abs=1e-4)
    assert sigmoid[2] < 1e-12 and tanh[2] < 1e-12
    assert relu[1] == 1.0 and relu[2] == 1.0


def test_activation_plot_draws_the_three_functions():
    snippet = import_snippet("deep_learning/06_plot_activation_functions.py")
    figure = snippet.plot_activations()
    lines = [line.get_label() for line in figure.axes[0].get_lines()]
    assert [name for name in lines if not name.startswith("_")] == ["sigmoid", "tanh", "ReLU"]
