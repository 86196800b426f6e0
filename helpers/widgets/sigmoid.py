"""Explorer of notebook 02: move x and read σ(x), σ′(x) and tanh′(x)."""

from __future__ import annotations

import ipywidgets as W

from helpers.display import static_mode
from helpers.plots.sigmoid import X_RANGE, draw_sigmoid_explorer, update_sigmoid_explorer
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, grid, sweep_frames

ALT = {
    "en": "Left: the sigmoid curve with a point at x. Right: sigma'(x), which peaks at 0.25 at x = 0, and "
          "tanh'(x), which peaks at 1 at x = 0; both fall towards 0 as |x| grows.",
    "ja": "左：シグモイド関数の曲線と x の点。右：x = 0 で最大値 0.25 をとる σ′(x) と、x = 0 で最大値 1 をとる "
          "tanh′(x)。どちらも |x| が大きくなると 0 に近づく。",
}

SWEEPS = (Sweep("x", grid(*X_RANGE, 0.5), "x", "+.2f"),)
"""What the exported slides and pages sweep (issue 17)."""


def sigmoid_explorer(lang: str = "en", x: float = 0.0):
    """A slider for x over σ, σ′ and tanh′ (a swept figure, first at `x`, when LECTURE_STATIC=1).

    Parameters
    ----------
    lang : {"en", "ja"}
    x : float
        Starting point.

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_sigmoid_explorer(x, lang)
    if static_mode():
        return sweep_frames(fig, update_sigmoid_explorer, SWEEPS, {"x": x}, ALT[lang], lang, {"lang": lang})
    slider = W.FloatSlider(value=x, min=X_RANGE[0], max=X_RANGE[1], step=0.05, description="x",
                           continuous_update=True, readout_format="+.2f", layout=W.Layout(width="420px"))
    return Explorer(fig, update_sigmoid_explorer, {"x": slider}, ALT[lang], fixed={"lang": lang})
