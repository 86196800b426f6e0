"""Checkers for the LSTM step: forward (notebook 06) and backward (notebook 09), against helpers.lstm."""

from __future__ import annotations

import numpy as np

from helpers.activations import sigmoid, tanh
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
from helpers.lstm import GATE_ORDER
from helpers.lstm import lstm_step_backward as reference_backward
from helpers.lstm import lstm_step_forward as reference_forward

# N < D and N < H, so x^T and h_{t-1}^T map a wrong gate block to a wrong weight-gradient block; D != H, so a
# swapped or transposed weight shows in a shape.
SIZES = ((2, 5, 3), (3, 4, 5), (2, 6, 4))
BACKWARD_OUTPUTS = ("dx", "dh_prev", "dc_prev", "dWx", "dWh", "db")


def _case(seed: int, N: int, D: int, H: int) -> dict:
    """A forward step with random weights and biases (every gate away from saturation) and random dh, dc."""
    rng = np.random.default_rng(seed)
    params = {"Wx": rng.normal(0, 0.5, (D, 4 * H)), "Wh": rng.normal(0, 0.5, (H, 4 * H)),
              "b": rng.normal(0, 0.5, 4 * H)}
    x, h_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    c_prev = rng.choice([-1.0, 1.0], (N, H)) * rng.uniform(0.5, 2.0, (N, H))  # far from 0: probes divide by it
    h, c, cache = reference_forward(x, h_prev, c_prev, params)
    return {"params": params, "x": x, "h_prev": h_prev, "c_prev": c_prev, "cache": cache, "h": h, "c": c,
            "dh": rng.normal(size=(N, H)), "dc": rng.normal(size=(N, H)), "N": N, "D": D, "H": H}


def _cases():
    return [_case(seed, *size) for seed, size in enumerate(SIZES)]


# ---------------------------------------------------------------------------------------------------------------
# Backward (notebook 09): fn(dh, dc, x, h_prev, c_prev, i, f, g, o, c, Wx, Wh) -> (dx, dh_prev, dc_prev, grads)
# ---------------------------------------------------------------------------------------------------------------


def _mistaken_backward(mistake):
    """One step back as the learner writes it, with one named mistake (None: no mistake). Used to name causes."""

    def step(dh, dc, x, h_prev, c_prev, i, f, g, o, c, Wx, Wh):
        tc = np.tanh(c)
        dc_in = dc
        if mistake == "sigma_for_tanh_c":
            dc = dc + dh * o * tc * (1 - tc)
        elif mistake != "missing_h_path":
            dc = dc + dh * o * (1 - tc**2)
        da_i = dc * g * i * (1 - i)
        da_f = dc * (c if mistake == "c_for_c_prev" else c_prev) * f * (1 - f)
        da_g = dc * i * (g * (1 - g) if mistake == "sigma_for_tanh_g" else 1 - g**2)
        da_o = dh * (c if mistake == "missing_tanh_o" else tc) * o * (1 - o)
        blocks = [da_f, da_g, da_i, da_o] if mistake == "dlfs2_order" else [da_i, da_f, da_g, da_o]
        da = np.concatenate(blocks, axis=1)
        dc_prev = dc if mistake == "cell_path_without_f" else (dc_in if mistake == "cell_path_before_h" else dc) * f
        return da @ Wx.T, da @ Wh.T, dc_prev, {"Wx": x.T @ da, "Wh": h_prev.T @ da, "b": da.sum(axis=0)}

    return step


BACKWARD_MISTAKES = ("missing_h_path", "sigma_for_tanh_c", "sigma_for_tanh_g", "c_for_c_prev", "cell_path_without_f",
                     "cell_path_before_h", "dlfs2_order", "missing_tanh_o")


def _backward_args(case, Wx=None, Wh=None):
    cache = case["cache"]
    return (case["dh"], case["dc"], case["x"], case["h_prev"], case["c_prev"], *(cache[k] for k in "ifgoc"),
            case["params"]["Wx"] if Wx is None else Wx, case["params"]["Wh"] if Wh is None else Wh)


