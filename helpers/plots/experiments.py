"""Figures of notebook 08: the adding problem, learning curves of an RNN and an LSTM, the gradient that reaches
the first marker, the trained LSTM's gates, and the variant comparison.

Every function takes :class:`helpers.experiments.Result` objects (or what :func:`helpers.experiments.
gates_at_markers` returns) and draws; none trains.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from helpers.experiments import (
    STREAM_SCORE_LAST,
    STREAM_TEST_T,
    THRESHOLD,
    VARIANT_LABELS,
    WINDOW,
    iterations_to_threshold,
)
from helpers.plots._base import (
    LINESTYLES,
    MARKERS,
    PALETTE,
    SEQUENTIAL_CMAP,
    find_artist,
    new_figure,
    style,
    text,
    text_color,
    use_mixed_fonts,
)
from helpers.tasks import ADDING_BASELINE_MSE

LABELS = {
    "en": {
        "step": "time step t",
        "value": "value $x_t$ (channel 0)",
        "marked": "marked (channel 1 = 1)",
        "example_title": "one sequence of the adding problem, T = {T}: the target is {a:.2f} + {b:.2f} = {y:.2f}",
        "iteration": "training iteration",
        "mse": "training MSE",
        "baseline": "predict the mean: 1/6 ≈ 0.167",
        "threshold": "threshold {thr:g}",
        "curves_title": "T = {T}",
        "reached": "{name}: below {thr:g} after {it} iterations",
        "not_reached": "{name}: not below {thr:g} within {n} iterations",
        "group": "{name}, seed {seeds}: {what}",
        "after": "below {thr:g} after {its}",
        "never": "not below {thr:g} within {n}",
        "some": "below {thr:g} after {its}; not within {n}: {k}",
        "seed": "seed {seed}",
        "grad": "$\\|\\partial L_n/\\partial x_t\\|$ (batch median)",
        "grad_title": "how strongly the loss reacts to the first marked input, T = {T}",
        "first": "{name}, first marker",
        "second": "{name}, second marker",
        "escape": "{name} below {thr:g}",
        "gate_title": "the trained LSTM on one test sequence (T = {T}); dashed lines: the marked steps",
        "unit": "unit",
        "units_sorted": "{gate}\n(units;\ntop: unit {u})",
        "memory": "gates of\nunit {u}",
        "cell": "cell state $c_t$\nof unit {u}",
        "zero": "exactly 0 (float32 underflow)",
        "i": "input gate $i_t$",
        "f": "forget gate $f_t$",
        "o": "output gate $o_t$",
        "g": "candidate $g_t$",
        "input": "input",
        "variant": "variant",
        "test_mse": "test MSE (one dot per seed)",
        "adding": "adding problem, T = {T}",
        "stream": "continual stream: last {k} of {n} steps",
        "explorer_title": "T = {T}, H = {H}, seed {seed}: {lstm}; {rnn}",
        "ex_reached": "{name} below {thr:g} after {it}",
        "ex_not": "{name} not below {thr:g} within {n}",
    },
    "ja": {
        "step": "時刻 t",
        "value": "値 $x_t$（チャネル 0）",
        "marked": "印付き（チャネル 1 = 1）",
        "example_title": "加算問題の系列の一例（T = {T}）：目標は {a:.2f} + {b:.2f} = {y:.2f}",
        "iteration": "学習の反復回数",
        "mse": "学習時の MSE",
        "baseline": "ベースライン（平均を予測）：1/6 ≈ 0.167",
        "threshold": "閾値 {thr:g}",
        "curves_title": "T = {T}",
        "reached": "{name}：{it} 回で {thr:g} 未満",
        "not_reached": "{name}：{n} 回以内に {thr:g} 未満にならず",
        "group": "{name}（シード {seeds}）：{what}",
        "after": "{its} 回で {thr:g} 未満",
        "never": "{n} 回以内に {thr:g} 未満にならず",
        "some": "{its} 回で {thr:g} 未満、{n} 回以内にならず：{k}",
        "seed": "シード {seed}",
        "grad": "$\\|\\partial L_n/\\partial x_t\\|$（バッチの中央値）",
        "grad_title": "1 つ目の印の入力に損失がどれだけ反応するか（T = {T}）",
        "first": "{name}：1 つ目の印",
        "second": "{name}：2 つ目の印",
        "escape": "{name} が {thr:g} 未満に",
        "gate_title": "学習済み LSTM（テスト系列 1 本、T = {T}）。破線は印の時刻",
        "unit": "ユニット",
        "units_sorted": "{gate}\n（ユニット、\n最上段は {u} 番）",
        "memory": "ユニット {u} の\nゲート",
        "cell": "ユニット {u} の\nセル状態 $c_t$",
        "zero": "ちょうど 0（float32 のアンダーフロー）",
        "i": "入力ゲート $i_t$",
        "f": "忘却ゲート $f_t$",
        "o": "出力ゲート $o_t$",
        "g": "入力候補 $g_t$",
        "input": "入力",
        "variant": "変種",
        "test_mse": "テスト MSE（点はシードごと）",
        "adding": "加算問題、T = {T}",
        "stream": "連続ストリーム：{n} ステップ中の最後の {k}",
        "explorer_title": "T = {T}、H = {H}、シード {seed}：{lstm}、{rnn}",
        "ex_reached": "{name} は {it} 回で {thr:g} 未満",
        "ex_not": "{name} は {n} 回以内に {thr:g} 未満にならず",
    },
}

Y_RANGE = (1e-4, 0.6)


def _trailing_mean(values, window: int = WINDOW) -> np.ndarray:
    """Mean of the last `window` values at every iteration (fewer at the start)."""
    values = np.asarray(values, dtype=float)
    csum = np.cumsum(np.insert(values, 0, 0.0))
    k = np.arange(1, values.size + 1)
    lo = np.maximum(0, k - window)
    return (csum[k] - csum[lo]) / (k - lo)


def _model_name(result) -> str:
    return result.job.name


def _color(result) -> str:
    return PALETTE[result.job.model]


def draw_adding_example(xs, ys, lang: str = "en", index: int = 0) -> Figure:
    """One adding-problem sequence: its values, the two marked ones highlighted, and the target.

    Parameters
    ----------
    xs : (N, T, 2) ndarray
    ys : (N, 1) ndarray
    lang : {"en", "ja"}
    index : int
        Which sequence of the batch.

    Returns
    -------
    fig : Figure
    """
    x, y = np.asarray(xs)[index], float(np.asarray(ys)[index, 0])
    T = x.shape[0]
    marked = np.flatnonzero(x[:, 1] > 0.5)
    with style(lang):
        fig, ax = new_figure(lang, figsize=(8.0, 2.8))
        ax.bar(np.arange(T), x[:, 0], width=0.8, color="#bbbbbb", label=text(LABELS, lang, "value"))
        ax.bar(marked, x[marked, 0], width=0.8, color=PALETTE["accent"], label=text(LABELS, lang, "marked"))
        ax.plot(marked, np.full(marked.shape, -0.06), "^", color=PALETTE["accent"], ms=7, clip_on=False)
        for t in marked:
            ax.annotate(f"{x[t, 0]:.2f}", (t, x[t, 0]), xytext=(0, 3), textcoords="offset points", ha="center",
                        fontsize=9, color=text_color(PALETTE["accent"]))
        ax.axvline(T / 2 - 0.5, color=PALETTE["bound"], lw=0.8, ls=":")
        ax.set(xlabel=text(LABELS, lang, "step"), ylim=(0, 1.22), xlim=(-1, T),
               title=text(LABELS, lang, "example_title").format(T=T, a=x[marked[0], 0], b=x[marked[1], 0], y=y))
        ax.legend(loc="upper right", fontsize=8, ncols=2)
    return use_mixed_fonts(fig)


def _label_reached(result, lang: str, threshold: float) -> str:
    it = iterations_to_threshold(result.loss, threshold)
    name = _model_name(result)
    if it is None:
        return text(LABELS, lang, "not_reached").format(name=name, thr=threshold, n=result.job.iterations)
    return text(LABELS, lang, "reached").format(name=name, thr=threshold, it=it)


def _group_label(runs, lang: str, threshold: float) -> str:
    reached = [iterations_to_threshold(r.loss, threshold) for r in runs]
    hits = [str(it) for it in reached if it is not None]
    n = runs[0].job.iterations
    if len(hits) == len(runs):
        what = text(LABELS, lang, "after").format(thr=threshold, its=", ".join(hits))
    elif not hits:
        what = text(LABELS, lang, "never").format(thr=threshold, n=n)
    else:
        what = text(LABELS, lang, "some").format(thr=threshold, its=", ".join(hits), n=n, k=len(runs) - len(hits))
    seeds = ", ".join(str(r.job.seed) for r in runs)
    return text(LABELS, lang, "group").format(name=_model_name(runs[0]), seeds=seeds, what=what)


def _curves_on(ax, results, lang: str, threshold: float) -> None:
    groups: dict = {}
    for r in results:
        groups.setdefault(_model_name(r), []).append(r)
    for runs in groups.values():
        for k, r in enumerate(runs):
            it = np.arange(1, r.loss.size + 1)
            shade = 1.0 - 0.4 * k / max(1, len(runs) - 1)
            ax.plot(it, r.loss, color=_color(r), lw=0.5, alpha=0.2 * shade)
            label = _group_label(runs, lang, threshold) if k == 0 else None
            ax.plot(it, _trailing_mean(r.loss), color=_color(r), ls=LINESTYLES[r.job.model], lw=1.6, alpha=shade,
                    label=label)
            reached = iterations_to_threshold(r.loss, threshold)
            if reached is not None:
                ax.plot([reached], [threshold], "o", color=_color(r), ms=5, mec="white", alpha=shade)
    n = max(r.job.iterations for r in results)
    ax.axhline(ADDING_BASELINE_MSE, color=PALETTE["bound"], ls="--", lw=1, label=text(LABELS, lang, "baseline"))
    ax.axhline(threshold, color=PALETTE["bound"], ls=":", lw=1, label=text(LABELS, lang, "threshold").format(
        thr=threshold))
    ax.set(yscale="log", ylim=Y_RANGE, xlim=(0, n), xlabel=text(LABELS, lang, "iteration"))


def draw_learning_curves(results, lang: str = "en", threshold: float = THRESHOLD) -> Figure:
    """Training MSE against iterations for every result, one panel per sequence length T (longest first):
    each batch's MSE as a faint line, the mean of the last 25 as a bold one, a dot where it crosses `threshold`.

    Parameters
    ----------
    results : list of Result
        Adding-problem runs (RNN and LSTM, any seeds and lengths).
    lang : {"en", "ja"}
    threshold : float
        Drawn as a dotted line; the iteration where each curve's trailing mean crosses it is marked.

    Returns
    -------
    fig : Figure
    """
    Ts = sorted({r.job.T for r in results}, reverse=True)
    with style(lang):
        fig, axes = new_figure(lang, 1, len(Ts), figsize=(0.6 + 4.4 * len(Ts), 4.6), sharey=True)
        axes = np.atleast_1d(axes)
        for ax, T in zip(axes, Ts):
            _curves_on(ax, [r for r in results if r.job.T == T], lang, threshold)
            ax.set_title(text(LABELS, lang, "curves_title").format(T=T))
            ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.16), fontsize=8, frameon=False)
        axes[0].set_ylabel(text(LABELS, lang, "mse"))
    return use_mixed_fonts(fig)


GATES_FIGSIZE = (9.4, 5.2)  # inches: 1015 x 562 px at DPI, under a notebook's 1024-px column
GRAD_FLOOR = 1e-24  # below float32's smallest normal number squared: where a gradient that underflowed is drawn


def _rolling_median(values, window: int = WINDOW) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    out = np.empty_like(values)
    for k in range(values.size):
        out[k] = np.median(values[max(0, k + 1 - window) : k + 1])
    return out


def draw_marker_gradients(results, lang: str = "en", threshold: float = THRESHOLD) -> Figure:
    """Per iteration, how strongly each model's loss reacts to the first (solid) and second (dotted) marked
    input: ||dL_n/dx_t|| at those steps, median over the batch (rolling median over 25 iterations).

    Parameters
    ----------
    results : list of Result
        Adding-problem runs of one length T.
    lang : {"en", "ja"}
    threshold : float
        Where the LSTM's curve crosses it, a vertical line.

    Returns
    -------
    fig : Figure
    """
    with style(lang):
        fig, ax = new_figure(lang, figsize=(7.6, 3.6))
        for r in results:
            it = np.arange(1, r.loss.size + 1)
            name = _model_name(r)
            for col, key, lw, ls in ((0, "first", 1.8, "-"), (1, "second", 1.0, ":")):
                ax.plot(it, np.maximum(_rolling_median(r.marker_grads[:, col]), GRAD_FLOOR), color=_color(r),
                        lw=lw, ls=ls, marker=MARKERS[r.job.model], ms=4, markevery=max(1, it.size // 10),
                        label=text(LABELS, lang, key).format(name=name))
            reached = iterations_to_threshold(r.loss, threshold) if r.job.model != "rnn" else None
            if reached is not None:
                ax.axvline(reached, color=_color(r), lw=0.8, ls="--")
                ax.annotate(text(LABELS, lang, "escape").format(name=name, thr=threshold), (reached, 1), xycoords=(
                    "data", "axes fraction"), xytext=(3, -12), textcoords="offset points", fontsize=10,
                    color=text_color(_color(r)))
        if any(np.any(r.marker_grads == 0) for r in results):
            ax.axhline(GRAD_FLOOR, color=PALETTE["bound"], lw=0.6)
            ax.annotate(text(LABELS, lang, "zero"), (0, GRAD_FLOOR), xytext=(4, 3), textcoords="offset points",
                        fontsize=8, color=PALETTE["bound"])
        ax.set(yscale="log", xlabel=text(LABELS, lang, "iteration"), ylabel=text(LABELS, lang, "grad"),
               xlim=(0, max(r.job.iterations for r in results)), ylim=(GRAD_FLOOR / 10, 30),
               title=text(LABELS, lang, "grad_title").format(T=results[0].job.T))
        ax.legend(loc="lower right", fontsize=8, ncols=2)
    return use_mixed_fonts(fig)


def _beside(upper, lower, gap: float = 0.012, width: float = 0.018) -> Bbox:
    """In figure coordinates, a narrow box right of the axes `upper` and `lower` (one above the other), as tall as
    both together but for 5 % at each end: where a colour bar for both goes, once the layout has placed them."""
    a, b = upper.get_position(), lower.get_position()
    inset = 0.05 * (a.y1 - b.y0)
    return Bbox.from_extents(a.x1 + gap, b.y0 + inset, a.x1 + gap + width, a.y1 - inset)


def draw_gates(info: dict, lang: str = "en", index: int = 0) -> Figure:
    """The trained LSTM on one test sequence: its input, the input and forget gates of every unit as heat maps
    (units sorted so the one that stores the marked values is on top), and that unit's gates and cell state.

    Parameters
    ----------
    info : dict
        From :func:`helpers.experiments.gates_at_markers`.
    lang : {"en", "ja"}
    index : int
        Which test sequence.

    Returns
    -------
    fig : Figure
    """
    x = info["xs"][index]
    T = x.shape[0]
    u = info["memory_unit"]
    order = info["order"]
    marked = np.flatnonzero(x[:, 1] > 0.5)
    steps = np.arange(T)
    with style(lang):
        # Wide and short, so that it fits a 16:10 slide with every text at 9 pt or more: the five panels share the
        # time axis, and their names stand horizontally at the left, where a short panel still has room for them.
        fig, axes = new_figure(lang, 5, 1, figsize=GATES_FIGSIZE, sharex=True,
                               gridspec_kw={"height_ratios": [0.55, 1.0, 1.0, 0.75, 0.75]})
        top = axes[0]
        top.bar(steps, x[:, 0], width=0.8, color="#bbbbbb")
        top.bar(marked, x[marked, 0], width=0.8, color=PALETTE["accent"])
        top.set(ylim=(0, 1.05), yticks=[], title=text(LABELS, lang, "gate_title").format(T=T))
        top.set_ylabel(text(LABELS, lang, "input"))
        for ax, name in zip(axes[1:3], ("i", "f")):
            image = ax.imshow(info["gates"][name][index][:, order].T, aspect="auto", vmin=0, vmax=1,
                              cmap=SEQUENTIAL_CMAP,
                              interpolation="nearest", extent=(-0.5, T - 0.5, len(order) - 0.5, -0.5))
            ax.set_ylabel(text(LABELS, lang, "units_sorted").format(gate=text(LABELS, lang, name), u=u))
            ax.set_yticks([])
        # The colour bar stands right beside the two heat maps; the layout leaves it out of its margins, which
        # the gates' legend below it (wider) already makes wide enough.
        bar = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        bar.set_axes_locator(lambda _ax, _renderer: _beside(axes[1], axes[2]))
        fig.colorbar(image, cax=bar)
        lines = axes[3]
        gate_styles = (("i", PALETTE["sigmoid"], "-"), ("f", PALETTE["lstm"], "--"), ("o", PALETTE["tanh"], "-."))
        for name, color, ls in gate_styles:
            lines.plot(steps, info["gates"][name][index, :, u], color=color, ls=ls, lw=1.4,
                       label=text(LABELS, lang, name))
        lines.set(ylim=(-0.05, 1.08), yticks=[0, 0.5, 1])
        lines.set_ylabel(text(LABELS, lang, "memory").format(u=u))
        # beside the panel, where no curve or marked step can run under it
        lines.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9, frameon=False, handlelength=2.4)
        cell = axes[4]
        cell.plot(steps, info["cs"][index, :, u], color=PALETTE["accent"], lw=1.6)
        cell.axhline(0, color=PALETTE["bound"], lw=0.6)
        cell.set(xlabel=text(LABELS, lang, "step"))
        cell.set_ylabel(text(LABELS, lang, "cell").format(u=u))
        for ax in axes:
            ax.yaxis.label.set(rotation=0, ha="right", va="center", fontsize=9.5)
            for t in marked:
                ax.axvline(t, color="white" if ax in (axes[1], axes[2]) else PALETTE["bound"], lw=0.9, ls="--")
        fig.align_ylabels(axes)
    return use_mixed_fonts(fig)


def draw_variants(results, lang: str = "en") -> Figure:
    """Test MSE of every variant run, one dot per seed, one panel per task (log scale).

    Parameters
    ----------
    results : list of Result
        LSTM runs of several variants, on the "adding" and/or "stream" task.
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    tasks = list(dict.fromkeys(r.job.task for r in results))
    variants = list(dict.fromkeys(r.job.variant for r in results))
    with style(lang):
        fig, axes = new_figure(lang, 1, len(tasks), figsize=(4.2 * len(tasks), 3.4), sharey=True)
        axes = np.atleast_1d(axes)
        for ax, task in zip(axes, tasks):
            runs = [r for r in results if r.job.task == task]
            for k, v in enumerate(variants):
                mses = [r.test_mse for r in runs if r.job.variant == v]
                ax.plot(np.full(len(mses), k) + np.linspace(-0.12, 0.12, len(mses)), mses, "o",
                        color=PALETTE["lstm"], ms=5, alpha=0.8)
                if mses:
                    ax.plot([k - 0.25, k + 0.25], [np.mean(mses)] * 2, color="black", lw=1.2)
            ax.axhline(ADDING_BASELINE_MSE, color=PALETTE["bound"], ls="--", lw=1)
            ax.axhline(THRESHOLD, color=PALETTE["bound"], ls=":", lw=1)
            title = (text(LABELS, lang, "adding").format(T=runs[0].job.T) if task == "adding" else
                     text(LABELS, lang, "stream").format(k=STREAM_SCORE_LAST, n=STREAM_TEST_T))
            ax.set(xticks=range(len(variants)), yscale="log", title=title, xlim=(-0.6, len(variants) - 0.4))
            ax.set_xticklabels([VARIANT_LABELS[lang].get(v, v) for v in variants], rotation=30, fontsize=8.5)
        axes[0].set_ylabel(text(LABELS, lang, "test_mse"))
    return use_mixed_fonts(fig)


