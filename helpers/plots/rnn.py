"""Figures of notebook 01: products of numbers, the gradient-norm explorer, and a short training contrast."""

from __future__ import annotations

from functools import lru_cache, partial

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from helpers.activations import DERIVATIVE_BOUND
from helpers.plots._base import (
    LINESTYLES,
    PALETTE,
    SEQUENTIAL_CMAP,
    SETTING_STYLES,
    find_artist,
    new_figure,
    style,
    text,
    text_color,
    use_mixed_fonts,
)
from helpers.rnn import backprop_norms, rnn_forward, scaled_orthogonal

LABELS = {
    "en": {
        "k": "steps back k",
        "power": "product of k factors",
        "power_title": "a product of k equal factors: shrinks or grows geometrically",
        "factor": "factor {f:g} per step",
        "grad": "$\\|\\partial L/\\partial h_{T-k}\\|$",
        "bound": "bound (γλ₁)ᵏ",
        "seq": "one input sequence each",
        "main_title": "how much of a gradient at $h_T$ is left $k$ steps back (log scale)",
        "s_axis": "$\\lambda_1 = s$, the largest singular value of $W_h$ (log scale)",
        "vanish": "← must vanish (λ₁ < 1/γ)",
        "maybe": "may explode (λ₁ > 1/γ) →",
        "threshold": "1/γ = {t:g}",
        "readout": "γλ₁ = {gs:.2f}   ‖∂L/∂h₀‖ = {last:.1e}   bound {bound:.1e}",
        "sigmoid": "sigmoid",
        "tanh": "tanh",
        "linear": "linear",
        "iteration": "training iteration",
        "loss": "training loss (MSE, mean of 20 batches)",
        "baseline": "always predicting 1.0: MSE 1/6 ≈ 0.167",
        "train_T": "RNN, T = {T}",
        "train_title": "the same RNN and budget on the adding problem",
        "loss_step": "step t of the loss term $L_t$",
        "use_step": "step s where $W_h$ is used",
        "grid_title": r"what each pair (t, s) adds to $\partial L/\partial W_h$, $\log_{{10}}$ of its norm; "
                      "boxes: kept by windows of {k}",
        "log_norm": r"$\log_{10} \Vert h_{s-1}^\top \delta_s^{(t)} \Vert$",
    },
    "ja": {
        "k": "遡るステップ数 k",
        "power": "k 個の因子の積",
        "power_title": "同じ因子を k 回掛けると、大きさは指数関数的に縮むか増える",
        "factor": "1 ステップあたりの因子 {f:g}",
        "grad": "$\\|\\partial L/\\partial h_{T-k}\\|$",
        "bound": "上界 (γλ₁)ᵏ",
        "seq": "入力系列ごとに 1 本",
        "main_title": "$h_T$ での勾配が $k$ ステップ遡るとどれだけ残るか（対数目盛り）",
        "s_axis": "$\\lambda_1 = s$：$W_h$ の最大特異値（対数目盛り）",
        "vanish": "← 必ず消失（λ₁ < 1/γ）",
        "maybe": "爆発しうる（λ₁ > 1/γ）→",
        "threshold": "1/γ = {t:g}",
        "readout": "γλ₁ = {gs:.2f}　‖∂L/∂h₀‖ = {last:.1e}　上界 {bound:.1e}",
        "sigmoid": "シグモイド関数",
        "tanh": "tanh",
        "linear": "線形",
        "iteration": "学習の反復回数",
        "loss": "学習時の損失（MSE、20 バッチの平均）",
        "baseline": "常に 1.0 と予測：MSE 1/6 ≈ 0.167",
        "train_T": "RNN、T = {T}",
        "train_title": "同じ RNN・同じ予算で加算問題を学習",
        "loss_step": "損失の項 $L_t$ の時刻 t",
        "use_step": "$W_h$ が使われる時刻 s",
        "grid_title": r"組 (t, s) が $\partial L/\partial W_h$ に加える量（ノルムの $\log_{{10}}$）。"
                      "枠：{k} ステップの窓で残る組",
        "log_norm": r"$\log_{10} \Vert h_{s-1}^\top \delta_s^{(t)} \Vert$",
    },
}

