import numpy as np
import pytest

from helpers.activations import (
    ACTIVATIONS,
    DERIVATIVE_BOUND,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from helpers.gradcheck import numerical_gradient


def test_sigmoid_does_not_overflow_or_warn_up_to_1e4():
    x = np.array([-1e4, -800.0, -50.0, 0.0, 50.0, 800.0, 1e4])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = sigmoid(x)
        ds = sigmoid_grad(x)
        dt = tanh_grad(x)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5
    assert np.all(np.isfinite(ds)) and np.all(np.isfinite(dt))


def test_sigmoid_keeps_relative_precision_in_the_left_tail():
    # sigma(-40) = e^-40 / (1 + e^-40) ~ 4.25e-18: a naive 1 - sigma(40) would give 0.
    np.testing.assert_allclose(sigmoid(-40.0), np.exp(-40.0) / (1 + np.exp(-40.0)), rtol=1e-14)


def test_sigmoid_is_symmetric():
    x = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(sigmoid(x) + sigmoid(-x), 1.0, rtol=0, atol=1e-15)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "linear", "relu"])
def test_derivative_matches_finite_differences(name):
    f, f_grad = ACTIVATIONS[name]
    x = np.array([-3.0, -0.7, 0.3, 2.5])  # away from relu's kink
    # f acts elementwise, so the gradient of sum(f(x)) is f'(x) entry by entry.
    num = numerical_gradient(lambda: float(np.sum(f(x))), x)
    np.testing.assert_allclose(f_grad(x), num, rtol=1e-7, atol=1e-10)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "linear", "relu"])
def test_derivative_bound_is_the_maximum(name):
    _, f_grad = ACTIVATIONS[name]
    x = np.linspace(-10, 10, 20001)  # contains 0 exactly, where sigmoid' and tanh' peak
    assert np.max(f_grad(x)) == pytest.approx(DERIVATIVE_BOUND[name], rel=1e-12)


def test_derivative_bounds_quoted_by_the_series():
    assert DERIVATIVE_BOUND["sigmoid"] == 0.25
    assert DERIVATIVE_BOUND["tanh"] == 1.0
    assert DERIVATIVE_BOUND["linear"] == 1.0
    assert float(sigmoid_grad(0.0)) == 0.25


def test_tanh_grad_tail_is_precise():
    # 1 - tanh(20)^2 rounds to 0 in float64; sech^2(20) = 4 e^-40 / (1 + e^-40)^2 does not.
    np.testing.assert_allclose(tanh_grad(20.0), 4 * np.exp(-40.0), rtol=1e-12)
    np.testing.assert_allclose(tanh(0.5), np.tanh(0.5))


def test_scalars_come_back_as_numpy_scalars():
    assert np.ndim(sigmoid(0.3)) == 0 and np.ndim(tanh_grad(0.3)) == 0


@pytest.mark.parametrize("f", [sigmoid, sigmoid_grad, tanh, tanh_grad])
def test_non_numeric_input_is_refused_with_a_clear_message(f):
    with pytest.raises(TypeError, match="x must be a number or an array of numbers"):
        f("0.5")
