"""The committed diagrams in imgs/ are exactly what helpers.diagrams draws (so `make imgs` would change nothing).

Pixels are compared, not PNG bytes: the bytes also depend on the PNG encoder (Pillow's zlib), which is not
part of the drawing, while the pixels depend only on matplotlib's Agg renderer and its bundled FreeType.
The comparison is exact: one moved label or one changed word fails it. It is made only with the FreeType the
committed images were drawn with (:data:`IMGS_FREETYPE`): matplotlib 3.11 bundles FreeType 2.14.3, matplotlib
3.7-3.10 bundle 2.6.1, which places glyph edges differently (measured: 22 000-28 000 pixels of each diagram
differ, with the same image sizes), so on an older matplotlib the pixel comparison is skipped and says why.
"""

import logging
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib import ft2font
from PIL import Image

from helpers import diagrams
from helpers.authoring import NOTEBOOKS
from helpers.diagrams import DIAGRAMS, IMGS, LABELS, LANGS, path_for, png_bytes, render_pixels

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_NAMES = {"rnn_unrolled", "lstm_cec_1997", "lstm_forget_gate", "lstm_peephole", "gru"}
CASES = [(name, lang) for name in sorted(DIAGRAMS) for lang in LANGS]
IMGS_FREETYPE = "2.14.3"  # the FreeType of the matplotlib that drew imgs/ (`make imgs`); update both together


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def rendered():
    """Every diagram drawn once, and the warnings matplotlib logged meanwhile (missing glyphs only log)."""
    handler = _Collect()
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        pixels = {(name, lang): render_pixels(DIAGRAMS[name](lang)) for name, lang in CASES}
    finally:
        logger.removeHandler(handler)
    return pixels, handler.messages


def _committed(name: str, lang: str) -> np.ndarray:
    path = path_for(name, lang)
    assert path.exists(), f"{path} is missing: run `make imgs` and commit imgs/"
    return np.asarray(Image.open(path).convert("RGB"))


def _differing_pixels(a: np.ndarray, b: np.ndarray) -> int:
    if a.shape != b.shape:
        return max(a.size, b.size)
    return int(np.any(a != b, axis=2).sum())


def test_the_names_other_notebooks_link_to_exist():
    assert set(DIAGRAMS) == EXPECTED_NAMES


@pytest.mark.parametrize("name, lang", CASES, ids=[f"{n}.{lang}" for n, lang in CASES])
def test_committed_image_is_what_the_code_draws(rendered, name, lang):
    drawn = rendered[0][(name, lang)]
    committed = _committed(name, lang)
    assert drawn.shape == committed.shape, f"{name}.{lang}: size changed; run `make imgs`"
    if ft2font.__freetype_version__ != IMGS_FREETYPE:
        pytest.skip(f"imgs/ was drawn with FreeType {IMGS_FREETYPE}; this matplotlib renders text with FreeType "
                    f"{ft2font.__freetype_version__}, so its pixels differ from them without any change to the code")
    assert _differing_pixels(drawn, committed) == 0, f"{name}.{lang}.png differs from the code; run `make imgs`"


def test_the_comparison_notices_a_one_word_change(monkeypatch):
    """The check above can fail: changing one label of one diagram changes its pixels."""
    reference = render_pixels(DIAGRAMS["lstm_cec_1997"]("en"))
    monkeypatch.setitem(LABELS["en"], "o", "output  gate")
    changed = render_pixels(DIAGRAMS["lstm_cec_1997"]("en"))
    assert 0 < _differing_pixels(reference, changed) < reference.shape[0] * reference.shape[1] // 100


def test_rendering_is_repeatable_down_to_the_bytes():
    """Same process, same encoder: two renderings give the same PNG bytes (no date or version inside)."""
    first = png_bytes(render_pixels(DIAGRAMS["rnn_unrolled"]("ja")))
    second = png_bytes(render_pixels(DIAGRAMS["rnn_unrolled"]("ja")))
    assert first == second
    assert b"tEXt" not in first and b"iTXt" not in first and b"tIME" not in first


def test_every_glyph_is_found(rendered):
    """Japanese prose mixed with $math$ is drawn by mathtext with one font; a missing glyph only logs."""
    assert [m for m in rendered[1] if "glyph" in m] == []


def test_the_glyph_check_can_fail():
    """Without the Japanese font first, mathtext draws Japanese prose as boxes and says so in the log."""
    handler = _Collect()
    logging.getLogger("matplotlib").addHandler(handler)
    try:
        fig, ax = diagrams._canvas("ja", 4.0, 1.0)
        with diagrams.style("ja"):
            ax.text(0.5, 0.5, "誤差 $E$", fontfamily="DejaVu Sans")
        render_pixels(fig)
    finally:
        logging.getLogger("matplotlib").removeHandler(handler)
    assert any("glyph" in m for m in handler.messages)


def test_japanese_and_english_versions_differ_only_in_words(rendered):
    """Both languages share one layout: same size, and most pixels equal (the drawing), some not (the words)."""
    for name in DIAGRAMS:
        en, ja = rendered[0][(name, "en")], rendered[0][(name, "ja")]
        assert en.shape == ja.shape
        share = _differing_pixels(en, ja) / (en.shape[0] * en.shape[1])
        assert 0.003 < share < 0.2, f"{name}: {share:.3f} of the pixels differ between en and ja"


def test_imgs_holds_exactly_the_diagrams():
    files = {p.name for p in IMGS.iterdir() if not p.name.startswith(".")}
    assert files == {path_for(n, lang).name for n, lang in CASES}
    assert not (IMGS / ".gitkeep").exists()


def test_write_all_writes_every_file_and_nothing_else(tmp_path):
    written = diagrams.write_all(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in tmp_path.iterdir())
    assert len(written) == len(DIAGRAMS) * len(LANGS)


def test_make_imgs_runs_the_module():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^imgs:.*\n\t\$\(PY\) -m helpers\.diagrams$", makefile, re.MULTILINE)


def test_bad_names_are_refused():
    with pytest.raises(ValueError, match="name must be one of"):
        path_for("lstm", "en")
    with pytest.raises(ValueError, match="lang must be one of"):
        path_for("rnn_unrolled", "fr")


def test_notebooks_link_only_to_existing_diagrams_with_alt_text():
    """Any notebook that shows a diagram names an existing file and describes it."""
    link = re.compile(r"!\[([^\]]*)\]\((\.\./\.\./imgs/[^)]+)\)")
    for path in sorted(NOTEBOOKS.glob("*/*.ipynb")):
        for alt, target in link.findall(path.read_text()):
            assert (path.parent / target).resolve().exists(), f"{path.name}: {target}"
            assert len(alt.strip()) > 20, f"{path.name}: alt text of {target} is too short to describe it"
