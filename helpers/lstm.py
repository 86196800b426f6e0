"""LSTM: one step and a whole sequence, forward and backward, for every variant the series discusses.

Gate order (PyTorch's, *not* the f, g, i, o of "Deep Learning from Scratch 2"): the 4H columns of
``Wx`` (D, 4H), ``Wh`` (H, 4H) and ``b`` (4H,) hold, in this order,

    i  input gate        i_t = sigma(x_t Wx_i + h_{t-1} Wh_i + b_i [+ p_i * c_{t-1}])
    f  forget gate       f_t = sigma(x_t Wx_f + h_{t-1} Wh_f + b_f [+ p_f * c_{t-1}])
    g  candidate         g_t = tanh (x_t Wx_g + h_{t-1} Wh_g + b_g)      (the study note's a(t))
    o  output gate       o_t = sigma(x_t Wx_o + h_{t-1} Wh_o + b_o [+ p_o * c_t])

    c_t = f_t * c_{t-1} + i_t * g_t,        h_t = o_t * tanh(c_t)

The bracketed peephole terms (Gers & Schmidhuber 2000; i and f look at c_{t-1}, o at c_t, as in Gers
et al. 2002) use diagonal weights ``params["pi"], ["pf"], ["po"]`` of shape (H,).

Variants follow Greff et al. 2017, "LSTM: A Search Space Odyssey": every variant keeps the 4H layout,
and the columns of a gate that a variant drops receive zero gradient.

Two implementations live here on purpose. The step functions are the reference, written line by line
like the equations. The sequence functions are the fast ones (one input matmul for all steps, all four
gate nonlinearities in one ``exp``, backward factors prepared for every step at once, weight gradients
as one matmul each); the tests check each against the other.

Examples
--------
>>> import numpy as np
>>> from helpers.lstm import init_lstm_params, lstm_forward, lstm_backward, VARIANTS
>>> rng = np.random.default_rng(0)
>>> params = init_lstm_params(3, 5, rng)
>>> hs, cs, cache = lstm_forward(rng.normal(size=(2, 4, 3)), None, None, params)
>>> hs.shape, cs.shape
((2, 4, 5), (2, 4, 5))
>>> dxs, dh0, dc0, grads = lstm_backward(np.ones_like(hs), cache)
>>> sorted(grads), grads["Wx"].shape
(['Wh', 'Wx', 'b'], (3, 20))
"""

from __future__ import annotations

from dataclasses import dataclass

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

GATE_ORDER = ("i", "f", "g", "o")
"""Order of the four H-wide column blocks in Wx, Wh and b (PyTorch's order)."""

PEEPHOLE_KEYS = ("pi", "pf", "po")


@dataclass(frozen=True)
class LSTMVariant:
    """Which parts of the LSTM cell are present (Greff et al. 2017 name the variants by what they drop).

    Parameters
    ----------
    peephole : bool
        Gates see the cell state through diagonal weights pi, pf, po.
    forget_gate : bool
        False fixes f = 1: the 1997 LSTM whose cell is a pure CEC ("NFG").
    input_gate : bool
        False fixes i = 1 ("NIG").
    output_gate : bool
        False fixes o = 1 ("NOG").
    coupled : bool
        f = 1 - i: one gate decides both writing and forgetting ("CIFG"); needs the input gate.
    input_activation : bool
        False drops the tanh on the candidate, g = pre-activation ("NIAF").
    output_activation : bool
        False drops the tanh on the cell, h = o * c ("NOAF").
    """

    peephole: bool = False
    forget_gate: bool = True
    input_gate: bool = True
    output_gate: bool = True
    coupled: bool = False
    input_activation: bool = True
    output_activation: bool = True

    def __post_init__(self):
        for name, value in self.__dict__.items():
            require_bool(value, f"LSTMVariant.{name}")
        if self.coupled and not (self.input_gate and self.forget_gate):
            raise ValueError(
                "LSTMVariant(coupled=True) computes f = 1 - i, so it needs input_gate=True and forget_gate=True"
            )


