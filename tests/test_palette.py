"""Figures that readers with a colour-vision deficiency can read: colours stay apart, and never carry meaning alone.

Every figure the lecture draws (tests/figure_catalogue.py: each public ``draw_*`` of helpers.plots with small inputs,
and each diagram of imgs/) is drawn; the colours of its lines, markers, bars and filled shapes are read from the
matplotlib artists; every pair of different colours in one figure is seen as a protanope, a deuteranope and a
tritanope would see it (Machado, Oliveira & Fernandes 2009, severity 1.0) and must differ by a CIEDE2000 ΔE of at
least :data:`MIN_DELTA_E`.

Why 10: ΔE00 is scaled so that about 1 is just noticeable between two large patches side by side. Plot lines are
1-2 px wide and markers a few px across, seen apart and matched to a legend; for marks that small the difference
needed to tell two colours apart grows several-fold as the mark shrinks (Stone, Szafir & Setlur 2014, "An
engineering model for color difference as a function of size"; Szafir 2018, "Modeling color difference for
visualization design"). 10 asks an order of magnitude above the large-patch threshold. It separates the two
palettes cleanly: the old tab10 pairs that carried meaning came out at 1.3 (orange/green, RNN vs LSTM,
protanopia), 1.9 (blue/purple, protanopia) and 4.6 (red/green, tanh vs CEC, deuteranopia); the smallest
Okabe-Ito pair the figures use now is listed by :func:`test_report_the_smallest_difference_per_deficiency`.

Greys (zero chroma) are compared with the hues but not with each other: reference lines, bars of raw values and
panel fills differ from each other in lightness and by label, not by colour. Alpha is ignored: a faint copy of a
curve (the raw loss behind its running mean) is the same series in the same hue.
"""

import itertools

import matplotlib
import numpy as np
import pytest
from figure_catalogue import diagram_figures, plot_figures, public_draw_functions
from matplotlib.collections import Collection
from matplotlib.colors import to_rgba
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.colour_vision import DEFICIENCIES, delta_e_2000, simulate_cvd, srgb_to_lab
from helpers.plots.palette import DIVERGING_CMAP, PALETTE, SEQUENTIAL_CMAP, SETTING_COLORS, SETTING_STYLES

MIN_DELTA_E = 10.0
TAB10 = {"sigmoid": "#1f77b4", "tanh": "#d62728", "linear": "#7f7f7f", "relu": "#9467bd", "lstm": "#2ca02c",
         "rnn": "#ff7f0e", "gru": "#17becf", "bound": "#555555", "accent": "#e377c2"}
"""The palette before this test (matplotlib's tab10), kept to show that the check fails on it."""
ALLOWED_CMAPS = {SEQUENTIAL_CMAP, "cividis", DIVERGING_CMAP}


@pytest.fixture(scope="module")
def figures():
    figs = plot_figures("en")
    figs.update(diagram_figures("en"))
    return figs


def _visible(artist) -> bool:
    return artist.get_visible() and (artist.get_alpha() is None or artist.get_alpha() > 0)


def _rgb(color) -> tuple | None:
    """An opaque (r, g, b) or None for 'none' and fully transparent colours."""
    if color is None or (isinstance(color, str) and color.lower() == "none"):
        return None
    r, g, b, a = to_rgba(color)
    return None if a == 0 else (round(r, 4), round(g, 4), round(b, 4))


def _artist_colours(artist) -> list:
    if isinstance(artist, Line2D):
        out = []
        if artist.get_linestyle() not in ("None", "none", "", " ") and artist.get_linewidth() > 0:
            out.append(artist.get_color())
        if artist.get_marker() not in ("None", "none", "", " ", None):
            out += [artist.get_markerfacecolor(), artist.get_markeredgecolor()]
        return out
    if isinstance(artist, Patch):
        out = [artist.get_facecolor()] if artist.get_fill() else []
        return out + ([artist.get_edgecolor()] if artist.get_linewidth() > 0 else [])
    if isinstance(artist, Collection):
        if artist.get_array() is not None:
            return []  # colour-mapped (a colour bar, a mesh): its colour map is checked on its own
        return [*artist.get_facecolors(), *(artist.get_edgecolors() if np.any(artist.get_linewidths()) else [])]
    return []


def figure_colours(fig) -> set:
    """The distinct opaque colours of the lines, markers, bars and filled shapes of `fig`, without the white or
    transparent backgrounds of the figure, its axes and legends, and without the axes' spines."""
    skip = {id(fig.patch)}
    for ax in fig.axes:
        skip |= {id(ax.patch), *(id(s) for s in ax.spines.values())}
        legend = ax.get_legend()
        if legend is not None:
            skip.add(id(legend.legendPatch))
            skip |= {id(h) for h in legend.legend_handles}
    colours = set()
    for artist in fig.findobj(lambda a: id(a) not in skip and _visible(a)):
        if isinstance(artist, AxesImage):
            continue
        colours |= {c for c in map(_rgb, _artist_colours(artist)) if c is not None and c != (1.0, 1.0, 1.0)}
    return colours


def _is_grey(rgb) -> bool:
    return max(rgb) - min(rgb) < 0.02


def closest_pairs(colours, deficiency: str) -> list:
    """(ΔE00 as seen with `deficiency`, colour a, colour b) for every pair that is not two greys, smallest first."""
    pairs = [(a, b) for a, b in itertools.combinations(sorted(colours), 2) if not (_is_grey(a) and _is_grey(b))]
    seen = [(float(delta_e_2000(simulate_cvd(a, deficiency), simulate_cvd(b, deficiency))), a, b) for a, b in pairs]
    return sorted(seen)


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)


