"""Notebook 11's figures and explorers: the coloured text follows the slider (and its blitted frame equals a full
redraw), a gate switches the colour scale, samples come from one seed per column, bad input is refused or shown."""

import io
import re

import numpy as np
import pytest
from PIL import Image

from helpers.charlm import CharLM
from helpers.charlm_probe import samples_at
from helpers.display import StaticFigure, figure_png
from helpers.plots import find_artist
from helpers.plots.charlm import (
    draw_coloured_text,
    draw_learning_curves,
    draw_samples,
    draw_saturation,
    shown_values,
    text_grid,
    update_coloured_text,
)
from helpers.widgets import Explorer, cell_explorer, sampling_explorer
from helpers.widgets._frames import FramedFigure
from helpers.widgets.charlm import CONTROL_LABELS, TEMPERATURE_SWEEP

EN = "ROMEO:\nBut soft, what light\nthrough yonder window breaks?\n\nJULIET:\nAy me.\n"
JA = "「吾輩は猫である。」名前はまだ無い。どこで生れたかとんと見当がつかぬ。"


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.fixture(scope="module")
def models():
    rng = np.random.default_rng(0)
    return {"en": CharLM("".join(sorted(set(EN))), kind="lstm", hidden=6, embed=3, rng=rng),
            "ja": CharLM("".join(sorted(set(JA))), kind="gru", hidden=5, embed=3, rng=rng)}


def test_text_grid_breaks_at_newlines_and_wraps():
    rows, row, col = text_grid("ab\ncdefgh", 4)
    assert rows == ["ab↵", "cdef", "gh"]
    assert row.tolist() == [0, 0, 0, 1, 1, 1, 1, 2, 2] and col.tolist() == [0, 1, 2, 0, 1, 2, 3, 0, 1]
    with pytest.raises(ValueError, match="width"):
        text_grid("abc", 1)


def test_shown_values_use_tanh_for_the_cell_state_and_check_the_unit(models):
    trace = models["en"].trace(EN)
    assert np.allclose(shown_values(trace, "c", 2), np.tanh(trace["c"][:, 2]))
    assert np.array_equal(shown_values(trace, "f", 1), trace["f"][:, 1])
    with pytest.raises(ValueError, match=r"cell must be in \[0, 6\)"):
        shown_values(trace, "c", 6)
    with pytest.raises(ValueError, match="quantity must be one of"):
        shown_values(trace, "z", 0)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_cell_slider_recolours_and_the_blitted_frame_equals_a_full_redraw(models, lang):
    text = EN if lang == "en" else JA
    explorer = cell_explorer(models[lang], text, lang)
    assert isinstance(explorer, Explorer)
    before = explorer.image.value
    explorer.controls["cell"].value = 3
    assert explorer.image.value != before
    assert "3" in find_artist(explorer.figure, "readout").get_text()
    blitted, full = _pixels(explorer.image.value), _pixels(figure_png(explorer.figure))
    assert blitted.shape == full.shape and np.mean(np.any(blitted != full, axis=2)) < 1e-3


def test_each_character_is_coloured_by_its_own_value(models):
    """The colour image holds the unit's value at each character's grid position, NaN (white) elsewhere."""
    trace = models["en"].trace(EN)
    fig = draw_coloured_text(EN, trace, "c", 1, "en", width=20)
    grid = fig._charlm_grid["values"]
    rows, row, col = text_grid(EN, 20)
    assert np.allclose(grid[row, col], np.tanh(trace["c"][:, 1]))
    assert np.isnan(grid).sum() == grid.size - len(EN)
    # and the picture shows it: the pixel at the centre of an empty cell is white, of a coloured cell is not
    image = find_artist(fig, "colours").get_array()
    h, w = image.shape[:2]
    n_rows, n_cols = grid.shape
    centre = lambda r, c: image[int((r + 0.5) * h / n_rows), int((c + 0.5) * w / n_cols)]  # noqa: E731
    assert centre(0, n_cols - 1).tolist() == [255, 255, 255, 255]
    assert centre(1, 2)[:3].tolist() != [255, 255, 255]


def test_a_gate_switches_the_colour_scale_to_zero_one(models):
    trace = models["en"].trace(EN)
    fig = draw_coloured_text(EN, trace, "c", 0, "en")
    assert update_coloured_text(fig, 0, "h", trace, "en") != fig  # same scale [-1, 1]: only the artists
    assert update_coloured_text(fig, 0, "f", trace, "en") is fig  # a gate: the colour bar changes, full redraw
    assert fig._charlm_grid["bar"].mappable.norm.vmin == 0.0 and fig._charlm_grid["bar"].mappable.norm.vmax == 1.0


def test_coloured_text_refuses_a_trace_of_another_text(models):
    trace = models["en"].trace(EN[:10])
    with pytest.raises(ValueError, match="trace the same text"):
        draw_coloured_text(EN, trace)