# --------------------------------------------------------------------------------------------------
# The explorer's figure: the curves of one short run of each model, moved in place after a rerun.
# --------------------------------------------------------------------------------------------------

_EXPLORER_LINES = ("lstm-raw", "lstm-mean", "rnn-raw", "rnn-mean")


def _explorer_title(results, lang: str, threshold: float) -> str:
    by = {r.job.model: r for r in results}
    parts = {}
    for model in ("lstm", "rnn"):
        r = by[model]
        it = iterations_to_threshold(r.loss, threshold)
        key = "ex_reached" if it is not None else "ex_not"
        parts[model] = text(LABELS, lang, key).format(name=r.job.name, thr=threshold, it=it, n=r.job.iterations)
    job = by["lstm"].job
    return text(LABELS, lang, "explorer_title").format(T=job.T, H=job.H, seed=job.seed, **parts)


def draw_training_explorer(results, lang: str = "en", threshold: float = THRESHOLD) -> Figure:
    """Learning curves of one LSTM and one RNN run (same T, H, seed), drawn so a rerun can move them.

    Parameters
    ----------
    results : list of Result
        One "lstm" and one "rnn" adding-problem result with the same number of iterations.
    lang : {"en", "ja"}
    threshold : float

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_training_explorer` with the results of the next run.
    """
    by = {r.job.model: r for r in results}
    if set(by) != {"lstm", "rnn"}:
        raise ValueError(f"the explorer draws one LSTM and one RNN result, got {[r.job.label for r in results]}")
    n = by["lstm"].job.iterations
    with style(lang):
        fig, ax = new_figure(lang, figsize=(8.0, 3.6))
        for model in ("lstm", "rnn"):
            r = by[model]
            it = np.arange(1, r.loss.size + 1)
            ax.plot(it, r.loss, color=_color(r), lw=0.5, alpha=0.3, gid=f"{model}-raw", animated=True)
            ax.plot(it, _trailing_mean(r.loss), color=_color(r), ls=LINESTYLES[model], lw=1.8, gid=f"{model}-mean",
                    animated=True,
                    label=r.job.name)
        ax.axhline(ADDING_BASELINE_MSE, color=PALETTE["bound"], ls="--", lw=1, label=text(LABELS, lang, "baseline"))
        ax.axhline(threshold, color=PALETTE["bound"], ls=":", lw=1,
                   label=text(LABELS, lang, "threshold").format(thr=threshold))
        ax.set(yscale="log", ylim=Y_RANGE, xlim=(0, n), xlabel=text(LABELS, lang, "iteration"),
               ylabel=text(LABELS, lang, "mse").format(w=WINDOW))
        ax.legend(loc="lower left", fontsize=8)
        ax.set_title(_explorer_title(results, lang, threshold), fontsize=9.5, gid="readout", animated=True)
    return use_mixed_fonts(fig)


def update_training_explorer(fig: Figure, results, lang: str = "en", threshold: float = THRESHOLD) -> list:
    """Show new results (same number of iterations) in a figure from :func:`draw_training_explorer`.

    Returns
    -------
    changed : list of Artist
        The (animated) curves and the title.
    """
    by = {r.job.model: r for r in results}
    ax = fig.axes[0]
    lines = {line.get_gid(): line for line in ax.get_lines()}  # much cheaper than searching the whole figure
    changed = []
    for model in ("lstm", "rnn"):
        r = by[model]
        it = np.arange(1, r.loss.size + 1)
        raw, mean = lines[f"{model}-raw"], lines[f"{model}-mean"]
        raw.set_data(it, r.loss)
        mean.set_data(it, _trailing_mean(r.loss))
        changed += [raw, mean]
    title = ax.title if ax.title.get_gid() == "readout" else find_artist(fig, "readout")
    title.set_text(_explorer_title(results, lang, threshold))
    return changed + [title]

