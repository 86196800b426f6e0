"""The two modes, and turning a Figure into something a notebook (or an exported slide) can show.

Live mode (JupyterLab, Binder): explorers are widgets. Static mode (``LECTURE_STATIC=1``, set by
``make slides``): explorers draw their default figure with frames swept over their main control
(:mod:`helpers.widgets._frames`) and quizzes show a folded answer.
"""

from __future__ import annotations

import base64
import html
import io
import os

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

STATIC_ENV = "LECTURE_STATIC"
MIN_SHOWN_PT = 9.0  # the smallest text a figure may show, where it is shown (tests/test_figure_text.py)


def static_mode() -> bool:
    """True when ``LECTURE_STATIC=1``: build no widgets, show plain figures and folded answers."""
    return os.environ.get(STATIC_ENV, "").strip() == "1"


def _agg_canvas(fig: Figure) -> FigureCanvasAgg:
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    return fig.canvas


def animated_artists(fig: Figure) -> list:
    """Artists drawn with ``animated=True``: the ones an explorer moves; a full draw leaves them out."""
    return [a for a in fig.findobj(lambda a: a.get_animated()) if a is not fig]


def draw_artists(fig: Figure, artists) -> None:
    """Draw `artists` on top of what the canvas holds."""
    for artist in artists:
        fig.draw_artist(artist)


def encode_png(fig: Figure) -> bytes:
    """PNG bytes of what the Agg canvas holds now (fast zlib level: the picture changes a frame later)."""
    rgba = np.asarray(_agg_canvas(fig).buffer_rgba())
    buf = io.BytesIO()
    Image.fromarray(rgba[:, :, :3]).save(buf, format="png", compress_level=1)
    return buf.getvalue()


def figure_png(fig: Figure) -> bytes:
    """Draw every artist of `fig` (animated ones too) and encode it as PNG. No pyplot involved."""
    canvas = _agg_canvas(fig)
    canvas.draw()
    draw_artists(fig, animated_artists(fig))
    return encode_png(fig)


def legible_scale(fig: Figure) -> float:
    """The smallest scale (CSS px per image px) at which every text of `fig` still shows at MIN_SHOWN_PT or more.

    A text of ``s`` pt in a figure at ``dpi`` is ``s * dpi / 72`` image px tall; at one image px per CSS px
    (96 CSS px = 72 pt) it shows at ``s * dpi / 96`` pt. An exported slide may shrink a figure to this scale and
    no further (``data-legible-scale`` on its ``<img>``); 0.0 for a figure without text.

    Examples
    --------
    >>> fig = Figure(figsize=(2, 1), dpi=108)
    >>> _ = fig.text(0.5, 0.5, "10 pt", fontsize=10)
    >>> legible_scale(fig)
    0.8
    """
    sizes = [t.get_fontsize() for t in _agg_canvas(fig).figure.findobj(Text)
             if t.get_visible() and t.get_text().strip()]
    return round(MIN_SHOWN_PT * 96 / (min(sizes) * fig.dpi), 4) if sizes else 0.0


class StaticFigure:
    """A figure shown as a plain PNG with alt text (the text/html form carries the alt attribute).

    Parameters
    ----------
    fig : Figure
    alt : str
        What the figure shows, for screen readers and for anyone who cannot see it.
    png : bytes, optional
        The figure as already drawn and encoded by the caller; by default it is drawn here.
    """

    def __init__(self, fig: Figure, alt: str, png: bytes | None = None):
        if not alt or not alt.strip():
            raise ValueError("alt must describe the figure in words; got an empty string")
        self.figure = fig
        self.alt = alt
        self.png = figure_png(fig) if png is None else png
        self.legible_scale = legible_scale(fig)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        img = (f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" style="max-width:100%" '
               f'data-legible-scale="{self.legible_scale:g}">')
        return {"text/html": img, "image/png": data, "text/plain": self.alt}


def show(fig: Figure, alt: str) -> StaticFigure:
    """Return `fig` as a displayable PNG with alt text (the last expression of a cell displays it)."""
    return StaticFigure(fig, alt)
