"""The one-unit RNN of Pascanu, Mikolov & Bengio (2013, section 2.3, Fig. 6): an error surface with a cliff.

    x_t = w * sigma(x_{t-1}) + b,    x_0 = 0.5,    E = (sigma(x_50) - 0.7)^2

Two parameters (w, b), no input. Where the map x -> w sigma(x) + b has two stable fixed points
(w > 4, b near -w/2), a tiny change of (w, b) sends x_50 to the other one: E jumps, and its gradient
is huge on the wall between the two plateaus. Notebook 03 draws the surface and runs gradient descent
on it, with and without clipping by norm.

Every function broadcasts over arrays of w and b, so one call evaluates a whole grid or many starts.

Examples
--------
>>> import numpy as np
>>> from helpers.cliff import cliff_error, cliff_error_and_grad
>>> round(float(cliff_error(1.0, 0.0)), 4)
0.0017
>>> E, dw, db = cliff_error_and_grad(np.array([1.0, 6.0]), np.array([0.0, -3.0]))
>>> E.shape, dw.shape
((2,), (2,))
"""

from __future__ import annotations

import math

import numpy as np

from helpers._checks import require_generator, require_positive_int
from helpers.activations import sigmoid, sigmoid_grad

X0 = 0.5
"""Initial state x_0."""
STEPS = 50
"""Number of recurrent steps before the error is measured."""
TARGET = 0.7
"""Target for sigma(x_50)."""
JUMP = 5.0
"""An update longer than this (in the (w, b) plane) counts as a jump across the surface."""


def _params(w, b) -> tuple[np.ndarray, np.ndarray]:
    w = np.asarray(w, dtype=float)
    b = np.asarray(b, dtype=float)
    for name, arr in (("w", w), ("b", b)):
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} contains NaN or inf; expected finite parameter values")
    try:
        return np.broadcast_arrays(w, b)
    except ValueError:
        raise ValueError(f"w and b must broadcast together, got shapes {w.shape} and {b.shape}") from None


def cliff_states(w, b, x0: float = X0, steps: int = STEPS) -> np.ndarray:
    """The states x_0 .. x_steps of the one-unit RNN.

    Parameters
    ----------
    w, b : float or ndarray
        Recurrent weight and bias; any shapes that broadcast together, e.g. a grid.
    x0 : float
    steps : int

    Returns
    -------
    xs : (..., steps + 1) ndarray
        ``xs[..., t]`` is x_t; the leading shape is the broadcast shape of w and b.

    Examples
    --------
    >>> cliff_states(2.0, -1.0, steps=2).round(4).tolist()
    [0.5, 0.2449, 0.1219]
    """
    w, b = _params(w, b)
    steps = require_positive_int(steps, "steps")
    xs = np.empty(w.shape + (steps + 1,))
    xs[..., 0] = x0
    for t in range(1, steps + 1):
        xs[..., t] = w * sigmoid(xs[..., t - 1]) + b
    return xs


def cliff_error(w, b, x0: float = X0, steps: int = STEPS, target: float = TARGET) -> np.ndarray:
    """E = (sigma(x_steps) - target)^2, broadcast over w and b.

    Returns
    -------
    E : ndarray
        The broadcast shape of w and b (a 0-d array for scalars).
    """
    return ((sigmoid(cliff_states(w, b, x0, steps)[..., -1]) - target) ** 2)[()]


def cliff_error_and_grad(w, b, x0: float = X0, steps: int = STEPS, target: float = TARGET):
    """E and its gradient (dE/dw, dE/db) by backpropagation through the `steps` steps.

    Going back one step multiplies the error signal by w * sigma'(x_{t-1}): the one-unit form of
    diag(f'(u)) W^T, so it explodes when |w| sigma' stays above 1 for many steps.

    Parameters
    ----------
    w, b : float or ndarray
        Broadcast together.
    x0, steps, target : see the module docstring.

    Returns
    -------
    E, dw, db : ndarray
        Each of the broadcast shape of w and b.

    Examples
    --------
    >>> E, dw, db = cliff_error_and_grad(1.0, 0.0)
    >>> round(float(dw), 5), round(float(db), 5)
    (-0.01565, -0.02374)
    """
    w, b = _params(w, b)
    xs = cliff_states(w, b, x0, steps)
    s_last = sigmoid(xs[..., -1])
    E = (s_last - target) ** 2
    delta = 2.0 * (s_last - target) * sigmoid_grad(xs[..., -1])  # dE/dx_T
    s_prev = sigmoid(xs[..., :-1])  # sigma(x_{t-1}) for t = 1..T, all at once
    slope = w[..., None] * sigmoid_grad(xs[..., :-1])  # the backward factor w sigma'(x_{t-1}) of every step
    dw = np.zeros_like(w)
    db = np.zeros_like(b)
    for t in range(steps - 1, -1, -1):  # index t holds step t + 1: x_{t+1} = w sigma(x_t) + b
        dw += delta * s_prev[..., t]
        db += delta
        delta = delta * slope[..., t]
    return E[()], dw[()], db[()]