VARIANTS = {
    "standard": LSTMVariant(),
    "peephole": LSTMVariant(peephole=True),
    "NFG": LSTMVariant(forget_gate=False),
    "NIG": LSTMVariant(input_gate=False),
    "NOG": LSTMVariant(output_gate=False),
    "CIFG": LSTMVariant(coupled=True),
    "NIAF": LSTMVariant(input_activation=False),
    "NOAF": LSTMVariant(output_activation=False),
}
"""Presets named as in Greff et al. 2017 ("standard" is their vanilla LSTM without peepholes, i.e. NP)."""


def _resolve_variant(variant) -> LSTMVariant:
    if isinstance(variant, LSTMVariant):
        return variant
    if isinstance(variant, str) and variant in VARIANTS:
        return VARIANTS[variant]
    raise ValueError(f"variant must be an LSTMVariant or one of {list(VARIANTS)}, got {variant!r}")


def init_lstm_params(
    D: int,
    H: int,
    rng: np.random.Generator,
    variant="standard",
    forget_bias: float = 1.0,
    input_bias: float = 0.0,
    dtype=np.float64,
) -> dict:
    """Initial LSTM parameters: Wx ~ U(+-1/sqrt(H)), Wh orthogonal per gate, biases set per gate.

    Parameters
    ----------
    D, H : int
        Input and hidden sizes.
    rng : np.random.Generator
    variant : LSTMVariant or str
        With peepholes, ``pi, pf, po`` (H,) are added, initialised to zero.
    forget_bias : float
        Initial b_f; 1.0 follows Gers et al. 2000 and Jozefowicz et al. 2015.
    input_bias : float
        Initial b_i; negative values are Hochreiter & Schmidhuber's remedy for cell-state drift.
    dtype : float dtype

    Returns
    -------
    params : dict
        ``{"Wx": (D, 4H), "Wh": (H, 4H), "b": (4H,)}`` and, with peepholes, ``"pi", "pf", "po"``: (H,).
    """
    D = require_positive_int(D, "D")
    H = require_positive_int(H, "H")
    rng = require_generator(rng)
    variant = _resolve_variant(variant)
    for name, value in (("forget_bias", forget_bias), ("input_bias", input_bias)):
        if not np.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    bound = 1.0 / np.sqrt(H)
    Wx = rng.uniform(-bound, bound, size=(D, 4 * H))
    # An orthogonal block per gate keeps the recurrent map from shrinking or growing signals at the start.
    Wh = np.concatenate([np.linalg.qr(rng.standard_normal((H, H)))[0] for _ in GATE_ORDER], axis=1)
    b = np.zeros(4 * H)
    b[0:H] = input_bias
    b[H : 2 * H] = forget_bias
    params = {"Wx": Wx, "Wh": Wh, "b": b}
    if variant.peephole:
        params.update({k: np.zeros(H) for k in PEEPHOLE_KEYS})
    return {k: v.astype(dtype) for k, v in params.items()}


def _check_params(params, variant: LSTMVariant) -> tuple[dict, int, int]:
    return gate_blocks(params, GATE_ORDER, ("b",), PEEPHOLE_KEYS if variant.peephole else ())


# --------------------------------------------------------------------------------------------------
# One step: the reference implementation, line by line like the equations.
# --------------------------------------------------------------------------------------------------


