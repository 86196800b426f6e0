"""Explorers of notebooks 01 and 03, driven headlessly: sliders move artists, blits equal full redraws."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers.activations import DERIVATIVE_BOUND
from helpers.display import StaticFigure, figure_png
from helpers.plots import find_artist
from helpers.plots.clipping import draw_cliff_overview, draw_descent_runs, draw_norm_vs_value
from helpers.plots.rnn import draw_geometric, draw_training_contrast, explorer_curves
from helpers.widgets import Explorer, clipping_explorer, rnn_gradient_explorer


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


# --- notebook 01 -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_rnn_explorer_follows_every_control(lang):
    explorer = rnn_gradient_explorer(lang)
    assert isinstance(explorer, Explorer)
    for name, value in (("s", 3.0), ("activation", "sigmoid"), ("T", 20), ("H", 8)):
        before = explorer.image.value
        explorer.controls[name].value = value
        assert explorer.image.value != before, name
    k, norms = find_artist(explorer.figure, "curve-0").get_data()
    assert len(k) == 21 and k[-1] == 20  # T = 20: k = 0..20
    _, expected, bound = explorer_curves(3.0, "sigmoid", 20, 8)
    np.testing.assert_allclose(norms, np.maximum(expected[0], 1e-21))
    np.testing.assert_allclose(find_artist(explorer.figure, "bound").get_data()[1], bound)
    # The threshold moved to 1/gamma = 4 for the sigmoid, and the marker sits at s.
    assert find_artist(explorer.figure, "threshold").get_xdata()[0] == pytest.approx(4.0)
    assert find_artist(explorer.figure, "s-marker").get_data()[0][0] == pytest.approx(3.0)
    assert explorer.last_redraw_seconds is not None


def test_rnn_explorer_blit_equals_a_full_redraw():
    explorer = rnn_gradient_explorer("en")
    explorer.controls["activation"].value = "linear"
    explorer.controls["s"].value = 0.5
    blitted = _pixels(explorer.image.value)
    full = _pixels(figure_png(explorer.figure))
    assert blitted.shape == full.shape and np.mean(np.any(blitted != full, axis=2)) < 1e-3


@pytest.mark.parametrize("s", [0.5, 1.0, 2.0])
def test_linear_rnn_curves_lie_on_the_bound(s):
    """With f(u) = u and W_h = s Q every step multiplies the gradient's norm by exactly s: the bound is reached."""
    k, norms, bound = explorer_curves(s, "linear", 30, 16)
    np.testing.assert_allclose(norms, np.broadcast_to(bound, norms.shape), rtol=1e-10)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_explorer_curves_never_exceed_the_bound(activation):
    for s in (0.3, 1.0, 4.0, 10.0):
        _, norms, bound = explorer_curves(s, activation, 60, 32)
        assert np.all(norms <= bound * (1 + 1e-9))
        assert bound[1] == pytest.approx(DERIVATIVE_BOUND[activation] * s)


def test_explorer_curves_refuse_a_length_outside_the_slider():
    with pytest.raises(ValueError, match="T must be between 1 and 100"):
        explorer_curves(1.0, "tanh", 0, 8)


# --- notebook 03 -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_clipping_explorer_follows_every_control(lang):
    explorer = clipping_explorer(lang)
    assert isinstance(explorer, Explorer)
    # The default start jumps without clipping and reaches the valley with it (the alt text says so).
    assert np.nanmax(find_artist(explorer.figure, "unclipped-jumps").get_data()[0]) > 0
    assert np.isnan(find_artist(explorer.figure, "clipped-jumps").get_data()[0]).all()
    for name, value in (("threshold", 5.0), ("lr", 0.1), ("w0", 2.0), ("b0", 1.0)):
        before = explorer.image.value
        path_before = np.array(find_artist(explorer.figure, "clipped-path").get_data())
        explorer.controls[name].value = value
        assert explorer.image.value != before, name
        assert not np.array_equal(np.array(find_artist(explorer.figure, "clipped-path").get_data()), path_before)
    x, y = find_artist(explorer.figure, "unclipped-start").get_data()
    assert (x[0], y[0]) == (2.0, 1.0)


def test_clipping_explorer_steps_respect_lr_times_threshold():
    explorer = clipping_explorer("en")
    explorer.controls["threshold"].value = 0.4
    explorer.controls["lr"].value = 0.5
    x, y = find_artist(explorer.figure, "clipped-path").get_data()
    steps = np.hypot(np.diff(x), np.diff(y))
    assert steps.max() <= 0.2 + 1e-9
    assert "E = " in find_artist(explorer.figure, "clipped-status").get_text()


def test_clipping_explorer_blit_equals_a_full_redraw():
    explorer = clipping_explorer("ja")
    explorer.controls["b0"].value = -1.5
    blitted = _pixels(explorer.image.value)
    full = _pixels(figure_png(explorer.figure))
    assert blitted.shape == full.shape and np.mean(np.any(blitted != full, axis=2)) < 1e-3


# --- both --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [rnn_gradient_explorer, clipping_explorer])
def test_static_mode_gives_a_figure_and_no_widget(make, monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    shown = make("ja")
    assert isinstance(shown, StaticFigure) and not isinstance(shown, Explorer)
    bundle = shown._repr_mimebundle_()
    assert 'alt="' in bundle["text/html"] and bundle["text/plain"] == shown.alt
    assert _pixels(shown.png).shape[0] > 200


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_static_figures_render_in_both_languages(lang):
    """Every text glyph must exist in the fonts (pytest turns a missing-glyph warning into an error)."""
    from helpers.cliff import cliff_descent, random_starts

    runs = [cliff_descent(random_starts(5, np.random.default_rng(0)), 0.5, 20, clip) for clip in (None, 1.0)]
    figures = [draw_geometric(lang=lang), draw_training_contrast({10: np.linspace(0.2, 0.01, 50)}, 1 / 6, lang),
               draw_cliff_overview(lang), draw_descent_runs(*runs, 1.0, lang), draw_norm_vs_value(lang=lang)]
    for fig in figures:
        assert _pixels(figure_png(fig)).std() > 10  # something was drawn
