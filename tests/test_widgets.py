"""The explorer machinery and notebook 02's explorer: live redraws, blitting, the static mode, fonts."""

import numpy as np
import pytest
from PIL import Image

from helpers.display import StaticFigure, figure_png, static_mode
from helpers.plots import find_artist, new_figure, style
from helpers.plots._base import _japanese_font_family
from helpers.plots.sigmoid import draw_derivative_powers, draw_sigmoid_explorer
from helpers.widgets import Explorer, sigmoid_explorer


def _pixels(png: bytes) -> np.ndarray:
    import io

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_moving_the_slider_moves_the_points_and_changes_the_image(lang):
    explorer = sigmoid_explorer(lang)
    assert isinstance(explorer, Explorer)
    before = explorer.image.value
    explorer.controls["x"].value = 2.0
    assert explorer.image.value != before
    x, y = find_artist(explorer.figure, "point-dsigma").get_data()
    assert x[0] == 2.0 and y[0] == pytest.approx(0.104994, abs=1e-6)
    assert "+2.00" in find_artist(explorer.figure, "readout").get_text()
    assert explorer.last_redraw_seconds is not None


def test_blitted_frame_equals_a_full_redraw():
    """Restoring the background and drawing only the moved artists gives the same picture as drawing it all."""
    explorer = sigmoid_explorer("en")
    explorer.controls["x"].value = -3.0
    blitted = _pixels(explorer.image.value)
    full = _pixels(figure_png(explorer.figure))
    assert blitted.shape == full.shape
    assert np.mean(np.any(blitted != full, axis=2)) < 1e-3


def test_an_update_error_is_shown_and_the_old_picture_kept():
    fig = draw_sigmoid_explorer(0.0, "en")

    def refuse(fig, x, lang):
        raise ValueError("x must stay below 3")

    import ipywidgets as W

    explorer = Explorer(fig, refuse, {"x": W.FloatSlider(value=0.0, max=5.0)}, "alt", fixed={"lang": "en"})
    before = explorer.image.value
    explorer.controls["x"].value = 4.0
    assert "x must stay below 3" in explorer.error.value and explorer.image.value == before


def test_static_mode_builds_no_widget(monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    assert static_mode()
    shown = sigmoid_explorer("ja", x=1.0)
    assert isinstance(shown, StaticFigure)
    bundle = shown._repr_mimebundle_()
    # the page gets the figure with its frames (tests/test_widgets_frames.py); the first image is the static one
    assert '<img class="lecture-frames-image" src="data:image/png;base64,' in bundle["text/html"]
    assert 'alt="' in bundle["text/html"] and bundle["image/png"]
    assert bundle["text/plain"] == shown.alt
    # The static picture includes the animated point (a plain savefig would leave it out).
    assert find_artist(shown.figure, "point-dsigma").get_data()[0][0] == 1.0
    assert _pixels(shown.png).shape[0] > 100


def test_static_mode_is_off_unless_set_to_1(monkeypatch):
    for value in ("", "0", "yes"):
        monkeypatch.setenv("LECTURE_STATIC", value)
        assert not static_mode()


def test_static_figure_needs_alt_text():
    with pytest.raises(ValueError, match="alt must describe the figure"):
        StaticFigure(draw_derivative_powers(5), "  ")


def _ink_in_region(png: bytes, box) -> int:
    region = _pixels(png)[box[1]:box[3], box[0]:box[2]]
    return int(np.sum(region.min(axis=2) < 128))


def test_japanese_text_renders_with_real_glyphs_not_boxes():
    """Missing glyphs make matplotlib warn and draw boxes; pytest turns that warning into an error
    (pyproject.toml), and two different words of the same length must not look alike."""
    pictures = []
    for word in ("勾配消失", "忘却結合"):
        fig, ax = new_figure("ja", figsize=(2.0, 1.0))
        ax.set_axis_off()
        with style("ja"):
            ax.text(0.5, 0.5, word, ha="center", va="center", fontsize=20)
        pictures.append(_pixels(figure_png(fig)))
    assert np.any(pictures[0] != pictures[1])
    assert _japanese_font_family() == "IPAexGothic"


def test_text_made_outside_the_style_context_is_caught():
    """The guard above is real: Japanese text created without style("ja") warns about missing glyphs."""
    fig, ax = new_figure("ja", figsize=(2.0, 1.0))
    ax.text(0.5, 0.5, "勾配", fontfamily="DejaVu Sans")
    with pytest.warns(UserWarning, match="missing from (current )?font"):
        figure_png(fig)


def test_plots_never_touch_pyplot_or_global_settings():
    import matplotlib

    before = dict(matplotlib.rcParams)
    draw_sigmoid_explorer(0.5, "ja")
    draw_derivative_powers(10, "en")
    assert dict(matplotlib.rcParams) == before
    import sys

    assert "matplotlib.pyplot" not in sys.modules or not sys.modules["matplotlib.pyplot"].get_fignums()


def test_bad_language_is_refused():
    with pytest.raises(ValueError, match="lang must be one of"):
        draw_sigmoid_explorer(0.0, "fr")