def lstm_step_forward(x, h_prev, c_prev, params, variant="standard"):
    """One LSTM step.

    Parameters
    ----------
    x : (N, D) ndarray
    h_prev, c_prev : (N, H) ndarray or None
        Previous hidden and cell states; None means zeros.
    params : dict
        ``{"Wx": (D, 4H), "Wh": (H, 4H), "b": (4H,)}`` (+ ``"pi", "pf", "po"`` (H,) with peepholes).
    variant : LSTMVariant or str, default "standard"

    Returns
    -------
    h, c : (N, H) ndarray
    cache : dict
        For :func:`lstm_step_backward`.
    """
    variant = _resolve_variant(variant)
    p, D, H = _check_params(params, variant)
    x = as_array(x, "x", "ND", p["Wx"].dtype)
    require_size("D", "x", x.shape[1], 'params["Wx"]', D)
    require_finite(x, "x")
    N = x.shape[0]
    h_prev = state_or_zeros(h_prev, "h_prev", N, H, x.dtype)
    c_prev = state_or_zeros(c_prev, "c_prev", N, H, x.dtype)

    a = x @ p["Wx"] + h_prev @ p["Wh"] + p["b"]
    a_i, a_f, a_g, a_o = (a[:, k * H : (k + 1) * H] for k in range(4))
    if variant.peephole:
        a_i = a_i + p["pi"] * c_prev
        a_f = a_f + p["pf"] * c_prev
    ones = np.ones_like(c_prev)
    i = sigmoid(a_i) if variant.input_gate else ones
    if variant.coupled:
        f = 1.0 - i
    else:
        f = sigmoid(a_f) if variant.forget_gate else ones
    g = tanh(a_g) if variant.input_activation else a_g
    c = f * c_prev + i * g
    if variant.peephole:
        a_o = a_o + p["po"] * c
    o = sigmoid(a_o) if variant.output_gate else ones
    tc = tanh(c) if variant.output_activation else c
    h = o * tc
    cache = {"x": x, "h_prev": h_prev, "c_prev": c_prev, "i": i, "f": f, "g": g, "o": o, "c": c, "tc": tc,
             "params": p, "variant": variant}
    return h, c, cache


def lstm_step_backward(dh, dc, cache):
    """Backward pass of one LSTM step.

    Parameters
    ----------
    dh : (N, H) ndarray
        dL/dh_t.
    dc : (N, H) ndarray or None
        dL/dc_t arriving from the next step (None means zeros).
    cache : dict
        From :func:`lstm_step_forward`.

    Returns
    -------
    dx : (N, D) ndarray
    dh_prev, dc_prev : (N, H) ndarray
    grads : dict
        Keyed like params.
    """
    require_keys(cache, "cache", ("x", "h_prev", "c_prev", "i", "f", "g", "o", "c", "tc", "params", "variant"))
    v, p = cache["variant"], cache["params"]
    i, f, g, o, c, tc, c_prev = (cache[k] for k in ("i", "f", "g", "o", "c", "tc", "c_prev"))
    N, H = c.shape
    dh = state_or_zeros(dh, "dh", N, H, c.dtype) if dh is not None else np.zeros_like(c)
    dc = state_or_zeros(dc, "dc", N, H, c.dtype)
    zeros = np.zeros_like(c)

    dtc = dh * o
    dc = dc + (dtc * (1.0 - tc**2) if v.output_activation else dtc)
    da_o = dh * tc * o * (1.0 - o) if v.output_gate else zeros
    if v.peephole:
        dc = dc + p["po"] * da_o  # o_t looked at c_t
    di, dg, df = dc * g, dc * i, dc * c_prev
    dc_prev = dc * f
    if v.coupled:
        di, df = di - df, zeros  # f = 1 - i sends its gradient to i
    da_i = di * i * (1.0 - i) if v.input_gate else zeros
    da_f = df * f * (1.0 - f) if v.forget_gate and not v.coupled else zeros
    da_g = dg * (1.0 - g**2) if v.input_activation else dg
    if v.peephole:
        dc_prev = dc_prev + p["pi"] * da_i + p["pf"] * da_f

    da = np.concatenate([da_i, da_f, da_g, da_o], axis=1)
    dx = da @ p["Wx"].T
    dh_prev = da @ p["Wh"].T
    grads = {"Wx": cache["x"].T @ da, "Wh": cache["h_prev"].T @ da, "b": da.sum(axis=0)}
    if v.peephole:
        grads.update(pi=(da_i * c_prev).sum(0), pf=(da_f * c_prev).sum(0), po=(da_o * c).sum(0))
    return dx, dh_prev, dc_prev, grads