def test_samples_differ_only_by_temperature_and_repeat_with_the_seed(models):
    a = samples_at(models["en"], [0.5, 1.0], n=30, seed=3)
    b = samples_at(models["en"], [0.5, 1.0], n=30, seed=3)
    assert a == b and [t for t, _ in a] == [0.5, 1.0] and all(len(s) == 30 for _, s in a)
    with pytest.raises(ValueError, match="temperatures must be positive"):
        samples_at(models["en"], [0.0], n=5, seed=0)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_temperature_slider_changes_the_samples_and_titles(models, lang):
    explorer = sampling_explorer(models[lang], lang, temperature=1.0)
    before = explorer.image.value
    explorer.controls["temperature"].value = 0.6
    assert explorer.image.value != before
    titles = [find_artist(explorer.figure, f"title{k}").get_text() for k in range(3)]
    assert [t.split()[-1] for t in titles] == ["0.3", "0.6", "1.2"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_live_control_is_labelled_in_the_learners_language(models, lang):
    """The Japanese explorers said prime, unit and T: each label now uses the words of the static frames' readouts
    (温度, ユニット) and of the prose (τ, 書き出し), and a Japanese label is Japanese."""
    sampling = sampling_explorer(models[lang], lang).controls
    cells = cell_explorer(models[lang], EN if lang == "en" else JA, lang).controls
    labels = {"temperature": sampling["temperature"].description, "prime": sampling["prime"].description,
              "cell": cells["cell"].description}
    assert labels == CONTROL_LABELS[lang]
    frames = {"temperature": TEMPERATURE_SWEEP[0].label[lang], "cell": {"en": "unit", "ja": "ユニット"}[lang]}
    assert all(frames[key] in labels[key] for key in frames) and "τ" in labels["temperature"]
    if lang == "ja":
        assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", label) for label in labels.values())
        assert labels["prime"] == "書き出し"  # the glossary's word for the prime
    assert all(c.style.description_width == "initial" for c in (*sampling.values(), cells["cell"]))


def test_a_prime_outside_the_vocabulary_is_shown_not_raised(models):
    explorer = sampling_explorer(models["en"], "en")
    before = explorer.image.value
    explorer.controls["prime"].value = "漱石"
    assert "outside the vocabulary" in explorer.error.value and explorer.image.value == before


def test_the_prime_error_speaks_the_learners_language(models):
    """Issue 25 item 27: the error box of the Japanese explorer says it in Japanese (and escapes the characters)."""
    explorer = sampling_explorer(models["ja"], "ja")
    explorer.controls["prime"].value = "<b>"
    assert "語彙にない文字が 3 種類" in explorer.error.value and "&lt;" in explorer.error.value
    with pytest.raises(ValueError, match="語彙にない"):
        sampling_explorer(models["ja"], "ja", prime="Z")


def test_static_mode_gives_figures_with_the_samples_in_the_alt_text(models, monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    shown = sampling_explorer(models["en"], "en", prime="ROMEO:\n")
    assert isinstance(shown, StaticFigure) and "temperatures 0.5, 1, 2" in shown.alt
    cells = cell_explorer(models["ja"], JA, "ja", quantity="z", cell=1)
    assert isinstance(cells, StaticFigure) and "z #1" in cells.alt


def test_static_mode_sweeps_the_temperature_and_the_unit(models, monkeypatch):
    """The exported slides move without a kernel (issue 17): the default frame is the static figure, every other
    frame is drawn at its own setting and its readout says so."""
    monkeypatch.setenv("LECTURE_STATIC", "1")
    shown = sampling_explorer(models["en"], "en", temperature=0.6, prime="ROMEO:\n")
    assert isinstance(shown, FramedFigure)
    assert [f.values["temperature"] for f in shown.frames] == [0.25, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5]
    assert shown.frames[shown.default].image == shown.png
    assert "temperature 0.3 | temperature 0.6 | temperature 1.2" in shown.frames[shown.default].readout
    assert len({f.image for f in shown.frames}) == len(shown.frames)
    cells = cell_explorer(models["en"], EN, "en", cell=5)
    H = models["en"].hidden
    units = [f.values["cell"] for f in cells.frames]
    assert units[0] == 0 and units[-1] == H - 1 and 5 in units and cells.frames[cells.default].values["cell"] == 5
    assert cells.frames[cells.default].image == cells.png
    assert len({f.readout for f in cells.frames}) == len(cells.frames)


def test_explorers_refuse_bad_settings(models):
    with pytest.raises(ValueError, match="temperature must be in"):
        sampling_explorer(models["en"], "en", temperature=5.0)
    with pytest.raises(ValueError, match="lang must be one of"):
        cell_explorer(models["en"], EN, "fr")


def test_learning_curves_and_saturation_figures_check_their_input():
    fig = draw_learning_curves({"lstm": ([1, 2, 3], [4.0, 3.0, 2.5]), "rnn": ([1, 2, 3], [4.0, 3.5, 3.2])}, "ja",
                               {"unigram": 4.8, "bigram": 3.6})
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels[:2] == ["LSTM", "RNN"] and len(labels) == 4
    styles = {line.get_label(): (line.get_linestyle(), line.get_marker()) for line in fig.axes[0].get_lines()}
    assert styles["LSTM"] != styles["RNN"]  # told apart without colour
    with pytest.raises(ValueError, match="kind 'cnn'"):
        draw_learning_curves({"cnn": ([1], [1.0])})
    with pytest.raises(ValueError, match="one length"):
        draw_learning_curves({"gru": ([1, 2], [1.0])})
    fig = draw_saturation({"i": (np.zeros(4), np.ones(4)), "f": (np.zeros(4), np.zeros(4))}, "ja")
    assert len(fig.axes) == 2
    figure_png(fig)  # no missing-glyph warning (an error under pytest's settings)
    with pytest.raises(ValueError, match="empty"):
        draw_saturation({})


def test_samples_figure_wraps_and_needs_room(models):
    fig = draw_samples([(0.5, "abc\ndef"), (1.0, "x" * 50)], "en", width=10, n_rows=3)
    assert find_artist(fig, "sample0").get_text() == "abc↵\ndef"
    assert find_artist(fig, "sample1").get_text() == "xxxxxxxxxx\nxxxxxxxxxx\nxxxxxxxxxx"
    with pytest.raises(ValueError, match="empty"):
        draw_samples([])