def _backward_reference(case, Wx=None, Wh=None) -> dict:
    cache = dict(case["cache"])
    cache["params"] = {**cache["params"], **({} if Wx is None else {"Wx": Wx}), **({} if Wh is None else {"Wh": Wh})}
    dx, dh_prev, dc_prev, grads = reference_backward(case["dh"], case["dc"], cache)
    return {"dx": dx, "dh_prev": dh_prev, "dc_prev": dc_prev, "dWx": grads["Wx"], "dWh": grads["Wh"], "db": grads["b"]}


def _backward_outputs(fn, case, lang, Wx=None, Wh=None) -> dict:
    N, D, H = case["N"], case["D"], case["H"]
    dx, dh_prev, dc_prev, grads = unpack(call(fn, _backward_args(case, Wx, Wh), lang),
                                         ("dx", "dh_prev", "dc_prev", "grads"), lang)
    out = {"dx": array(dx, "dx", (N, D), lang), "dh_prev": array(dh_prev, "dh_prev", (N, H), lang),
           "dc_prev": array(dc_prev, "dc_prev", (N, H), lang)}
    out.update(grads_dict(grads, {"Wx": (D, 4 * H), "Wh": (H, 4 * H), "b": (4 * H,)}, lang))
    return out


def _masked(W, k, H):
    masked = np.zeros_like(W)
    masked[:, k * H:(k + 1) * H] = W[:, k * H:(k + 1) * H]
    return masked


def _gate_votes(fn, case, mine, ref, lang, blocks=GATE_ORDER, probes=(("Wx", "dx"), ("Wh", "dh_prev")),
                sums=("dWx", "dWh", "db"), outputs=_backward_outputs, reference=_backward_reference):
    """Which gate blocks are wrong, by majority over independent views of the learner's pre-activation gradient:
    the blocks of each weight gradient, and dx, dh_prev when only one gate's weights are passed in."""
    H = case["H"]
    wrong = set()
    probe_views = {}
    for weight, name in probes:
        views = []
        for k in range(len(blocks)):
            W = _masked(case["params"][weight], k, H)
            try:
                views.append(not close(outputs(fn, case, lang, **{weight: W})[name],
                                       reference(case, **{weight: W})[name]))
            except Stop:
                views = None
                break
        if views is not None:
            probe_views[name] = views
    for k, gate in enumerate(blocks):
        votes = [not close(block(mine[s], k, H), block(ref[s], k, H)) for s in sums]
        votes += [v[k] for v in probe_views.values()]
        if majority(votes):
            wrong.add(gate)
    return wrong


def _signs(mine_all, ref_all, names) -> list[str]:
    return [n for n in names if all(close(-m[n], r[n]) and not close(m[n], r[n]) for m, r in zip(mine_all, ref_all))]


@quiet
def lstm_step_backward(fn, lang: str = "en"):
    """Check a learner's backward LSTM step (notebook 09) against :func:`helpers.lstm.lstm_step_backward`.

    Parameters
    ----------
    fn : callable
        ``fn(dh, dc, x, h_prev, c_prev, i, f, g, o, c, Wx, Wh) -> (dx, dh_prev, dc_prev, grads)``, ``grads`` keyed
        ``"Wx"``, ``"Wh"``, ``"b"``, gate blocks in the order i, f, g, o.
    lang : {"en", "ja"}

    Returns
    -------
    Report
        ``wrong_gates`` ⊆ {"i", "f", "g", "o"}: blocks whose pre-activation gradient is wrong; ``wrong_outputs`` ⊆
        {"dx", "dh_prev", "dc_prev", "dWx", "dWh", "db"}.

    Examples
    --------
    >>> def step_backward(dh, dc, x, h_prev, c_prev, i, f, g, o, c, Wx, Wh):
    ...     raise NotImplementedError
    >>> lstm_step_backward(step_backward).problem
    'not_written'
    """
    lang = require_lang(lang)
    cases = _cases()
    try:
        mine = [_backward_outputs(fn, case, lang) for case in cases]
    except Stop as s:
        return s.report
    refs = [_backward_reference(case) for case in cases]
    wrong_outputs = differing(mine, refs, BACKWARD_OUTPUTS)
    if not wrong_outputs:
        return passed(lang, "helpers.lstm.lstm_step_backward", len(cases))
    gates = set()
    for case, m, r in zip(cases, mine, refs):
        try:
            gates |= _gate_votes(fn, case, m, r, lang)
        except Stop:
            pass
    wrong_gates = [g for g in GATE_ORDER if g in gates]
    patterns = {name: _mistaken_backward(name) for name in BACKWARD_MISTAKES}

    def mutant_reference(index, mutant):
        out = mutant(*_backward_args(cases[index]))
        return {"dx": out[0], "dh_prev": out[1], "dc_prev": out[2], "dWx": out[3]["Wx"], "dWh": out[3]["Wh"],
                "db": out[3]["b"]}

    causes = first_match(mine, patterns, mutant_reference)
    sign = _signs(mine, refs, [n for n in BACKWARD_OUTPUTS if n in wrong_outputs]) if not causes else []
    if not causes and not sign:  # a gate's whole pre-activation gradient negated shows in its block of dWx
        sign = [f"δa_{g}" for k, g in enumerate(GATE_ORDER) if g in wrong_gates
                and all(close(-block(m["dWx"], k, c["H"]), block(r["dWx"], k, c["H"]))
                        for m, r, c in zip(mine, refs, cases))]
    extra = [say(lang, "sign", names=", ".join(sign))] if sign else []
    if wrong_gates:
        sentence = say(lang, "wrong_gates_backward", gates=gate_names(lang, wrong_gates))
    else:
        sentence = say(lang, "no_gate", names=", ".join(n for n in BACKWARD_OUTPUTS if n in wrong_outputs))
    return _report(wrong_gates, wrong_outputs, causes + (["sign"] if sign else []),
                   compose(lang, wrong_outputs, BACKWARD_OUTPUTS, sentence, causes, extra))