# --------------------------------------------------------------------------------------------------
# A whole sequence: the fast implementation.
# --------------------------------------------------------------------------------------------------


def _exp_factors(H: int, variant: LSTMVariant, dtype) -> np.ndarray:
    """Per-column factor k such that 1 / (1 + exp(k a)) is sigma(a) for i, f, o and (tanh(a) + 1) / 2 for g.

    Folding k into the weights lets one exp over the whole contiguous (N, 4H) block squash every gate.
    Without an input activation (NIAF) g is its own pre-activation: factor 1, and it is not squashed.
    """
    k = np.full(4 * H, -1.0, dtype)
    k[2 * H : 3 * H] = -2.0 if variant.input_activation else 1.0
    return k


def _squashed_blocks(H: int, variant: LSTMVariant) -> list[slice]:
    """Column blocks squashed before c_t is known (with peepholes o must wait for c_t)."""
    if variant.input_activation:
        return [slice(0, 3 * H if variant.peephole else 4 * H)]
    return [slice(0, 2 * H)] + ([] if variant.peephole else [slice(3 * H, 4 * H)])


def lstm_forward(xs, h0, c0, params, variant="standard"):
    """Run the LSTM over a whole sequence.

    Parameters
    ----------
    xs : (N, T, D) ndarray
    h0, c0 : (N, H) ndarray or None
        Initial states; None means zeros.
    params : dict
        As in :func:`lstm_step_forward`; their dtype (float64 or float32) sets the computation's dtype.
    variant : LSTMVariant or str, default "standard"

    Returns
    -------
    hs, cs : (N, T, H) ndarray
        Hidden and cell states h_1..h_T and c_1..c_T.
    cache : dict
        For :func:`lstm_backward` and :func:`lstm_gates`.
    """
    v = _resolve_variant(variant)
    p, D, H = _check_params(params, v)
    dtype = p["Wx"].dtype
    xs = as_array(xs, "xs", "NTD", dtype)
    N, T, D_x = xs.shape
    require_size("D", "xs", D_x, 'params["Wx"]', D)
    require_finite(xs, "xs")
    h0 = state_or_zeros(h0, "h0", N, H, dtype)
    c0 = state_or_zeros(c0, "c0", N, H, dtype)

    k = _exp_factors(H, v, dtype)
    xs_t = np.ascontiguousarray(xs.swapaxes(0, 1))  # time-major (T, N, D): each step reads a contiguous block
    A = np.empty((T, N, 4 * H), dtype)  # k * pre-activations, then (in place) the gate values
    # The input part of every step in one (T*N, D) @ (D, 4H) product (a 3-D @ would loop over T small ones).
    np.matmul(xs_t.reshape(T * N, D), p["Wx"] * k, out=A.reshape(T * N, 4 * H))
    A += p["b"] * k
    Wh_k = p["Wh"] * k
    hs = np.empty((T + 1, N, H), dtype)  # hs[0] = h0, hs[t + 1] = h_t
    cs = np.empty((T + 1, N, H), dtype)
    tcs = np.empty((T, N, H), dtype)  # tanh(c_t), or c_t without an output activation
    hs[0], cs[0] = h0, c0
    gate_i, gate_f, gate_g, gate_o = (A[:, :, n * H : (n + 1) * H] for n in range(4))
    squashed = [A[:, :, cols] for cols in _squashed_blocks(H, v)]
    ig = np.empty((N, H), dtype)
    hW = np.empty((N, 4 * H), dtype)  # h_{t-1} @ Wh_k of one step, written in place (no temporary per step)
    if v.peephole:  # the peephole terms enter the k-scaled pre-activations too (k = -1 for every gate)
        neg_pi, neg_pf, neg_po = -p["pi"], -p["pf"], -p["po"]
    steps = zip(A, gate_i, gate_f, gate_g, gate_o, hs[:-1], hs[1:], cs[:-1], cs[1:], tcs, *squashed)
    with np.errstate(over="ignore"):  # exp(k a) = inf for |a| > ~700 squashes to exactly 0 or 1: right
        for a, i, f, g, o, h_prev, h, c_prev, c, tc, *blocks in steps:
            np.matmul(h_prev, Wh_k, out=hW)
            a += hW
            if v.peephole:
                i += neg_pi * c_prev
                f += neg_pf * c_prev
            for blk in blocks:
                np.exp(blk, out=blk)
                blk += 1.0
                np.reciprocal(blk, out=blk)
            if v.input_activation:
                g *= 2.0
                g -= 1.0  # tanh(a) = 2 sigma(2a) - 1
            if not v.input_gate:
                i.fill(1.0)
            if v.coupled:
                np.subtract(1.0, i, out=f)
            elif not v.forget_gate:
                f.fill(1.0)
            np.multiply(f, c_prev, out=c)
            np.multiply(i, g, out=ig)
            c += ig
            if v.peephole:
                o += neg_po * c
                np.exp(o, out=o)
                o += 1.0
                np.reciprocal(o, out=o)
            if not v.output_gate:
                o.fill(1.0)
            if v.output_activation:
                np.tanh(c, out=tc)
            else:
                tc[...] = c
            np.multiply(o, tc, out=h)
    cache = {"xs_t": xs_t, "A": A, "hs": hs, "cs": cs, "tcs": tcs, "params": p, "variant": v}
    return hs[1:].swapaxes(0, 1), cs[1:].swapaxes(0, 1), cache


