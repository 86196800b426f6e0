"""Checker for one step of BPTT in a tanh RNN (notebook 01), against helpers.rnn."""

from __future__ import annotations

import numpy as np

from helpers.check._core import (
    Report,
    Stop,
    array,
    call,
    close,
    compose,
    differing,
    first_match,
    grads_dict,
    majority,
    passed,
    quiet,
    require_lang,
    say,
    unpack,
)
from helpers.rnn import rnn_backward, rnn_forward

SIZES = ((2, 5, 3), (3, 4, 5), (2, 6, 4))  # N < D, N < H: x^T and h_{t-1}^T keep a wrong delta visible; D != H
OUTPUTS = ("dh_prev", "dWx", "dWh", "db")


def _case(seed, N, D, H):
    rng = np.random.default_rng(100 + seed)
    params = {"Wx": rng.normal(0, 0.5, (D, H)), "Wh": rng.normal(0, 0.5, (H, H)), "b": rng.normal(0, 0.5, H)}
    x, h_prev, dh = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    hs, cache = rnn_forward(x[:, None], h_prev, params, "tanh")
    return {"params": params, "x": x, "h_prev": h_prev, "h": hs[:, 0], "dh": dh, "cache": cache, "N": N, "D": D,
            "H": H}


def _reference(case, Wh=None):
    cache = case["cache"]
    if Wh is not None:
        cache = {**cache, "params": {**cache["params"], "Wh": Wh}}
    _, dh_prev, grads = rnn_backward(case["dh"][:, None], cache)
    return {"dh_prev": dh_prev, "dWx": grads["Wx"], "dWh": grads["Wh"], "db": grads["b"]}


def _args(case, Wh=None):
    return (case["dh"], case["x"], case["h_prev"], case["h"], case["params"]["Wx"],
            case["params"]["Wh"] if Wh is None else Wh)


def _outputs(fn, case, lang, Wh=None):
    N, D, H = case["N"], case["D"], case["H"]
    dh_prev, grads = unpack(call(fn, _args(case, Wh), lang), ("dh_prev", "grads"), lang)
    out = {"dh_prev": array(dh_prev, "dh_prev", (N, H), lang)}
    out.update(grads_dict(grads, {"Wx": (D, H), "Wh": (H, H), "b": (H,)}, lang))
    return out


def _mistaken(mistake):
    def step(dh, x, h_prev, h, Wx, Wh):
        derivative = {"rnn_sigma_for_tanh": h * (1 - h), "rnn_h_prev_for_h": 1 - h_prev**2,
                      "rnn_no_derivative": np.ones_like(h)}.get(mistake, 1 - h**2)
        delta = dh * derivative
        dh_prev = delta @ (Wh if mistake == "rnn_transpose" else Wh.T)
        return dh_prev, {"Wx": x.T @ delta, "Wh": h_prev.T @ delta, "b": delta.sum(axis=0)}

    return step


MISTAKES = ("rnn_sigma_for_tanh", "rnn_h_prev_for_h", "rnn_no_derivative", "rnn_transpose")


@quiet
def rnn_step_backward(fn, lang: str = "en"):
    """Check a learner's step of BPTT through h_t = tanh(x_t W_x + h_{t−1} W_h + b) (notebook 01).

    Parameters
    ----------
    fn : callable
        ``fn(dh, x, h_prev, h, Wx, Wh) -> (dh_prev, grads)``: ``dh`` is ∂L/∂h_t (N, H), ``h`` the step's output
        h_t; ``grads`` keyed ``"Wx"``, ``"Wh"``, ``"b"``.
    lang : {"en", "ja"}

    Returns
    -------
    Report
        ``wrong_gates`` ⊆ {"u"} (δ = ∂L/∂u_t, the gradient at the pre-activation), ``wrong_outputs`` ⊆
        {"dh_prev", "dWx", "dWh", "db"}.
    """
    lang = require_lang(lang)
    cases = [_case(seed, *size) for seed, size in enumerate(SIZES)]
    try:
        mine = [_outputs(fn, case, lang) for case in cases]
    except Stop as s:
        return s.report
    refs = [_reference(case) for case in cases]
    wrong_outputs = differing(mine, refs, OUTPUTS)
    if not wrong_outputs:
        return passed(lang, "helpers.rnn.rnn_backward", len(cases))
    # delta is seen through dWx, dWh, db, and through dh_prev when W_h is the identity (then dh_prev = delta)
    delta_wrong = False
    for case, m, r in zip(cases, mine, refs):
        votes = [not close(m[n], r[n]) for n in ("dWx", "dWh", "db")]
        eye = np.eye(case["H"])
        try:
            votes.append(not close(_outputs(fn, case, lang, Wh=eye)["dh_prev"], _reference(case, Wh=eye)["dh_prev"]))
        except Stop:
            pass
        delta_wrong |= majority(votes)

    def mutant_reference(index, mutant):
        dh_prev, grads = mutant(*_args(cases[index]))
        return {"dh_prev": dh_prev, "dWx": grads["Wx"], "dWh": grads["Wh"], "db": grads["b"]}

    causes = first_match(mine, {name: _mistaken(name) for name in MISTAKES}, mutant_reference)
    wrong = [n for n in OUTPUTS if n in wrong_outputs]
    sign = [] if causes else [n for n in wrong if all(close(-m[n], r[n]) for m, r in zip(mine, refs))]
    sentence = say(lang, "wrong_u") if delta_wrong else say(lang, "no_gate", names=", ".join(wrong))
    extra = [say(lang, "sign", names=", ".join(sign))] if sign else []
    return Report(False, frozenset({"u"} if delta_wrong else ()), frozenset(wrong_outputs),
                  frozenset(causes + (["sign"] if sign else [])),
                  compose(lang, wrong_outputs, OUTPUTS, sentence, causes, extra), "values")