def _report(wrong_gates, wrong_outputs, causes, message):
    return Report(False, frozenset(wrong_gates), frozenset(wrong_outputs), frozenset(causes), message, "values")


# ---------------------------------------------------------------------------------------------------------------
# Forward (notebook 06): fn(x, h_prev, c_prev, Wx, Wh, b) -> (h, c) (further returned values are ignored)
# ---------------------------------------------------------------------------------------------------------------

FORWARD_OUTPUTS = ("h", "c")
BETAS = (0.7, -1.2)  # two constant pre-activations for a probed gate


def _forward(fn, case, lang, c_prev=None, params=None) -> dict:
    p = case["params"] if params is None else params
    c0 = case["c_prev"] if c_prev is None else c_prev
    N, H = case["N"], case["H"]
    h, c = unpack(call(fn, (case["x"], case["h_prev"], c0, p["Wx"], p["Wh"], p["b"]), lang), ("h", "c"), lang,
                  at_least=True)
    return {"h": array(h, "h", (N, H), lang), "c": array(c, "c", (N, H), lang)}


def _constant_gate(params, k, H, value):
    """The gate block k with zero weights and bias `value`: its pre-activation is `value` everywhere."""
    p = {name: w.copy() for name, w in params.items()}
    p["Wx"][:, k * H:(k + 1) * H] = 0.0
    p["Wh"][:, k * H:(k + 1) * H] = 0.0
    p["b"][k * H:(k + 1) * H] = value
    return p


def _forward_gates(fn, case, lang) -> set:
    """Which of i, f, g, o the learner computes wrong, each read off the learner's own (h, c):

    f from how c moves with c_{t-1}; i (g) from c with c_{t-1} = 0 while g (i) is held at two known constants;
    o likewise from h. A gate whose probe does not scale like its activation is wrong as a function; one that does
    but gives other values has a wrong pre-activation."""
    H, cache = case["H"], case["cache"]
    zero = np.zeros_like(case["c_prev"])
    full, at_zero = _forward(fn, case, lang), _forward(fn, case, lang, c_prev=zero)
    wrong = set()
    if not close((full["c"] - at_zero["c"]) / case["c_prev"], cache["f"]):
        wrong.add("f")
    act = {"i": sigmoid, "g": tanh, "o": sigmoid}
    scaled = {}
    for gate in ("i", "g", "o"):
        k = GATE_ORDER.index(gate)
        runs = [_forward(fn, case, lang, c_prev=zero if gate != "o" else None,
                         params=_constant_gate(case["params"], k, H, beta)) for beta in BETAS]
        key = "h" if gate == "o" else "c"
        scaled[gate] = [run[key] / act[gate](beta) for run, beta in zip(runs, BETAS)]
        scaled[gate + "_c"] = runs[0]["c"]
    # right as a function of its own block: the output scales like the activation, and does not vanish
    ok = {gate: close(scaled[gate][0], scaled[gate][1]) and not close(scaled[gate][0], 0 * scaled[gate][0])
          for gate in ("i", "g", "o")}
    # i held constant leaves the learner's g; g held constant leaves i
    if not ok["i"] or (ok["g"] and not close(scaled["g"][0], cache["i"])):
        wrong.add("i")
    if not ok["g"] or (ok["i"] and not close(scaled["i"][0], cache["g"])):
        wrong.add("g")
    readout_ok = close(scaled["o"][0], np.tanh(scaled["o_c"]))
    if not ok["o"] or (readout_ok and not close(full["h"] / np.tanh(full["c"]), cache["o"])):
        wrong.add("o")
    return wrong | ({"h_line"} if ok["o"] and not readout_ok else set())