def cliff_grid(w_lim=(-2.0, 14.0), b_lim=(-9.0, 3.0), n: int = 200, **kwargs):
    """E on a regular grid of (w, b): the surface of Fig. 6.

    Parameters
    ----------
    w_lim, b_lim : (2,) tuple of float
        Ranges of w (horizontal) and b (vertical).
    n : int
        Points along each axis.
    **kwargs
        x0, steps, target, passed to :func:`cliff_error`.

    Returns
    -------
    ws : (n,) ndarray
    bs : (n,) ndarray
    E : (n, n) ndarray
        ``E[i, j]`` belongs to (ws[j], bs[i]) (rows are b, as an image).
    """
    n = require_positive_int(n, "n", minimum=2)
    ws = np.linspace(*w_lim, n)
    bs = np.linspace(*b_lim, n)
    return ws, bs, cliff_error(ws[None, :], bs[:, None], **kwargs)


def clip_rows_by_norm(g: np.ndarray, threshold: float | None) -> np.ndarray:
    """Clip each row of `g` by its own norm: rows longer than `threshold` are rescaled to that length.

    One gradient per row, so many descents can be clipped at once; None returns `g` unchanged.

    Examples
    --------
    >>> clip_rows_by_norm(np.array([[3.0, 4.0], [0.3, 0.4]]), 1.0).round(3).tolist()
    [[0.6, 0.8], [0.3, 0.4]]
    """
    if threshold is None:
        return g
    if not np.isfinite(threshold) or threshold <= 0:
        raise ValueError(f"threshold must be a positive number or None, got {threshold!r}")
    norm = np.linalg.norm(g, axis=-1, keepdims=True)
    scale = np.where(norm > threshold, threshold / np.maximum(norm, 1e-300), 1.0)
    return g * scale


def cliff_descent(starts, lr: float = 0.5, iterations: int = 300, clip: float | None = None, **kwargs) -> dict:
    """Plain gradient descent on E from every start at once, optionally clipping each gradient by its norm.

    Parameters
    ----------
    starts : (n, 2) ndarray
        Starting points (w, b), one per row.
    lr : float
        Learning rate, > 0.
    iterations : int
        Number of updates.
    clip : float or None
        Threshold of clipping by norm (Pascanu et al. 2013, Algorithm 1); None: no clipping.
    **kwargs
        x0, steps, target of the model.

    Returns
    -------
    run : dict
        ``"path"`` (n, iterations + 1, 2): every (w, b) visited; ``"E"`` (n, iterations + 1): the error
        there; ``"grad_norm"`` (n, iterations): the gradient norm before clipping.

    Examples
    --------
    >>> run = cliff_descent(np.array([[1.0, 0.0]]), lr=0.5, iterations=3)
    >>> run["path"].shape, bool(run["E"][0, -1] < run["E"][0, 0])
    ((1, 4, 2), True)
    """
    starts = np.asarray(starts, dtype=float)
    if starts.ndim != 2 or starts.shape[1] != 2:
        raise ValueError(f"starts must have shape (n, 2): one (w, b) per row, got shape {starts.shape}")
    if not np.isfinite(lr) or lr <= 0:
        raise ValueError(f"lr must be a positive learning rate, got {lr!r}")
    iterations = require_positive_int(iterations, "iterations")
    n = starts.shape[0]
    path = np.empty((n, iterations + 1, 2))
    errors = np.empty((n, iterations + 1))
    norms = np.empty((n, iterations))
    path[:, 0] = starts
    for it in range(iterations):
        E, dw, db = cliff_error_and_grad(path[:, it, 0], path[:, it, 1], **kwargs)
        g = np.stack([dw, db], axis=1)
        errors[:, it] = E
        norms[:, it] = np.linalg.norm(g, axis=1)
        path[:, it + 1] = path[:, it] - lr * clip_rows_by_norm(g, clip)
    errors[:, -1] = cliff_error(path[:, -1, 0], path[:, -1, 1], **kwargs)
    return {"path": path, "E": errors, "grad_norm": norms}


