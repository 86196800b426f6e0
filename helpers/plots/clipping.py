"""Figures of notebook 03: the cliff of Pascanu et al. (2013, Fig. 6), descents on it, clipping by norm and by value."""

from __future__ import annotations

from functools import lru_cache, partial

import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle

from helpers.cliff import JUMP, cliff_descent_one, cliff_grid, jump_lengths
from helpers.clipping import clip_by_global_norm, clip_by_value
from helpers.plots._base import PALETTE, find_artist, new_figure, style, text, use_mixed_fonts

LABELS = {
    "en": {
        "w": "recurrent weight w",
        "b": "bias b",
        "E": "error E = (σ(x₅₀) − 0.7)²",
        "surface": "error surface of $x_t = w\\,\\sigma(x_{t-1}) + b$",
        "slice": "along b at w = {w:g}: a step, not a slope",
        "unclipped": "no clipping",
        "clipped": "clipped by norm at {tau:g}",
        "clipped_slider": "clipped by norm (threshold: slider)",
        "runs_title": "{title}\n{jumps} jumps > 5, median final E {med:.3f} (all starts)",
        "status": "E = {E:.4f}   jumps: {jumps}   longest step {step:.2g}",
        "overflow": "gradient overflow at update {k}",
        "left": "left the picture",
        "start": "start",
        "g": "gradient g",
        "by_norm": "clipped by norm (direction kept)",
        "by_value": "clipped by value (direction changed)",
        "norm_ball": "‖g‖ ≤ {tau:g}",
        "value_box": "$|g_i| \\leq$ {tau:g}",
        "arrows_title": "the same gradient, clipped two ways",
        "first": "first component",
        "second": "second component",
    },
    "ja": {
        "w": "再帰の重み w",
        "b": "バイアス b",
        "E": "誤差 E = (σ(x₅₀) − 0.7)²",
        "surface": "$x_t = w\\,\\sigma(x_{t-1}) + b$ の誤差曲面",
        "slice": "w = {w:g} で b を動かすと：坂ではなく段差",
        "unclipped": "クリッピングなし",
        "clipped": "閾値 {tau:g} でノルムによるクリッピング",
        "clipped_slider": "ノルムによるクリッピング（閾値はスライダー）",
        "runs_title": "{title}\n5 を超える跳躍 {jumps} 回、最終 E の中央値 {med:.3f}（全出発点）",
        "status": "E = {E:.4f}　跳躍 {jumps} 回　最大の一歩 {step:.2g}",
        "overflow": "{k} 回目の更新で勾配がオーバーフロー",
        "left": "図の外へ出た",
        "start": "出発点",
        "g": "勾配 g",
        "by_norm": "ノルムによるクリッピング（向きはそのまま）",
        "by_value": "値によるクリッピング（向きが変わる）",
        "norm_ball": "‖g‖ ≤ {tau:g}",
        "value_box": "$|g_i| \\leq$ {tau:g}",
        "arrows_title": "同じ勾配を 2 通りにクリッピング",
        "first": "第 1 成分",
        "second": "第 2 成分",
    },
}

W_LIM = (0.0, 10.0)
B_LIM = (-6.0, 2.0)
"""The part of the (w, b) plane the notebook looks at: the valley, the cliff, and both plateaus."""
E_NORM = (1e-4, 0.5)
ITERATIONS = 300


@lru_cache(maxsize=2)
def _surface(n: int = 240):
    return cliff_grid(W_LIM, B_LIM, n)


def _draw_surface(ax, lang: str, colorbar_fig: Figure | None = None):
    ws, bs, E = _surface()
    image = ax.imshow(np.clip(E, *E_NORM), origin="lower", extent=(*W_LIM, *B_LIM), aspect="auto",
                      norm=LogNorm(*E_NORM), cmap="viridis", interpolation="nearest")
    ax.set(xlim=W_LIM, ylim=B_LIM, xlabel=text(LABELS, lang, "w"), ylabel=text(LABELS, lang, "b"))
    if colorbar_fig is not None:
        colorbar_fig.colorbar(image, ax=ax, label=text(LABELS, lang, "E"), shrink=0.9)
    return image


