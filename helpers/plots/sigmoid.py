"""Figures of notebook 02: the sigmoid, its derivative and tanh's, and what 0.25 does over many steps."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from helpers.activations import DERIVATIVE_BOUND, sigmoid, sigmoid_grad, tanh_grad
from helpers.plots._base import LINESTYLES, PALETTE, find_artist, new_figure, style, text

LABELS = {
    "en": {
        "x": "pre-activation x",
        "sigma": "σ(x)",
        "dsigma": "σ′(x) = σ(x)(1 − σ(x))",
        "dtanh": "tanh′(x) = 1 − tanh²(x)",
        "left": "the sigmoid",
        "right": "derivatives (their largest values: 1/4 and 1)",
        "readout": "x = {x:+.2f}:  σ(x) = {s:.3f},  σ′(x) = {ds:.3f},  tanh′(x) = {dt:.3f}",
        "steps": "steps back k",
        "factor": "product of k derivative factors",
        "power_title": "at best γᵏ: what k derivative factors can leave of a gradient",
        "gamma": "{name}: γ = {g:g}",
        "sigmoid": "sigmoid",
        "tanh": "tanh",
    },
    "ja": {
        "x": "活性化前の値 x",
        "sigma": "σ(x)",
        "dsigma": "σ′(x) = σ(x)(1 − σ(x))",
        "dtanh": "tanh′(x) = 1 − tanh²(x)",
        "left": "シグモイド関数",
        "right": "導関数（最大値はそれぞれ 1/4 と 1）",
        "readout": "x = {x:+.2f}：σ(x) = {s:.3f}、σ′(x) = {ds:.3f}、tanh′(x) = {dt:.3f}",
        "steps": "遡るステップ数 k",
        "factor": "導関数 k 個の積",
        "power_title": "最良でも γᵏ：導関数を k 回掛けると勾配はどれだけ残るか",
        "gamma": "{name}：γ = {g:g}",
        "sigmoid": "シグモイド関数",
        "tanh": "tanh",
    },
}

X_RANGE = (-8.0, 8.0)


def _values(x: float) -> dict:
    return {"x": x, "s": float(sigmoid(x)), "ds": float(sigmoid_grad(x)), "dt": float(tanh_grad(x))}


def draw_sigmoid_explorer(x: float = 0.0, lang: str = "en") -> Figure:
    """σ on the left; σ′ and tanh′ on the right; the point x marked on each curve with its values.

    Parameters
    ----------
    x : float
        Where to mark the curves.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_sigmoid_explorer` to move the point.
    """
    grid = np.linspace(*X_RANGE, 400)
    with style(lang):
        fig, (left, right) = new_figure(lang, 1, 2)
        left.plot(grid, sigmoid(grid), color=PALETTE["sigmoid"], label=text(LABELS, lang, "sigma"))
        left.plot([x], [float(sigmoid(x))], "o", color=PALETTE["sigmoid"], gid="point-sigma", animated=True)
        left.set(title=text(LABELS, lang, "left"), xlabel=text(LABELS, lang, "x"), ylim=(-0.05, 1.05))
        left.legend(loc="upper left")
        right.plot(grid, sigmoid_grad(grid), color=PALETTE["sigmoid"], label=text(LABELS, lang, "dsigma"))
        right.plot(grid, tanh_grad(grid), color=PALETTE["tanh"], ls=LINESTYLES["tanh"],
                   label=text(LABELS, lang, "dtanh"))
        for name in ("sigmoid", "tanh"):
            right.axhline(DERIVATIVE_BOUND[name], color=PALETTE[name], ls=":", lw=1)
        right.plot([x], [float(sigmoid_grad(x))], "o", color=PALETTE["sigmoid"], gid="point-dsigma", animated=True)
        right.plot([x], [float(tanh_grad(x))], "s", color=PALETTE["tanh"], gid="point-dtanh", animated=True)
        right.set(title=text(LABELS, lang, "right"), xlabel=text(LABELS, lang, "x"), ylim=(-0.05, 1.1))
        right.legend(loc="upper right", fontsize=8)
        fig.suptitle(text(LABELS, lang, "readout").format(**_values(x)), gid="readout", animated=True)
    return fig


def update_sigmoid_explorer(fig: Figure, x: float, lang: str = "en") -> list:
    """Move the marked points of a figure from :func:`draw_sigmoid_explorer` to `x`.

    Returns
    -------
    changed : list of Artist
        The (animated) artists it moved.
    """
    v = _values(x)
    changed = [find_artist(fig, gid) for gid in ("point-sigma", "point-dsigma", "point-dtanh", "readout")]
    changed[0].set_data([x], [v["s"]])
    changed[1].set_data([x], [v["ds"]])
    changed[2].set_data([x], [v["dt"]])
    changed[3].set_text(text(LABELS, lang, "readout").format(**v))
    return changed


def draw_derivative_powers(k_max: int = 20, lang: str = "en") -> Figure:
    """γᵏ for sigmoid (1/4) and tanh (1) on a log scale: the best a product of k derivative factors can keep.

    Parameters
    ----------
    k_max : int
        Largest number of steps.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    k = np.arange(k_max + 1)
    with style(lang):
        fig, ax = new_figure(lang, figsize=(6.5, 3.2))
        for name in ("sigmoid", "tanh"):
            g = DERIVATIVE_BOUND[name]
            ax.semilogy(k, np.full(k.shape, g, float) ** k, "o" if name == "sigmoid" else "s", ms=3,
                        ls=LINESTYLES[name], color=PALETTE[name],
                        label=text(LABELS, lang, "gamma").format(name=text(LABELS, lang, name), g=g))
        ax.set(xlabel=text(LABELS, lang, "steps"), ylabel=text(LABELS, lang, "factor"),
               title=text(LABELS, lang, "power_title"), ylim=(1e-13, 5))
        ax.legend()
    return fig