def test_the_catalogue_draws_every_plot_function(figures):
    """A new draw function must be added to tests/figure_catalogue.py, or it escapes these checks."""
    assert public_draw_functions() == {k for k in figures if not k.startswith("diagrams.")}


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_colours_drawn_together_stay_apart_for_every_deficiency(figures, deficiency):
    too_close = {name: [(round(d, 1), _hex(a), _hex(b)) for d, a, b in closest_pairs(figure_colours(fig), deficiency)
                        if d < MIN_DELTA_E]
                 for name, fig in figures.items()}
    assert {name: pairs for name, pairs in too_close.items() if pairs} == {}


def test_every_figure_has_colours_to_check(figures):
    """The collector sees the series: every figure has a colour, nearly all several (a check over nothing cannot
    fail). The descents over the cliff are white on viridis, with jumps in vermilion only where there are jumps."""
    counts = {name: len(figure_colours(fig)) for name, fig in figures.items()}
    text_only = {"charlm.draw_samples"}  # generated texts side by side: black on white, no series to tell apart
    assert {name for name, n in counts.items() if n == 0} == text_only
    assert {name for name, n in counts.items() if n < 2} <= {"clipping.draw_descent_runs", "charlm.draw_coloured_text",
                                                             *text_only}  # one colour scale, no series


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_the_check_fails_on_the_old_tab10_palette(deficiency):
    """The pairs that carried meaning in tab10 (tanh vs CEC, RNN vs LSTM, ...) fall below the threshold."""
    old = {tuple(to_rgba(c)[:3]) for c in TAB10.values()}
    assert closest_pairs(old, deficiency)[0][0] < MIN_DELTA_E
    new = {tuple(to_rgba(c)[:3]) for c in PALETTE.values()}
    assert closest_pairs(new, deficiency)[0][0] >= MIN_DELTA_E


def test_the_tab10_pairs_that_carried_meaning_measure_as_the_docstring_says():
    def seen(a, b, deficiency):
        return float(delta_e_2000(simulate_cvd(to_rgba(a)[:3], deficiency), simulate_cvd(to_rgba(b)[:3], deficiency)))

    assert seen(TAB10["rnn"], TAB10["lstm"], "protanopia") == pytest.approx(1.3, abs=0.05)
    assert seen(TAB10["sigmoid"], TAB10["relu"], "protanopia") == pytest.approx(1.9, abs=0.05)
    assert seen(TAB10["tanh"], TAB10["lstm"], "deuteranopia") == pytest.approx(4.6, abs=0.05)


def test_report_the_smallest_difference_per_deficiency(figures, capsys):
    """Printed (pytest -s) for the record; the assertion is the threshold above."""
    for deficiency in DEFICIENCIES:
        worst = min((closest_pairs(figure_colours(fig), deficiency)[:1] + [(np.inf, None, None)])[0] + (name,)
                    for name, fig in figures.items())
        with capsys.disabled():
            print(f"\n{deficiency}: smallest ΔE00 {worst[0]:.1f} ({_hex(worst[1])} vs {_hex(worst[2])} in {worst[3]})")
        assert worst[0] >= MIN_DELTA_E


def test_setting_curves_differ_in_line_style_as_well():
    assert len(set(SETTING_STYLES)) == len(SETTING_STYLES) == len(SETTING_COLORS)


def _series_lines(ax) -> list:
    """The lines of `ax` that draw data series: more than two points, not faint. A faint line (alpha 0.35 or less)
    is the raw curve behind a running mean drawn in the same colour and style as that mean's series."""
    return [line for line in ax.get_lines() if _visible(line) and np.size(line.get_xdata()) > 2
            and (line.get_alpha() is None or line.get_alpha() > 0.35)]


def _look(line) -> tuple:
    """What tells a line apart besides its colour. get_linestyle() calls every custom dash pattern "--", so the
    pattern itself (matplotlib keeps it unscaled on the line) is compared too."""
    return (line.get_linestyle(), str(getattr(line, "_unscaled_dash_pattern", None)), line.get_marker(),
            line.get_linewidth())


def test_no_two_series_differ_by_colour_alone(figures):
    """Two lines of one axes in different colours also differ in line style, marker or width."""
    same_look = {}
    for name, fig in figures.items():
        for ax in fig.axes:
            for a, b in itertools.combinations(_series_lines(ax), 2):
                if _rgb(a.get_color()) == _rgb(b.get_color()):
                    continue
                if _look(a) == _look(b):
                    same_look.setdefault(name, []).append((a.get_label(), b.get_label()))
    assert same_look == {}


def test_colour_maps_are_perceptually_uniform_and_cvd_safe(figures):
    used = {name: {im.get_cmap().name for im in fig.findobj(AxesImage)} for name, fig in figures.items()}
    assert {name: maps - ALLOWED_CMAPS for name, maps in used.items() if maps - ALLOWED_CMAPS} == {}
    assert set().union(*used.values()) >= {SEQUENTIAL_CMAP, DIVERGING_CMAP}


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_the_diverging_map_keeps_its_two_sides_apart(deficiency):
    """Signed quantities: with any deficiency the negative and the positive side of the same size stay apart, and
    lightness rises from either end towards zero, so the order survives too."""
    cmap = matplotlib.colormaps[DIVERGING_CMAP]
    x = np.linspace(0, 1, 33)
    rgb = cmap(x)[:, :3]
    seen = simulate_cvd(rgb, deficiency)
    for k in range(12):  # the two sides, from the ends to near the middle
        assert float(delta_e_2000(seen[k], seen[-1 - k])) >= MIN_DELTA_E, (k, deficiency)
    lightness = srgb_to_lab(seen)[:, 0]
    assert np.all(np.diff(lightness[:17]) > 0) and np.all(np.diff(lightness[16:]) < 0)
