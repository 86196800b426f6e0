"""Figures of notebook 04 (the Constant Error Carousel): the error after k steps back, the cell-state drift of
the LSTM without forget gate, and its training curves."""

from __future__ import annotations

import weakref

import numpy as np
from matplotlib.figure import Figure

from helpers.plots._base import (
    DIVERGING_CMAP,
    PALETTE,
    SETTING_COLORS,
    SETTING_STYLES,
    find_artist,
    new_figure,
    style,
    text,
)

LABELS = {
    "en": {
        "steps": "steps back k",
        "error": "|error k steps back| / |error now|",
        "curve": "(w·f′)ᵏ",
        "cec": "CEC: w = 1, linear (f′ = 1)",
        "left": "one unit: each step back multiplies by w·f′",
        "w": "self-weight w",
        "slope": "activation slope f′",
        "right": "log₁₀ of the error after 100 steps",
        "keep": "w·f′ = 1",
        "readout": "w·f′ = {factor:.3f} per step  →  after k = {k} steps: ×{kept:.3g}",
        "measured_title": "error flowing back through one unit, measured (100 steps)",
        "cec_measured": "CEC (linear, w = 1)",
        "tanh_measured": "RNN unit, tanh, w = 1",
        "sigmoid_measured": "RNN unit, sigmoid, w = 1",
        "drift_title": "cell state of an untrained LSTM without forget gate",
        "time": "time step t",
        "abs_c": "mean |cₜ|",
        "saturated": "share of units with |tanh cₜ| > 0.9",
        "bias": "input-gate bias {b:g}",
        "train_title": "LSTM without forget gate, adding problem (T = {T})",
        "iteration": "iteration",
        "mse": "MSE (mean of {w} iterations)",
        "baseline": "always answer 1.0 (MSE 1/6)",
        "solved": "solved (MSE 0.01)",
    },
    "ja": {
        "steps": "遡るステップ数 k",
        "error": "|k ステップ前の誤差| / |現在の誤差|",
        "curve": "(w·f′)ᵏ",
        "cec": "CEC：w = 1、線形（f′ = 1）",
        "left": "1 ユニット：1 ステップ遡るごとに w·f′ が掛かる",
        "w": "自己ループの重み w",
        "slope": "活性化関数の傾き f′",
        "right": "100 ステップ後の誤差の log₁₀",
        "keep": "w·f′ = 1",
        "readout": "1 ステップで w·f′ = {factor:.3f} 倍  →  k = {k} ステップで ×{kept:.3g}",
        "measured_title": "1 つのユニットを逆向きに流れる誤差の実測（100 ステップ）",
        "cec_measured": "CEC（線形、w = 1）",
        "tanh_measured": "RNN ユニット、tanh、w = 1",
        "sigmoid_measured": "RNN ユニット、シグモイド関数、w = 1",
        "drift_title": "学習前の忘却ゲートなし LSTM のセル状態",
        "time": "時刻 t",
        "abs_c": "|cₜ| の平均",
        "saturated": "|tanh cₜ| > 0.9 のユニットの割合",
        "bias": "入力ゲートのバイアス {b:g}",
        "train_title": "忘却ゲートなし LSTM、加算問題（T = {T}）",
        "iteration": "反復回数",
        "mse": "MSE（{w} 反復の平均）",
        "baseline": "常に 1.0 と答える（MSE 1/6）",
        "solved": "解けた（MSE 0.01）",
    },
}

K_MAX = 100
W_RANGE = (0.0, 2.0)
SLOPE_RANGE = (0.0, 1.25)
LOG_FLOOR = -30.0  # the plots show errors down to 1e-30; smaller ones are drawn at the floor


_MOVED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def moved_artists(fig: Figure, gids) -> list:
    """The artists of `fig` with these gids, looked up once per figure (a search of the whole figure costs
    about as much as a redraw, and an explorer asks on every slider move)."""
    found = _MOVED.setdefault(fig, {})
    for gid in gids:
        if gid not in found:
            found[gid] = find_artist(fig, gid)
    return [found[gid] for gid in gids]


def _label(lang: str, key: str) -> dict:
    return {"label": text(LABELS, lang, key)}


