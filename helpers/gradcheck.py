"""Gradient checking: centred finite differences and the relative error between two gradients.

Examples
--------
>>> import numpy as np
>>> x = np.array([1.0, -2.0])
>>> num = numerical_gradient(lambda: float(np.sum(x ** 3)), x)
>>> relative_error(num, 3 * x ** 2) < 1e-8
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Centred differences (f(x + eps e_j) - f(x - eps e_j)) / (2 eps) for every entry j of `x`.

    `x` is changed in place while f is evaluated and restored exactly afterwards, so `f` can read it
    through a closure (e.g. an entry of a params dict).

    Parameters
    ----------
    f : callable
        No arguments, returns a scalar loss.
    x : ndarray
        A float array that `f` depends on.
    eps : float
        Step; 1e-5 balances truncation (~eps^2) and rounding (~1e-16 / eps) in float64.

    Returns
    -------
    grad : ndarray
        Same shape as `x`.
    """
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError(f"x must be a float ndarray that f reads (it is perturbed in place), got {type(x).__name__}")
    if not np.isfinite(eps) or eps <= 0:
        raise ValueError(f"eps must be a small positive number, got {eps!r}")
    grad = np.empty_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        j = it.multi_index
        saved = x[j]
        try:
            x[j] = saved + eps
            plus = float(f())
            x[j] = saved - eps
            minus = float(f())
        finally:
            x[j] = saved
        grad[j] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b, floor: float = 1e-12) -> float:
    """||a - b|| / max(||a|| + ||b||, floor): 0 for equal arrays, about 1 for unrelated ones.

    Norm-wise, so entries that are zero in both (e.g. a gate a variant drops) do not blow it up.

    Parameters
    ----------
    a, b : ndarray
        Same shape.
    floor : float
        Keeps the ratio finite when both are (nearly) zero.

    Returns
    -------
    err : float
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), floor))


def check_gradients(loss: Callable[[], float], params: Mapping, grads: Mapping, eps: float = 1e-5) -> dict:
    """Relative error between analytic `grads` and centred differences of `loss`, per parameter.

    Parameters
    ----------
    loss : callable
        No arguments; reads the arrays in `params` (which are perturbed in place and restored).
    params : dict of ndarray
    grads : dict of ndarray
        Analytic gradients, keyed like `params`.
    eps : float

    Returns
    -------
    errors : dict
        name -> relative error.
    """
    missing = set(params) - set(grads)
    if missing:
        raise ValueError(f"grads is missing {sorted(missing)}; expected the keys of params {sorted(params)}")
    return {name: relative_error(grads[name], numerical_gradient(loss, params[name], eps)) for name in params}