S_RANGE = (0.1, 12.0)
"""Range of the singular-value slider: wide enough to put the sigmoid (1/γ = 4) on both sides of its threshold."""
T_MAX = 100
Y_RANGE = (1e-20, 1e20)
N_SEQUENCES = 4
D_INPUT = 8


def draw_geometric(factors=(0.9, 1.0, 1.1), k_max: int = 100, lang: str = "en") -> Figure:
    """factor^k for a few factors on a log scale: the scalar picture of a product of Jacobians.

    Parameters
    ----------
    factors : sequence of float
    k_max : int
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    k = np.arange(k_max + 1)
    keys = ["sigmoid", "bound", "tanh"]  # < 1, = 1, > 1
    with style(lang):
        fig, ax = new_figure(lang, figsize=(6.5, 3.2))
        for n, f in enumerate(factors):
            key = keys[n % 3]
            ax.semilogy(k, float(f) ** k, color=PALETTE[key], ls=LINESTYLES[key],
                        label=text(LABELS, lang, "factor").format(f=f))
            ax.annotate(f"{float(f) ** k_max:.1e}", (k_max, float(f) ** k_max), textcoords="offset points",
                        xytext=(4, 0), ha="left", va="center", fontsize=10, color=text_color(PALETTE[key]))
        ax.set(xlim=(0, k_max * 1.18), xlabel=text(LABELS, lang, "k"), ylabel=text(LABELS, lang, "power"),
               title=text(LABELS, lang, "power_title"))
        ax.legend(loc="upper left")
    return use_mixed_fonts(fig)


@lru_cache(maxsize=16)
def _setup(H: int, seed: int):
    """Fixed ingredients for one hidden size: an orthogonal direction for W_h, Wx, inputs of the longest T."""
    rng = np.random.default_rng(seed)
    q = scaled_orthogonal(H, 1.0, rng)
    Wx = rng.standard_normal((D_INPUT, H)) / np.sqrt(D_INPUT)
    xs = rng.standard_normal((N_SEQUENCES, T_MAX, D_INPUT))
    return q, Wx, xs


def explorer_curves(s: float, activation: str, T: int, H: int, seed: int = 0):
    """‖∂L/∂h_{T−k}‖ for k = 0..T for a few input sequences, and the bound (γ s)^k.

    W_h = s Q with Q a fixed random orthogonal matrix (so every singular value is s, and moving s only
    rescales W_h); the inputs are fixed too, so changing T reads a shorter or longer piece of them.

    Parameters
    ----------
    s : float
        Singular value of W_h.
    activation : {"sigmoid", "tanh", "linear"}
    T : int
        Sequence length, 1..100.
    H : int
        Hidden size.
    seed : int

    Returns
    -------
    k : (T + 1,) ndarray
    norms : (N, T + 1) ndarray
    bound : (T + 1,) ndarray
    """
    if not 1 <= T <= T_MAX:
        raise ValueError(f"T must be between 1 and {T_MAX}, got {T}")
    q, Wx, xs = _setup(int(H), seed)
    params = {"Wx": Wx, "Wh": s * q, "b": np.zeros(H)}
    _, cache = rnn_forward(xs[:, :T], None, params, activation)
    k = np.arange(T + 1)
    bound = (DERIVATIVE_BOUND[activation] * s) ** k.astype(float)
    return k, backprop_norms(cache), bound


def _threshold_patches(activation: str):
    t = 1.0 / DERIVATIVE_BOUND[activation]
    return (S_RANGE[0], t - S_RANGE[0]), (t, S_RANGE[1] - t), t


def draw_gradient_explorer(s: float = 1.0, activation: str = "tanh", T: int = 50, H: int = 64,
                           lang: str = "en") -> Figure:
    """The gradient-norm curves against k (top) and where λ₁ sits relative to 1/γ (bottom).

    Parameters
    ----------
    s : float
        Singular value of the recurrent weight.
    activation : {"sigmoid", "tanh", "linear"}
    T : int
        Sequence length (1..100).
    H : int
        Hidden size.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_gradient_explorer`.
    """
    with style(lang):
        fig, (ax, gauge) = new_figure(lang, 2, 1, figsize=(8.0, 4.3), height_ratios=(4, 1))
        for n in range(N_SEQUENCES):
            ax.semilogy([0], [1], color=PALETTE["rnn"], lw=1.2, alpha=0.8, animated=True, gid=f"curve-{n}",
                        label=text(LABELS, lang, "grad") + " (" + text(LABELS, lang, "seq") + ")" if n == 0 else None)
        ax.semilogy([0], [1], color=PALETTE["bound"], ls="--", lw=1.2, animated=True, gid="bound",
                    label=text(LABELS, lang, "bound"))
        ax.axhline(1.0, color="#bbbbbb", lw=0.8)
        ax.set_yticks([1e-20, 1e-15, 1e-10, 1e-5, 1, 1e5, 1e10, 1e15, 1e20])
        ax.minorticks_off()
        ax.set(xlim=(0, T_MAX), ylim=Y_RANGE, xlabel=text(LABELS, lang, "k"), title=text(LABELS, lang, "main_title"))
        ax.legend(loc="lower left", fontsize=8)
        # The median over the sequences of the norm at h_0, and the bound there.
        ax.text(0.99, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=9, animated=True,
                gid="readout")
        (x0, w0), (x1, w1), t = _threshold_patches(activation)
        gauge.add_patch(Rectangle((x0, 0), w0, 1, color=PALETTE["sigmoid"], alpha=0.18, animated=True,
                                  gid="zone-vanish"))
        gauge.add_patch(Rectangle((x1, 0), w1, 1, color=PALETTE["rnn"], alpha=0.18, animated=True, gid="zone-maybe"))
        gauge.axvline(t, color=PALETTE["bound"], lw=1.5, animated=True, gid="threshold")
        gauge.text(t, 0.2, "", ha="center", va="center", fontsize=8, animated=True, gid="threshold-label",
                   bbox={"facecolor": "white", "edgecolor": PALETTE["bound"], "pad": 1.5})
        # Static labels at the two ends: each end lies inside its zone for every activation offered.
        gauge.text(0.005, 0.72, text(LABELS, lang, "vanish"), transform=gauge.transAxes, ha="left", va="center",
                   fontsize=8)
        gauge.text(0.995, 0.72, text(LABELS, lang, "maybe"), transform=gauge.transAxes, ha="right", va="center",
                   fontsize=8)
        gauge.plot([s], [0.45], "v", color="black", ms=9, animated=True, gid="s-marker")
        gauge.set(xscale="log", xlim=S_RANGE, ylim=(0, 1), yticks=[], xlabel=text(LABELS, lang, "s_axis"))
        gauge.set_xticks([0.1, 0.25, 0.5, 1, 2, 4, 8, 12], ["0.1", "0.25", "0.5", "1", "2", "4", "8", "12"])
    update_gradient_explorer(fig, s, activation, T, H, lang)
    return use_mixed_fonts(fig)


def update_gradient_explorer(fig: Figure, s: float, activation: str, T: int, H: int, lang: str = "en") -> list:
    """Recompute the curves for (s, activation, T, H) and move the animated artists; axes stay fixed.

    Returns
    -------
    changed : list of Artist
    """
    k, norms, bound = explorer_curves(float(s), activation, int(T), int(H))
    art = partial(find_artist, fig)
    changed = []
    for n in range(N_SEQUENCES):
        line = art(f"curve-{n}")
        # Exact zeros (e.g. a saturated sigmoid) cannot be drawn on a log axis: show them at the bottom edge.
        line.set_data(k, np.maximum(norms[n], Y_RANGE[0] / 10))
        changed.append(line)
    line = art("bound")
    line.set_data(k, np.clip(bound, Y_RANGE[0] / 10, Y_RANGE[1] * 10))
    changed.append(line)
    g = DERIVATIVE_BOUND[activation]
    readout = art("readout")
    readout.set_text(text(LABELS, lang, "readout").format(gs=g * s, last=float(np.median(norms[:, -1])),
                                                          bound=float(bound[-1])))
    (x0, w0), (x1, w1), t = _threshold_patches(activation)
    zone = art("zone-vanish")
    zone.set_x(x0)
    zone.set_width(w0)
    other = art("zone-maybe")
    other.set_x(x1)
    other.set_width(w1)
    threshold = art("threshold")
    threshold.set_xdata([t, t])
    label = art("threshold-label")
    label.set_position((t, 0.2))
    label.set_text(text(LABELS, lang, "threshold").format(t=1 / g))
    marker = art("s-marker")
    marker.set_data([s], [0.45])
    return changed + [readout, zone, other, threshold, label, marker]


def draw_training_contrast(histories: dict, baseline: float, lang: str = "en", window: int = 20) -> Figure:
    """Training-loss curves (moving average) for several sequence lengths, with the constant-prediction line.

    Parameters
    ----------
    histories : dict of int -> (iterations,) ndarray
        T -> loss per iteration.
    baseline : float
        MSE of always predicting the mean.
    lang : {"en", "ja"}
    window : int
        Moving-average window.

    Returns
    -------
    fig : Figure
    """
    colors = [PALETTE["lstm"], PALETTE["rnn"], PALETTE["tanh"], PALETTE["sigmoid"]]
    with style(lang):
        fig, ax = new_figure(lang, figsize=(6.5, 3.2))
        for n, (T, loss) in enumerate(sorted(histories.items())):
            loss = np.asarray(loss, float)
            smooth = np.convolve(loss, np.ones(window) / window, mode="valid")
            ax.plot(np.arange(window - 1, loss.size), smooth, color=colors[n % 4], ls=SETTING_STYLES[n % 4],
                    label=text(LABELS, lang, "train_T").format(T=T))
        ax.axhline(baseline, color=PALETTE["bound"], ls="--", lw=1, label=text(LABELS, lang, "baseline"))
        ax.set(xlabel=text(LABELS, lang, "iteration"), ylabel=text(LABELS, lang, "loss"), ylim=(0, 0.3),
               title=text(LABELS, lang, "train_title"))
        ax.legend(loc="upper right", fontsize=8)
    return use_mixed_fonts(fig)


def draw_truncation_grid(table, window: int, lang: str = "en", floor: float = 1e-12) -> Figure:
    """The contributions of every (loss step t, use step s) to dL/dW_h, with the blocks truncated BPTT keeps.

    Parameters
    ----------
    table : (T, T) ndarray
        From :func:`helpers.rnn.wh_contributions`.
    window : int
        Window length of truncated BPTT: the pairs with t and s in the same window are outlined.
    lang : {"en", "ja"}
    floor : float
        Norms below it (and the zeros above the diagonal) are left blank.

    Returns
    -------
    fig : Figure
    """
    table = np.asarray(table, float)
    if table.ndim != 2 or table.shape[0] != table.shape[1]:
        raise ValueError(f"table must be a square (T, T) array, got shape {table.shape}")
    if int(window) < 1:
        raise ValueError(f"window must be a positive number of steps, got {window!r}")
    T = table.shape[0]
    shown = np.ma.masked_less(table, floor)
    with style(lang):
        fig, ax = new_figure(lang, figsize=(6.4, 5.0))
        image = ax.imshow(np.ma.log10(shown), origin="lower", cmap=SEQUENTIAL_CMAP,
                          extent=(-0.5, T - 0.5, -0.5, T - 0.5))
        for start in range(0, T, int(window)):
            size = min(int(window), T - start)
            ax.add_patch(Rectangle((start - 0.5, start - 0.5), size, size, fill=False, edgecolor=PALETTE["tanh"],
                                   lw=1.8))
        ax.set(xlabel=text(LABELS, lang, "use_step"), ylabel=text(LABELS, lang, "loss_step"),
               title=text(LABELS, lang, "grid_title").format(k=int(window)))
        ax.title.set_fontsize(9)
        fig.colorbar(image, ax=ax, label=text(LABELS, lang, "log_norm"), shrink=0.85)
    return use_mixed_fonts(fig)
