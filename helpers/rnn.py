"""Elman RNN: forward over a sequence, backpropagation through time, and the gradient-norm curves.

    u_t = x_t Wx + h_{t-1} Wh + b,     h_t = f(u_t)

Shapes are batch-major: xs (N, T, D), hidden states (N, T, H); ``params = {"Wx": (D, H), "Wh": (H, H),
"b": (H,)}``. With row vectors, the Jacobian of one step is dh_t/dh_{t-1} = diag(f'(u_t)) Wh^T.

Examples
--------
>>> import numpy as np
>>> from helpers.rnn import init_rnn_params, rnn_forward, rnn_backward
>>> rng = np.random.default_rng(0)
>>> params = init_rnn_params(3, 5, rng)
>>> hs, cache = rnn_forward(rng.normal(size=(2, 4, 3)), np.zeros((2, 5)), params)
>>> hs.shape
(2, 4, 5)
>>> dxs, dh0, grads = rnn_backward(np.ones_like(hs), cache)
>>> dxs.shape, dh0.shape, grads["Wh"].shape
((2, 4, 3), (2, 5), (5, 5))
"""

from __future__ import annotations

import numpy as np

from helpers._checks import (
    as_array,
    require_choice,
    require_finite,
    require_generator,
    require_keys,
    require_positive_int,
    require_size,
)
from helpers.activations import ACTIVATIONS

RNN_ACTIVATIONS = ("tanh", "sigmoid", "linear")
PARAM_KEYS = ("Wx", "Wh", "b")


def scaled_orthogonal(H: int, s: float, rng: np.random.Generator) -> np.ndarray:
    """A random (H, H) matrix whose singular values all equal `s` (s times an orthogonal matrix).

    Notebook 01 uses it to set the largest singular value lambda_1 of the recurrent weight exactly.

    Parameters
    ----------
    H : int
        Hidden size.
    s : float
        The common singular value, > 0.
    rng : np.random.Generator

    Returns
    -------
    W : (H, H) ndarray

    Examples
    --------
    >>> import numpy as np
    >>> W = scaled_orthogonal(4, 2.0, np.random.default_rng(0))
    >>> np.allclose(np.linalg.svd(W, compute_uv=False), 2.0)
    True
    """
    H = require_positive_int(H, "H")
    if not np.isfinite(s) or s <= 0:
        raise ValueError(f"s must be a positive finite singular value, got {s!r}")
    rng = require_generator(rng)
    q, r = np.linalg.qr(rng.standard_normal((H, H)))
    q *= np.sign(np.diag(r))  # sign fix makes q uniformly distributed over orthogonal matrices
    return s * q


def init_rnn_params(D: int, H: int, rng: np.random.Generator, recurrent_scale: float | None = None) -> dict:
    """Parameters for an Elman RNN: Wx ~ N(0, 1/D), Wh orthogonal, b = 0.

    Parameters
    ----------
    D, H : int
        Input and hidden sizes.
    rng : np.random.Generator
    recurrent_scale : float, optional
        Singular value of Wh (every one of them); default 1.0, the edge between vanishing and exploding
        for tanh.

    Returns
    -------
    params : dict
        ``{"Wx": (D, H), "Wh": (H, H), "b": (H,)}``, float64.
    """
    D = require_positive_int(D, "D")
    H = require_positive_int(H, "H")
    rng = require_generator(rng)
    Wx = rng.standard_normal((D, H)) / np.sqrt(D)
    Wh = scaled_orthogonal(H, 1.0 if recurrent_scale is None else recurrent_scale, rng)
    return {"Wx": Wx, "Wh": Wh, "b": np.zeros(H)}


def _check_params(params, D: int | None = None) -> tuple[dict, int, int]:
    require_keys(params, "params", PARAM_KEYS)
    Wx = as_array(params["Wx"], 'params["Wx"]', "DH")
    dtype = Wx.dtype
    Wh = as_array(params["Wh"], 'params["Wh"]', "HH", dtype)
    b = as_array(params["b"], 'params["b"]', "H", dtype)
    D_w, H = Wx.shape
    require_size("H", 'params["Wh"]', Wh.shape[0], 'params["Wx"]', H)
    require_size("H", 'params["Wh"] (columns)', Wh.shape[1], 'params["Wx"]', H)
    require_size("H", 'params["b"]', b.shape[0], 'params["Wx"]', H)
    for name, arr in (("Wx", Wx), ("Wh", Wh), ("b", b)):
        require_finite(arr, f'params["{name}"]')
    return {"Wx": Wx, "Wh": Wh, "b": b}, D_w, H


