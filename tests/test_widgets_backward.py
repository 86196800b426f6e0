"""Explorers and figures of notebook 09: driven headlessly, blitted frames equal full redraws, the static mode builds
no widget, and the curves are what the compute functions say."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers.display import StaticFigure, figure_png
from helpers.plots import find_artist
from helpers.plots.backward import HIGHWAY_Y, LOG_EPS, eps_sweep, highway_curves
from helpers.widgets import Explorer, gradcheck_explorer, highway_explorer


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _same_picture(explorer) -> bool:
    blitted, full = _pixels(explorer.image.value), _pixels(figure_png(explorer.figure))
    return blitted.shape == full.shape and np.mean(np.any(blitted != full, axis=2)) < 1e-3


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_highway_explorer_follows_every_slider(lang):
    explorer = highway_explorer(lang)
    assert isinstance(explorer, Explorer) and set(explorer.controls) == {"forget_bias", "u_scale", "s"}
    fig = explorer.figure
    before = explorer.image.value
    explorer.controls["forget_bias"].value = 4.0
    assert explorer.image.value != before
    expected = highway_curves(4.0, 1.0, 1.0)
    np.testing.assert_allclose(find_artist(fig, "curve-lstm_c").get_ydata(),
                               np.clip(expected["lstm_c"], HIGHWAY_Y[0] / 10, HIGHWAY_Y[1] * 10))
    assert f"{expected['lstm_c'][50]:.1e}" in find_artist(fig, "readout").get_text()

    explorer.controls["u_scale"].value = 0.0  # no gate terms: the hidden-state gradient is zero before step T
    assert np.all(find_artist(fig, "curve-lstm_h").get_ydata()[1:] == HIGHWAY_Y[0] / 10)

    rnn_before = np.array(find_artist(fig, "curve-rnn_h").get_ydata())
    explorer.controls["s"].value = 2.0
    assert np.array(find_artist(fig, "curve-rnn_h").get_ydata())[-1] > rnn_before[-1]
    assert _same_picture(explorer)


def test_highway_curves_with_u_zero_are_the_forget_gate_product():
    """Without recurrent weights the forget gates see only x_t, so the cell gradient 100 steps back is (up to the
    first factor, which comes through h_T) a product of forget gates: close to sigma(b_f)^k, since x_t Wx is small."""
    curves = highway_curves(forget_bias=2.0, u_scale=0.0)
    ratio = curves["lstm_c"][1:] / curves["lstm_c"][1]
    expected = curves["cell_path"][1:] / curves["cell_path"][1]
    assert np.all(np.abs(np.log10(ratio / expected)) < 1.0)


def test_highway_curves_refuse_settings_outside_their_meaning():
    with pytest.raises(ValueError, match="u_scale"):
        highway_curves(u_scale=-1.0)
    with pytest.raises(ValueError, match="s"):
        highway_curves(s=0.0)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_gradcheck_explorer_moves_its_markers_to_the_chosen_eps(lang):
    explorer = gradcheck_explorer(lang)
    assert isinstance(explorer, Explorer) and set(explorer.controls) == {"eps"}
    fig = explorer.figure
    before = explorer.image.value
    explorer.controls["eps"].value = 1e-9
    assert explorer.image.value != before
    sweep = eps_sweep()
    n = int(np.argmin(np.abs(LOG_EPS + 9)))
    assert find_artist(fig, "point-float64").get_ydata()[0] == sweep["float64"][n]
    assert find_artist(fig, "eps-line").get_xdata()[0] == pytest.approx(1e-9)
    assert f"{sweep['float32'][n]:.1e}" in find_artist(fig, "readout").get_text()
    assert _same_picture(explorer)


@pytest.mark.parametrize("make", [highway_explorer, gradcheck_explorer])
def test_static_mode_gives_a_figure_and_no_widget(make, monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    shown = make("ja")
    assert isinstance(shown, StaticFigure)
    assert 'alt="' in shown._repr_mimebundle_()["text/html"]
    assert _pixels(shown.png).shape[0] > 200


def test_these_plots_leave_global_settings_alone():
    import matplotlib

    before = dict(matplotlib.rcParams)
    highway_explorer("ja")
    gradcheck_explorer("en")
    assert dict(matplotlib.rcParams) == before
