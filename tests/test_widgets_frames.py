"""Explorers without a kernel (issue 17): the frames swept at export, their readouts and alt texts, the HTML that
carries them, and the errors a bad sweep definition raises."""

import io
import json

import numpy as np
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from helpers import widgets
from helpers.display import StaticFigure
from helpers.plots import find_artist, new_figure
from helpers.plots.sigmoid import draw_sigmoid_explorer, update_sigmoid_explorer
from helpers.widgets._frames import MAX_FRAMES, FramedFigure, Sweep, grid, plain_text, sweep_frames

X_SWEEP = (Sweep("x", grid(-2.0, 2.0, 1.0), "x", "+.2f"),)


def _pixels(image: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(image)).convert("RGB"))


def _sigmoid_frames(lang="en", x=0.0, sweeps=X_SWEEP):
    fig = draw_sigmoid_explorer(x, lang)
    return sweep_frames(fig, update_sigmoid_explorer, sweeps, {"x": x}, "the sigmoid and its slope", lang,
                        {"lang": lang})


def _draw_line(a, kind):
    fig, ax = new_figure("en")
    ax.set(xlim=(0, 1), ylim=(-3, 3))
    ax.plot([0, 1], [0, a], "o-" if kind == "dots" else "-", animated=True, gid="line")
    fig.suptitle(f"slope $\\sigma$ {a:+.1f}", gid="readout", animated=True)
    return fig


def _update_line(fig, a, kind):
    line = find_artist(fig, "line")
    line.set_ydata([0, a])
    line.set_marker("o" if kind == "dots" else "None")
    find_artist(fig, "readout").set_text(f"slope $\\sigma$ {a:+.1f}")
    return [line, find_artist(fig, "readout")]


TWO = (Sweep("a", (-2.0, 0.0, 2.0), "a", "+.1f"),
       Sweep("kind", ("plain", "dots"), {"en": "marks", "ja": "印"},
             names={"en": {"plain": "none", "dots": "dots"}, "ja": {"plain": "なし", "dots": "点"}}))


def test_one_frame_per_value_and_the_default_is_the_static_figure():
    framed = _sigmoid_frames(x=0.0)
    assert isinstance(framed, StaticFigure) and isinstance(framed, FramedFigure)
    assert len(framed.frames) == 5 and framed.default == 2
    static = StaticFigure(draw_sigmoid_explorer(0.0, "en"), "alt")
    assert framed.frames[2].image == static.png == framed.png  # the same bytes as the plain static figure
    assert framed.frames[2].mime == "image/png" and framed.frames[0].mime == "image/webp"
    pictures = [_pixels(f.image) for f in framed.frames]
    assert all(p.shape == pictures[2].shape for p in pictures)
    assert len({p.tobytes() for p in pictures}) == 5  # every value draws its own picture


def test_every_frame_is_what_a_fresh_figure_at_that_value_draws():
    """Lossless WebP and the shared figure: frame k has the pixels of a figure drawn from scratch at value k."""
    framed = _sigmoid_frames()
    for frame in framed.frames[::2]:
        fresh = StaticFigure(draw_sigmoid_explorer(frame.values["x"], "en"), "alt").png
        assert np.array_equal(_pixels(frame.image), _pixels(fresh)), frame.values


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_readout_and_alt_text_follow_the_frame(lang):
    framed = _sigmoid_frames(lang)
    assert framed.frames[framed.default].alt == "the sigmoid and its slope"
    for frame in framed.frames:
        x = frame.values["x"]
        assert frame.readout.startswith(f"x = {x:+.2f} — ")
        assert f"σ′(x) = {0.25 / np.cosh(x / 2) ** 2:.3f}" in frame.readout  # σ' = σ(1-σ), from the figure's text
        if x != 0.0:
            assert f"x = {x:+.2f}" in frame.alt and "x = +0.00" in frame.alt
            assert frame.alt.endswith("the sigmoid and its slope") and frame.readout.split(" — ")[1] in frame.alt


def test_a_start_between_the_grid_points_is_slotted_in():
    framed = _sigmoid_frames(x=0.25)
    assert [f.values["x"] for f in framed.frames] == [-2.0, -1.0, 0.0, 0.25, 1.0, 2.0] and framed.default == 3