def rnn_forward(xs, h0, params, activation: str = "tanh"):
    """Run the RNN over a whole sequence.

    Parameters
    ----------
    xs : (N, T, D) ndarray
        Inputs.
    h0 : (N, H) ndarray or None
        Initial hidden state; None means zeros.
    params : dict
        ``{"Wx": (D, H), "Wh": (H, H), "b": (H,)}``; their dtype sets the computation's dtype.
    activation : {"tanh", "sigmoid", "linear"}

    Returns
    -------
    hs : (N, T, H) ndarray
        Hidden states h_1 .. h_T.
    cache : dict
        What :func:`rnn_backward` and the norm curves need.
    """
    require_choice(activation, "activation", RNN_ACTIVATIONS)
    p, D, H = _check_params(params)
    dtype = p["Wx"].dtype
    xs = as_array(xs, "xs", "NTD", dtype)
    N, T, D_x = xs.shape
    require_size("D", "xs", D_x, 'params["Wx"]', D)
    require_finite(xs, "xs")
    if h0 is None:
        h0 = np.zeros((N, H), dtype)
    h0 = as_array(h0, "h0", "NH", dtype)
    require_size("N", "h0", h0.shape[0], "xs", N)
    require_size("H", "h0", h0.shape[1], 'params["Wh"]', H)
    require_finite(h0, "h0")

    f, _ = ACTIVATIONS[activation]
    # The input part of every step in one (N*T, D) @ (D, H) product (a 3-D @ would loop over N small ones).
    us = (xs.reshape(N * T, D) @ p["Wx"]).reshape(N, T, H)
    us += p["b"]
    hs = np.empty((N, T + 1, H), dtype)  # hs[:, 0] is h0, hs[:, t] is h_t
    hs[:, 0] = h0
    for t in range(T):
        us[:, t] += hs[:, t] @ p["Wh"]
        hs[:, t + 1] = f(us[:, t])
    cache = {"xs": xs, "hs": hs, "us": us, "params": p, "activation": activation}
    return hs[:, 1:], cache


def _check_cache(cache) -> None:
    require_keys(cache, "cache", ("xs", "hs", "us", "params", "activation"))


