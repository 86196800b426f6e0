"""Figures of notebook 11 (a character language model): learning curves of held-out bits per character, gate
saturation as Karpathy, Johnson & Fei-Fei (2016) plot it, samples side by side, and text coloured character by
character by one cell's value (the cell explorer)."""

from __future__ import annotations

import functools

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure

from helpers.plots._base import DPI, JA_FONT, PALETTE, find_artist, new_figure, style, text, use_mixed_fonts

MONO = ["DejaVu Sans Mono", JA_FONT]  # Latin from DejaVu Sans Mono, kana and kanji from IPAex Gothic
# A glyph as wide as one grid column: one of DejaVu Sans Mono's, or a full-width one for Japanese text.
GRID_GLYPH = (("en", "M"), ("ja", "あ"))
NEWLINE = "↵"
# Diverging: blue below the middle of the scale, red above, white in the middle; mixed with white so that the
# characters stay readable on the strongest colours.
CMAP = ListedColormap(0.55 * colormaps["RdBu_r"](np.linspace(0, 1, 256))[:, :3] + 0.45, name="RdBu_r_light")
CMAP_BAD_WHITE = CMAP.with_extremes(bad="white")  # cells without a character stay white

# How each model is drawn: colour AND line style AND marker, so the curves differ without colour too.
STYLES = {
    "lstm": {"color": PALETTE["lstm"], "ls": "-", "marker": "o"},
    "gru": {"color": PALETTE["gru"], "ls": "--", "marker": "s"},
    "rnn": {"color": PALETTE["rnn"], "ls": ":", "marker": "^"},
}
NAMES = {"lstm": "LSTM", "gru": "GRU", "rnn": "RNN"}
# The value range each quantity of a trace lives in: tanh(c), h and the candidates g, n in [-1, 1], gates in [0, 1].
SCALES = {"c": (-1.0, 1.0), "h": (-1.0, 1.0), "g": (-1.0, 1.0), "n": (-1.0, 1.0),
          "i": (0.0, 1.0), "f": (0.0, 1.0), "o": (0.0, 1.0), "r": (0.0, 1.0), "z": (0.0, 1.0)}

LABELS = {
    "en": {
        "iterations": "training iterations",
        "held_out": "held-out bits per character",
        "train": "training loss (bits per character)",
        "curves_title": "same parameter and training budget; lower is better",
        "unigram": "unigram baseline",
        "bigram": "bigram baseline",
        "left": "fraction of characters left-saturated (< 0.1)",
        "right": "fraction right-saturated (> 0.9)",
        "gate": "gate {g}",
        "never": "never saturated",
        "temperature": "temperature {t:g}",
        "c": "tanh(c) of cell {k}",
        "h": "h of unit {k}",
        "gate_value": "{g} of unit {k}",
        "cell": "{what}   ({H} units)",
    },
    "ja": {
        "iterations": "学習の反復回数",
        "held_out": "評価用テキストの 1 文字あたりのビット数",
        "train": "学習の損失（1 文字あたりのビット数）",
        "curves_title": "パラメータ数と学習回数の上限は同じ。低いほど良い",
        "unigram": "ユニグラムのベースライン",
        "bigram": "バイグラムのベースライン",
        "left": "左に飽和した（< 0.1）文字の割合",
        "right": "右に飽和した（> 0.9）文字の割合",
        "gate": "ゲート {g}",
        "never": "飽和しない",
        "temperature": "温度 {t:g}",
        "c": "セル {k} の tanh(c)",
        "h": "ユニット {k} の h",
        "gate_value": "ユニット {k} の {g}",
        "cell": "{what}（全 {H} ユニット）",
    },
}


# --- learning curves -----------------------------------------------------------------------------------------------

