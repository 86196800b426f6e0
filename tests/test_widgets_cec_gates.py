"""The explorers of notebooks 04 (CEC) and 05 (input and output gates), driven headlessly, and their static mode."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers.display import StaticFigure, figure_png
from helpers.plots import find_artist
from helpers.plots.gates import READ_AT, WRITE_AT
from helpers.widgets import Explorer, cec_explorer, gates_explorer


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_cec_sliders_move_the_curve_the_points_and_the_readout(lang):
    explorer = cec_explorer(lang)
    assert isinstance(explorer, Explorer)
    before = explorer.image.value
    explorer.controls["w"].value = 1.1
    assert explorer.image.value != before
    curve = find_artist(explorer.figure, "curve").get_ydata()
    assert curve[100] == pytest.approx(100 * np.log10(1.1))  # the slope starts at 1
    assert find_artist(explorer.figure, "where").get_data()[0][0] == 1.1
    explorer.controls["k"].value = 10
    x, y = find_artist(explorer.figure, "point").get_data()
    assert x[0] == 10 and y[0] == pytest.approx(10 * np.log10(1.1))
    assert "2.59" in find_artist(explorer.figure, "readout").get_text()  # 1.1^10 = 2.5937
    explorer.controls["slope"].value = 0.25
    explorer.controls["w"].value = 1.0
    assert find_artist(explorer.figure, "curve").get_ydata()[-1] == -30  # 0.25^100 is drawn at the floor


def test_cec_blitted_frame_equals_a_full_redraw():
    explorer = cec_explorer("en")
    explorer.controls["w"].value = 1.3
    explorer.controls["k"].value = 40
    blitted, full = _pixels(explorer.image.value), _pixels(figure_png(explorer.figure))
    assert blitted.shape == full.shape
    assert np.mean(np.any(blitted != full, axis=2)) < 1e-3


def test_cec_static_mode_builds_no_widget(monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    shown = cec_explorer("ja", w=1.0)
    assert isinstance(shown, StaticFigure) and "CEC" in shown.alt
    assert find_artist(shown.figure, "where").get_data()[0][0] == 1.0
    assert 'alt="' in shown._repr_mimebundle_()["text/html"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_gate_sliders_move_the_gates_the_cell_the_heatmap_and_the_readout(lang):
    explorer = gates_explorer(lang)
    assert isinstance(explorer, Explorer)
    i_line, c_line, heat = (find_artist(explorer.figure, g) for g in ("i", "c", "heat"))
    assert i_line.get_ydata()[WRITE_AT] > 0.95 and np.median(i_line.get_ydata()) < 0.02
    before = explorer.image.value
    explorer.controls["input_bias"].value = 0.0
    assert explorer.image.value != before
    assert np.median(i_line.get_ydata()) == pytest.approx(0.5)  # half open between the markers
    np.testing.assert_allclose(np.asarray(heat.get_array())[0], i_line.get_ydata())  # row 0 of the heatmap is i
    np.testing.assert_allclose(np.asarray(heat.get_array())[1], 1.0)  # no forget gate: f = 1
    assert c_line.get_ydata()[READ_AT] == pytest.approx(0.908, abs=1e-3)
    assert "+0.91" in find_artist(explorer.figure, "readout").get_text()
    explorer.controls["output_bias"].value = 2.0
    o_line, h_line = find_artist(explorer.figure, "o"), find_artist(explorer.figure, "h")
    assert np.min(o_line.get_ydata()) > 0.85 and abs(h_line.get_ydata()[READ_AT - 1]) > 0.3  # h shows c early
    explorer.controls["strength"].value = 0.0
    np.testing.assert_allclose(np.asarray(heat.get_array())[2], 0.0)  # g = tanh(0) everywhere
    np.testing.assert_allclose(c_line.get_ydata(), 0.0)


def test_gates_blitted_frame_equals_a_full_redraw():
    explorer = gates_explorer("ja")
    explorer.controls["input_bias"].value = 1.0
    explorer.controls["strength"].value = 2.5
    blitted, full = _pixels(explorer.image.value), _pixels(figure_png(explorer.figure))
    assert blitted.shape == full.shape
    assert np.mean(np.any(blitted != full, axis=2)) < 1e-3


def test_gates_static_mode_builds_no_widget(monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    shown = gates_explorer("en", input_bias=0.0)
    assert isinstance(shown, StaticFigure) and "output gate" in shown.alt
    assert np.median(find_artist(shown.figure, "i").get_ydata()) == pytest.approx(0.5)
    assert 'alt="' in shown._repr_mimebundle_()["text/html"]
