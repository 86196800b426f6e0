"""GRU (gated recurrent unit, Cho et al. 2014): one step and a whole sequence, forward and backward.

Gate order (PyTorch's): the 3H columns of ``Wx`` (D, 3H), ``Wh`` (H, 3H), ``bx`` (3H,) and ``bh`` (3H,) hold,
in this order,

    r  reset gate    r_t = sigma(x_t Wx_r + bx_r + h_{t-1} Wh_r + bh_r)
    z  update gate   z_t = sigma(x_t Wx_z + bx_z + h_{t-1} Wh_z + bh_z)
    n  candidate     reset_after=False (default): n_t = tanh(x_t Wx_n + bx_n + (r_t * h_{t-1}) Wh_n + bh_n)
                     reset_after=True:            n_t = tanh(x_t Wx_n + bx_n + r_t * (h_{t-1} Wh_n + bh_n))

    h_t = (1 - z_t) * n_t + z_t * h_{t-1}

so z_t is the share of the previous state that is kept. This is Cho et al.'s convention and PyTorch's (also d2l's
and Goodfellow et al.'s); some sources (Chung et al. 2014, colah's "Understanding LSTM Networks", Wikipedia, "Deep
Learning from Scratch 2") swap the roles, h_t = z_t * n_t + (1 - z_t) * h_{t-1}: the same cell with z replaced by
1 - z.

The two candidates. ``reset_after=False`` resets the state before the recurrent product, as the EMNLP version of
Cho et al. (2014, arXiv v3), d2l, Goodfellow et al. and "Deep Learning from Scratch 2" (appendix C) write it.
``reset_after=True`` resets after it, as the paper's first arXiv version (v1) did and as cuDNN, PyTorch's
``nn.GRU`` and Keras (its default) compute it, which lets the whole h_{t-1} Wh product of a step be one matrix
product. The two
are different functions of the same parameters; with reset_after=False the biases bx_n and bh_n only ever
appear summed (they receive the same gradient).

Two implementations live here on purpose, as in :mod:`helpers.lstm`: the step functions are the reference,
written line by line like the equations; the sequence functions are the fast ones (one input product for all
steps, backward factors prepared for every step at once, weight gradients as one product each). The tests check
each against the other, both conventions against finite differences and a scalar loop, and reset_after=True
against ``torch.nn.GRU`` where PyTorch is installed.

Examples
--------
>>> import numpy as np
>>> from helpers.gru import init_gru_params, gru_forward, gru_backward
>>> rng = np.random.default_rng(0)
>>> params = init_gru_params(3, 5, rng)
>>> hs, cache = gru_forward(rng.normal(size=(2, 4, 3)), None, params)
>>> hs.shape
(2, 4, 5)
>>> dxs, dh0, grads = gru_backward(np.ones_like(hs), cache)
>>> sorted(grads), grads["Wx"].shape
(['Wh', 'Wx', 'bh', 'bx'], (3, 15))
"""

from __future__ import annotations

import numpy as np

from helpers._checks import (
    as_array,
    gate_blocks,
    require_bool,
    require_finite,
    require_generator,
    require_keys,
    require_positive_int,
    require_size,
    state_or_zeros,
)
from helpers.activations import sigmoid, tanh
from helpers.rnn import norms_back_in_time

GATE_ORDER = ("r", "z", "n")
"""Order of the three H-wide column blocks in Wx, Wh, bx and bh (PyTorch's order)."""