def test_two_controls_make_a_row_major_grid_as_the_page_script_reads_it():
    framed = sweep_frames(_draw_line(0.0, "dots"), _update_line, TWO, {"a": 0.0, "kind": "dots"}, "a line", "ja")
    assert len(framed.frames) == 6 and framed.default == 3 and framed.positions(3) == [1, 1]
    assert [tuple(f.values.values()) for f in framed.frames] == [
        (-2.0, "plain"), (-2.0, "dots"), (0.0, "plain"), (0.0, "dots"), (2.0, "plain"), (2.0, "dots")]
    assert framed.frames[4].readout == "a = +2.0, 印 = なし — slope σ +2.0"


def test_the_page_gets_labelled_range_inputs_the_default_image_and_every_frame():
    framed = sweep_frames(_draw_line(0.0, "dots"), _update_line, TWO, {"a": 0.0, "kind": "dots"}, "a line", "en")
    bundle = framed._repr_mimebundle_()
    assert bundle["text/plain"] == "a line" and bundle["image/png"]
    soup = BeautifulSoup(bundle["text/html"], "html.parser")
    inputs = soup.select(".lecture-frames input[type=range]")
    assert [(i["min"], i["max"], i["value"], i["aria-valuetext"]) for i in inputs] == [
        ("0", "2", "1", "+0.0"), ("0", "1", "1", "dots")]
    for i in inputs:
        assert soup.find("label", attrs={"for": i["id"]}).get_text() in ("a", "marks")
    data = json.loads(soup.select_one("script.lecture-frames-data").string)
    assert data["axes"] == [{"values": ["-2.0", "+0.0", "+2.0"]}, {"values": ["none", "dots"]}]
    assert [f["readout"] for f in data["frames"]] == [f.readout for f in framed.frames]
    img = soup.select_one("img.lecture-frames-image")
    assert img["src"] == data["frames"][3]["src"] == framed.frames[3].src and img["alt"] == "a line"
    assert soup.select_one("output.lecture-frames-readout").get_text() == framed.frames[3].readout


def test_a_closing_script_tag_in_a_text_cannot_end_the_data_early():
    fig = _draw_line(0.0, "dots")
    framed = sweep_frames(fig, _update_line, TWO[:1], {"a": 0.0, "kind": "dots"}, "ends </script> here", "en")
    assert "</script> here" not in framed.html().split('class="lecture-frames-data">')[1].rsplit("</script>", 1)[0]


def test_plain_text_spells_out_mathtext():
    assert plain_text(r"$z \approx \sigma(b_z)$ = 0.5") == "z ≈ σ(b_z) = 0.5"
    assert plain_text("a\n\nb") == "a; b"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "not a name", "values": (1, 2), "label": "x"}, "keyword argument name"),
    ({"name": "x", "values": (1.0,), "label": "x"}, "at least 2 values"),
    ({"name": "x", "values": "ab", "label": "x"}, "at least 2 values"),
    ({"name": "x", "values": (1.0, 1.0), "label": "x"}, "must not repeat"),
    ({"name": "x", "values": ("tanh", "relu"), "label": "x"}, "need names"),
    ({"name": "x", "values": (1.0, np.inf), "label": "x"}, "finite"),
    ({"name": "x", "values": (1.0, 2.0), "label": "x", "fmt": "q"}, "cannot format"),
    ({"name": "x", "values": (1.0, 2.0), "label": {"en": "x"}}, "label must name the control in 'ja'"),
    ({"name": "x", "values": ("a", "b"), "label": "x", "names": {"en": {"a": "A", "b": "B"}, "ja": {"a": "A"}}},
     r"names\['ja'\] spells out no text for \['b'\]"),
])
def test_a_bad_sweep_is_refused_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Sweep(**kwargs)


def test_sweeps_that_do_not_fit_the_explorer_are_refused():
    fig = draw_sigmoid_explorer(0.0, "en")

    def frames(sweeps, start=None, lang="en"):
        return sweep_frames(fig, update_sigmoid_explorer, sweeps, start or {"x": 0.0}, "alt", lang, {"lang": lang})

    with pytest.raises(ValueError, match=r"\['s'\] are not controls of this explorer; its controls are \['x'\]"):
        frames((Sweep("s", (1.0, 2.0), "s"),))
    with pytest.raises(ValueError, match="tuple of 1 to 3 Sweep"):
        frames(())
    with pytest.raises(ValueError, match="tuple of 1 to 3 Sweep"):
        frames(X_SWEEP * 4)
    with pytest.raises(ValueError, match="different controls"):
        frames(X_SWEEP * 2)
    with pytest.raises(ValueError, match=f"make {MAX_FRAMES + 1} frames; at most {MAX_FRAMES}"):
        frames((Sweep("x", grid(0.0, MAX_FRAMES, 1.0), "x"),))
    with pytest.raises(ValueError, match="lang must be one of"):
        frames(X_SWEEP, lang="de")
    with pytest.raises(ValueError, match=r"starts at 'dots', which is not one of its values \['plain'\]|at least 2"):
        Sweep("kind", ("plain",), "k", names={"en": {"plain": "p"}, "ja": {"plain": "p"}})
    fig2 = _draw_line(0.0, "circles")
    with pytest.raises(ValueError, match=r"starts at 'circles', which is not one of its values \['plain', 'dots'\]"):
        sweep_frames(fig2, _update_line, TWO[1:], {"a": 0.0, "kind": "circles"}, "alt", "en")