def draw_cliff_overview(lang: str = "en", w_slice: float = 6.0) -> Figure:
    """Left: E over (w, b) on a log colour scale. Right: E along b at one w, where the cliff is a step.

    Parameters
    ----------
    lang : {"en", "ja"}
    w_slice : float
        The w of the right panel's cut (also drawn as a dotted line on the left).

    Returns
    -------
    fig : Figure
    """
    from helpers.cliff import cliff_error

    bs = np.linspace(*B_LIM, 801)
    with style(lang):
        fig, (left, right) = new_figure(lang, 1, 2, figsize=(9.0, 3.6))
        _draw_surface(left, lang, fig)
        left.axvline(w_slice, color="white", ls=":", lw=1.2)
        left.set_title(text(LABELS, lang, "surface"))
        right.plot(bs, cliff_error(w_slice, bs), color=PALETTE["rnn"])
        right.set(xlabel=text(LABELS, lang, "b"), ylabel="E", xlim=B_LIM,
                  title=text(LABELS, lang, "slice").format(w=w_slice))
    return use_mixed_fonts(fig)


def _plot_paths(ax, paths: np.ndarray, color: str = "white") -> None:
    for p in paths:
        ax.plot(p[:, 0], p[:, 1], color=color, lw=0.7, alpha=0.9)
        ax.plot(p[0, 0], p[0, 1], "o", color=color, ms=2.5)
        jumps = np.where(jump_lengths(p[None])[0] > JUMP)[0]
        for j in jumps:
            ax.plot(p[j:j + 2, 0], p[j:j + 2, 1], color=PALETTE["tanh"], lw=1.5)


def draw_descent_runs(unclipped: dict, clipped: dict, threshold: float, lang: str = "en", n_show: int = 40) -> Figure:
    """The first `n_show` descents of two runs of :func:`helpers.cliff.cliff_descent` side by side.

    Jumps longer than 5 are drawn in vermilion (most leave the picture).

    Parameters
    ----------
    unclipped, clipped : dict
        Results of ``cliff_descent`` from the same starts, without and with clipping.
    threshold : float
        The clipping threshold used (for the title).
    lang : {"en", "ja"}
    n_show : int

    Returns
    -------
    fig : Figure
    """
    with style(lang):
        fig, axes = new_figure(lang, 1, 2, figsize=(9.0, 3.8), sharey=True)
        for ax, run, title in ((axes[0], unclipped, text(LABELS, lang, "unclipped")),
                               (axes[1], clipped, text(LABELS, lang, "clipped").format(tau=threshold))):
            _draw_surface(ax, lang)
            _plot_paths(ax, run["path"][:n_show])
            jumps = int(np.sum(jump_lengths(run["path"]) > JUMP))
            ax.set_title(text(LABELS, lang, "runs_title").format(title=title, jumps=jumps,
                                                                  med=float(np.median(run["E"][:, -1]))), fontsize=9)
            ax.set(xlim=W_LIM, ylim=B_LIM)
        axes[1].set_ylabel("")
    return use_mixed_fonts(fig)


@lru_cache(maxsize=256)
def _run(w0: float, b0: float, lr: float, threshold: float | None) -> dict:
    # Cached: moving only the threshold leaves the unclipped run as it was.
    return cliff_descent_one(w0, b0, lr, ITERATIONS, threshold)


