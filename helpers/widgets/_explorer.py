"""An explorer: one persistent figure, controls, and an update function that redraws it in place.

A slider move calls ``update(figure, **control_values, **fixed)``, which changes the figure's artists
and returns either the figure (meaning "draw it all again") or the list of artists it changed. When
every changed artist is animated (see :func:`helpers.plots.new_figure`), the explorer restores the
saved background and draws only those (blitting); otherwise it draws the whole figure. Either way
the PNG goes into an ``ipywidgets.Image``: no new Figure per move.

The same :class:`Painter` draws the frames of an explorer exported without a kernel
(:mod:`helpers.widgets._frames`).
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable

import ipywidgets as W
from matplotlib.figure import Figure

from helpers.display import StaticFigure, animated_artists, draw_artists, encode_png


class Painter:
    """Draws `figure` after each update: all of it once (then its layout is frozen, so that moving a point
    cannot shift the axes), afterwards only the animated artists when an update moved nothing else.

    Parameters
    ----------
    figure : Figure
        With an Agg canvas (as :func:`helpers.plots.new_figure` makes them).
    """

    def __init__(self, figure: Figure):
        if not isinstance(figure, Figure):
            raise TypeError(f"figure must be a matplotlib Figure, got {type(figure).__name__}")
        self.figure = figure
        self.full()

    def full(self) -> None:
        """Draw everything: the background (and the layout, once), then the animated artists on top."""
        canvas = self.figure.canvas
        canvas.draw()  # everything but the animated artists (and the layout, once)
        self.figure.set_layout_engine("none")  # freeze the layout: moving a point must not shift the axes
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._animated = animated_artists(self.figure)  # walked once per full render, not per move
        draw_artists(self.figure, self._animated)

    def after(self, changed) -> None:
        """Draw what an update returned: blit when `changed` lists only known animated artists, else redraw all."""
        known = set(map(id, self._animated))
        if isinstance(changed, (list, tuple)) and all(a.get_animated() and id(a) in known for a in changed):
            self.figure.canvas.restore_region(self._background)
            draw_artists(self.figure, self._animated)
        else:
            self.full()


class Explorer:
    """A figure that follows its controls.

    Parameters
    ----------
    figure : Figure
        Drawn with the controls' initial values.
    update : callable
        ``update(figure, **values, **fixed) -> Figure``; takes everything as arguments.
    controls : dict of name -> ipywidgets value widget
        The names are `update`'s keyword arguments.
    alt : str
        What the figure shows, in words.
    fixed : dict, optional
        Keyword arguments passed to every update (e.g. ``lang``).
    """

    def __init__(self, figure: Figure, update: Callable, controls: dict, alt: str, fixed: dict | None = None):
        self.figure = figure
        self.update = update
        self.controls = dict(controls)
        self.alt = alt
        self.fixed = dict(fixed or {})
        self._painter = Painter(figure)
        self.image = W.Image(value=encode_png(figure), format="png", layout=W.Layout(max_width="100%"))
        self.error = W.HTML()
        self.last_redraw_seconds = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.widget = W.VBox([W.HBox(list(self.controls.values()), layout=W.Layout(flex_flow="row wrap")),
                              self.error, self.image])

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self) -> bytes:
        """Update the figure from the current control values and show it; returns the new PNG."""
        start = time.perf_counter()
        try:
            changed = self.update(self.figure, **self.values(), **self.fixed)
        except ValueError as exc:  # a combination of settings the model refuses: say so, keep the old figure
            self.error.value = f"<span style='color:#b00'>{html.escape(str(exc))}</span>"
            return self.image.value
        self.error.value = ""
        self._painter.after(changed)
        png = encode_png(self.figure)
        self.image.value = png
        self.last_redraw_seconds = time.perf_counter() - start
        return png

    def _on_change(self, change) -> None:
        self.redraw()

    def static(self) -> StaticFigure:
        return StaticFigure(self.figure, self.alt)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)
