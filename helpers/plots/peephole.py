"""Figures of notebook 07: a hand-made peephole cell that counts after a cue, and when each of its gates opens.

The cell (see :func:`toy_peephole_cell`) starts writing at a cue and its state climbs towards a plateau. Without
peepholes its gates see the cell only through h = o tanh(c), which is almost 0 while the output gate is closed;
with a peephole p_o the output gate opens once c has climbed far enough, so p_o sets *when* it opens.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure

from helpers.plots._base import PALETTE, find_artist, new_figure, style, text, use_mixed_fonts

LABELS = {
    "en": {
        "step": "time step t",
        "state": "state",
        "c": "cell state $c_t$",
        "h": "$h_t = o_t \\tanh(c_t)$: the cell as seen from outside, without peepholes",
        "gate": "gate value",
        "i": "input gate $i_t$",
        "f": "forget gate $f_t$",
        "o": "output gate $o_t$",
        "cue": "cue",
        "top_title": "the cell counts up after the cue",
        "bottom_title": "when each gate opens (dotted: 0.5)",
        "opens": "output gate opens at t = {t}, {k} steps after the cue;  cₜ ends near {c:.1f}",
        "never": "output gate never opens within {T} steps;  cₜ ends near {c:.1f}",
    },
    "ja": {
        "step": "時刻 t",
        "state": "状態",
        "c": "セル状態 $c_t$",
        "h": "$h_t = o_t \\tanh(c_t)$：覗き穴結合がないとき、外から見えるセルの姿",
        "gate": "ゲートの値",
        "i": "入力ゲート $i_t$",
        "f": "忘却ゲート $f_t$",
        "o": "出力ゲート $o_t$",
        "cue": "合図",
        "top_title": "合図のあと、セルは数を数えるように増えていく",
        "bottom_title": "各ゲートが開くとき（点線：0.5）",
        "opens": "出力ゲートは t = {t}（合図の {k} ステップ後）で開く。最後の cₜ は約 {c:.1f}",
        "never": "出力ゲートは {T} ステップ以内には開かない。最後の cₜ は約 {c:.1f}",
    },
}

TOY_T = 60
CUE = 5
PEEPHOLE_RANGE = (-2.0, 2.0)
C_MAX = 10.0  # the top panel's upper limit (the cell's plateau with every peephole at 0 is about 8.6)
_MOVING = ("c", "h", "i", "f", "o", "open-line", "readout")


def toy_peephole_cell(pi: float, pf: float, po: float, T: int = TOY_T, cue: int = CUE) -> dict:
    """One cell with hand-set weights and peephole weights pi, pf, po; from step `cue` on, the input x_t is 1.

        i_t = σ(−1 + 3 x_t + p_i c_{t−1})      f_t = σ(3 + p_f c_{t−1})      g_t = tanh(0.5 x_t)
        c_t = f_t c_{t−1} + i_t g_t           o_t = σ(−4 + p_o c_t)          h_t = o_t tanh(c_t)

    Parameters
    ----------
    pi, pf, po : float
        Peephole weights of the input, forget and output gates (0 = no peephole).
    T : int
        Number of steps.
    cue : int
        First step with x_t = 1.

    Returns
    -------
    out : dict of (T,) ndarray
        ``"c", "h", "i", "f", "o"``.

    Examples
    --------
    >>> out = toy_peephole_cell(0.0, 0.0, 0.0)
    >>> bool(out["o"].max() < 0.02)  # without a peephole the output gate stays shut
    True
    >>> bool(toy_peephole_cell(0.0, 0.0, 1.0)["o"].max() > 0.9)  # with p_o = 1 it opens once c > 4
    True
    """
    def sigmoid(a: float) -> float:  # scalar and clipped: this loop runs on every slider move
        return 1.0 / (1.0 + math.exp(-min(max(a, -500.0), 500.0)))

    x = (np.arange(T) >= cue).astype(float)
    out = {k: np.empty(T) for k in ("c", "h", "i", "f", "o")}
    g = np.tanh(0.5 * x)
    c = 0.0
    for t in range(T):  # one step per line of the equations above
        i = sigmoid(-1.0 + 3.0 * x[t] + pi * c)
        f = sigmoid(3.0 + pf * c)
        c = f * c + i * g[t]
        o = sigmoid(-4.0 + po * c)
        for k, v in (("c", c), ("h", o * math.tanh(c)), ("i", i), ("f", f), ("o", o)):
            out[k][t] = v
    return out


def opening_step(o, threshold: float = 0.5) -> int | None:
    """First step at which the gate values `o` exceed `threshold`, or None.

    Examples
    --------
    >>> opening_step([0.1, 0.4, 0.7, 0.9]), opening_step([0.1, 0.2]) is None
    (2, True)
    """
    above = np.flatnonzero(np.asarray(o) > threshold)
    return int(above[0]) if above.size else None


def _readout(out: dict, lang: str) -> str:
    t = opening_step(out["o"])
    values = {"c": float(out["c"][-1]), "T": len(out["c"])}
    if t is None:
        return text(LABELS, lang, "never").format(**values)
    return text(LABELS, lang, "opens").format(t=t, k=t - CUE, **values)


def draw_peephole_explorer(pi: float = 0.0, pf: float = 0.0, po: float = 1.0, lang: str = "en") -> Figure:
    """The toy cell's state and h (top) and its three gates (bottom) over time; a line where o first exceeds 0.5.

    Parameters
    ----------
    pi, pf, po : float
        Peephole weights, as in :func:`toy_peephole_cell`.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_peephole_explorer`.
    """
    out = toy_peephole_cell(pi, pf, po)
    t = np.arange(TOY_T)
    opened = opening_step(out["o"])
    with style(lang):
        fig, (top, bottom) = new_figure(lang, 2, 1, figsize=(8.0, 5.2), sharex=True)
        for ax in (top, bottom):
            ax.axvline(CUE, color=PALETTE["bound"], lw=1, ls="--")
        top.text(CUE + 0.5, C_MAX * 0.93, text(LABELS, lang, "cue"), fontsize=9, color=PALETTE["bound"])
        top.plot(t, out["c"], color=PALETTE["lstm"], lw=1.8, label=text(LABELS, lang, "c"), gid="c", animated=True)
        top.plot(t, out["h"], color=PALETTE["accent"], ls="--", lw=1.5, label=text(LABELS, lang, "h"), gid="h",
                 animated=True)
        top.set(ylabel=text(LABELS, lang, "state"), title=text(LABELS, lang, "top_title"), ylim=(-0.3, C_MAX),
                xlim=(0, TOY_T - 1))
        top.legend(loc="center right", fontsize=9)
        gate_styles = (("i", PALETTE["sigmoid"], "-"), ("f", PALETTE["rnn"], "--"), ("o", PALETTE["tanh"], "-."))
        for key, color, ls in gate_styles:
            bottom.plot(t, out[key], color=color, ls=ls, lw=1.5, label=text(LABELS, lang, key), gid=key, animated=True)
        bottom.axhline(0.5, color=PALETTE["bound"], lw=0.8, ls=":")
        bottom.axvline(opened if opened is not None else -10, color=PALETTE["tanh"], lw=1.2, ls="-.",
                       gid="open-line", animated=True)
        bottom.set(xlabel=text(LABELS, lang, "step"), ylabel=text(LABELS, lang, "gate"),
                   title=text(LABELS, lang, "bottom_title"), ylim=(-0.03, 1.03))
        bottom.legend(loc="center right", fontsize=9)
        fig.suptitle(_readout(out, lang), fontsize=9, gid="readout", animated=True)
    return use_mixed_fonts(fig)


def update_peephole_explorer(fig: Figure, pi: float, pf: float, po: float, lang: str = "en") -> list:
    """Redraw the toy cell of a figure from :func:`draw_peephole_explorer` for new peephole weights.

    Returns
    -------
    changed : list of Artist
        The (animated) artists it changed.
    """
    out = toy_peephole_cell(pi, pf, po)
    artists = {gid: find_artist(fig, gid) for gid in _MOVING}
    for key in ("c", "h", "i", "f", "o"):
        artists[key].set_ydata(out[key])
    opened = opening_step(out["o"])
    artists["open-line"].set_xdata([opened if opened is not None else -10] * 2)
    artists["readout"].set_text(_readout(out, lang))
    return list(artists.values())