def lstm_gates(cache) -> dict:
    """Gate activations of a forward pass, for plots.

    Parameters
    ----------
    cache : dict
        From :func:`lstm_forward`.

    Returns
    -------
    gates : dict of (N, T, H) ndarray
        Keys ``"i", "f", "g", "o"`` (read-only views); a gate a variant drops shows its fixed value
        (1, or 1 - i for the forget gate of CIFG).
    """
    require_keys(cache, "cache", ("A", "variant"))
    A = cache["A"]
    H = A.shape[2] // 4
    out = {}
    for n, name in enumerate(GATE_ORDER):
        view = A[:, :, n * H : (n + 1) * H].swapaxes(0, 1)
        view.flags.writeable = False
        out[name] = view
    return out


def _backward_factors(cache, t0: int, t1: int, out=None) -> tuple[np.ndarray, np.ndarray]:
    """What the backward pass needs from steps t0..t1-1 that does not depend on the incoming gradient.

    Returns P (L, N, 4H) in GATE_ORDER, L = t1 - t0, with dL/da = P * dL/dc_t for the i, f, g columns and
    P * dL/dh_t for the o columns, and K (L, N, H): the part of dL/dc_t that comes through h_t is dL/dh_t * K.
    P is written into `out` (L, N, 4H) when given.
    """
    v = cache["variant"]
    A, cs, tcs = cache["A"][t0:t1], cache["cs"], cache["tcs"][t0:t1]
    H = A.shape[2] // 4
    c_prev = cs[t0:t1]
    i, f, g, o = (A[:, :, n * H : (n + 1) * H] for n in range(4))
    P = np.subtract(1.0, A, out=out)
    P *= A  # sigma'(a) = s (1 - s) in the i, f, o columns; exactly 0 where a variant fixed the gate to 1
    P_i, P_f, P_g, P_o = (P[:, :, n * H : (n + 1) * H] for n in range(4))
    P_i *= (g - c_prev) if v.coupled else g  # CIFG: f = 1 - i makes c_t depend on a_i through f as well
    if v.coupled:
        P_f.fill(0.0)  # f = 1 - i has no parameters of its own
    else:
        P_f *= c_prev
    if v.input_activation:
        np.multiply(g, g, out=P_g)
        np.subtract(1.0, P_g, out=P_g)  # tanh'(a_g) = 1 - g^2
        P_g *= i
    else:
        P_g[...] = i
    P_o *= tcs
    if v.output_activation:
        K = np.multiply(tcs, tcs)
        np.subtract(1.0, K, out=K)
        K *= o
    else:
        K = o.copy()
    return P, K