def _mistaken_forward(mistake):
    def step(x, h_prev, c_prev, Wx, Wh, b):
        H = h_prev.shape[1]
        a = x @ Wx + h_prev @ Wh + b
        order = (2, 0, 1, 3) if mistake == "lstm_forward_dlfs2_order" else (0, 1, 2, 3)  # f, g, i, o read as i, f, g, o
        a_i, a_f, a_g, a_o = (a[:, order[k] * H:(order[k] + 1) * H] for k in range(4))
        i, f, o = sigmoid(a_i), sigmoid(a_f), sigmoid(a_o)
        g = sigmoid(a_g) if mistake == "lstm_forward_sigmoid_g" else np.tanh(a_g)
        c = (c_prev if mistake == "lstm_forward_no_f" else f * c_prev) + i * g
        return o * (c if mistake == "lstm_forward_no_tanh_c" else np.tanh(c)), c

    return step


FORWARD_MISTAKES = ("lstm_forward_dlfs2_order", "lstm_forward_sigmoid_g", "lstm_forward_no_f",
                    "lstm_forward_no_tanh_c")


@quiet
def lstm_step_forward(fn, lang: str = "en"):
    """Check a learner's forward LSTM step (notebook 06) against :func:`helpers.lstm.lstm_step_forward`.

    Parameters
    ----------
    fn : callable
        ``fn(x, h_prev, c_prev, Wx, Wh, b) -> (h, c)`` (further returned values, e.g. f, are ignored); gate blocks in
        the order i, f, g, o.
    lang : {"en", "ja"}

    Returns
    -------
    Report
        ``wrong_gates`` ⊆ {"i", "f", "g", "o"}, ``wrong_outputs`` ⊆ {"h", "c"}.
    """
    lang = require_lang(lang)
    cases = _cases()
    try:
        mine = [_forward(fn, case, lang) for case in cases]
    except Stop as s:
        return s.report
    refs = [{"h": case["h"], "c": case["c"]} for case in cases]
    wrong_outputs = differing(mine, refs, FORWARD_OUTPUTS)
    if not wrong_outputs:
        return passed(lang, "helpers.lstm.lstm_step_forward", len(cases))
    found = set()
    for case in cases:
        try:
            found |= _forward_gates(fn, case, lang)
        except Stop:
            pass
    wrong_gates = [g for g in GATE_ORDER if g in found]
    patterns = {name: _mistaken_forward(name) for name in FORWARD_MISTAKES}

    def mutant_reference(index, mutant):
        case = cases[index]
        p = case["params"]
        h, c = mutant(case["x"], case["h_prev"], case["c_prev"], p["Wx"], p["Wh"], p["b"])
        return {"h": h, "c": c}

    causes = first_match(mine, patterns, mutant_reference)
    if wrong_gates:
        sentence = say(lang, "wrong_gates_forward", gates=gate_names(lang, wrong_gates))
    elif "h_line" in found or wrong_outputs == {"h"}:
        sentence = say(lang, "h_line")
    else:
        sentence = say(lang, "cell_line")
    return _report(wrong_gates, wrong_outputs, causes, compose(lang, wrong_outputs, FORWARD_OUTPUTS, sentence, causes))

