"""Checkers for the GRU step, forward and backward, in either convention (notebook 10), against helpers.gru."""

from __future__ import annotations

import numpy as np

from helpers.activations import sigmoid
from helpers.check._core import (
    Report,
    Stop,
    array,
    block,
    call,
    close,
    compose,
    differing,
    first_match,
    gate_names,
    grads_dict,
    majority,
    passed,
    quiet,
    require_lang,
    say,
    unpack,
)
from helpers.gru import GATE_ORDER
from helpers.gru import gru_step_backward as reference_backward
from helpers.gru import gru_step_forward as reference_forward

SIZES = ((2, 5, 3), (3, 4, 5), (2, 6, 4))  # N < D (x^T keeps a wrong gate block visible), D != H
BACKWARD_OUTPUTS = ("dx", "dh_prev", "dWx", "dWh", "dbx", "dbh")
CONSTANTS = (0.7, -1.2)  # two constant pre-activations for a probed gate


def _case(seed, N, D, H, reset_after):
    rng = np.random.default_rng(200 + seed)
    params = {"Wx": rng.normal(0, 0.5, (D, 3 * H)), "Wh": rng.normal(0, 0.5, (H, 3 * H)),
              "bx": rng.normal(0, 0.5, 3 * H), "bh": rng.normal(0, 0.5, 3 * H)}
    x, h_prev, dh = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    h, cache = reference_forward(x, h_prev, params, reset_after)
    return {"params": params, "x": x, "h_prev": h_prev, "h": h, "dh": dh, "cache": cache, "N": N, "D": D, "H": H,
            "reset_after": reset_after}


def _cases(reset_after):
    return [_case(seed, *size, reset_after) for seed, size in enumerate(SIZES)]


def _convention(lang, reset_after):
    return say(lang, "convention", convention=say(lang, "reset_after" if reset_after else "reset_before"))


def _other_convention(causes, reset_after):
    """The cause entries for compose(): the other convention's cause needs to say which one that is."""
    return [("gru_other_convention", {"other": "reset_after=" + str(not reset_after), "flag": not reset_after})
            if c == "gru_other_convention" else c for c in causes]


def _compose_other(lang, causes, reset_after):
    out = []
    for c in _other_convention(causes, reset_after):
        if isinstance(c, tuple):
            other = say(lang, "reset_before" if reset_after else "reset_after")
            out.append(("gru_other_convention", {"other": other, "flag": c[1]["flag"]}))
        else:
            out.append(c)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Backward: fn(dh, x, h_prev, r, z, n, params) -> (dx, dh_prev, grads), grads keyed Wx, Wh, bx, bh
# ---------------------------------------------------------------------------------------------------------------


def _with(params, **weights):
    return {**params, **{k: v for k, v in weights.items() if v is not None}}


def _backward_args(case, Wx=None):
    c = case["cache"]
    return (case["dh"], case["x"], case["h_prev"], c["r"], c["z"], c["n"], _with(case["params"], Wx=Wx))


def _backward_reference(case, Wx=None):
    cache = {**case["cache"], "params": _with(case["cache"]["params"], Wx=Wx)}
    dx, dh_prev, grads = reference_backward(case["dh"], cache)
    return {"dx": dx, "dh_prev": dh_prev, **{"d" + k: v for k, v in grads.items()}}


def _backward_outputs(fn, case, lang, Wx=None):
    N, D, H = case["N"], case["D"], case["H"]
    dx, dh_prev, grads = unpack(call(fn, _backward_args(case, Wx), lang), ("dx", "dh_prev", "grads"), lang)
    out = {"dx": array(dx, "dx", (N, D), lang), "dh_prev": array(dh_prev, "dh_prev", (N, H), lang)}
    out.update(grads_dict(grads, {"Wx": (D, 3 * H), "Wh": (H, 3 * H), "bx": (3 * H,), "bh": (3 * H,)}, lang))
    return out