def init_gru_params(D: int, H: int, rng: np.random.Generator, dtype=np.float64, update_bias: float = 0.0) -> dict:
    """Initial GRU parameters: Wx ~ U(+-1/sqrt(H)), Wh orthogonal per gate, biases zero but bx_z.

    Both conventions (``reset_after``) use the same layout and the same start, so one set of parameters can be
    run under either.

    Parameters
    ----------
    D, H : int
        Input and hidden sizes.
    rng : np.random.Generator
    dtype : float dtype
    update_bias : float
        Initial bx_z. Positive values start the update gate near 1, so the cell begins by keeping its state
        (the GRU's counterpart of the LSTM's forget-gate bias of 1).

    Returns
    -------
    params : dict
        ``{"Wx": (D, 3H), "Wh": (H, 3H), "bx": (3H,), "bh": (3H,)}``, columns in :data:`GATE_ORDER`.

    Examples
    --------
    >>> import numpy as np
    >>> p = init_gru_params(2, 4, np.random.default_rng(0), update_bias=1.0)
    >>> p["Wh"].shape, p["bx"][4:8].tolist()
    ((4, 12), [1.0, 1.0, 1.0, 1.0])
    """
    D = require_positive_int(D, "D")
    H = require_positive_int(H, "H")
    rng = require_generator(rng)
    if not np.isfinite(update_bias):
        raise ValueError(f"update_bias must be a finite number, got {update_bias!r}")
    bound = 1.0 / np.sqrt(H)
    Wx = rng.uniform(-bound, bound, size=(D, 3 * H))
    # An orthogonal block per gate keeps the recurrent map from shrinking or growing signals at the start.
    Wh = np.concatenate([np.linalg.qr(rng.standard_normal((H, H)))[0] for _ in GATE_ORDER], axis=1)
    bx, bh = np.zeros(3 * H), np.zeros(3 * H)
    bx[H : 2 * H] = update_bias
    return {k: v.astype(dtype) for k, v in {"Wx": Wx, "Wh": Wh, "bx": bx, "bh": bh}.items()}


def _check_params(params) -> tuple[dict, int, int]:
    return gate_blocks(params, GATE_ORDER, ("bx", "bh"))