def test_an_update_that_depends_on_more_than_its_arguments_is_caught():
    calls = []

    def drifting(fig, x, lang):
        calls.append(x)
        return update_sigmoid_explorer(fig, x + 0.1 * len(calls), lang)

    with pytest.raises(RuntimeError, match="depend on its arguments only"):
        sweep_frames(draw_sigmoid_explorer(0.0, "en"), drifting, X_SWEEP, {"x": 0.0}, "alt", "en", {"lang": "en"})


def test_a_refused_setting_names_the_swept_values():
    def refuse(fig, x, lang):
        if x > 1:
            raise ValueError("x too large")
        return update_sigmoid_explorer(fig, x, lang)

    with pytest.raises(ValueError, match=r"refused the swept setting \{'x': 2.0\}: x too large"):
        sweep_frames(draw_sigmoid_explorer(0.0, "en"), refuse, X_SWEEP, {"x": 0.0}, "alt", "en", {"lang": "en"})


def _gru_figure(lang):
    from helpers.gradient_flow import gradient_flows
    from helpers.plots.gru import FLOW_H, FLOW_SEED, FLOW_T, draw_gradient_flow

    return draw_gradient_flow(0.0, lang, gradient_flows(FLOW_T, FLOW_H, FLOW_SEED, update_bias=0.0))


def _plots(module):
    import importlib

    return importlib.import_module(f"helpers.plots.{module}")


# explorer -> its figure at the explorer's starting values, drawn by the plot module alone (the static figure of
# the explorers before they had frames)
STATIC_FIGURES = {
    "sigmoid_explorer": lambda lang: _plots("sigmoid").draw_sigmoid_explorer(0.0, lang),
    "rnn_gradient_explorer": lambda lang: _plots("rnn").draw_gradient_explorer(1.0, "tanh", 50, 64, lang),
    "clipping_explorer": lambda lang: _plots("clipping").draw_clipping_explorer(5.0, -4.0, 0.5, 1.0, lang),
    "cec_explorer": lambda lang: _plots("cec").draw_cec_explorer(0.9, 1.0, 100, lang),
    "gates_explorer": lambda lang: _plots("gates").draw_gates_explorer(-4.0, -4.0, 1.5, lang),
    "forget_explorer": lambda lang: _plots("forget").draw_forget_explorer(1.0, -3.0, True, lang),
    "peephole_explorer": lambda lang: _plots("peephole").draw_peephole_explorer(0.0, 0.0, 1.0, lang),
    "highway_explorer": lambda lang: _plots("backward").draw_highway_explorer(1.0, 1.0, 1.0, lang),
    "gradcheck_explorer": lambda lang: _plots("backward").draw_eps_explorer(1e-5, lang),
    "gru_gradient_explorer": _gru_figure,
}


@pytest.mark.parametrize("name", sorted(STATIC_FIGURES))
def test_every_explorer_exports_frames_whose_default_is_its_static_figure(monkeypatch, name):
    """In static mode each explorer (but notebook 08's, whose control is a training run) carries its frames; the
    default frame is the figure the explorer showed before it had frames."""
    monkeypatch.setenv("LECTURE_STATIC", "1")
    lang = "ja" if name in ("rnn_gradient_explorer", "forget_explorer") else "en"
    framed = getattr(widgets, name)(lang)
    assert isinstance(framed, FramedFigure)
    assert 2 <= len(framed.frames) <= MAX_FRAMES
    assert framed.frames[framed.default].image == framed.png == StaticFigure(STATIC_FIGURES[name](lang), "-").png
    assert len({f.readout for f in framed.frames}) == len(framed.frames)  # the numbers move with the frames
    sizes = [len(f.image) for f in framed.frames]
    print(f"{name}: {len(sizes)} frames, {sum(sizes) / 1e3:.0f} kB, largest {max(sizes) / 1e3:.0f} kB")
    assert sum(sizes) * 4 / 3 < 2.5e6  # base64 in the page: a few explorers per deck stay inside 8 MB
