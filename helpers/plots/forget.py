"""Figures of notebook 06: a hand-made cell on a never-reset stream, the drift of trained models, forget bias.

The explorer's cell is small enough to read in one line per equation (see :func:`toy_forget_cell`): it reads
the continual adding stream of :func:`helpers.tasks.continual_adding_stream`, writes the value into its cell
when a marker is up, and (optionally) resets after every episode through its forget gate.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from helpers.activations import sigmoid
from helpers.experiments import WINDOW, iterations_to_threshold
from helpers.plots._base import (
    PALETTE,
    SETTING_COLORS,
    SETTING_STYLES,
    find_artist,
    new_figure,
    style,
    text,
    text_color,
    use_mixed_fonts,
)
from helpers.tasks import continual_adding_stream

# Symbols only, the same in both languages: Japanese glyphs in animated text cost a font fallback on every move.
# The same holds for the note that marks where ∏f leaves the lower panel.
READOUT = "f = $\\sigma(b_f)$ = {f:.3f}     max|c| = {cmax:.1f}   (f ≡ 1: {nmax:.0f})     f₁ ··· f₁₀₀ = {p100:.0e}"

LABELS = {
    "en": {
        "step": "time step t",
        "cell": "cell state $c_t$",
        "with_f": "with forget gate",
        "without_f": "without forget gate (f = 1)",
        "cell_title": "the cell on a never-reset stream (grey ticks: episode ends)",
        "prod": "∏ f  (= $\\partial c_t/\\partial c_0$ along the cell)",
        "prod_title": "how much of $c_0$ (and of its gradient) survives to step $t$",
        "readout": READOUT,
        "maxc": "max $|c_t|$ in each window (log scale)",
        "mse": "MSE at the episode ends in each window",
        "drift_c_title": "the cell state",
        "drift_e_title": "the error (linear scale)",
        "window": "time step t (windows of {w} steps)",
        "train_len": "length of the training streams",
        "iteration": "training iteration",
        "loss": "training MSE (moving average of {w})",
        "threshold": "threshold {thr:g}",
        "bias_run": "forget bias $b_f$ = {b:g}: {reached}",
        "reached": "below {thr:g} at iteration {it}",
        "not_reached": "not below {thr:g} within {n} iterations",
        "bias_title": "adding problem, T = {T}: the same model and data, only the initial forget bias differs",
    },
    "ja": {
        "step": "時刻 t",
        "cell": "セル状態 $c_t$",
        "with_f": "忘却ゲートあり",
        "without_f": "忘却ゲートなし（f = 1）",
        "cell_title": "リセットのないストリーム上のセル（灰色の目盛り：エピソードの終わり）",
        "prod": "∏ f（セルに沿った $\\partial c_t/\\partial c_0$）",
        "prod_title": "$c_0$（とその勾配）が時刻 $t$ までにどれだけ残るか",
        "readout": READOUT,
        "maxc": "各区間の max $|c_t|$（対数目盛り）",
        "mse": "各区間のエピソード末尾での MSE",
        "drift_c_title": "セル状態",
        "drift_e_title": "誤差（線形目盛り）",
        "window": "時刻 t（{w} ステップごとの区間）",
        "train_len": "学習に使ったストリームの長さ",
        "iteration": "学習の反復回数",
        "loss": "学習時の MSE（{w} 回の移動平均）",
        "threshold": "閾値 {thr:g}",
        "bias_run": "忘却ゲートのバイアス $b_f$ = {b:g}：{reached}",
        "reached": "反復 {it} 回で {thr:g} を下回った",
        "not_reached": "{n} 回以内には {thr:g} を下回らなかった",
        "bias_title": "加算問題（T = {T}）：モデルとデータは同じで、忘却ゲートのバイアスの初期値だけが違う",
    },
}

TOY_T = 300
TOY_CLIP = 8.0  # the top panel's upper limit: a cell that grows past it leaves the chart (the readout tells how far)
PROD_FLOOR = 1e-12  # the lower panel's bottom: ∏f runs on below it (a marker and a note say from which step)
BELOW_NOTE = "∏f < 10⁻¹² (t ≥ {t}) ↓"
RESET_WEIGHT = 12.0  # how hard the forget gate closes after an episode's end flag
MARKER_WEIGHT = 6.0  # how far a marker opens the input gate


def toy_stream(T: int = TOY_T, seed: int = 0):
    """One continual adding stream of T steps (value, marker, end flag) for the explorer: (T, 3) ndarray."""
    xs, _, _ = continual_adding_stream(1, T, np.random.default_rng(seed))
    return xs[0]


def toy_forget_cell(stream, forget_bias: float, input_bias: float, reset: bool = True) -> dict:
    """A one-unit cell with hand-set weights reading a continual adding stream.

        i_t = σ(b_i + 6 · marker_t)                  write when a marker is up
        f_t = σ(b_f − 12 · end_{t−1})  (with reset)   clear after the previous step ended an episode
        g_t = value_t                                 the candidate (the note's a) is the value itself
        c_t = i_t g_t + f_t c_{t−1}

    Parameters
    ----------
    stream : (T, 3) ndarray
        Value, marker and end-flag channels, as from :func:`toy_stream`.
    forget_bias, input_bias : float
        b_f and b_i.
    reset : bool
        Whether the forget gate looks at the end flag.

    Returns
    -------
    out : dict of (T,) ndarray
        ``"c"`` (with forget gate), ``"c_nfg"`` (same cell with f = 1), ``"f"``, ``"i"`` and ``"prod_f"``
        (the running product f_1 ... f_t, i.e. ∂c_t/∂c_0 along the cell path).

    Examples
    --------
    >>> out = toy_forget_cell(toy_stream(50), forget_bias=1.0, input_bias=-3.0)
    >>> bool(abs(out["c"]).max() < abs(out["c_nfg"]).max())
    True
    """
    stream = np.asarray(stream, dtype=float)
    value, marker, end = stream[:, 0], stream[:, 1], stream[:, 2]
    i = sigmoid(input_bias + MARKER_WEIGHT * marker)
    ended = np.concatenate([[0.0], end[:-1]])
    f = sigmoid(forget_bias - (RESET_WEIGHT if reset else 0.0) * ended)
    g = value
    written = i * g
    c = np.empty_like(value)
    prev = 0.0
    for t in range(len(value)):  # the recurrence itself: one line, as in the equations
        prev = written[t] + f[t] * prev
        c[t] = prev
    return {"c": c, "c_nfg": np.cumsum(written), "f": f, "i": i, "prod_f": np.cumprod(f)}


def _toy_readout(out: dict, forget_bias: float, lang: str) -> str:
    return text(LABELS, lang, "readout").format(
        f=float(sigmoid(forget_bias)), cmax=float(np.abs(out["c"]).max()), nmax=float(np.abs(out["c_nfg"]).max()),
        p100=float(out["prod_f"][min(99, len(out["prod_f"]) - 1)]))


def draw_forget_explorer(forget_bias: float = 1.0, input_bias: float = -3.0, reset: bool = True,
                         lang: str = "en", stream=None) -> Figure:
    """The toy cell's state with and without forget gate (top) and the running product ∏f (bottom, log scale).

    Parameters
    ----------
    forget_bias, input_bias : float
        b_f and b_i of :func:`toy_forget_cell`.
    reset : bool
        Whether the forget gate closes after each episode's end.
    lang : {"en", "ja"}
    stream : (T, 3) ndarray, optional
        Default: :func:`toy_stream`.

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_forget_explorer`.
    """
    stream = toy_stream() if stream is None else stream
    out = toy_forget_cell(stream, forget_bias, input_bias, reset)
    t = np.arange(1, len(out["c"]) + 1)
    with style(lang):
        fig, (top, bottom) = new_figure(lang, 2, 1, figsize=(8.0, 4.6), sharex=True)
        top.vlines(np.flatnonzero(stream[:, 2]) + 1, -0.3, TOY_CLIP, color="#cccccc", lw=0.6, zorder=0)
        top.plot(t, np.minimum(out["c_nfg"], TOY_CLIP * 1.05), "--", color=PALETTE["linear"], lw=1.2,
                 label=text(LABELS, lang, "without_f"), gid="c-nfg", animated=True)
        top.plot(t, out["c"], color=PALETTE["lstm"], lw=1.5, label=text(LABELS, lang, "with_f"),
                 gid="c-lstm", animated=True)
        top.set(ylabel=text(LABELS, lang, "cell"), title=text(LABELS, lang, "cell_title"), ylim=(-0.3, TOY_CLIP),
                xlim=(0, len(t)))
        top.legend(loc="upper left", fontsize=8)
        bottom.axhline(1.0, ls="--", color=PALETTE["linear"], lw=1.2, label=text(LABELS, lang, "without_f"))
        bottom.semilogy(t, _positive(out["prod_f"]), color=PALETTE["lstm"], lw=1.5,
                        label=text(LABELS, lang, "with_f"), gid="prod-f", animated=True)
        bottom.plot([], [], "v", color=PALETTE["lstm"], ms=7, clip_on=False, gid="prod-exit", animated=True)
        bottom.text(0, PROD_FLOOR, "", fontsize=8, color=text_color(PALETTE["lstm"]), va="bottom", gid="prod-note",
                    animated=True)
        bottom.set(xlabel=text(LABELS, lang, "step"), ylabel=text(LABELS, lang, "prod"),
                   title=text(LABELS, lang, "prod_title"), ylim=(PROD_FLOOR, 3.0))
        bottom.legend(loc="center right", fontsize=8)
        fig.suptitle(_toy_readout(out, forget_bias, lang), fontsize=9, gid="readout", animated=True)
    _mark_exit(fig, out["prod_f"])
    return use_mixed_fonts(fig)


def _positive(values):
    """Values for a log axis: underflowed zeros become the smallest float, so the line runs on below the axis."""
    return np.maximum(values, np.finfo(float).tiny)


def _mark_exit(fig: Figure, prod_f) -> list:
    """Put the marker and the note where ∏f first drops below the lower panel (hide them if it never does)."""
    exit_marker, note = find_artist(fig, "prod-exit"), find_artist(fig, "prod-note")
    below = np.flatnonzero(prod_f < PROD_FLOOR)
    visible = below.size > 0
    exit_marker.set_visible(visible)
    note.set_visible(visible)
    if visible:
        step = int(below[0]) + 1
        exit_marker.set_data([step], [PROD_FLOOR])
        note.set_position((step + 4, PROD_FLOOR * 3))
        note.set_text(BELOW_NOTE.format(t=step))
    return [exit_marker, note]


_MOVING = ("c-nfg", "c-lstm", "prod-f", "readout")


def update_forget_explorer(fig: Figure, forget_bias: float, input_bias: float, reset: bool = True,
                           lang: str = "en", stream=None) -> list:
    """Redraw the toy cell of a figure from :func:`draw_forget_explorer` for new settings.

    `stream` must be the one the figure was drawn with (default: :func:`toy_stream`, as there).

    Returns
    -------
    changed : list of Artist
        The (animated) artists it changed.
    """
    out = toy_forget_cell(toy_stream() if stream is None else stream, forget_bias, input_bias, reset)
    c_nfg, c_lstm, prod, readout = (find_artist(fig, gid) for gid in _MOVING)
    c_nfg.set_ydata(np.minimum(out["c_nfg"], TOY_CLIP * 1.05))
    c_lstm.set_ydata(np.minimum(out["c"], TOY_CLIP * 1.05))
    prod.set_ydata(_positive(out["prod_f"]))
    readout.set_text(_toy_readout(out, forget_bias, lang))
    return [c_nfg, c_lstm, prod, readout, *_mark_exit(fig, out["prod_f"])]


def draw_stream_drift(curves: dict, window: int, train_length: int, lang: str = "en") -> Figure:
    """Trained models on one long stream: max |c_t| (left, log scale) and the error (right, linear) per window.

    Parameters
    ----------
    curves : dict
        ``{label: {"max_c": (W,) ndarray, "mse": (W,) ndarray, "color": str (optional), "ls": str (optional)}}``,
        one entry per model, W windows of `window` steps each; without "color" and "ls" the n-th entry takes
        ``SETTING_COLORS[n]`` and ``SETTING_STYLES[n]``.
    window : int
        Steps per window.
    train_length : int
        Length of the training streams, marked as a vertical line.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    with style(lang):
        fig, (left, right) = new_figure(lang, 1, 2, figsize=(9.0, 3.4))
        for n, (label, c) in enumerate(curves.items()):
            mid = (np.arange(len(c["max_c"])) + 0.5) * window
            kw = {"color": c.get("color", SETTING_COLORS[n % 4]), "ls": c.get("ls", SETTING_STYLES[n % 4]),
                  "marker": "o", "ms": 3, "label": label}
            left.semilogy(mid, c["max_c"], **kw)
            right.plot(mid, c["mse"], **kw)
        for ax, title in ((left, "drift_c_title"), (right, "drift_e_title")):
            ax.axvline(train_length, color=PALETTE["bound"], ls=":", lw=1, label=text(LABELS, lang, "train_len"))
            ax.set(xlabel=text(LABELS, lang, "window").format(w=window), title=text(LABELS, lang, title))
        left.set_ylabel(text(LABELS, lang, "maxc"))
        right.set_ylabel(text(LABELS, lang, "mse"))
        right.set_ylim(bottom=0.0)
        left.legend(fontsize=8, loc="center right")
    return use_mixed_fonts(fig)


def first_below(loss, threshold: float, smooth: int = WINDOW) -> int | None:
    """First iteration (counted from 1) at which the `smooth`-iteration moving average of `loss` is below
    `threshold`, or None if it never is: :func:`helpers.experiments.iterations_to_threshold`, but a curve
    shorter than the window is an error here instead of None.

    Examples
    --------
    >>> first_below([1.0, 1.0, 0.1, 0.1, 0.1], 0.5, smooth=2)
    4
    >>> first_below([1.0, 1.0], 0.5, smooth=2) is None
    True
    """
    loss = np.asarray(loss, dtype=float)
    if smooth < 1 or loss.ndim != 1 or len(loss) < smooth:
        raise ValueError(f"loss must be 1-D with at least smooth={smooth} entries, got shape {loss.shape}")
    return iterations_to_threshold(loss, threshold, smooth)


def draw_forget_bias_runs(losses: dict, threshold: float, T: int, smooth: int = WINDOW, lang: str = "en") -> Figure:
    """Training curves for several initial forget biases, with the threshold and where each first crosses it.

    Parameters
    ----------
    losses : dict of float -> (iterations,) ndarray
        Training loss per iteration, keyed by the initial forget bias.
    threshold : float
    T : int
        Sequence length of the adding problem (for the title).
    smooth : int
        Moving-average window, as in :func:`first_below`.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    with style(lang):
        fig, ax = new_figure(lang, figsize=(8.0, 3.4))
        for (bias, loss), color, ls in zip(losses.items(), SETTING_COLORS, SETTING_STYLES):
            loss = np.asarray(loss, dtype=float)
            avg = np.convolve(loss, np.ones(smooth) / smooth, mode="valid")
            it = first_below(loss, threshold, smooth)
            reached = (text(LABELS, lang, "reached").format(thr=threshold, it=it) if it is not None else
                       text(LABELS, lang, "not_reached").format(thr=threshold, n=len(loss)))
            ax.semilogy(np.arange(smooth, len(loss) + 1), avg, color=color, ls=ls,
                        label=text(LABELS, lang, "bias_run").format(b=bias, reached=reached))
            if it is not None:
                ax.axvline(it, color=color, ls=":", lw=1)
        ax.axhline(threshold, color=PALETTE["bound"], ls="--", lw=1,
                   label=text(LABELS, lang, "threshold").format(thr=threshold))
        ax.set(xlabel=text(LABELS, lang, "iteration"), ylabel=text(LABELS, lang, "loss").format(w=smooth),
               title=text(LABELS, lang, "bias_title").format(T=T))
        ax.legend(fontsize=8, loc="lower left")
    return use_mixed_fonts(fig)
