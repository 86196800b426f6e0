"""The colours of every figure: Okabe-Ito hues for series, darker shades of them for text, and colour maps."""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design (CUD): how to make figures and presentations that are friendly to
# colorblind people": eight colours that stay apart with protanopia, deuteranopia and tritanopia (held by
# tests/test_palette.py, which simulates the three on every pair of colours drawn together in one figure).
# Two series are never told apart by colour alone: each also has its own line style or marker.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
PALETTE = {
    "sigmoid": OKABE_ITO["blue"],
    "tanh": OKABE_ITO["vermilion"],
    "linear": "#666666",
    "relu": OKABE_ITO["reddish_purple"],
    "lstm": OKABE_ITO["bluish_green"],
    "rnn": OKABE_ITO["orange"],
    "gru": OKABE_ITO["sky_blue"],
    "bound": "#555555",
    "accent": OKABE_ITO["reddish_purple"],
}
# A line style for each key of PALETTE, so that two series told apart by colour also differ in style (the RNN dashed
# against the LSTM's solid line, tanh dashed against the sigmoid, ...).
LINESTYLES = {
    "sigmoid": "-",
    "tanh": "--",
    "linear": ":",
    "relu": "-.",
    "lstm": "-",
    "rnn": "--",
    "gru": "-.",
    "bound": ":",
    "accent": "--",
}
# Markers for series that share a line style (a first and a second curve per model, dots per seed): one per model.
MARKERS = {"lstm": "o", "rnn": "s", "gru": "^"}
# The same hues darkened (in linear light) until text in them reaches the WCAG AA contrast of 4.5:1 on white, on the
# pale panels of the diagrams and on the faint bands (alpha 0.15) of their own hue: for labels in a series' colour.
TEXT_COLORS = {
    OKABE_ITO["orange"]: "#936400",
    OKABE_ITO["sky_blue"]: "#357397",
    OKABE_ITO["bluish_green"]: "#006F50",
    OKABE_ITO["blue"]: OKABE_ITO["blue"],
    OKABE_ITO["vermilion"]: "#B54F00",
    OKABE_ITO["reddish_purple"]: "#8A4F70",
    "#666666": "#666666",
    "#555555": "#555555",
}
# Curves that differ in one setting (an initial bias, ...), in the order the settings are given: colour and line
# style both change from one to the next. Plain dashes and dots are left to the grey reference lines (a baseline, a
# threshold) and to markers of a moment: solid, dash-dot, dash-dot-dot, long dashes.
SETTING_COLORS = (PALETTE["rnn"], PALETTE["lstm"], PALETTE["sigmoid"], PALETTE["accent"])
SETTING_STYLES = ("-", "-.", (0, (6, 2, 1, 2, 1, 2)), (0, (10, 3)))
# Colour maps: perceptually uniform and readable with every colour-vision deficiency. Sequential quantities
# (magnitudes, gate values in [0, 1]) use viridis; signed ones a diverging map whose two sides stay apart under
# protanopia, deuteranopia and tritanopia (blue against red-brown) and whose lightness rises towards zero.
SEQUENTIAL_CMAP = "viridis"
DIVERGING_CMAP = "RdBu_r"


def text_color(color: str) -> str:
    """The colour to write a label in that belongs to a series drawn in `color` (a palette colour)."""
    try:
        return TEXT_COLORS[color]
    except KeyError:
        raise KeyError(f"color must be a palette colour with a text shade ({sorted(TEXT_COLORS)}), "
                       f"got {color!r}") from None
