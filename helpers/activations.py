"""Activation functions, their derivatives, and the bound gamma on each derivative.

Each ``*_grad(x)`` takes the pre-activation ``x`` (not the output) and returns the derivative there.
The bound gamma = max |f'(x)| is what Pascanu et al. (2013) combine with the largest singular value
of the recurrent weight to tell whether gradients must vanish (notebook 01).

Examples
--------
>>> from helpers.activations import sigmoid, sigmoid_grad, DERIVATIVE_BOUND
>>> float(sigmoid(0.0)), float(sigmoid_grad(0.0)), DERIVATIVE_BOUND["sigmoid"]
(0.5, 0.25, 0.25)
"""

from __future__ import annotations

import numpy as np

DERIVATIVE_BOUND = {"sigmoid": 0.25, "tanh": 1.0, "linear": 1.0, "relu": 1.0}
"""gamma: the largest value each activation's derivative takes (sigmoid's at x = 0)."""


def _float_input(x) -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"x must be a number or an array of numbers, got {type(x).__name__} of dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"x must be real, got dtype {arr.dtype}")
    return arr if np.issubdtype(arr.dtype, np.floating) else arr.astype(np.float64)


def _exp_minus_abs(x: np.ndarray, scale: float = 1.0) -> np.ndarray:
    # exp(-scale * |x|) lies in (0, 1]: it can underflow to 0 but never overflow.
    return np.exp(-scale * np.abs(x))


def sigmoid(x):
    """Logistic sigmoid 1 / (1 + exp(-x)), without overflow for any finite x.

    Parameters
    ----------
    x : float or ndarray
        Pre-activation, any shape.

    Returns
    -------
    s : ndarray
        Same shape as `x`, values in [0, 1].

    Examples
    --------
    >>> float(sigmoid(-1e4)), float(sigmoid(1e4))
    (0.0, 1.0)
    """
    x = _float_input(x)
    z = _exp_minus_abs(x)
    # For x >= 0 use 1/(1+e^-x); for x < 0 the algebraically equal e^x/(1+e^x), so exp never overflows.
    return (np.where(x >= 0, 1.0, z) / (1.0 + z))[()]


def sigmoid_grad(x):
    """Derivative of the sigmoid at the pre-activation `x`: sigma(x) (1 - sigma(x)), at most 0.25.

    Computed as e^{-|x|} / (1 + e^{-|x|})^2, which keeps full relative precision in the tails.

    Parameters
    ----------
    x : float or ndarray
        Pre-activation, any shape.

    Returns
    -------
    ds : ndarray
        Same shape as `x`, values in [0, 0.25].

    Examples
    --------
    >>> float(sigmoid_grad(0.0))
    0.25
    """
    x = _float_input(x)
    z = _exp_minus_abs(x)
    return (z / (1.0 + z) ** 2)[()]


def tanh(x):
    """Hyperbolic tangent (NumPy's, which is stable for any finite x).

    Parameters
    ----------
    x : float or ndarray
        Pre-activation, any shape.

    Returns
    -------
    t : ndarray
        Same shape as `x`, values in [-1, 1].
    """
    return np.tanh(_float_input(x))[()]


def tanh_grad(x):
    """Derivative of tanh at the pre-activation `x`: 1 - tanh(x)^2, at most 1.

    Computed as 4 e^{-2|x|} / (1 + e^{-2|x|})^2 (= 1 / cosh^2 x) so the tails keep their precision.

    Parameters
    ----------
    x : float or ndarray
        Pre-activation, any shape.

    Returns
    -------
    dt : ndarray
        Same shape as `x`, values in [0, 1].

    Examples
    --------
    >>> float(tanh_grad(0.0))
    1.0
    """
    x = _float_input(x)
    z = _exp_minus_abs(x, 2.0)
    return (4.0 * z / (1.0 + z) ** 2)[()]


def linear(x):
    """Identity activation f(x) = x (a float copy)."""
    return np.array(_float_input(x), copy=True)[()]


def linear_grad(x):
    """Derivative of the identity: 1 everywhere."""
    return np.ones_like(_float_input(x))[()]


def relu(x):
    """Rectified linear unit max(0, x)."""
    x = _float_input(x)
    return np.maximum(x, 0.0)[()]


def relu_grad(x):
    """Derivative of ReLU: 1 where x > 0, else 0 (we take 0 at x = 0)."""
    x = _float_input(x)
    return (x > 0).astype(x.dtype)[()]


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "linear": (linear, linear_grad),
    "relu": (relu, relu_grad),
}
"""name -> (f, f_grad), the activations an RNN in this series can use."""
