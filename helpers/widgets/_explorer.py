"""An explorer: one persistent figure, controls, and an update function that redraws it in place.

A slider move calls ``update(figure, **control_values, **fixed)``, which changes the figure's artists
and returns either the figure (meaning "draw it all again") or the list of artists it changed. When
every changed artist is animated (see :func:`helpers.plots.new_figure`), the explorer restores the
saved background and draws only those (blitting); otherwise it draws the whole figure. Either way
the PNG goes into an ``ipywidgets.Image``: no new Figure per move.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import ipywidgets as W
from matplotlib.figure import Figure

from helpers.display import StaticFigure, animated_artists, draw_artists, encode_png


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
        self._background = None
        self.image = W.Image(value=self._full_render(), format="png", layout=W.Layout(max_width="100%"))
        self.error = W.HTML()
        self.last_redraw_seconds = None
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.widget = W.VBox([W.HBox(list(self.controls.values()), layout=W.Layout(flex_flow="row wrap")),
                              self.error, self.image])

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def _full_render(self) -> bytes:
        canvas = self.figure.canvas
        canvas.draw()  # everything but the animated artists (and the layout, once)
        self.figure.set_layout_engine("none")  # freeze the layout: moving a point must not shift the axes
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._animated = animated_artists(self.figure)  # walked once per full render, not per move
        draw_artists(self.figure, self._animated)
        return encode_png(self.figure)

    def redraw(self) -> bytes:
        """Update the figure from the current control values and show it; returns the new PNG."""
        start = time.perf_counter()
        try:
            changed = self.update(self.figure, **self.values(), **self.fixed)
        except ValueError as exc:  # a combination of settings the model refuses: say so, keep the old figure
            self.error.value = f"<span style='color:#b00'>{exc}</span>"
            return self.image.value
        self.error.value = ""
        known = set(map(id, self._animated))
        if isinstance(changed, (list, tuple)) and all(a.get_animated() and id(a) in known for a in changed):
            self.figure.canvas.restore_region(self._background)
            draw_artists(self.figure, self._animated)
            png = encode_png(self.figure)
        else:
            png = self._full_render()
        self.image.value = png
        self.last_redraw_seconds = time.perf_counter() - start
        return png

    def _on_change(self, change) -> None:
        self.redraw()

    def static(self) -> StaticFigure:
        return StaticFigure(self.figure, self.alt)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)