def _backprop_hidden(dhs: np.ndarray, cache: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Walk back through time: return (dL/du_t for every t, dL/dh0, dL/dh_t for every t).

    ``dhs[:, t]`` is the gradient arriving at h_{t+1} from outside the recurrence (e.g. a loss);
    the returned dL/dh_t adds what flows back from later steps.
    """
    _, f_grad = ACTIVATIONS[cache["activation"]]
    Wh_T = cache["params"]["Wh"].T
    fprime = f_grad(cache["us"])  # f'(u_t) for every step at once
    dus = np.empty_like(dhs)
    dh_total = np.empty_like(dhs)
    dh = np.zeros_like(dhs[:, 0])
    for t in range(dhs.shape[1] - 1, -1, -1):
        dh_total[:, t] = dh + dhs[:, t]
        dus[:, t] = dh_total[:, t] * fprime[:, t]
        dh = dus[:, t] @ Wh_T
    return dus, dh, dh_total


def rnn_backward(dhs, cache):
    """Backpropagation through time.

    Parameters
    ----------
    dhs : (N, T, H) ndarray
        Gradient of the loss with respect to each returned hidden state.
    cache : dict
        From :func:`rnn_forward`.

    Returns
    -------
    dxs : (N, T, D) ndarray
    dh0 : (N, H) ndarray
    grads : dict
        Keyed like params: ``{"Wx": (D, H), "Wh": (H, H), "b": (H,)}``.
    """
    _check_cache(cache)
    hs, xs, p = cache["hs"], cache["xs"], cache["params"]
    N, T1, H = hs.shape
    dhs = as_array(dhs, "dhs", "NTH", hs.dtype)
    require_size("N", "dhs", dhs.shape[0], "the forward pass", N)
    require_size("T", "dhs", dhs.shape[1], "the forward pass", T1 - 1)
    require_size("H", "dhs", dhs.shape[2], "the forward pass", H)
    require_finite(dhs, "dhs")

    dus, dh0, _ = _backprop_hidden(dhs, cache)
    # Weight gradients for all steps in one matmul each.
    D = xs.shape[2]
    flat_du = dus.reshape(-1, H)
    grads = {
        "Wx": xs.reshape(-1, D).T @ flat_du,
        "Wh": hs[:, :-1].reshape(-1, H).T @ flat_du,
        "b": flat_du.sum(axis=0),
    }
    dxs = (flat_du @ p["Wx"].T).reshape(N, T1 - 1, D)
    return dxs, dh0, grads


def backprop_norms(cache, dh_last=None) -> np.ndarray:
    """||dL/dh_{T-k}|| for k = 0..T when the loss touches only the last hidden state.

    This is the curve of notebook 01: how much of a gradient that starts at h_T is left k steps back.

    Parameters
    ----------
    cache : dict
        From :func:`rnn_forward`.
    dh_last : (N, H) ndarray, optional
        dL/dh_T; default a unit vector (all entries 1/sqrt(H)).

    Returns
    -------
    norms : (N, T + 1) ndarray
        ``norms[:, k]`` is the Euclidean norm of dL/dh_{T-k}; ``norms[:, T]`` belongs to h0.
    """
    _check_cache(cache)
    N, T1, H = cache["hs"].shape
    if dh_last is None:
        dh_last = np.full((N, H), 1.0 / np.sqrt(H))
    dh_last = as_array(dh_last, "dh_last", "NH", cache["hs"].dtype)
    require_size("N", "dh_last", dh_last.shape[0], "the forward pass", N)
    require_size("H", "dh_last", dh_last.shape[1], "the forward pass", H)
    dhs = np.zeros((N, T1 - 1, H), cache["hs"].dtype)
    dhs[:, -1] = dh_last
    _, dh0, dh_total = _backprop_hidden(dhs, cache)
    return norms_back_in_time(dh_total, dh0)


def norms_back_in_time(step_grads, initial_grad) -> np.ndarray:
    """Per-sequence norms of the gradients at every step, counted back from the last: the layout of the
    ``backprop_norms`` functions (also :func:`helpers.gru.gru_backprop_norms`, :mod:`helpers.lstm_paths`).

    Parameters
    ----------
    step_grads : (N, T, H) ndarray
        dL/dh_t (or dL/dc_t) for t = 1..T.
    initial_grad : (N, H) ndarray
        dL/dh_0 (or dL/dc_0).

    Returns
    -------
    norms : (N, T + 1) ndarray
        ``norms[:, k]`` is the norm at step T - k; ``norms[:, T]`` belongs to the initial state.

    Examples
    --------
    >>> norms_back_in_time(np.array([[[3.0, 4.0], [0.0, 1.0]]]), np.array([[0.0, 2.0]])).tolist()
    [[1.0, 5.0, 2.0]]
    """
    norms = np.linalg.norm(np.asarray(step_grads)[:, ::-1], axis=2)
    return np.concatenate([norms, np.linalg.norm(initial_grad, axis=1)[:, None]], axis=1)


def jacobian_norms(cache) -> np.ndarray:
    """Spectral norms ||dh_T / dh_{T-k}||_2 for k = 0..T (k = 0 is the identity, norm 1).

    The product of k one-step Jacobians diag(f'(u_t)) Wh^T, accumulated from the last step backwards.
    Its norm is at most (gamma * lambda_1)^k, gamma the bound on f' and lambda_1 the largest singular
    value of Wh (Pascanu et al. 2013, section 2.1).

    Parameters
    ----------
    cache : dict
        From :func:`rnn_forward`.

    Returns
    -------
    norms : (N, T + 1) ndarray
    """
    _check_cache(cache)
    _, f_grad = ACTIVATIONS[cache["activation"]]
    us = cache["us"]
    N, T, H = us.shape
    Wh_T = cache["params"]["Wh"].T
    fprime = f_grad(us)
    product = np.broadcast_to(np.eye(H), (N, H, H)).copy()
    norms = np.empty((N, T + 1))
    norms[:, 0] = 1.0
    for k in range(1, T + 1):
        jac = fprime[:, T - k, :, None] * Wh_T  # diag(f'(u)) Wh^T for each sequence
        product = product @ jac
        norms[:, k] = np.linalg.norm(product, ord=2, axis=(1, 2))
    return norms


def wh_contributions(dhs, cache) -> np.ndarray:
    """How much each pair (loss step t, step s) adds to dL/dWh: the norm of h_{s-1}^T delta_s^(t).

    dL/dWh = sum over t and s <= t of h_{s-1}^T delta_s^(t), where delta_s^(t) = dL_t/du_s is what the loss at
    step t sends back to the pre-activation of step s. Truncated BPTT keeps only some pairs (t, s); this table
    shows which ones carry the weight.

    Parameters
    ----------
    dhs : (N, T, H) ndarray
        dL_t/dh_t: what the loss at each step sends to its hidden state.
    cache : dict
        From :func:`rnn_forward`.

    Returns
    -------
    table : (T, T) ndarray
        ``table[t, s]`` = Frobenius norm of sum over the batch of h_{s-1}^T delta_s^(t) (steps counted from 0);
        zero above the diagonal (s > t).
    """
    _check_cache(cache)
    hs = cache["hs"]
    N, T1, H = hs.shape
    dhs = as_array(dhs, "dhs", "NTH", hs.dtype)
    require_size("T", "dhs", dhs.shape[1], "the forward pass", T1 - 1)
    require_size("N", "dhs", dhs.shape[0], "the forward pass", N)
    table = np.zeros((T1 - 1, T1 - 1))
    for t in range(T1 - 1):
        one = np.zeros_like(dhs)
        one[:, t] = dhs[:, t]  # the loss at step t alone
        dus, _, _ = _backprop_hidden(one, cache)
        table[t, : t + 1] = np.linalg.norm(np.einsum("nsi,nsj->sij", hs[:, : t + 1], dus[:, : t + 1]), axis=(1, 2))
    return table


def rnn_truncated_bptt(xs, params, window: int, loss_grad, h0=None, activation: str = "tanh"):
    """Truncated BPTT: the sequence in windows of `window` steps; the state is carried across, the gradient is not.

    Each window runs forward from the state the previous window ended in; that state enters as a plain array
    (``h0`` of :func:`rnn_forward`), so its value crosses the boundary while the gradient that
    :func:`rnn_backward` returns for it is dropped: no gradient flows from one window into the one before.
    Only one window's cache is alive at a time (memory N * window * H instead of N * T * H); the forward values
    are exactly those of one pass over the whole sequence.

    Parameters
    ----------
    xs : (N, T, D) ndarray
    params : dict
        As for :func:`rnn_forward`.
    window : int
        Steps per window; ``window >= T`` is full BPTT.
    loss_grad : callable
        ``loss_grad(hs, t0) -> (loss, dhs)`` for the hidden states ``hs`` (N, L, H) of the window that starts at
        step t0: the window's loss and its gradient (N, L, H).
    h0 : (N, H) ndarray, optional
        Initial state; None means zeros.
    activation : {"tanh", "sigmoid", "linear"}

    Returns
    -------
    loss : float
        Sum of the windows' losses.
    grads : dict
        Sum of the windows' weight gradients (a training loop may instead update after every window).
    h_last : (N, H) ndarray
        The final state, to carry into a next sequence.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> params = init_rnn_params(2, 3, rng)
    >>> xs = rng.normal(size=(1, 10, 2))
    >>> loss, grads, h = rnn_truncated_bptt(xs, params, 4, lambda hs, t0: (float(hs.sum()), np.ones_like(hs)))
    >>> sorted(grads), h.shape
    (['Wh', 'Wx', 'b'], (1, 3))
    """
    window = require_positive_int(window, "window")
    xs = as_array(xs, "xs", "NTD")
    total, grads, h = 0.0, None, h0
    for t0 in range(0, xs.shape[1], window):
        hs, cache = rnn_forward(xs[:, t0 : t0 + window], h, params, activation)
        loss, dhs = loss_grad(hs, t0)
        _, _, window_grads = rnn_backward(dhs, cache)  # the returned dh0 is dropped: the cut
        total += float(loss)
        grads = window_grads if grads is None else {k: grads[k] + window_grads[k] for k in grads}
        h = hs[:, -1].copy()  # the value goes on, the gradient does not
    return total, grads, h
