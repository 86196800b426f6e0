"""Explorers and figures of notebooks 06 (forget gate) and 07 (peepholes): driven headlessly, blitted frames equal
full redraws, the static mode builds no widget, and the hand-made cells compute what their docstrings say."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers.activations import sigmoid
from helpers.display import StaticFigure, figure_png
from helpers.plots import find_artist
from helpers.plots.forget import (
    PROD_FLOOR,
    TOY_CLIP,
    draw_forget_bias_runs,
    draw_forget_explorer,
    draw_stream_drift,
    first_below,
    toy_forget_cell,
    toy_stream,
    update_forget_explorer,
)
from helpers.plots.peephole import CUE, opening_step, toy_peephole_cell
from helpers.widgets import Explorer, forget_explorer, peephole_explorer


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _same_picture(explorer) -> bool:
    blitted, full = _pixels(explorer.image.value), _pixels(figure_png(explorer.figure))
    return blitted.shape == full.shape and np.mean(np.any(blitted != full, axis=2)) < 1e-3


# --- notebook 06 -----------------------------------------------------------------------------------------------


def test_toy_forget_cell_follows_its_equations():
    stream = toy_stream(120)
    out = toy_forget_cell(stream, forget_bias=2.0, input_bias=-3.0, reset=True)
    value, marker, end = stream[:, 0], stream[:, 1], stream[:, 2]
    i = sigmoid(-3.0 + 6.0 * marker)
    f = sigmoid(2.0 - 12.0 * np.concatenate([[0.0], end[:-1]]))
    c, expected = 0.0, []
    for t in range(120):
        c = i[t] * value[t] + f[t] * c
        expected.append(c)
    np.testing.assert_allclose(out["c"], expected, rtol=1e-12)
    np.testing.assert_allclose(out["c_nfg"], np.cumsum(i * value), rtol=1e-12)
    np.testing.assert_allclose(out["prod_f"], np.cumprod(f), rtol=1e-12)


def test_without_reset_a_forget_gate_near_one_drifts_like_the_cec_and_a_low_one_stays_bounded():
    stream = toy_stream()
    near_cec = toy_forget_cell(stream, forget_bias=8.0, input_bias=-3.0, reset=False)
    leaky = toy_forget_cell(stream, forget_bias=1.0, input_bias=-3.0, reset=False)
    assert near_cec["c"].max() > 0.9 * near_cec["c_nfg"].max() > 30
    # a constant leak f bounds the cell by (largest write) / (1 - f)
    assert leaky["c"].max() <= 1.0 / (1.0 - sigmoid(1.0))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_forget_explorer_moves_its_curves_when_the_sliders_move(lang):
    explorer = forget_explorer(lang)
    assert isinstance(explorer, Explorer) and set(explorer.controls) == {"forget_bias", "input_bias", "reset"}
    fig = explorer.figure
    before = explorer.image.value
    explorer.controls["forget_bias"].value = 4.0
    assert explorer.image.value != before
    expected = toy_forget_cell(toy_stream(), 4.0, -3.0, True)
    np.testing.assert_allclose(find_artist(fig, "c-lstm").get_ydata(), np.minimum(expected["c"], TOY_CLIP * 1.05))
    assert "0.982" in find_artist(fig, "readout").get_text()  # sigma(4)

    explorer.controls["reset"].value = False
    no_reset = toy_forget_cell(toy_stream(), 4.0, -3.0, False)
    np.testing.assert_allclose(find_artist(fig, "prod-f").get_ydata(), no_reset["prod_f"], rtol=0, atol=1e-300)
    assert f"{no_reset['c'].max():.1f}" in find_artist(fig, "readout").get_text()  # off the chart: said in words

    nfg_before = np.array(find_artist(fig, "c-nfg").get_ydata())
    explorer.controls["input_bias"].value = 1.0
    assert np.all(np.array(find_artist(fig, "c-nfg").get_ydata()) >= nfg_before)
    assert not np.array_equal(find_artist(fig, "c-nfg").get_ydata(), nfg_before)
    assert _same_picture(explorer)


def test_forget_explorer_shows_where_the_product_runs_below_its_lower_panel():
    """∏f is not clipped at the panel's floor (it reaches ~1e-64 by step 100 with the defaults): the line goes on
    below the axis, and a marker and a note stand at the first step below it; both hide when ∏f stays above."""
    fig = draw_forget_explorer(1.0, -3.0, True, "ja")
    prod = toy_forget_cell(toy_stream(), 1.0, -3.0, True)["prod_f"]
    first = int(np.flatnonzero(prod < PROD_FLOOR)[0]) + 1
    line, marker, note = (find_artist(fig, gid) for gid in ("prod-f", "prod-exit", "prod-note"))
    assert min(line.get_ydata()) < 1e-50 and fig.axes[1].get_ylim()[0] == PROD_FLOOR
    assert marker.get_visible() and list(marker.get_xdata()) == [first] and f"t ≥ {first}" in note.get_text()
    update_forget_explorer(fig, 8.0, -3.0, False)  # f = σ(8) at every step: ∏f stays near 1
    assert not marker.get_visible() and not note.get_visible()


def test_forget_explorer_static_mode_builds_no_widget(monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    shown = forget_explorer("ja", forget_bias=3.0)
    assert isinstance(shown, StaticFigure)
    assert 'alt="' in shown._repr_mimebundle_()["text/html"]
    assert "0.953" in find_artist(shown.figure, "readout").get_text()  # sigma(3), drawn at the given setting


def test_stream_drift_and_forget_bias_figures_show_what_they_are_given():
    curves = {"a": {"max_c": np.array([1.0, 2.0, 3.0]), "mse": np.array([0.1, 0.2, 0.3])},
              "b": {"max_c": np.array([5.0, 5.0, 5.0]), "mse": np.array([0.0, 0.1, 0.0]), "color": "k"}}
    fig = draw_stream_drift(curves, window=100, train_length=30, lang="ja")
    left, right = fig.axes
    np.testing.assert_allclose(left.lines[0].get_xydata(), [[50, 1], [150, 2], [250, 3]])
    np.testing.assert_allclose(right.lines[1].get_ydata(), [0.0, 0.1, 0.0])
    figure_png(fig)  # renders (Japanese glyphs included: a missing glyph fails the test)

    loss_fast = np.r_[np.full(50, 0.2), np.full(50, 0.001)]
    loss_stuck = np.full(100, 0.2)
    fig = draw_forget_bias_runs({1.0: loss_fast, 0.0: loss_stuck}, 0.01, T=30, smooth=10, lang="en")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any("below 0.01 at iteration 60" in s for s in labels)
    assert any("not below 0.01 within 100 iterations" in s for s in labels)


def test_first_below_counts_iterations_of_the_moving_average():
    loss = [1.0] * 10 + [0.0] * 10
    # iterations are counted from 1: the mean of 9-12 is 0.5 (not below 0.5), the mean of 10-13 is 0.25
    assert first_below(loss, 0.5, smooth=4) == 13
    assert first_below(loss, 0.01, smooth=4) == 14
    assert first_below([1.0] * 5, 0.5, smooth=2) is None
    with pytest.raises(ValueError, match="at least smooth=5 entries"):
        first_below([1.0, 2.0], 0.5, smooth=5)


# --- notebook 07 -----------------------------------------------------------------------------------------------


def test_toy_peephole_cell_output_gate_opens_earlier_the_larger_p_o():
    opens = [opening_step(toy_peephole_cell(0.0, 0.0, po)["o"]) for po in (1.0, 1.5, 2.0)]
    assert opens[0] > opens[1] > opens[2] > CUE
    shut = toy_peephole_cell(0.0, 0.0, 0.0)
    assert opening_step(shut["o"]) is None and shut["h"].max() < 0.02 and shut["c"].max() > 7.5
    assert toy_peephole_cell(0.0, -1.0, 0.0)["c"].max() < 0.5 * shut["c"].max()  # p_f < 0: the full cell forgets
    assert toy_peephole_cell(-1.0, 0.0, 0.0)["c"].max() < 0.5 * shut["c"].max()  # p_i < 0: it stops writing
    # before the cue nothing is written
    assert np.all(shut["c"][:CUE] == 0.0)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_peephole_explorer_moves_the_gates_and_the_opening_line(lang):
    explorer = peephole_explorer(lang)
    assert set(explorer.controls) == {"pi", "pf", "po"}
    fig = explorer.figure
    assert find_artist(fig, "open-line").get_xdata()[0] == opening_step(toy_peephole_cell(0, 0, 1.0)["o"])
    before = explorer.image.value
    explorer.controls["po"].value = 2.0
    assert explorer.image.value != before
    expected = toy_peephole_cell(0.0, 0.0, 2.0)
    np.testing.assert_allclose(find_artist(fig, "o").get_ydata(), expected["o"])
    assert find_artist(fig, "open-line").get_xdata()[0] == opening_step(expected["o"])
    assert f"t = {opening_step(expected['o'])}" in find_artist(fig, "readout").get_text()
    explorer.controls["po"].value = 0.0
    assert find_artist(fig, "open-line").get_xdata()[0] < 0  # moved off the axes: it never opens
    assert str(len(expected["o"])) in find_artist(fig, "readout").get_text()
    explorer.controls["pf"].value = -1.0
    np.testing.assert_allclose(find_artist(fig, "f").get_ydata(), toy_peephole_cell(0.0, -1.0, 0.0)["f"])
    assert _same_picture(explorer)


def test_peephole_explorer_static_mode_builds_no_widget(monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    shown = peephole_explorer("en", po=1.5)
    assert isinstance(shown, StaticFigure)
    assert find_artist(shown.figure, "open-line").get_xdata()[0] == opening_step(toy_peephole_cell(0, 0, 1.5)["o"])


def test_these_plots_leave_global_settings_alone():
    import matplotlib

    before = dict(matplotlib.rcParams)
    forget_explorer("ja")
    peephole_explorer("ja")
    assert dict(matplotlib.rcParams) == before