def _mistaken_backward(mistake, reset_after):
    after = (not reset_after) if mistake == "gru_other_convention" else reset_after

    def step(dh, x, h_prev, r, z, n, p):
        H = h_prev.shape[1]
        Wh_n, bh_n = p["Wh"][:, 2 * H:], p["bh"][2 * H:]
        swapped = mistake == "gru_z_swapped"
        dn = dh * (z if swapped else 1 - z)
        dz = dh * ((n - h_prev) if swapped else (h_prev - n))
        dh_prev = 0 * dh if mistake == "gru_no_direct_path" else dh * ((1 - z) if swapped else z)
        da_n = dn * (n * (1 - n) if mistake == "gru_sigma_for_tanh" else 1 - n**2)
        da_z = dz * z * (1 - z)
        if after:
            dr = da_n * (h_prev @ Wh_n + bh_n)
            dhn = da_n * r
            dWh_n, dbh_n = h_prev.T @ dhn, dhn.sum(axis=0)
            dh_prev = dh_prev + dhn @ Wh_n.T
        else:
            drh = da_n @ Wh_n.T
            dr = drh * h_prev
            dWh_n, dbh_n = (r * h_prev).T @ da_n, da_n.sum(axis=0)
            dh_prev = dh_prev + drh * r
        da_r = dr * r * (1 - r)
        da_x, da_rz = np.concatenate([da_r, da_z, da_n], axis=1), np.concatenate([da_r, da_z], axis=1)
        dh_prev = dh_prev + da_rz @ p["Wh"][:, :2 * H].T
        return da_x @ p["Wx"].T, dh_prev, {"Wx": x.T @ da_x, "bx": da_x.sum(axis=0),
                                           "Wh": np.concatenate([h_prev.T @ da_rz, dWh_n], axis=1),
                                           "bh": np.concatenate([da_rz.sum(axis=0), dbh_n])}

    return step


def _r_follows_n(case, mine) -> bool:
    """Whether the learner's δa_r is what the declared convention makes of the learner's own δa_n. Both are read
    from dWx = x^T δa, which x^T (D > N) maps one to one."""
    H, c, p = case["H"], case["cache"], case["params"]
    da = np.linalg.lstsq(case["x"].T, mine["dWx"], rcond=None)[0]
    da_r, da_n = da[:, :H], da[:, 2 * H:]
    if case["reset_after"]:
        expected = da_n * (case["h_prev"] @ p["Wh"][:, 2 * H:] + p["bh"][2 * H:])
    else:
        expected = (da_n @ p["Wh"][:, 2 * H:].T) * case["h_prev"]
    return close(da_r, expected * c["r"] * (1 - c["r"]))


BACKWARD_MISTAKES = ("gru_other_convention", "gru_z_swapped", "gru_sigma_for_tanh", "gru_no_direct_path")