def _chunk_steps(N: int, H: int, T: int) -> int:
    """Steps per backward chunk: about 2 MB of factors, so they are still in cache when the step loop uses them
    (at least 8 steps, so that computing them stays a few large elementwise operations)."""
    return int(min(T, max(8, (2**18) // max(1, N * 4 * H))))


def lstm_backward(dhs, cache, dc_last=None, state_grads=False):
    """Backpropagation through time for :func:`lstm_forward`.

    Parameters
    ----------
    dhs : (N, T, H) ndarray
        dL/dh_t for every step, from outside the recurrence (zeros where the loss does not look).
    cache : dict
        From :func:`lstm_forward`.
    dc_last : (N, H) ndarray, optional
        dL/dc_T from outside (e.g. when the final cell state feeds a next chunk).
    state_grads : bool, default False
        Also return the whole gradients at every state (for plots of how a gradient travels back).

    Returns
    -------
    dxs : (N, T, D) ndarray
    dh0, dc0 : (N, H) ndarray
    grads : dict
        Keyed like params.
    dh_all, dc_all : (N, T, H) ndarray
        Only with ``state_grads=True``: dL/dh_t (from outside plus from step t+1) and dL/dc_t (from step t+1
        plus through h_t, and through o_t with peepholes) for t = 1..T.
    """
    require_keys(cache, "cache", ("xs_t", "A", "hs", "cs", "tcs", "params", "variant"))
    v, p = cache["variant"], cache["params"]
    hs, cs, A, xs_t = cache["hs"], cache["cs"], cache["A"], cache["xs_t"]
    T1, N, H = hs.shape
    T, D = T1 - 1, xs_t.shape[2]
    dhs = as_array(dhs, "dhs", "NTH", hs.dtype)
    require_size("N", "dhs", dhs.shape[0], "the forward pass", N)
    require_size("T", "dhs", dhs.shape[1], "the forward pass", T)
    require_size("H", "dhs", dhs.shape[2], "the forward pass", H)
    require_finite(dhs, "dhs")
    dtype = hs.dtype
    dc = state_or_zeros(dc_last, "dc_last", N, H, dtype).copy()
    dc_wide = dc[:, None, :]  # a view that follows dc's in-place updates, broadcast over the i, f, g blocks

    # Buffers allocated once per call: no temporary inside the step loop. The transposed weights are copied
    # contiguous (OpenBLAS multiplies by a contiguous matrix faster than by a transposed view).
    dA_all = np.empty((T, N, 4 * H), dtype)  # dL/da of every step, for the weight gradients after the loop
    dhs_t = dhs.swapaxes(0, 1)
    F = A[:, :, H : 2 * H]
    Wh_T = np.ascontiguousarray(p["Wh"].T)
    dh_next = np.zeros((N, H), dtype)
    dh = np.empty((N, H), dtype)
    dh_k = np.empty((N, H), dtype)
    chunk = _chunk_steps(N, H, T)
    if state_grads:
        dh_all, dc_all = np.empty((T, N, H), dtype), np.empty((T, N, H), dtype)
    for t1 in range(T, 0, -chunk):
        t0 = max(0, t1 - chunk)
        dA, K = _backward_factors(cache, t0, t1, out=dA_all[t0:t1])  # the factors P, dL/da in place
        dA_ifg = dA[:, :, : 3 * H].reshape(t1 - t0, N, 3, H)  # the columns driven by dL/dc_t
        dA_o = dA[:, :, 3 * H :]  # the columns driven by dL/dh_t
        steps = zip(range(t1 - 1, t0 - 1, -1), dhs_t[t0:t1][::-1], dA[::-1], dA_ifg[::-1], dA_o[::-1], K[::-1],
                    F[t0:t1][::-1])
        for t, dh_out, da, da_ifg, da_o, k_t, f_t in steps:
            np.add(dh_out, dh_next, out=dh)
            da_o *= dh
            np.multiply(dh, k_t, out=dh_k)
            dc += dh_k
            if v.peephole:
                dc += p["po"] * da_o  # o_t looked at c_t
            if state_grads:
                dh_all[t], dc_all[t] = dh, dc
            da_ifg *= dc_wide
            dc *= f_t  # now dL/dc_{t-1} along the cell path
            if v.peephole:
                dc += p["pi"] * da[:, :H] + p["pf"] * da[:, H : 2 * H]
            np.matmul(da, Wh_T, out=dh_next)
    # The weight gradients and dL/dx as a few large products over every step at once.
    flat = dA_all.reshape(T * N, 4 * H)
    grads = {"Wx": xs_t.reshape(T * N, D).T @ flat, "Wh": hs[:-1].reshape(T * N, H).T @ flat,
             "b": flat.sum(axis=0)}
    dxs = (flat @ np.ascontiguousarray(p["Wx"].T)).reshape(T, N, D)
    if v.peephole:
        grads["pi"] = np.einsum("tnh,tnh->h", dA_all[:, :, :H], cs[:-1])
        grads["pf"] = np.einsum("tnh,tnh->h", dA_all[:, :, H : 2 * H], cs[:-1])
        grads["po"] = np.einsum("tnh,tnh->h", dA_all[:, :, 3 * H :], cs[1:])
    grads = {name: grads[name] if name in grads else np.zeros_like(p[name]) for name in p}
    if state_grads:
        return dxs.swapaxes(0, 1), dh_next, dc, grads, dh_all.swapaxes(0, 1), dc_all.swapaxes(0, 1)
    return dxs.swapaxes(0, 1), dh_next, dc, grads


def lstm_truncated_bptt(xs, params, window: int, loss_grad, h0=None, c0=None, variant="standard"):
    """Truncated BPTT for the LSTM: windows of `window` steps; the states (h, c) are carried across, the gradient
    is not.

    The LSTM's counterpart of :func:`helpers.rnn.rnn_truncated_bptt`: each window starts from the (h, c) the
    previous one ended in, passed as plain arrays, and the dh0, dc0 that :func:`lstm_backward` returns for them
    are dropped. Only one window's cache is alive at a time.

    Parameters
    ----------
    xs : (N, T, D) ndarray
    params : dict
        As for :func:`lstm_forward`.
    window : int
        Steps per window; ``window >= T`` is full BPTT.
    loss_grad : callable
        ``loss_grad(hs, t0) -> (loss, dhs)`` for the hidden states ``hs`` (N, L, H) of the window starting at t0.
    h0, c0 : (N, H) ndarray, optional
        Initial states; None means zeros.
    variant : LSTMVariant or str, default "standard"

    Returns
    -------
    loss : float
        Sum of the windows' losses.
    grads : dict
        Sum of the windows' parameter gradients.
    h_last, c_last : (N, H) ndarray
        The final states.
    """
    window = require_positive_int(window, "window")
    xs = as_array(xs, "xs", "NTD")
    total, grads, h, c = 0.0, None, h0, c0
    for t0 in range(0, xs.shape[1], window):
        hs, cs, cache = lstm_forward(xs[:, t0 : t0 + window], h, c, params, variant)
        loss, dhs = loss_grad(hs, t0)
        _, _, _, window_grads = lstm_backward(dhs, cache)  # dh0 and dc0 are dropped: the cut
        total += float(loss)
        grads = window_grads if grads is None else {k: grads[k] + window_grads[k] for k in grads}
        h, c = hs[:, -1].copy(), cs[:, -1].copy()  # the values go on, the gradient does not
    return total, grads, h, c
