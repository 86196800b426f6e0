"""Figures of notebook 05 (input and output gates): one hand-wired LSTM unit without forget gate that should
write the value shown at a "write" marker and read it out at a "read" marker, and what its gates do instead when
their biases and the input strength change."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from helpers.lstm import GATE_ORDER, lstm_forward, lstm_gates
from helpers.plots._base import DIVERGING_CMAP, PALETTE, new_figure, style, text, text_color, use_mixed_fonts
from helpers.plots.cec import moved_artists

LABELS = {
    "en": {
        "time": "time step t",
        "gates_title": "input gate i (circles) writes, output gate o (squares) reads",
        "state_title": "cell c (circles), output h (squares), input value (grey bars)",
        "heat_title": "gate activations over time",
        "i": "input gate i",
        "o": "output gate o",
        "c": "cell c",
        "h": "output h",
        "x": "input value",
        "write": "write",
        "read": "read",
        "readout": "$\\tanh(W_g v_4)$ = {gv:+.2f}   →   c₁₅ = {c:+.2f},  h₁₅ = {h:+.2f}",
    },
    "ja": {
        "time": "時刻 t",
        "gates_title": "入力ゲート i（丸）が書き込み、出力ゲート o（四角）が読み出す",
        "state_title": "セル状態 c（丸）、出力 h（四角）、入力値（灰色の棒）",
        "heat_title": "ゲートの値の時間変化",
        "i": "入力ゲート i",
        "o": "出力ゲート o",
        "c": "セル状態 c",
        "h": "出力 h",
        "x": "入力値",
        "write": "書き込み",
        "read": "読み出し",
        "readout": "$\\tanh(W_g v_4)$ = {gv:+.2f}   →   c₁₅ = {c:+.2f},  h₁₅ = {h:+.2f}",
    },
}

T_DEMO = 20
WRITE_AT, READ_AT = 4, 15
MARKER_WEIGHT = 8.0
"""How strongly the write and read markers drive the input and output gates (their W entries)."""
C_LIM = 3.0


def demo_sequence(T: int = T_DEMO) -> np.ndarray:
    """The explorer's input, (1, T, 3): a value in [-1, 1] at every step (seed 0), a write marker at WRITE_AT and
    a read marker at READ_AT."""
    xs = np.zeros((1, T, 3))
    xs[0, :, 0] = np.random.default_rng(0).uniform(-1.0, 1.0, T)
    xs[0, WRITE_AT, 1] = 1.0
    xs[0, READ_AT, 2] = 1.0
    return xs


def demo_params(input_bias: float, output_bias: float, strength: float) -> dict:
    """A hand-wired LSTM unit (H = 1, D = 3) in helpers' layout: columns (i, f, g, o) of Wx, Wh and b.

    The input gate's W looks only at the write marker, the output gate's W only at the read marker, the
    candidate's W at the value (times `strength`); every U (Wh) is 0 and the forget gate is unused ("NFG").

    Returns
    -------
    params : dict
        ``{"Wx": (3, 4), "Wh": (1, 4), "b": (4,)}``.
    """
    i, g, o = (GATE_ORDER.index(k) for k in ("i", "g", "o"))
    Wx = np.zeros((3, 4))
    Wx[0, g] = strength  # candidate g_t = tanh(strength * value_t)
    Wx[1, i] = MARKER_WEIGHT  # the input gate opens on the write marker ...
    Wx[2, o] = MARKER_WEIGHT  # ... the output gate on the read marker
    b = np.zeros(4)
    b[i], b[o] = input_bias, output_bias
    return {"Wx": Wx, "Wh": np.zeros((1, 4)), "b": b}


def gate_demo(input_bias: float, output_bias: float, strength: float) -> dict:
    """Run the hand-wired unit over :func:`demo_sequence`.

    Returns
    -------
    run : dict of (T,) ndarray
        ``"x"`` (the values), ``"i", "f", "g", "o", "c", "h"``.

    Examples
    --------
    >>> run = gate_demo(-4.0, -4.0, 1.5)
    >>> round(float(run["i"][WRITE_AT]), 3), round(float(run["o"][READ_AT]), 3), float(run["f"].min())
    (0.982, 0.982, 1.0)
    """
    xs = demo_sequence()
    hs, cs, cache = lstm_forward(xs, None, None, demo_params(input_bias, output_bias, strength), "NFG")
    gates = lstm_gates(cache)
    run = {k: np.array(gates[k][0, :, 0]) for k in GATE_ORDER}
    run.update(x=xs[0, :, 0].copy(), c=cs[0, :, 0].copy(), h=hs[0, :, 0].copy())
    return run


def _heat(run: dict) -> np.ndarray:
    return np.stack([run[k] for k in GATE_ORDER])


def _readout(run: dict, strength: float, lang: str) -> str:
    """The value the unit should store (the candidate at the write step) and what the cell and the output hold at
    the read step. Symbols only: Japanese glyphs in an animated text cost ~20 ms per redraw (font fallback)."""
    gv = np.tanh(strength * run["x"][WRITE_AT])
    return text(LABELS, lang, "readout").format(gv=gv, c=run["c"][READ_AT], h=run["h"][READ_AT])


def draw_gates_explorer(input_bias: float = -4.0, output_bias: float = -4.0, strength: float = 1.5,
                        lang: str = "en") -> Figure:
    """Left: i and o over time, then c and h; right: a heatmap of the four gate activations (f is fixed at 1).

    Parameters
    ----------
    input_bias, output_bias : float
        b_i and b_o of the hand-wired unit.
    strength : float
        Weight from the value to the candidate g.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_gates_explorer`.
    """
    run = gate_demo(input_bias, output_bias, strength)
    t = np.arange(T_DEMO)
    with style(lang):
        fig = new_figure(lang, figsize=(9.2, 4.3))[0]
        fig.clear()
        grid = fig.add_gridspec(2, 2, width_ratios=(1.35, 1.0))
        top, bottom, heat = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[:, 1])
        for ax in (top, bottom):
            ax.axvspan(WRITE_AT - 0.5, WRITE_AT + 0.5, color=PALETTE["lstm"], alpha=0.15, lw=0)
            ax.axvspan(READ_AT - 0.5, READ_AT + 0.5, color=PALETTE["accent"], alpha=0.15, lw=0)
            ax.set(xlim=(-0.5, T_DEMO - 0.5), xticks=range(0, T_DEMO, 5))
        bottom.text(WRITE_AT, -C_LIM + 0.35, text(LABELS, lang, "write"), ha="center", fontsize=8.5,
                    color=text_color(PALETTE["lstm"]))
        bottom.text(READ_AT, -C_LIM + 0.35, text(LABELS, lang, "read"), ha="center", fontsize=8.5,
                    color=text_color(PALETTE["accent"]))
        top.plot(t, run["i"], "o-", ms=5, color=PALETTE["sigmoid"], gid="i", animated=True,
                 label=text(LABELS, lang, "i"))
        top.plot(t, run["o"], "s-", ms=5, color=PALETTE["rnn"], gid="o", animated=True,
                 label=text(LABELS, lang, "o"))
        top.set(ylim=(-0.05, 1.1), yticks=(0, 0.5, 1))
        top.set_title(text(LABELS, lang, "gates_title"), fontsize=10)
        bottom.bar(t, run["x"], width=0.5, color="#bbbbbb", label=text(LABELS, lang, "x"))
        bottom.plot(t, run["c"], "o-", ms=5, color=PALETTE["lstm"], gid="c", animated=True,
                    label=text(LABELS, lang, "c"))
        bottom.plot(t, run["h"], "s-", ms=5, color=PALETTE["tanh"], gid="h", animated=True,
                    label=text(LABELS, lang, "h"))
        bottom.axhline(0, color=PALETTE["bound"], lw=0.8)
        bottom.set(ylim=(-C_LIM, C_LIM), xlabel=text(LABELS, lang, "time"))
        bottom.set_title(text(LABELS, lang, "state_title"), fontsize=10)
        image = heat.imshow(_heat(run), aspect="auto", cmap=DIVERGING_CMAP, vmin=-1, vmax=1, interpolation="nearest",
                            extent=(-0.5, T_DEMO - 0.5, len(GATE_ORDER) - 0.5, -0.5), gid="heat", animated=True)
        heat.set_yticks(range(len(GATE_ORDER)), [f"{k} (= 1)" if k == "f" else k for k in GATE_ORDER])
        heat.set_xticks([WRITE_AT, READ_AT], [f"{WRITE_AT}\n{text(LABELS, lang, 'write')}",
                                              f"{READ_AT}\n{text(LABELS, lang, 'read')}"])
        heat.set_xlabel(text(LABELS, lang, "time"))
        heat.set_title(text(LABELS, lang, "heat_title"), fontsize=10)
        fig.colorbar(image, ax=heat, shrink=0.8)
        fig.suptitle(_readout(run, strength, lang), fontsize=9.5, gid="readout", animated=True)
    return use_mixed_fonts(fig)


def update_gates_explorer(fig: Figure, input_bias: float, output_bias: float, strength: float,
                          lang: str = "en") -> list:
    """Rerun the unit and move the gate, cell and output curves, the heatmap and the readout.

    Returns
    -------
    changed : list of Artist
        The (animated) artists it changed.
    """
    run = gate_demo(input_bias, output_bias, strength)
    artists = moved_artists(fig, ("i", "o", "c", "h", "heat", "readout"))
    for artist, key in zip(artists[:4], ("i", "o", "c", "h")):
        artist.set_ydata(np.clip(run[key], -C_LIM - 1, C_LIM + 1))
    artists[4].set_data(_heat(run))
    artists[5].set_text(_readout(run, strength, lang))
    return artists