def draw_learning_curves(curves: dict, lang: str = "en", baselines: dict | None = None, measure: str = "held_out",
                         title: str | None = None) -> Figure:
    """Bits per character (held-out, or the training loss) against training iterations, one curve per model.

    Parameters
    ----------
    curves : dict of kind -> (iterations, bpc)
        `kind` in "lstm", "gru", "rnn"; two 1-D arrays of the same length.
    lang : {"en", "ja"}
    baselines : dict, optional
        ``{"unigram": bits, "bigram": bits}``: drawn as horizontal lines (the floor to beat).
    measure : {"held_out", "train"}
        What the curves are (labels the y axis).
    title : str, optional
        Default: "same parameter and training budget; lower is better".

    Returns
    -------
    Figure
    """
    if not curves:
        raise ValueError("curves is empty; expected at least one model's (iterations, bpc)")
    if measure not in ("held_out", "train"):
        raise ValueError(f"measure must be 'held_out' or 'train', got {measure!r}")
    with style(lang):
        fig, ax = new_figure(lang, figsize=(7.5, 3.8))
        for kind, (iterations, bpc) in curves.items():
            if kind not in STYLES:
                raise ValueError(f"curves has kind {kind!r}; expected one of {tuple(STYLES)}")
            iterations, bpc = np.asarray(iterations, float), np.asarray(bpc, float)
            if iterations.shape != bpc.shape or iterations.ndim != 1:
                raise ValueError(f"curves[{kind!r}] needs iterations and bpc of one length, got shapes "
                                 f"{iterations.shape} and {bpc.shape}")
            every = max(1, len(bpc) // 12)  # a dozen markers per curve, enough to tell the styles apart
            ax.plot(iterations, bpc, lw=1.8, markersize=5, markevery=every, label=NAMES[kind], **STYLES[kind])
        for name, ls in (("unigram", (0, (6, 2, 1, 2))), ("bigram", (0, (2, 2)))):
            if baselines and name in baselines:
                ax.axhline(baselines[name], color="#555555", lw=1.0, ls=ls, label=text(LABELS, lang, name))
        ax.set(xlabel=text(LABELS, lang, "iterations"), ylabel=text(LABELS, lang, measure))
        ax.set_title(text(LABELS, lang, "curves_title") if title is None else title, fontsize=9.5)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8.5, loc="upper right")
    return use_mixed_fonts(fig)


# --- gate saturation -----------------------------------------------------------------------------------------------

def draw_saturation(fractions: dict, lang: str = "en") -> Figure:
    """Per gate, each unit as a point: fraction of characters left-saturated (x) against right-saturated (y).

    Points near the origin are gates that rarely saturate; along the axes, gates that switch fully one way; near the
    diagonal x + y = 1, gates that are almost always fully open or fully closed.

    Parameters
    ----------
    fractions : dict of gate name -> (left, right)
        From :func:`helpers.charlm_probe.saturation`, e.g. ``{"i": ..., "f": ..., "o": ...}``.
    lang : {"en", "ja"}
    """
    if not fractions:
        raise ValueError("fractions is empty; expected at least one gate's (left, right)")
    markers = "os^Dv"
    with style(lang):
        fig, axes = new_figure(lang, 1, len(fractions), figsize=(3.0 * len(fractions) + 0.6, 3.4), squeeze=False)
        for n, (ax, (gate, (left, right))) in enumerate(zip(axes[0], fractions.items())):
            left, right = np.asarray(left, float), np.asarray(right, float)
            if left.shape != right.shape or left.ndim != 1:
                raise ValueError(f"fractions[{gate!r}] needs left and right of one length, got {left.shape} and "
                                 f"{right.shape}")
            ax.plot([0, 1], [1, 0], color="#999999", lw=0.8, ls="--")
            ax.scatter(left, right, s=12, alpha=0.6, marker=markers[n % len(markers)], color=PALETTE["lstm"],
                       edgecolors="none")
            ax.set(xlim=(-0.02, 1.02), ylim=(-0.02, 1.02), aspect="equal")
            ax.set_title(text(LABELS, lang, "gate").format(g=gate), fontsize=10)
            ax.set_xlabel(text(LABELS, lang, "left"), fontsize=9.5)
            ax.text(0.04, 0.04, text(LABELS, lang, "never"), fontsize=9.5, color="#595959", va="bottom")
        axes[0, 0].set_ylabel(text(LABELS, lang, "right"), fontsize=9.5)
    return use_mixed_fonts(fig)


# --- text laid out on a grid ---------------------------------------------------------------------------------------

