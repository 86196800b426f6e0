"""Figures of notebook 10: how far back the gradient reaches in an RNN, a GRU and an LSTM, and the GRU's
update-gate bias (the explorer)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from helpers.activations import sigmoid
from helpers.gradient_flow import FLOW_N as FLOW_N_SHOWN
from helpers.gradient_flow import flow_inputs, gradient_flows, gru_flow
from helpers.plots._base import LINESTYLES, PALETTE, find_artist, new_figure, style, text, use_mixed_fonts

FLOW_T, FLOW_H, FLOW_SEED = 100, 32, 0
FLOOR = 1e-16  # norms below this are drawn on the floor of the log axis
UPDATE_BIAS_RANGE = (-2.0, 6.0)
# How each curve is drawn, and the word for each line style: notebook 10's prose names the curves by these words
# (tests/test_gradient_flow.py reads the prose against them, so a new style cannot leave the text behind).
FLOW_LINESTYLES = {"rnn": LINESTYLES["rnn"], "lstm": LINESTYLES["lstm"], "gru": LINESTYLES["gru"], "zk": ":"}
LINESTYLE_WORDS = {
    "en": {"-": "solid", "--": "dashed", ":": "dotted", "-.": "dash-dotted"},
    "ja": {"-": "実線", "--": "破線", ":": "点線", "-.": "一点鎖線"},
}


def line_word(curve: str, lang: str) -> str:
    """What the prose calls the line of `curve` ("rnn", "lstm", "gru" or "zk"): "dotted", 「点線」, ..."""
    if curve not in FLOW_LINESTYLES or lang not in LINESTYLE_WORDS:
        raise ValueError(f"curve must be one of {sorted(FLOW_LINESTYLES)} and lang one of {sorted(LINESTYLE_WORDS)}, "
                         f"got {curve!r}, {lang!r}")
    return LINESTYLE_WORDS[lang][FLOW_LINESTYLES[curve]]

# Symbols only, the same in both languages, and short: every character of animated text costs time on each move.
READOUT = r"$b_z$ = {b:+.2f}   $z \approx \sigma(b_z)$ = {z:.3f}   GRU, k = {T}: {g:.1e}"

LABELS = {
    "en": {
        "k": "steps back k",
        "norm": r"$\Vert\partial L/\partial h_{{T-k}}\Vert$ (median of {n} sequences)",
        "title": "untrained models of hidden size H = {H} on the same adding-problem inputs (T = {T})",
        "rnn": "RNN (tanh, $W_h$ orthogonal)",
        "gru": "GRU (update-gate bias $b_z$)",
        "lstm": "LSTM (forget bias 1)",
        "zk": r"$\sigma(b_z)^k$: the diag($z$) path alone",
        "readout": READOUT,
    },
    "ja": {
        "k": "遡るステップ数 k",
        "norm": r"$\Vert\partial L/\partial h_{{T-k}}\Vert$（{n} 系列の中央値）",
        "title": "同じ加算問題の入力に対する、学習前の隠れ状態の次元数 H = {H} のモデル（T = {T}）",
        "rnn": "RNN（tanh、$W_h$ は直交行列）",
        "gru": "GRU（更新ゲートのバイアス $b_z$）",
        "lstm": "LSTM（忘却ゲートのバイアス 1）",
        "zk": r"$\sigma(b_z)^k$：diag($z$) の経路だけの場合",
        "readout": READOUT,
    },
}


def _readout(flows: dict, update_bias: float, lang: str) -> str:
    T = len(flows["gru"]) - 1
    return text(LABELS, lang, "readout").format(b=update_bias, z=float(sigmoid(update_bias)), T=T, g=flows["gru"][T])


def draw_gradient_flow(update_bias: float = 0.0, lang: str = "en", flows: dict | None = None) -> Figure:
    """‖∂L/∂h_(T−k)‖ against k for the three models (log scale), the GRU's for update-gate bias `update_bias`,
    with σ(b_z)^k, what the direct path diag(z) alone would keep.

    Parameters
    ----------
    update_bias : float
        The GRU's bx_z.
    lang : {"en", "ja"}
    flows : dict, optional
        From :func:`helpers.gradient_flow.gradient_flows` with H = 32, seed 0 and this `update_bias`
        (any T); computed with T = 100 when not given.

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_gradient_flow`.
    """
    if flows is None:
        flows = gradient_flows(FLOW_T, FLOW_H, FLOW_SEED, update_bias=update_bias)
    T = len(flows["gru"]) - 1
    k = np.arange(T + 1)
    with style(lang):
        fig, ax = new_figure(lang, figsize=(8.0, 4.0))
        ax.semilogy(k, np.maximum(flows["rnn"], FLOOR), color=PALETTE["rnn"], ls=FLOW_LINESTYLES["rnn"], lw=1.6,
                    label=text(LABELS, lang, "rnn"))
        ax.semilogy(k, np.maximum(flows["lstm"], FLOOR), color=PALETTE["lstm"], ls=FLOW_LINESTYLES["lstm"], lw=1.6,
                    label=text(LABELS, lang, "lstm"))
        ax.semilogy(k, np.maximum(flows["gru"], FLOOR), color=PALETTE["gru"], ls=FLOW_LINESTYLES["gru"], lw=2.2,
                    label=text(LABELS, lang, "gru"),
                    gid="gru", animated=True)
        ax.semilogy(k, np.maximum(sigmoid(update_bias) ** k, FLOOR), color=PALETTE["gru"], lw=1.0,
                    ls=FLOW_LINESTYLES["zk"], label=text(LABELS, lang, "zk"), gid="zk", animated=True)
        ax.set(xlabel=text(LABELS, lang, "k"), ylabel=text(LABELS, lang, "norm").format(n=FLOW_N_SHOWN),
               xlim=(0, T), ylim=(FLOOR, 3.0))
        ax.set_title(text(LABELS, lang, "title").format(H=FLOW_H, T=T), fontsize=9.5)
        ax.legend(loc="lower left", fontsize=8)
        fig.suptitle(_readout(flows, update_bias, lang), fontsize=8.5, gid="readout", animated=True)
    return use_mixed_fonts(fig)


def update_gradient_flow(fig: Figure, update_bias: float, flows: dict, lang: str = "en") -> list:
    """Move the GRU's curves of a figure from :func:`draw_gradient_flow` to a new update-gate bias.

    Parameters
    ----------
    fig : Figure
    update_bias : float
    flows : dict
        The curves the figure was drawn with; the RNN's and the LSTM's stay, the GRU's is recomputed.
    lang : {"en", "ja"}

    Returns
    -------
    changed : list of Artist
    """
    T = len(flows["gru"]) - 1
    flows = {**flows, "gru": gru_flow(flow_inputs(T, FLOW_SEED), FLOW_H, FLOW_SEED, update_bias)}
    gru, zk, readout = (find_artist(fig, gid) for gid in ("gru", "zk", "readout"))
    gru.set_ydata(np.maximum(flows["gru"], FLOOR))
    zk.set_ydata(np.maximum(sigmoid(update_bias) ** np.arange(T + 1), FLOOR))
    readout.set_text(_readout(flows, update_bias, lang))
    return [gru, zk, readout]