def cliff_descent_one(w0: float, b0: float, lr: float = 0.5, iterations: int = 300, clip: float | None = None,
                      x0: float = X0, steps: int = STEPS, target: float = TARGET) -> dict:
    """:func:`cliff_descent` from one start, in plain Python floats: fast enough for a slider.

    NumPy pays about a microsecond per call, and one update of this model makes a few hundred calls on
    single numbers; the same arithmetic on Python floats runs several times faster. The tests check it
    against :func:`cliff_descent`.

    Parameters
    ----------
    w0, b0 : float
        The start.
    lr : float
    iterations : int
    clip : float or None
        Threshold of clipping by norm; None: no clipping.
    x0, steps, target : float, int, float
        The model (module constants by default).

    Returns
    -------
    run : dict
        ``"path"`` (k + 1, 2) ndarray, ``"E"`` (k + 1,) ndarray and ``"grad_norm"`` (k,) ndarray, with
        k = `iterations`, or fewer if a gradient overflowed to inf (then ``"overflow"`` is True and the
        path stops at the last finite point).

    Examples
    --------
    >>> run = cliff_descent_one(1.0, 0.0, lr=0.5, iterations=3)
    >>> run["path"].shape, run["overflow"]
    ((4, 2), False)
    """
    if not np.isfinite(lr) or lr <= 0:
        raise ValueError(f"lr must be a positive learning rate, got {lr!r}")
    if clip is not None and (not np.isfinite(clip) or clip <= 0):
        raise ValueError(f"clip must be a positive threshold or None, got {clip!r}")
    iterations = require_positive_int(iterations, "iterations")
    steps = require_positive_int(steps, "steps")
    w, b = float(w0), float(b0)
    path, errors, norms = [(w, b)], [], []
    overflow = False
    exp, hypot, isfinite = math.exp, math.hypot, math.isfinite
    forward = range(steps + 1)  # sigma of x_0 .. x_{steps}: the last one is the output
    for _ in range(iterations):
        x = x0
        s_prev, slope = [], []  # sigma(x_{t-1}) and sigma'(x_{t-1}) for t = 1..steps (+ the output's)
        keep_s, keep_slope = s_prev.append, slope.append
        for _t in forward:
            # helpers.activations' formulas on one float: exp(-|x|) never overflows.
            if x >= 0:
                z = exp(-x)
                q = 1.0 / (1.0 + z)
                s = q
            else:
                z = exp(x)
                q = 1.0 / (1.0 + z)
                s = z * q
            keep_s(s)
            keep_slope(z * q * q)
            x = w * s + b
        s_last = s_prev.pop()  # z and q are still the output's
        slope.pop()
        errors.append((s_last - target) ** 2)
        delta = 2.0 * (s_last - target) * z * q * q  # dE/dx_T
        gw = gb = 0.0
        for s, d in zip(reversed(s_prev), reversed(slope)):
            gw += delta * s
            gb += delta
            delta *= w * d
        norm = hypot(gw, gb)
        if not isfinite(norm):
            overflow = True
            errors.pop()
            break
        scale = clip / norm if clip is not None and norm > clip else 1.0
        w -= lr * scale * gw
        b -= lr * scale * gb
        norms.append(norm)
        path.append((w, b))
    errors.append(float(cliff_error(w, b, x0, steps, target)))
    return {"path": np.array(path), "E": np.array(errors), "grad_norm": np.array(norms), "overflow": overflow}


def jump_lengths(path: np.ndarray) -> np.ndarray:
    """Length of every update in the (w, b) plane.

    Parameters
    ----------
    path : (n, iterations + 1, 2) ndarray
        As returned by :func:`cliff_descent`.

    Returns
    -------
    lengths : (n, iterations) ndarray
    """
    return np.linalg.norm(np.diff(path, axis=1), axis=2)


def count_jumps(path: np.ndarray, size: float = JUMP) -> int:
    """How many updates, over all runs, moved (w, b) farther than `size`."""
    return int(np.sum(jump_lengths(path) > size))


def random_starts(n: int, rng: np.random.Generator, w_lim=(-2.0, 14.0), b_lim=(-9.0, 3.0)) -> np.ndarray:
    """`n` starting points drawn uniformly from the box w_lim x b_lim.

    Returns
    -------
    starts : (n, 2) ndarray
    """
    n = require_positive_int(n, "n")
    rng = require_generator(rng)
    return np.column_stack([rng.uniform(*w_lim, n), rng.uniform(*b_lim, n)])