@quiet
def gru_step_backward(fn, reset_after: bool = False, lang: str = "en"):
    """Check a learner's backward GRU step against :func:`helpers.gru.gru_step_backward`.

    Parameters
    ----------
    fn : callable
        ``fn(dh, x, h_prev, r, z, n, params) -> (dx, dh_prev, grads)``: ``r, z, n`` are the forward step's gates,
        ``params`` is ``{"Wx", "Wh", "bx", "bh"}`` with blocks r, z, n; ``grads`` is keyed like ``params``.
    reset_after : bool
        The convention the learner's function follows (False: Cho et al.; True: PyTorch); the report says it.
    lang : {"en", "ja"}

    Returns
    -------
    Report
        ``wrong_gates`` ⊆ {"r", "z", "n"}, ``wrong_outputs`` ⊆ {"dx", "dh_prev", "dWx", "dWh", "dbx", "dbh"}.
    """
    lang = require_lang(lang)
    reset_after = bool(reset_after)
    cases = _cases(reset_after)
    convention = _convention(lang, reset_after)
    try:
        mine = [_backward_outputs(fn, case, lang) for case in cases]
    except Stop as s:
        return s.report
    refs = [_backward_reference(case) for case in cases]
    wrong_outputs = differing(mine, refs, BACKWARD_OUTPUTS)
    if not wrong_outputs:
        return passed(lang, "helpers.gru.gru_step_backward", len(cases), [convention])
    gates = set()
    for case, m, r in zip(cases, mine, refs):
        H = case["H"]
        probes = []
        try:
            for k in range(3):
                W = case["params"]["Wx"].copy()
                W[:, [j for j in range(3 * H) if not k * H <= j < (k + 1) * H]] = 0.0
                probes.append(not close(_backward_outputs(fn, case, lang, Wx=W)["dx"],
                                        _backward_reference(case, Wx=W)["dx"]))
        except Stop:
            probes = []
        for k, gate in enumerate(GATE_ORDER):
            votes = [not close(block(m[s], k, H), block(r[s], k, H)) for s in ("dWx", "dbx")]
            votes += probes[k:k + 1]
            if majority(votes):
                gates.add(gate)
    if {"r", "n"} <= gates and all(_r_follows_n(case, m) for case, m in zip(cases, mine)):
        gates.discard("r")  # r's gradient is built from n's: wrong only as a consequence
    wrong_gates = [g for g in GATE_ORDER if g in gates]

    def mutant_reference(index, mutant):
        dx, dh_prev, grads = mutant(*_backward_args(cases[index]))
        return {"dx": dx, "dh_prev": dh_prev, **{"d" + k: v for k, v in grads.items()}}

    causes = first_match(mine, {m: _mistaken_backward(m, reset_after) for m in BACKWARD_MISTAKES}, mutant_reference)
    wrong = [n for n in BACKWARD_OUTPUTS if n in wrong_outputs]
    if wrong_gates:
        sentence = say(lang, "wrong_gates_backward", gates=gate_names(lang, wrong_gates))
    else:
        sentence = say(lang, "no_gate", names=", ".join(wrong))
    message = compose(lang, wrong_outputs, BACKWARD_OUTPUTS, sentence, _compose_other(lang, causes, reset_after),
                      [convention])
    return Report(False, frozenset(wrong_gates), frozenset(wrong_outputs), frozenset(causes), message, "values")


# ---------------------------------------------------------------------------------------------------------------
# Forward: fn(x, h_prev, params) -> h
# ---------------------------------------------------------------------------------------------------------------


def _forward(fn, case, lang, params=None):
    N, H = case["N"], case["H"]
    (h,) = unpack(call(fn, (case["x"], case["h_prev"], case["params"] if params is None else params), lang), ("h",),
                  lang)
    return array(h, "h", (N, H), lang)


def _constant_block(params, k, H, value, recurrent_too=True):
    """Gate block k with zero weights, bx = value and bh = 0: its pre-activation is `value` everywhere."""
    p = {name: w.copy() for name, w in params.items()}
    cols = slice(k * H, (k + 1) * H)
    p["Wx"][:, cols], p["Wh"][:, cols], p["bx"][cols], p["bh"][cols] = 0.0, 0.0, value, 0.0
    return p