def _blocks(a: np.ndarray, H: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The r, z and n column blocks of an (..., 3H) array (views)."""
    return a[..., :H], a[..., H : 2 * H], a[..., 2 * H :]


# --------------------------------------------------------------------------------------------------
# One step: the reference implementation, line by line like the equations.
# --------------------------------------------------------------------------------------------------


def gru_step_forward(x, h_prev, params, reset_after=False):
    """One GRU step.

    Parameters
    ----------
    x : (N, D) ndarray
    h_prev : (N, H) ndarray or None
        Previous hidden state; None means zeros.
    params : dict
        ``{"Wx": (D, 3H), "Wh": (H, 3H), "bx": (3H,), "bh": (3H,)}``, columns in :data:`GATE_ORDER`.
    reset_after : bool, default False
        False: the reset gate scales h_{t-1} before the product with Wh_n (Cho et al. 2014). True: it scales
        the product h_{t-1} Wh_n + bh_n (cuDNN, PyTorch, Keras).

    Returns
    -------
    h : (N, H) ndarray
    cache : dict
        For :func:`gru_step_backward`.

    Examples
    --------
    >>> import numpy as np
    >>> params = init_gru_params(3, 2, np.random.default_rng(0))
    >>> params["bx"][2:4] = 50.0  # update gate z = 1: the step keeps its previous state exactly
    >>> h, _ = gru_step_forward(np.ones((1, 3)), np.array([[0.5, -0.25]]), params)
    >>> h.tolist()
    [[0.5, -0.25]]
    """
    reset_after = require_bool(reset_after, "reset_after")
    p, D, H = _check_params(params)
    x = as_array(x, "x", "ND", p["Wx"].dtype)
    require_size("D", "x", x.shape[1], 'params["Wx"]', D)
    require_finite(x, "x")
    h_prev = state_or_zeros(h_prev, "h_prev", x.shape[0], H, x.dtype)
    Wx_r, Wx_z, Wx_n = _blocks(p["Wx"], H)
    Wh_r, Wh_z, Wh_n = _blocks(p["Wh"], H)
    bx_r, bx_z, bx_n = _blocks(p["bx"], H)
    bh_r, bh_z, bh_n = _blocks(p["bh"], H)

    r = sigmoid(x @ Wx_r + bx_r + h_prev @ Wh_r + bh_r)
    z = sigmoid(x @ Wx_z + bx_z + h_prev @ Wh_z + bh_z)
    if reset_after:
        hn = h_prev @ Wh_n + bh_n  # the recurrent part of the candidate, reset after the product
        n = tanh(x @ Wx_n + bx_n + r * hn)
    else:
        hn = None
        n = tanh(x @ Wx_n + bx_n + (r * h_prev) @ Wh_n + bh_n)
    h = (1.0 - z) * n + z * h_prev
    cache = {"x": x, "h_prev": h_prev, "r": r, "z": z, "n": n, "hn": hn, "params": p, "reset_after": reset_after}
    return h, cache


def gru_step_backward(dh, cache):
    """Backward pass of one GRU step.

    Parameters
    ----------
    dh : (N, H) ndarray
        dL/dh_t (from the loss and from the next step).
    cache : dict
        From :func:`gru_step_forward`.

    Returns
    -------
    dx : (N, D) ndarray
    dh_prev : (N, H) ndarray
    grads : dict
        Keyed like params.
    """
    require_keys(cache, "cache", ("x", "h_prev", "r", "z", "n", "hn", "params", "reset_after"))
    p, x, h_prev, r, z, n, hn = (cache[k] for k in ("params", "x", "h_prev", "r", "z", "n", "hn"))
    N, H = h_prev.shape
    dh = state_or_zeros(dh, "dh", N, H, h_prev.dtype)
    Wh_n = p["Wh"][:, 2 * H :]

    dn = dh * (1.0 - z)
    dz = dh * (h_prev - n)
    dh_prev = dh * z  # the direct path: h_t = ... + z * h_{t-1}
    da_n = dn * (1.0 - n**2)
    da_z = dz * z * (1.0 - z)
    if cache["reset_after"]:
        dr = da_n * hn
        dhn = da_n * r  # dL/d(h_{t-1} Wh_n + bh_n)
        dWh_n, dbh_n = h_prev.T @ dhn, dhn.sum(axis=0)
        dh_prev = dh_prev + dhn @ Wh_n.T
    else:
        drh = da_n @ Wh_n.T  # dL/d(r * h_{t-1})
        dr = drh * h_prev
        dWh_n, dbh_n = (r * h_prev).T @ da_n, da_n.sum(axis=0)
        dh_prev = dh_prev + drh * r
    da_r = dr * r * (1.0 - r)

    da_x = np.concatenate([da_r, da_z, da_n], axis=1)  # dL/d(x Wx + bx), all three gates
    da_rz = np.concatenate([da_r, da_z], axis=1)  # dL/d(h Wh_rz + bh_rz)
    dh_prev = dh_prev + da_rz @ p["Wh"][:, : 2 * H].T
    grads = {
        "Wx": x.T @ da_x,
        "bx": da_x.sum(axis=0),
        "Wh": np.concatenate([h_prev.T @ da_rz, dWh_n], axis=1),
        "bh": np.concatenate([da_rz.sum(axis=0), dbh_n]),
    }
    return da_x @ p["Wx"].T, dh_prev, grads


# --------------------------------------------------------------------------------------------------
# A whole sequence: the fast implementation.
# --------------------------------------------------------------------------------------------------


def _squash_sigmoid(a: np.ndarray) -> None:
    """sigma(a) in place: 1 / (1 + exp(-a)); exp overflows to inf for a < -~700, which gives exactly 0."""
    np.negative(a, out=a)
    np.exp(a, out=a)
    a += 1.0
    np.reciprocal(a, out=a)


def gru_forward(xs, h0, params, reset_after=False):
    """Run the GRU over a whole sequence.

    Parameters
    ----------
    xs : (N, T, D) ndarray
    h0 : (N, H) ndarray or None
        Initial state; None means zeros.
    params : dict
        As in :func:`gru_step_forward`; their dtype (float64 or float32) sets the computation's dtype.
    reset_after : bool, default False
        Which candidate: see :func:`gru_step_forward`.

    Returns
    -------
    hs : (N, T, H) ndarray
        Hidden states h_1..h_T.
    cache : dict
        For :func:`gru_backward` and :func:`gru_gates`.
    """
    reset_after = require_bool(reset_after, "reset_after")
    p, D, H = _check_params(params)
    dtype = p["Wx"].dtype
    xs = as_array(xs, "xs", "NTD", dtype)
    N, T, D_x = xs.shape
    require_size("D", "xs", D_x, 'params["Wx"]', D)
    require_finite(xs, "xs")
    h0 = state_or_zeros(h0, "h0", N, H, dtype)

    xs_t = np.ascontiguousarray(xs.swapaxes(0, 1))  # time-major (T, N, D): each step reads a contiguous block
    G = np.empty((T, N, 3 * H), dtype)  # pre-activations, then (in place) the gate values r, z, n
    # The input part of every step in one (T*N, D) @ (D, 3H) product.
    np.matmul(xs_t.reshape(T * N, D), p["Wx"], out=G.reshape(T * N, 3 * H))
    G += p["bx"]
    if reset_after:
        U = np.empty((T, N, H), dtype)  # h_{t-1} Wh_n + bh_n: the part the reset gate scales
        Wh = p["Wh"]
    else:
        G += p["bh"]  # every recurrent bias sits outside the reset: fold it in with bx
        U = np.empty((T, N, H), dtype)  # r_t * h_{t-1}: what Wh_n multiplies
        Wh_rz = np.ascontiguousarray(p["Wh"][:, : 2 * H])
        Wh_n = np.ascontiguousarray(p["Wh"][:, 2 * H :])
    hs = np.empty((T + 1, N, H), dtype)  # hs[0] = h0, hs[t + 1] = h_t
    hs[0] = h0
    kept = np.empty((N, H), dtype)
    rz_all, z_all, n_all = G[:, :, : 2 * H], G[:, :, H : 2 * H], G[:, :, 2 * H :]
    with np.errstate(over="ignore"):
        for t in range(T):
            h_prev, rz, z, n, u = hs[t], rz_all[t], z_all[t], n_all[t], U[t]
            r = rz[:, :H]
            if reset_after:
                a = h_prev @ Wh
                rz += a[:, : 2 * H]
                rz += p["bh"][: 2 * H]
                _squash_sigmoid(rz)
                np.add(a[:, 2 * H :], p["bh"][2 * H :], out=u)
                n += r * u
            else:
                rz += h_prev @ Wh_rz
                _squash_sigmoid(rz)
                np.multiply(r, h_prev, out=u)
                n += u @ Wh_n
            np.tanh(n, out=n)
            # h_t = (1 - z) n + z h_{t-1}, in this form (not n + z (h_{t-1} - n)) so that z = 1 keeps h_{t-1} exactly
            h = hs[t + 1]
            np.subtract(1.0, z, out=h)
            h *= n
            np.multiply(z, h_prev, out=kept)
            h += kept
    cache = {"xs_t": xs_t, "G": G, "U": U, "hs": hs, "params": p, "reset_after": reset_after}
    return hs[1:].swapaxes(0, 1), cache


def gru_gates(cache) -> dict:
    """Gate values of a forward pass, for plots.

    Parameters
    ----------
    cache : dict
        From :func:`gru_forward`.

    Returns
    -------
    gates : dict of (N, T, H) ndarray
        Keys ``"r", "z", "n"`` (read-only views).

    Examples
    --------
    >>> import numpy as np
    >>> params = init_gru_params(2, 3, np.random.default_rng(0), update_bias=2.0)
    >>> _, cache = gru_forward(np.zeros((1, 4, 2)), None, params)
    >>> round(float(gru_gates(cache)["z"].mean()), 3)  # sigma(2)
    0.881
    """
    require_keys(cache, "cache", ("G",))
    G = cache["G"]
    H = G.shape[2] // 3
    out = {}
    for name, block in zip(GATE_ORDER, _blocks(G, H)):
        view = block.swapaxes(0, 1)
        view.flags.writeable = False
        out[name] = view
    return out


def _backward_factors(cache) -> np.ndarray:
    """What the backward pass needs that does not depend on the incoming gradient, for every step at once.

    Returns P (T, N, 3H) in GATE_ORDER with dL/da_z = P_z * dL/dh_t, dL/da_n = P_n * dL/dh_t and
    dL/da_r = P_r * q_t, where q_t is dL/dn-pre-activation times h_{t-1} Wh_n + bh_n (reset_after=True) or
    dL/d(r * h_{t-1}) times h_{t-1} (reset_after=False).
    """
    G, U, hs = cache["G"], cache["U"], cache["hs"]
    H = G.shape[2] // 3
    r, z, n = _blocks(G, H)
    h_prev = hs[:-1]
    P = np.subtract(1.0, G)
    P_r, P_z, P_n = _blocks(P, H)
    P_r *= r
    P_r *= U if cache["reset_after"] else h_prev  # sigma'(a_r) times what r multiplies
    P_z *= z
    P_z *= h_prev - n  # dh_t/dz_t = h_{t-1} - n_t
    np.multiply(n, n, out=P_n)
    np.subtract(1.0, P_n, out=P_n)
    P_n *= 1.0 - z  # dh_t/dn_t = 1 - z_t, times tanh' = 1 - n^2
    return P


def _walk_back(cache, dhs_t, dh_last, dh_record=None):
    """The loop back through time: dL/d(x Wx + bx) (T, N, 3H), with reset_after also dL/d(h Wh + bh) (else None),
    and dL/dh0. `dhs_t` (T, N, H) is time-major; `dh_record` (T, N, H), if given, receives dL/dh_t in total."""
    p, G = cache["params"], cache["G"]
    reset_after = cache["reset_after"]
    T, N, G3 = G.shape
    H = G3 // 3
    dh_next = dh_last
    dAh = None
    dA = _backward_factors(cache)  # holds the factors P and becomes dL/d(x Wx + bx) in place
    r_all, z_all = G[:, :, :H], G[:, :, H : 2 * H]
    Wh_T = p["Wh"].T
    if reset_after:
        dAh = np.empty_like(dA)  # dL/d(h Wh + bh): as dA in the r, z columns, r * dL/da_n in the n columns
    else:
        Wh_rz_T, Wh_n_T = np.ascontiguousarray(Wh_T[: 2 * H]), np.ascontiguousarray(Wh_T[2 * H :])
    for t in range(T - 1, -1, -1):
        dh = dhs_t[t] + dh_next
        if dh_record is not None:
            dh_record[t] = dh
        da = dA[t]
        da_r, da_z, da_n = da[:, :H], da[:, H : 2 * H], da[:, 2 * H :]
        da_z *= dh
        da_n *= dh
        dh_next = dh * z_all[t]
        if reset_after:
            da_r *= da_n
            dah = dAh[t]
            dah[:, : 2 * H] = da[:, : 2 * H]
            np.multiply(da_n, r_all[t], out=dah[:, 2 * H :])
            dh_next += dah @ Wh_T
        else:
            drh = da_n @ Wh_n_T
            da_r *= drh
            drh *= r_all[t]
            dh_next += drh
            dh_next += da[:, : 2 * H] @ Wh_rz_T
    return dA, dAh, dh_next


def gru_backward(dhs, cache, dh_last=None):
    """Backpropagation through time for :func:`gru_forward`.

    Parameters
    ----------
    dhs : (N, T, H) ndarray
        dL/dh_t for every step, from outside the recurrence (zeros where the loss does not look).
    cache : dict
        From :func:`gru_forward`.
    dh_last : (N, H) ndarray, optional
        dL/dh_T from outside (e.g. when the final state feeds a next chunk); the same as adding it to
        ``dhs[:, -1]``.

    Returns
    -------
    dxs : (N, T, D) ndarray
    dh0 : (N, H) ndarray
    grads : dict
        Keyed like params.
    """
    require_keys(cache, "cache", ("xs_t", "G", "U", "hs", "params", "reset_after"))
    p, hs, xs_t = cache["params"], cache["hs"], cache["xs_t"]
    T1, N, H = hs.shape
    T, D = T1 - 1, xs_t.shape[2]
    dhs = as_array(dhs, "dhs", "NTH", hs.dtype)
    require_size("N", "dhs", dhs.shape[0], "the forward pass", N)
    require_size("T", "dhs", dhs.shape[1], "the forward pass", T)
    require_size("H", "dhs", dhs.shape[2], "the forward pass", H)
    require_finite(dhs, "dhs")
    dh_next = state_or_zeros(dh_last, "dh_last", N, H, hs.dtype)

    dA, dAh, dh0 = _walk_back(cache, dhs.swapaxes(0, 1), dh_next)
    flat = dA.reshape(T * N, 3 * H)
    grads = {"Wx": xs_t.reshape(T * N, D).T @ flat, "bx": flat.sum(axis=0)}
    h_prev = hs[:-1].reshape(T * N, H)
    if cache["reset_after"]:
        flat_h = dAh.reshape(T * N, 3 * H)
        grads["Wh"], grads["bh"] = h_prev.T @ flat_h, flat_h.sum(axis=0)
    else:
        grads["Wh"] = np.concatenate([h_prev.T @ flat[:, : 2 * H], cache["U"].reshape(T * N, H).T @ flat[:, 2 * H :]],
                                     axis=1)
        grads["bh"] = grads["bx"].copy()  # every bh sits where a bx does
    dxs = (flat @ p["Wx"].T).reshape(T, N, D)
    return dxs.swapaxes(0, 1), dh0, grads


def gru_backprop_norms(cache, dh_last=None) -> np.ndarray:
    """||dL/dh_{T-k}|| for k = 0..T when the loss touches only the last hidden state.

    The GRU's version of :func:`helpers.rnn.backprop_norms` (same layout): how much of a gradient that starts at
    h_T is left k steps back. Each step multiplies it by dh_t/dh_{t-1} = diag(z_t) plus the terms through the
    gates and the candidate.

    Parameters
    ----------
    cache : dict
        From :func:`gru_forward`.
    dh_last : (N, H) ndarray, optional
        dL/dh_T; default a unit vector (all entries 1/sqrt(H)).

    Returns
    -------
    norms : (N, T + 1) ndarray
        ``norms[:, k]`` is the Euclidean norm of dL/dh_{T-k}; ``norms[:, T]`` belongs to h0.

    Examples
    --------
    >>> import numpy as np
    >>> params = init_gru_params(1, 4, np.random.default_rng(0), update_bias=60.0)  # z = 1: nothing is lost
    >>> _, cache = gru_forward(np.zeros((1, 10, 1)), None, params)
    >>> gru_backprop_norms(cache).round(12).tolist()
    [[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]]
    """
    require_keys(cache, "cache", ("xs_t", "G", "U", "hs", "params", "reset_after"))
    hs = cache["hs"]
    T1, N, H = hs.shape
    if dh_last is None:
        dh_last = np.full((N, H), 1.0 / np.sqrt(H), hs.dtype)
    dh_last = state_or_zeros(dh_last, "dh_last", N, H, hs.dtype)
    record = np.empty((T1 - 1, N, H), hs.dtype)
    _, _, dh0 = _walk_back(cache, np.zeros((T1 - 1, N, H), hs.dtype), dh_last, record)
    return norms_back_in_time(record.swapaxes(0, 1), dh0)