def error_after_steps(w: float, slope: float, k_max: int = K_MAX) -> np.ndarray:
    """(w f')^k for k = 0..k_max: what is left of an error after k steps back through one unit whose
    self-weight is w and whose activation has slope f' at every step (the study note's factor W f'(u)).

    Examples
    --------
    >>> kept = error_after_steps(0.9, 1.0)
    >>> kept.shape, float(kept[0]), round(float(kept[100]), 7)
    ((101,), 1.0, 2.66e-05)
    >>> float(error_after_steps(1.0, 1.0)[100])  # the CEC
    1.0
    """
    factor = float(w) * float(slope)
    return np.abs(factor) ** np.arange(k_max + 1, dtype=float)


def _log10_clipped(values: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.clip(np.log10(values), LOG_FLOOR, -LOG_FLOOR)


def _grid(k: int) -> np.ndarray:
    w = np.linspace(*W_RANGE, 161)
    s = np.linspace(*SLOPE_RANGE, 101)
    return _log10_clipped(np.abs(np.outer(s, w)) ** k)  # rows: slope, columns: w


def _readout(w, slope, k, lang):
    factor = w * slope
    return text(LABELS, lang, "readout").format(w=w, slope=slope, factor=factor, k=k, kept=abs(factor) ** k)


def draw_cec_explorer(w: float = 1.0, slope: float = 1.0, k: int = K_MAX, lang: str = "en") -> Figure:
    """Left: the error left after 0..100 steps back for self-weight w and slope f'; the CEC's flat line.
    Right: log10 of the error after 100 steps over every (w, f'); only the curve w f' = 1 keeps it.

    Parameters
    ----------
    w : float
        Self-weight of the unit.
    slope : float
        Slope f'(u) of its activation, taken the same at every step.
    k : int
        Steps back, 1..100.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_cec_explorer`.
    """
    steps = np.arange(K_MAX + 1)
    with style(lang):
        fig, (left, right) = new_figure(lang, 1, 2, figsize=(9.4, 3.7))
        left.axhline(0.0, color=PALETTE["lstm"], ls="--", lw=2, **_label(lang, "cec"))
        left.plot(steps, _log10_clipped(error_after_steps(w, slope)), color=PALETTE["rnn"], lw=2,
                  gid="curve", animated=True, **_label(lang, "curve"))
        left.plot([k], [_log10_clipped(np.array(abs(w * slope) ** k))], "o", color=PALETTE["rnn"], ms=8,
                  gid="point", animated=True)
        left.set(xlim=(0, K_MAX), ylim=(LOG_FLOOR - 1, -LOG_FLOOR + 1), xlabel=text(LABELS, lang, "steps"))
        left.set_ylabel(text(LABELS, lang, "error"))
        ticks = np.arange(LOG_FLOOR, -LOG_FLOOR + 1, 10).astype(int)
        left.set_yticks(ticks, [f"$10^{{{t}}}$" for t in ticks])
        left.set_title(text(LABELS, lang, "left"), )
        left.legend(loc="lower left", fontsize=9)
        image = right.imshow(_grid(K_MAX), origin="lower", aspect="auto", cmap=DIVERGING_CMAP, vmin=-10, vmax=10,
                             extent=(*W_RANGE, *SLOPE_RANGE), interpolation="nearest")
        ws = np.linspace(0.81, W_RANGE[1], 100)
        right.plot(ws, 1.0 / ws, color="black", lw=1.5, **_label(lang, "keep"))
        right.plot([1.0], [1.0], "*", color=PALETTE["lstm"], ms=14, mec="black", **_label(lang, "cec"))
        right.plot([w], [slope], "o", color="white", mec="black", ms=9, gid="where", animated=True)
        right.set(xlabel=text(LABELS, lang, "w"), ylabel=text(LABELS, lang, "slope"))
        right.set_title(text(LABELS, lang, "right"), )
        right.legend(loc="lower left", fontsize=9)
        fig.colorbar(image, ax=right, ticks=[-10, -5, 0, 5, 10])
        fig.suptitle(_readout(w, slope, k, lang), gid="readout", animated=True)
    return fig


def update_cec_explorer(fig: Figure, w: float, slope: float, k: int, lang: str = "en") -> list:
    """Move the curve, the marked points and the readout of a :func:`draw_cec_explorer` figure.

    Returns
    -------
    changed : list of Artist
        The (animated) artists it changed.
    """
    k = int(k)
    curve, point, where, readout = moved_artists(fig, ("curve", "point", "where", "readout"))
    values = _log10_clipped(error_after_steps(w, slope))
    curve.set_ydata(values)
    point.set_data([k], [values[k]])
    where.set_data([w], [slope])
    readout.set_text(_readout(w, slope, k, lang))
    return [curve, point, where, readout]


def draw_measured_errors(norms: dict, lang: str = "en") -> Figure:
    """Measured |error| k steps back through one unit, one line per unit kind, on a log scale.

    Parameters
    ----------
    norms : dict of str -> (K + 1,) ndarray
        Keys ``"cec"``, ``"tanh"``, ``"sigmoid"`` (any subset); value k is |dL/dh_{T-k}| / |dL/dh_T|.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    looks = {"cec": (PALETTE["lstm"], "-"), "tanh": (PALETTE["tanh"], "--"), "sigmoid": (PALETTE["sigmoid"], "-.")}
    with style(lang):
        fig, ax = new_figure(lang, figsize=(7.0, 3.4))
        for key, values in norms.items():
            values = np.asarray(values, float)
            ax.semilogy(np.arange(values.size), np.maximum(values, 1e-80), lw=2, color=looks[key][0], ls=looks[key][1],
                        **_label(lang, f"{key}_measured"))
        ax.set(xlabel=text(LABELS, lang, "steps"), ylabel=text(LABELS, lang, "error"), ylim=(1e-80, 10))
        ax.set_title(text(LABELS, lang, "measured_title"))
        ax.legend(loc="lower left")
    return fig


def draw_cell_drift(mean_abs_c: dict, saturated: dict, lang: str = "en") -> Figure:
    """Cell-state drift of an LSTM without forget gate: mean |c_t| and the share of saturated tanh(c_t).

    Parameters
    ----------
    mean_abs_c, saturated : dict of float -> (T,) ndarray
        Keyed by the input-gate bias.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    with style(lang):
        fig, (left, right) = new_figure(lang, 1, 2, figsize=(9.0, 3.3))
        for color, ls, (bias, values) in zip(SETTING_COLORS, SETTING_STYLES, mean_abs_c.items()):
            t = np.arange(1, len(values) + 1)
            left.plot(t, values, color=color, ls=ls, lw=2, label=text(LABELS, lang, "bias").format(b=bias))
            right.plot(t, saturated[bias], color=color, ls=ls, lw=2, label=text(LABELS, lang, "bias").format(b=bias))
        left.set(xlabel=text(LABELS, lang, "time"), ylim=(0, None))
        left.set_ylabel(text(LABELS, lang, "abs_c"))
        right.set(xlabel=text(LABELS, lang, "time"), ylim=(-0.02, 1.02))
        right.set_ylabel(text(LABELS, lang, "saturated"))
        left.legend(loc="upper left")
        fig.suptitle(text(LABELS, lang, "drift_title"))
    return fig


def smooth(values, window: int) -> np.ndarray:
    """Means of consecutive, non-overlapping windows of `window` values (the last partial one dropped)."""
    values = np.asarray(values, float)
    n = values.size // window
    return values[: n * window].reshape(n, window).mean(axis=1)


def draw_training_curves(losses: dict, T: int, window: int = 25, lang: str = "en") -> Figure:
    """Training loss (window means, log scale) per setting, with the 1/6 baseline and the 0.01 goal.

    Parameters
    ----------
    losses : dict of float -> (iterations,) ndarray
        Keyed by the input-gate bias.
    T : int
        Sequence length (for the title).
    window : int
        Iterations per plotted mean.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    with style(lang):
        fig, ax = new_figure(lang, figsize=(7.0, 3.4))
        for color, ls, (bias, loss) in zip(SETTING_COLORS, SETTING_STYLES, losses.items()):
            means = smooth(loss, window)
            x = (np.arange(means.size) + 0.5) * window
            ax.semilogy(x, means, color=color, ls=ls, lw=2, label=text(LABELS, lang, "bias").format(b=bias))
        ax.axhline(1.0 / 6.0, color=PALETTE["bound"], ls=":", label=text(LABELS, lang, "baseline"))
        ax.axhline(0.01, color=PALETTE["bound"], ls="--", lw=1, label=text(LABELS, lang, "solved"))
        ax.set(xlabel=text(LABELS, lang, "iteration"), ylabel=text(LABELS, lang, "mse").format(w=window),
               title=text(LABELS, lang, "train_title").format(T=T))
        ax.legend(loc="lower left", fontsize=9)
    return fig