def _forward_gates(fn, case, lang):
    """Which of r, z, n is wrong, read off the learner's h: z from h while n is held at two known constants; n from
    h while z is held at two constants and the candidate does not see h_{t−1} (so r has no effect); r by whether
    n then goes wrong only once the candidate sees h_{t−1}."""
    H, cache, h_prev, params = case["H"], case["cache"], case["h_prev"], case["params"]
    n_runs = [_forward(fn, case, lang, _constant_block(params, 2, H, v)) for v in CONSTANTS]
    t1, t2 = np.tanh(CONSTANTS)
    z_hat = 1 - (n_runs[0] - n_runs[1]) / (t1 - t2)
    consistent = close(n_runs[0], (1 - z_hat) * t1 + z_hat * h_prev)
    free = {k: v.copy() for k, v in params.items()}  # the candidate without h_{t-1}: r has no effect on it
    free["Wh"][:, 2 * H:], free["bh"][2 * H:] = 0.0, 0.0
    n_free = reference_forward(case["x"], h_prev, free, case["reset_after"])[1]["n"]
    z_runs = [_forward(fn, case, lang, _constant_block(free, 1, H, v)) for v in CONSTANTS]
    n_hat = [(h - sigmoid(v) * h_prev) / (1 - sigmoid(v)) for h, v in zip(z_runs, CONSTANTS)]
    z_function_ok = close(n_hat[0], n_hat[1])
    z_value_ok = consistent and close(z_hat, cache["z"])
    wrong = set()
    if not z_function_ok or (consistent and not z_value_ok):
        wrong.add("z")
    if z_function_ok:
        if not close(n_hat[0], n_free):
            wrong.add("n")
        elif consistent:
            n_full = (_forward(fn, case, lang) - z_hat * h_prev) / (1 - z_hat)
            if not close(n_full, cache["n"]):
                wrong.add("r")
    elif not consistent:
        wrong.add("n")
    return wrong


def _mistaken_forward(mistake, reset_after):
    after = (not reset_after) if mistake == "gru_other_convention" else reset_after

    def step(x, h, p):
        H = h.shape[1]
        ax, ah = x @ p["Wx"] + p["bx"], h @ p["Wh"] + p["bh"]
        r, z = sigmoid(ax[:, :H] + ah[:, :H]), sigmoid(ax[:, H:2 * H] + ah[:, H:2 * H])
        inner = r * ah[:, 2 * H:] if after else (r * h) @ p["Wh"][:, 2 * H:] + p["bh"][2 * H:]
        n = (sigmoid if mistake == "gru_sigmoid_n" else np.tanh)(ax[:, 2 * H:] + inner)
        return z * n + (1 - z) * h if mistake == "gru_z_swapped" else (1 - z) * n + z * h

    return step


FORWARD_MISTAKES = ("gru_other_convention", "gru_z_swapped")


@quiet
def gru_step_forward(fn, reset_after: bool = False, lang: str = "en"):
    """Check a learner's forward GRU step against :func:`helpers.gru.gru_step_forward`.

    Parameters
    ----------
    fn : callable
        ``fn(x, h_prev, params) -> h`` with ``params`` ``{"Wx", "Wh", "bx", "bh"}``, blocks r, z, n.
    reset_after : bool
        The convention the learner's function follows (False: Cho et al.; True: PyTorch); the report says it.
    lang : {"en", "ja"}

    Returns
    -------
    Report
        ``wrong_gates`` ⊆ {"r", "z", "n"}, ``wrong_outputs`` ⊆ {"h"}.
    """
    lang = require_lang(lang)
    reset_after = bool(reset_after)
    cases = _cases(reset_after)
    convention = _convention(lang, reset_after)
    try:
        mine = [_forward(fn, case, lang) for case in cases]
    except Stop as s:
        return s.report
    if all(close(m, case["h"]) for m, case in zip(mine, cases)):
        return passed(lang, "helpers.gru.gru_step_forward", len(cases), [convention])
    found = set()
    for case in cases:
        try:
            found |= _forward_gates(fn, case, lang)
        except Stop:
            pass
    wrong_gates = [g for g in GATE_ORDER if g in found]

    def mutant_reference(index, mutant):
        case = cases[index]
        return {"h": mutant(case["x"], case["h_prev"], case["params"])}

    causes = first_match([{"h": m} for m in mine], {m: _mistaken_forward(m, reset_after) for m in FORWARD_MISTAKES},
                         mutant_reference)
    sentence = (say(lang, "wrong_gates_forward", gates=gate_names(lang, wrong_gates)) if wrong_gates
                else say(lang, "gru_h_line"))
    message = compose(lang, {"h"}, ("h",), sentence, _compose_other(lang, causes, reset_after), [convention])
    return Report(False, frozenset(wrong_gates), frozenset({"h"}), frozenset(causes), message, "values")
