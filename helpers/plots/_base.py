"""Figure creation with fonts that render Japanese, a shared palette, and artist look-up for updates."""

from __future__ import annotations

import importlib.util
import weakref
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.plots.palette import (  # noqa: F401 (re-exported)
    DIVERGING_CMAP,
    LINESTYLES,
    MARKERS,
    PALETTE,
    SEQUENTIAL_CMAP,
    SETTING_COLORS,
    SETTING_STYLES,
    text_color,
)

LANGS = ("en", "ja")
DPI = 108  # text of 8 pt or more shows at 9 pt or more (tests/test_figure_text.py); small enough to re-encode quickly
JA_FONT = "IPAexGothic"


@cache
def _japanese_font_family() -> str | None:
    """Register the IPAexGothic file that matplotlib-fontja ships and return its family name.

    The file is located without importing matplotlib_fontja, whose import would change global rcParams.
    """
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"
    if not path.exists():
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def _rc(lang: str) -> dict:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    ja = _japanese_font_family()
    families = ["DejaVu Sans"] + ([ja] if ja else [])  # Latin from DejaVu, kana and kanji from IPAexGothic
    return {"font.family": families, "font.size": 10}


def style(lang: str = "en"):
    """Context manager with the fonts for `lang`: wrap every call that creates text (draw functions do).

    Text objects take their font when they are created, so text added after the figure was made
    (annotations, legends) must be created inside this context too.
    """
    return matplotlib.rc_context(_rc(lang))


def mixed_font(s: str) -> dict:
    """Font keywords for a label that mixes Japanese prose with $math$: pass them to ``ax.text(...)``.

    Mathtext renders the prose around the math with one font file (the first family), not with the
    fallback list of :func:`style`, and a missing glyph there is only logged, not warned; so such a label
    must put the Japanese font first.
    """
    if "$" in s and any(ord(ch) >= 0x3000 for ch in s):
        return {"fontfamily": [JA_FONT, "DejaVu Sans"]}
    return {}


def use_mixed_fonts(fig: Figure) -> Figure:
    """Give every text of `fig` that mixes Japanese with $math$ (labels, titles, legend entries) the font order
    :func:`mixed_font` gives, so that its Japanese does not render as boxes. Call it when a figure is drawn."""
    for artist in fig.findobj(Text):
        keywords = mixed_font(artist.get_text())
        if keywords:
            artist.set_fontfamily(keywords["fontfamily"])
    return fig


def new_figure(lang: str = "en", nrows: int = 1, ncols: int = 1, figsize=(8.0, 3.4), **subplot_kw):
    """A Figure (Agg canvas, not registered with pyplot) and its axes, with fonts for `lang`.

    Artists that an explorer moves should be created with ``animated=True`` and a ``gid``: a full draw
    then leaves them out, so the explorer can keep the rest as a background and redraw only them.

    Returns
    -------
    fig : Figure
    axes : Axes or ndarray of Axes
        As ``Figure.subplots`` returns them.
    """
    with style(lang):
        fig = Figure(figsize=figsize, dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


def text(labels: dict, lang: str, key: str) -> str:
    """``labels[lang][key]``, with an error naming what is missing."""
    try:
        return labels[lang][key]
    except KeyError:
        raise KeyError(f"no {lang!r} text for {key!r}") from None


_GID_INDEX: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # figure -> {gid: artist}


def find_artist(fig: Figure, gid: str):
    """The artist of `fig` whose gid is `gid` (draw functions tag what update functions move).

    Walking a whole figure costs milliseconds, and an update looks artists up on every slider move, so
    the figure's gids are indexed once; an artist since removed from the figure triggers a fresh walk.
    """
    index = _GID_INDEX.get(fig)
    artist = index.get(gid) if index is not None else None
    if artist is None or artist.figure is not fig or artist.get_gid() != gid:
        index = {a.get_gid(): a for a in reversed(fig.findobj(lambda a: a.get_gid() is not None))}
        _GID_INDEX[fig] = index
        artist = index.get(gid)
    if artist is None:
        raise KeyError(f"this figure has no artist with gid {gid!r}; was it made by the matching draw_ function?")
    return artist