def text_grid(text_: str, width: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Lay `text_` out on a grid `width` columns wide: a newline ends its row (shown as ↵, in an extra column when
    the row is full), long lines wrap.

    Returns
    -------
    rows : list of str
        What each row shows.
    row, col : (T,) int arrays
        Where each character of `text_` sits.

    >>> text_grid("ab\\ncdefg", 3)[0]
    ['ab↵', 'cde', 'fg']
    >>> text_grid("abc\\nd", 3)[0]
    ['abc↵', 'd']
    """
    if not isinstance(text_, str) or not text_:
        raise ValueError("text must be a non-empty str")
    width = int(width)
    if width < 2:
        raise ValueError(f"width must be at least 2 columns, got {width}")
    rows, row, col = [""], np.zeros(len(text_), int), np.zeros(len(text_), int)
    for t, ch in enumerate(text_):
        if len(rows[-1]) >= width and ch != "\n":
            rows.append("")
        row[t], col[t] = len(rows) - 1, len(rows[-1])
        rows[-1] += NEWLINE if ch == "\n" else ch
        if ch == "\n":
            rows.append("")
    if rows[-1] == "":
        rows.pop()
    return rows, row, col


@functools.cache
def _column_inches(lang: str, font_pt: float) -> float:
    """The width of one character as the renderer lays it out (advances are rounded to whole pixels, so the
    nominal 0.602 em of DejaVu Sans Mono would drift by a column every 15 characters or so)."""
    with style(lang):
        fig = Figure(dpi=DPI)
        canvas = FigureCanvasAgg(fig)
        n = 100
        probe = fig.text(0, 0, dict(GRID_GLYPH)[lang] * n, fontsize=font_pt, fontfamily=MONO)
        return probe.get_window_extent(canvas.get_renderer()).width / n / DPI


def _grid_axes(lang: str, n_rows: int, width: int, font_pt: float, legend: bool) -> tuple[Figure, object]:
    """A figure with one axes whose columns are exactly one glyph advance wide (no layout engine, fixed sizes)."""
    width += 1  # room for a newline mark after a full row
    col_in = _column_inches(lang, font_pt)
    row_in = font_pt * 1.45 / 72.0
    pad_l, pad_r, pad_t = 0.15, 0.15, 0.45
    pad_b = 0.75 if legend else 0.15
    fig_w, fig_h = pad_l + pad_r + width * col_in, pad_t + pad_b + n_rows * row_in
    with style(lang):
        fig = Figure(figsize=(fig_w, fig_h), dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((pad_l / fig_w, pad_b / fig_h, width * col_in / fig_w, n_rows * row_in / fig_h))
        ax.set(xlim=(0, width), ylim=(n_rows, 0))
        ax.set_axis_off()
    return fig, ax


def _text_layer(ax, rows: list[str], lang: str, font_pt: float) -> tuple[np.ndarray, int, int]:
    """The rows of text rendered once into a transparent RGBA image the size of `ax` in pixels, and the pixel
    offsets of its lower-left corner in the figure.

    Drawing some thirty rows of glyphs costs a few hundred milliseconds; the same text pasted as a figure image
    (no resampling) costs a few, so moving the cell slider stays quick.
    """
    fig = ax.figure
    texts = [ax.text(0, r + 0.5, line, fontsize=font_pt, fontfamily=MONO, va="center_baseline", ha="left")
             for r, line in enumerate(rows)]
    face = fig.patch.get_facecolor()
    fig.patch.set_alpha(0.0)
    fig.canvas.draw()
    x0, y0, x1, y1 = np.round(ax.bbox.extents).astype(int)
    height = int(fig.bbox.height)
    layer = np.asarray(fig.canvas.buffer_rgba())[height - y1:height - y0, x0:x1].copy()
    for t in texts:
        t.remove()
    fig.patch.set_facecolor(face)
    return layer, int(x0), int(y0)


def _values_grid(values: np.ndarray, row: np.ndarray, col: np.ndarray, n_rows: int, width: int) -> np.ndarray:
    grid = np.full((n_rows, width + 1), np.nan)
    grid[row, col] = values
    return grid


def _quantity_label(quantity: str, cell: int, H: int, lang: str) -> str:
    key = quantity if quantity in ("c", "h") else "gate_value"  # (a gate, or the candidate g or n)
    what = text(LABELS, lang, key).format(k=cell, g=quantity)
    return text(LABELS, lang, "cell").format(what=what, k=cell, H=H)


def shown_values(trace: dict, quantity: str, cell: int) -> np.ndarray:
    """The per-character values the cell explorer colours: tanh(c) for the cell state (as Karpathy et al. show it),
    the value itself for h and the gates.

    Parameters
    ----------
    trace : dict of name -> (T, H) array
        From ``CharLM.trace(text)``.
    quantity : str
        A key of `trace` ("c", "h", "i", "f", "o", "r", "z").
    cell : int
        Unit index in [0, H).
    """
    if quantity not in trace:
        raise ValueError(f"quantity must be one of {sorted(trace)} for this model, got {quantity!r}")
    if quantity not in SCALES:
        raise ValueError(f"quantity {quantity!r} has no colour scale; expected one of {tuple(SCALES)}")
    states = np.asarray(trace[quantity])
    H = states.shape[1]
    if not 0 <= int(cell) < H:
        raise ValueError(f"cell must be in [0, {H}) for this model, got {cell}")
    column = states[:, int(cell)]
    return np.tanh(column) if quantity == "c" else column


def draw_coloured_text(text_: str, trace: dict, quantity: str = "c", cell: int = 0, lang: str = "en",
                       width: int = 80, font_pt: float = 10.0) -> Figure:
    """`text_` on a grid, each character's background coloured by one unit's value at that character (diverging
    scale, white in the middle, with a colour bar).

    Parameters
    ----------
    text_ : str
        The text the trace was computed on (T characters).
    trace : dict of name -> (T, H) array
        From ``CharLM.trace(text_)``.
    quantity : str
        "c" (coloured by tanh c), "h", or a gate ("i", "f", "o"; "r", "z").
    cell : int
    lang : {"en", "ja"}
    width : int
        Columns per row (Japanese characters are full-width: use about half as many).

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_coloured_text`.
    """
    values = shown_values(trace, quantity, cell)
    if values.shape[0] != len(text_):
        raise ValueError(f"trace[{quantity!r}] has T={values.shape[0]} rows but text has {len(text_)} characters; "
                         "trace the same text")
    rows, row, col = text_grid(text_, width)
    fig, ax = _grid_axes(lang, len(rows), width, font_pt, legend=True)
    norm = Normalize(*SCALES[quantity])
    with style(lang):
        layer, x0, y0 = _text_layer(ax, rows, lang, font_pt)
        h, w = layer.shape[:2]
        alpha = layer[:, :, 3:].astype(np.float32) / 255
        # where each pixel of the axes falls on the grid, and what the text lays over the colours there
        grid = {"row": row, "col": col, "n_rows": len(rows), "width": width, "shown": quantity,
                "px_row": np.minimum(((np.arange(h) + 0.5) * len(rows) / h).astype(int), len(rows) - 1),
                "px_col": np.minimum(((np.arange(w) + 0.5) * (width + 1) / w).astype(int), width),
                "keep": 1 - alpha, "ink": layer[:, :, :3].astype(np.float32) / 255 * alpha}
        grid["values"] = _values_grid(values, row, col, len(rows), width)
        fig.figimage(_composite(grid, norm), xo=x0, yo=y0, origin="upper", animated=True, gid="colours")
        fig_w, fig_h = fig.get_size_inches()
        cax = fig.add_axes((0.3, 0.28 / fig_h, 0.4, 0.14 / fig_h))
        grid["bar"] = fig.colorbar(ScalarMappable(norm, CMAP), cax=cax, orientation="horizontal")
        grid["bar"].ax.tick_params(labelsize=8)
        fig.text(0.5, 1 - 0.22 / fig_h, _quantity_label(quantity, cell, np.shape(trace[quantity])[1], lang),
                 ha="center", va="center", fontsize=10, animated=True, gid="readout")
    fig._charlm_grid = grid
    return use_mixed_fonts(fig)


def _composite(grid: dict, norm: Normalize) -> np.ndarray:
    """The grid's colours at the axes' pixel size with the text laid over them: one opaque RGBA image (uint8).

    Blending here, once per slider move, costs a few milliseconds; drawing the colours and a transparent text
    layer as two images (each resampled by matplotlib) cost several times that.
    """
    rgba = CMAP_BAD_WHITE(norm(np.ma.masked_invalid(grid["values"])))
    colour = rgba[grid["px_row"]][:, grid["px_col"], :3].astype(np.float32)
    out = np.full(colour.shape[:2] + (4,), 255, np.uint8)  # RGBA: matplotlib draws it without converting (RGB: 2x)
    out[:, :, :3] = np.clip(colour * grid["keep"] + grid["ink"], 0, 1) * 255 + 0.5
    return out


def update_coloured_text(fig: Figure, cell: int, quantity: str, trace: dict, lang: str = "en"):
    """Colour a figure from :func:`draw_coloured_text` by another unit (or another quantity).

    Returns the changed artists, or the figure when the colour scale changed (a gate after c: redraw it all).
    """
    grid = fig._charlm_grid
    values = shown_values(trace, quantity, cell)
    if values.shape[0] != grid["row"].shape[0]:
        raise ValueError(f"trace[{quantity!r}] has T={values.shape[0]} rows but the figure shows "
                         f"{grid['row'].shape[0]} characters; trace the text the figure was drawn with")
    colours, readout = find_artist(fig, "colours"), find_artist(fig, "readout")
    grid["values"] = _values_grid(values, grid["row"], grid["col"], grid["n_rows"], grid["width"])
    readout.set_text(_quantity_label(quantity, cell, np.shape(trace[quantity])[1], lang))
    same_scale = SCALES[quantity] == SCALES[grid["shown"]]
    grid["shown"] = quantity
    norm = Normalize(*SCALES[quantity])
    colours.set_data(_composite(grid, norm))
    if same_scale:
        return [colours, readout]
    grid["bar"].mappable.set_norm(norm)
    return fig


# --- samples side by side ------------------------------------------------------------------------------------------

def draw_samples(samples: list, lang: str = "en", width: int = 34, n_rows: int = 14, font_pt: float = 9.0) -> Figure:
    """Generated texts side by side, one column per temperature.

    Parameters
    ----------
    samples : list of (temperature, str)
    lang : {"en", "ja"}
    width, n_rows : int
        Columns per row and rows shown per sample (a longer sample is cut off).

    Returns
    -------
    fig : Figure
        Pass it to :func:`update_samples`.
    """
    if not samples:
        raise ValueError("samples is empty; expected a list of (temperature, text)")
    n = len(samples)
    col_in = _column_inches(lang, font_pt)
    row_in = font_pt * 1.4 / 72.0
    panel_w, gap, pad_t = (width + 1) * col_in, 0.3, 0.45
    fig_w, fig_h = n * panel_w + (n + 1) * gap, n_rows * row_in + pad_t + 0.15
    with style(lang):
        fig = Figure(figsize=(fig_w, fig_h), dpi=DPI)
        FigureCanvasAgg(fig)
        for k in range(n):
            ax = fig.add_axes(((gap + k * (panel_w + gap)) / fig_w, 0.15 / fig_h, panel_w / fig_w,
                               n_rows * row_in / fig_h))
            ax.set(xlim=(0, width + 1), ylim=(n_rows, 0), xticks=[], yticks=[])
            for spine in ax.spines.values():
                spine.set_color("#cccccc")
            ax.set_title("", fontsize=10, gid=f"title{k}")
            ax.text(0, 0.1, "", fontsize=font_pt, fontfamily=MONO, va="top", ha="left", linespacing=1.4 / 1.2,
                    gid=f"sample{k}")
    fig._charlm_samples = (width, n_rows)
    update_samples(fig, samples, lang)
    return fig


def _wrapped(sample: str, width: int, n_rows: int) -> str:
    rows = text_grid(sample, width)[0] if sample else [""]
    return "\n".join(rows[:n_rows])


def update_samples(fig: Figure, samples: list, lang: str = "en") -> Figure:
    """Show new samples in a figure from :func:`draw_samples` (same number of columns)."""
    width, n_rows = fig._charlm_samples
    for k, (temperature, sample) in enumerate(samples):
        try:
            title, body = find_artist(fig, f"title{k}"), find_artist(fig, f"sample{k}")
        except KeyError:
            raise ValueError(f"this figure has room for {k} samples, got {len(samples)}") from None
        title.set_text(text(LABELS, lang, "temperature").format(t=temperature))
        body.set_text(_wrapped(sample, width, n_rows))
    return fig
