"""Every slide of every deck fits the screen at a size a room can read: in Chromium at 1280 x 720, after the deck's
own layout (split into "(continued)" slides, then shrunk to fit, never below 80 %), no slide needs scrolling and
none is shrunk below 80 %; code in a slide's `pre` blocks is as large as the body text around it, and every text
of a figure shows at 9 pt or more at the size the slide shows it (the rule tests/test_figure_text.py holds in the
notebook, here through the figure's ``data-legible-scale``, see helpers.display.legible_scale; a figure without
it must be as wide as a notebook shows it). A figure's size is taken on the screen (reveal scales the 1024 x 640
slide to it), as a notebook's is in a 1280-px-wide JupyterLab; text sizes are the slide's own CSS px.

The helpers take a build folder, so that a build made by hand can be measured too (before and after a change)::

    cd tests && ../.venv/bin/python -c "import test_browser_slides_fit as t; t.report('../build/slides')"
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, READY_JS, Watched, _deck_ids, browser, tree  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

SCREEN = (1280, 720)
MIN_FIT = 0.8
# Per slide: whether it still scrolls, how far the deck shrank it, the smallest code and body text on it, and the
# figures shown narrower than their text allows (lectureLegibleWidth is the deck's own).
MEASURE_JS = """() => {
  const slides = Reveal.getSlides();
  const found = [];
  for (const s of slides) {
    const at = Reveal.getIndices(s);
    Reveal.slide(at.h, at.v);
    const fit = s.dataset.lectureFit ? parseFloat(s.dataset.lectureFit) : 1;
    const size = (el) => parseFloat(getComputedStyle(el).fontSize);  // a slide's zoom shrinks code and text alike
    const code = [...s.querySelectorAll(".jp-InputArea pre, .jp-OutputArea-output pre, .jp-RenderedMarkdown pre")]
      .filter(el => el.textContent.trim()).map(size);
    const body = [...s.querySelectorAll(".jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li")]
      .filter(el => el.textContent.trim() && !el.closest("pre")).map(size);
    const small = [...s.querySelectorAll(".jp-OutputArea-output img")].filter(img => img.naturalWidth > 0)
      .map(img => ({shown: img.getBoundingClientRect().width, wanted: typeof lectureLegibleWidth === "function"
                    ? lectureLegibleWidth(img) : Math.min(img.naturalWidth, 1024)}))  // (a deck built before it)
      .filter(f => f.shown < f.wanted - 1);
    found.push({at: [at.h, at.v], scrolls: s.scrollHeight > s.clientHeight + 1, fit: fit,
                over: +(s.scrollHeight / s.clientHeight).toFixed(2),
                code: code.length ? Math.min(...code) : null, body: body.length ? Math.min(...body) : null,
                small: small.map(f => `${Math.round(f.shown)} of ${f.wanted} px`)});
  }
  return found;
}"""


def measure(chromium, path: Path) -> list[dict]:
    """Per slide of the deck at `path`, at 1280 x 720: indices, scrolls, fit, code and body text size, figures."""
    watched = Watched(chromium, viewport=SCREEN)
    try:
        watched.page.goto(path.as_uri())
        watched.page.wait_for_function(READY_JS, timeout=30_000)
        return watched.page.evaluate(MEASURE_JS)
    finally:
        watched.close()


def report(slides_dir: str) -> dict:
    """Measure every deck under `slides_dir` (a build's ``slides`` folder) and print the totals."""
    from playwright.sync_api import sync_playwright

    totals = {"decks": 0, "slides": 0, "scroll": 0, "below_80": 0, "small_figures": 0, "small_code": 0}
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in sorted(Path(slides_dir).glob("*/*.slides.html")):
            found = measure(chromium, path)
            totals["decks"] += 1
            totals["slides"] += len(found)
            bad = [f for f in found if f["scrolls"] or f["fit"] < MIN_FIT or f["small"] or _small_code(f)]
            totals["scroll"] += sum(f["scrolls"] for f in found)
            totals["below_80"] += sum(f["fit"] < MIN_FIT for f in found)
            totals["small_figures"] += sum(bool(f["small"]) for f in found)
            totals["small_code"] += sum(_small_code(f) for f in found)
            print(f"{path.parent.name}/{path.name}: {len(found)} slides", *(json.dumps(f) for f in bad), sep="\n  ")
        chromium.close()
    print(totals)
    return totals


_MEASURED: dict[str, list[dict]] = {}


def _measured(chromium, built: dict, deck: str) -> list[dict]:
    """The deck's slides measured once for both tests below."""
    if deck not in _MEASURED:
        lang, name = deck.split("/")
        _MEASURED[deck] = measure(chromium, built["slides"] / lang / f"{name}.slides.html")
    return _MEASURED[deck]


def _small_code(f: dict) -> bool:
    return bool(f["code"] and f["body"] and f["code"] < f["body"] - 0.5)


# Decks with slides that still scroll (issue 23, measured 2026-12-07): one block the export cannot cut, taller than a
# slide even at 80 %, or a figure that cannot shrink further without its text going below 9 pt. They need a
# shorter cell or figure in the notebook, not a smaller slide. strict: once one fits, its mark fails.
TOO_TALL = {
    "11_char_lm": "the feature search's 40-line code cell and the cell explorer's text grid (about 900 px tall)",
}


def _fit_ids() -> list:
    return [pytest.param(d, marks=pytest.mark.xfail(strict=True, reason=TOO_TALL[d.split("/")[1]]))
            if d.split("/")[1] in TOO_TALL else d for d in _deck_ids()]


@pytest.mark.parametrize("deck", _fit_ids())
def test_every_slide_fits_the_screen_at_a_readable_size(browser, tree, deck):  # noqa: F811
    found = _measured(browser, tree, deck)
    assert found, "a deck without slides"
    scrolling = [(f["at"], f["over"]) for f in found if f["scrolls"]]
    assert scrolling == [], f"slides that still need scrolling at 1280 x 720 ([h, v], height / screen): {scrolling}"
    shrunk = [(f["at"], f["fit"]) for f in found if f["fit"] < MIN_FIT]
    assert shrunk == [], f"slides shrunk below {MIN_FIT:.0%}: {shrunk}"


@pytest.mark.parametrize("deck", _deck_ids())
def test_code_and_figure_text_on_a_slide_are_as_large_as_the_body_text_and_9_pt(browser, tree, deck):  # noqa: F811
    found = _measured(browser, tree, deck)
    small_code = [(f["at"], f["code"], f["body"]) for f in found if _small_code(f)]
    assert small_code == [], f"code smaller than the body text on its slide ([h, v], code px, body px): {small_code}"
    small = [(f["at"], f["small"]) for f in found if f["small"]]
    assert small == [], f"figures whose text shows below 9 pt on the slide (shown of legible width): {small}"
