"""Text in every figure is large enough where it is shown, and dark enough against what it is written on.

Size. Plots are PNGs at :data:`helpers.plots._base.DPI`, diagrams at :data:`helpers.diagrams.DIAGRAM_DPI`; a notebook
shows a PNG at one image pixel per CSS pixel (96 CSS px = 72 pt), shrunk to the width of the output column when
it is wider (``max-width: 100%`` in JupyterLab and in helpers.display). We take that column as :data:`COLUMN_PX`
= 1024 CSS px: JupyterLab in a 1280-px-wide window minus its side bar and the prompt column, and the width of a
slide. A text of ``s`` pt in a figure ``w`` inches wide at ``dpi`` therefore shows at
``s * dpi / 96 * min(1, COLUMN_PX / (w * dpi))`` pt, and every text artist must show at 9 pt or more.

Contrast. Every text artist's colour against what lies behind it (the face of its own box if it has one, else the
topmost filled patch under its centre, else the axes or the figure) must reach the WCAG 2 AA ratio of 4.5:1.
"""

import pytest
from figure_catalogue import diagram_figures, plot_figures
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from helpers.colour_vision import contrast_ratio
from helpers.display import figure_png, legible_scale

COLUMN_PX = 1024
MIN_PT = 9.0
MIN_CONTRAST = 4.5


@pytest.fixture(scope="module", params=["en", "ja"])
def figures(request):
    figs = plot_figures(request.param)
    figs.update(diagram_figures(request.param))
    for fig in figs.values():
        figure_png(fig)  # lay out and draw, animated artists too, so that every text has its place and size
    return figs


def shown_points(text: Text) -> float:
    """The size in pt at which `text` appears in the notebook (see the module docstring)."""
    fig = text.figure
    width_px = fig.get_figwidth() * fig.dpi
    return text.get_fontsize() * fig.dpi / 96 * min(1.0, COLUMN_PX / width_px)


def _texts(fig) -> list:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t.figure is not None]


def _opaque(color, under=(1.0, 1.0, 1.0)) -> tuple:
    r, g, b, a = to_rgba(color)
    return tuple(a * c + (1 - a) * u for c, u in zip((r, g, b), under))


def background_of(text: Text) -> tuple:
    """The opaque colour behind the centre of `text`."""
    fig = text.figure
    base = _opaque(fig.get_facecolor())
    patch = text.get_bbox_patch()
    if patch is not None and patch.get_fill():
        return _opaque(patch.get_facecolor(), base)
    ax = text.axes
    if ax is None:
        return base
    base = _opaque(ax.patch.get_facecolor(), base)
    box = text.get_window_extent()
    centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    below = [p for p in ax.patches if not isinstance(p, FancyArrowPatch)  # arrows are lines, not panels
             and p.get_visible() and p.get_fill() and p.zorder <= text.zorder and p.contains_point(centre)]
    for p in sorted(below, key=lambda p: p.zorder):
        base = _opaque(p.get_facecolor(), base)
    return base


def test_every_text_shows_at_nine_points_or_more(figures):
    small = {name: sorted({(round(shown_points(t), 2), t.get_text()[:40]) for t in _texts(fig)
                           if shown_points(t) < MIN_PT})
             for name, fig in figures.items()}
    assert {name: found for name, found in small.items() if found} == {}


def test_every_text_stands_out_from_its_background(figures):
    faint = {name: sorted({(round(contrast_ratio(_opaque(t.get_color()), background_of(t)), 2), t.get_text()[:40])
                           for t in _texts(fig)
                           if contrast_ratio(_opaque(t.get_color()), background_of(t)) < MIN_CONTRAST})
             for name, fig in figures.items()}
    assert {name: found for name, found in faint.items() if found} == {}


def test_the_size_rule_sees_small_text():
    """8 pt in a plot (108 dpi) shows at 9 pt; 7.5 pt would show at 8.4 pt; a diagram 1116 px wide is shrunk."""
    from helpers.plots._base import new_figure

    fig, ax = new_figure("en")
    assert shown_points(ax.text(0, 0, "a", fontsize=8)) == pytest.approx(9.0)
    assert shown_points(ax.text(0, 0, "a", fontsize=7.5)) < MIN_PT
    wide = diagram_figures("en")["diagrams.lstm_cec_1997"]
    assert shown_points(wide.axes[0].text(0, 0, "a", fontsize=10)) == pytest.approx(10 * 100 / 96 * 1024 / 1116)


def test_the_contrast_rule_sees_a_pale_label_and_a_dark_box():
    from helpers.plots._base import new_figure

    fig, ax = new_figure("en")
    pale = ax.text(0.5, 0.5, "pale", color="#E69F00")
    boxed = ax.text(0.5, 0.5, "boxed", color="black", bbox={"facecolor": "#333333"})
    figure_png(fig)
    assert contrast_ratio(_opaque(pale.get_color()), background_of(pale)) < MIN_CONTRAST
    assert contrast_ratio(_opaque(boxed.get_color()), background_of(boxed)) < MIN_CONTRAST


def test_a_figure_shrunk_to_its_legible_scale_keeps_every_text_at_9_pt(figures):
    """The scale that an exported slide may shrink a figure to (``data-legible-scale``) keeps its smallest text at
    exactly 9 pt: no text below it there, and the smallest one below it 2 % further down."""
    for name, fig in figures.items():
        scale = legible_scale(fig)
        sizes = [t.get_fontsize() * fig.dpi / 96 for t in _texts(fig)]  # pt at one image px per CSS px
        if not sizes:
            assert scale == 0.0, name
            continue
        assert min(sizes) * scale >= MIN_PT - 1e-3, f"{name}: {min(sizes) * scale:.2f} pt at scale {scale}"
        assert min(sizes) * scale * 0.98 < MIN_PT, f"{name}: scale {scale} is not the smallest legible one"
