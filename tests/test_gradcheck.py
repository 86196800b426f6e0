import numpy as np
import pytest

from helpers.gradcheck import check_gradients, numerical_gradient, relative_error


def test_centred_differences_are_second_order_accurate():
    x = np.array([0.7])
    f = lambda: float(np.sin(x[0]))  # noqa: E731
    exact = np.cos(0.7)
    err_big = abs(numerical_gradient(f, x, eps=1e-2)[0] - exact)
    err_small = abs(numerical_gradient(f, x, eps=1e-3)[0] - exact)
    assert err_small < err_big / 50  # ten times smaller step, about a hundred times smaller error


def test_x_is_restored_exactly_even_if_f_raises():
    x = np.array([1.0, 2.0])

    def f():
        if x[0] != 1.0:
            raise RuntimeError("boom")
        return 0.0

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_relative_error_values():
    a = np.array([1.0, 2.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.zeros(2), np.zeros(3))


def test_check_gradients_reports_per_parameter():
    params = {"w": np.array([1.0, -2.0]), "b": np.array([0.5])}

    def loss():
        return float(np.sum(params["w"] ** 2) + 3 * params["b"][0])

    errors = check_gradients(loss, params, {"w": 2 * params["w"], "b": np.array([3.0])})
    assert set(errors) == {"w", "b"} and max(errors.values()) < 1e-9
    with pytest.raises(ValueError, match=r"grads is missing \['b'\]"):
        check_gradients(loss, params, {"w": params["w"]})


def test_bad_arguments_are_refused():
    with pytest.raises(TypeError, match="float ndarray"):
        numerical_gradient(lambda: 0.0, [1.0, 2.0])
    with pytest.raises(ValueError, match="eps must be a small positive number"):
        numerical_gradient(lambda: 0.0, np.zeros(2), eps=0.0)