def _jump_segments(path: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every jump as separate segments (NaN between them), for one Line2D."""
    long = np.where(jump_lengths(path[None])[0] > JUMP)[0]
    if long.size == 0:
        return np.array([np.nan]), np.array([np.nan])
    seg = np.full((long.size, 3, 2), np.nan)
    seg[:, 0] = path[long]
    seg[:, 1] = path[long + 1]
    seg = seg.reshape(-1, 2)
    return seg[:, 0], seg[:, 1]


def draw_clipping_explorer(w0: float = 5.0, b0: float = -4.0, lr: float = 0.5, threshold: float = 1.0,
                           lang: str = "en") -> Figure:
    """One start, two descents on the error surface: unclipped (left) and clipped by norm (right).

    Parameters
    ----------
    w0, b0 : float
        The start.
    lr : float
        Learning rate.
    threshold : float
        Clipping threshold of the right panel.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_clipping_explorer`.
    """
    with style(lang):
        fig, axes = new_figure(lang, 1, 2, figsize=(8.4, 3.6), sharey=True)
        for ax, name in zip(axes, ("unclipped", "clipped")):
            _draw_surface(ax, lang)
            ax.plot([w0], [b0], color="white", lw=1.0, animated=True, gid=f"{name}-path")
            ax.plot([np.nan], [np.nan], color=PALETTE["tanh"], lw=2.0, animated=True, gid=f"{name}-jumps")
            ax.plot([w0], [b0], "o", color="white", mec="black", ms=7, animated=True, gid=f"{name}-start")
            ax.plot([w0], [b0], "*", color=PALETTE["accent"], mec="black", ms=12, animated=True, gid=f"{name}-end")
            ax.text(0.02, 0.02, "", transform=ax.transAxes, fontsize=8, color="white", animated=True,
                    gid=f"{name}-status", bbox={"facecolor": "black", "alpha": 0.55, "edgecolor": "none"})
        axes[0].set_title(text(LABELS, lang, "unclipped"), fontsize=10)
        axes[1].set_title(text(LABELS, lang, "clipped_slider"), fontsize=10)
        axes[1].set_ylabel("")
    update_clipping_explorer(fig, w0, b0, lr, threshold, lang)
    return use_mixed_fonts(fig)


def update_clipping_explorer(fig: Figure, w0: float, b0: float, lr: float, threshold: float,
                             lang: str = "en") -> list:
    """Rerun both descents from (w0, b0) and move the animated artists; the surface stays.

    Returns
    -------
    changed : list of Artist
    """
    art = partial(find_artist, fig)
    changed = []
    for name, clip in (("unclipped", None), ("clipped", float(threshold))):
        run = _run(float(w0), float(b0), float(lr), clip)
        path = run["path"]
        art(f"{name}-path").set_data(path[:, 0], path[:, 1])
        art(f"{name}-jumps").set_data(*_jump_segments(path))
        art(f"{name}-start").set_data([path[0, 0]], [path[0, 1]])
        end = art(f"{name}-end")
        end.set_data([path[-1, 0]], [path[-1, 1]])
        steps = jump_lengths(path[None])[0]
        status = text(LABELS, lang, "status").format(E=float(run["E"][-1]), jumps=int(np.sum(steps > JUMP)),
                                                     step=float(steps.max()) if steps.size else 0.0)
        if run["overflow"]:
            status += "\n" + text(LABELS, lang, "overflow").format(k=len(steps) + 1)
        elif not (W_LIM[0] <= path[-1, 0] <= W_LIM[1] and B_LIM[0] <= path[-1, 1] <= B_LIM[1]):
            status += "\n" + text(LABELS, lang, "left")
        art(f"{name}-status").set_text(status)
        changed += [art(f"{name}-path"), art(f"{name}-jumps"), art(f"{name}-start"), end, art(f"{name}-status")]
    return changed


def draw_norm_vs_value(g=(3.0, 1.0), threshold: float = 1.0, lang: str = "en") -> Figure:
    """A 2-D gradient and its two clipped versions as arrows, with the sets each method keeps to.

    Parameters
    ----------
    g : (2,) sequence of float
    threshold : float
        Used as the norm threshold and as the value bound.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    g = np.asarray(g, float)
    by_norm, _ = clip_by_global_norm(g, threshold)
    by_value = clip_by_value(g, threshold)
    lim = 1.15 * max(float(np.max(np.abs(g))), threshold)
    with style(lang):
        fig, ax = new_figure(lang, figsize=(6.4, 3.9))
        ax.add_patch(Circle((0, 0), threshold, fill=False, ls="--", color=PALETTE["sigmoid"],
                            label=text(LABELS, lang, "norm_ball").format(tau=threshold)))
        ax.add_patch(Rectangle((-threshold, -threshold), 2 * threshold, 2 * threshold, fill=False, ls=":",
                               color=PALETTE["rnn"], label=text(LABELS, lang, "value_box").format(tau=threshold)))
        for vec, color, key in ((g, PALETTE["bound"], "g"), (by_norm, PALETTE["sigmoid"], "by_norm"),
                                (by_value, PALETTE["rnn"], "by_value")):
            ax.annotate("", xy=vec, xytext=(0, 0),
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 2, "shrinkA": 0, "shrinkB": 0})
            angle = np.degrees(np.arctan2(vec[1], vec[0]))
            ax.plot([], [], color=color, lw=2,
                    label=f"{text(LABELS, lang, key)}: ({vec[0]:.2f}, {vec[1]:.2f}), {angle:.0f}°")
        ax.set(xlim=(-0.3, lim), ylim=(-0.3, 2.2 * max(threshold, abs(float(g[1])))), aspect="equal",
               xlabel=text(LABELS, lang, "first"), ylabel=text(LABELS, lang, "second"),
               title=text(LABELS, lang, "arrows_title"))
        ax.legend(loc="upper left", fontsize=8)
    return use_mixed_fonts(fig)
