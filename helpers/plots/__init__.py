"""Pure plotting functions: data in, a matplotlib Figure out; never pyplot, never plt.show().

One module per topic (``helpers.plots.sigmoid`` for notebook 02, ...). Each topic module has a
``draw_*(..., lang)`` that builds a new Figure and, where an explorer moves a slider continuously,
an ``update_*(fig, ...)`` that changes the artists of that same Figure and returns it (cheaper than
a new Figure per move). Japanese labels use the IPAexGothic font shipped by matplotlib-fontja.
"""

from helpers.plots._base import LANGS, PALETTE, find_artist, mixed_font, new_figure, style, text

__all__ = ["LANGS", "PALETTE", "find_artist", "mixed_font", "new_figure", "style", "text"]
