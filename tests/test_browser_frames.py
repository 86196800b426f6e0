"""Explorers without a kernel, and live ones on a RISE show (issue 17), in Debian's Chromium through Playwright.

In every exported deck and page that has a swept explorer, the keyboard moves its sliders: the image, its alt text
and the readout change, the deck stays on its slide while a slider has the focus and moves on once it has not, and
going back shows the default frame again (the static figure's PNG, which every frame matches in size). Then
JupyterLab starts the RISE slideshow of one notebook and a live slider is moved in it. As in tests/test_browser.py,
every request to another machine is blocked and recorded, and there must be none.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from test_browser import (  # noqa: F401  (browser, lab and tree: the fixtures of tests/test_browser.py)
    READY_JS,
    SHOTS,
    Watched,
    _lab_notebook,
    _lab_page,
    _open_and_run,
    _shut_down_kernel,
    browser,
    lab,
    tree,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SWEPT = re.compile(r"\b(?!training_)\w+_explorer\(")  # notebook 08's explorer is a training run: not swept
RISE_NOTEBOOK = "02_sigmoid_derivative_quiz"

BOX_STATE_JS = """(box) => ({
  src: box.querySelector("img").getAttribute("src"),
  alt: box.querySelector("img").getAttribute("alt"),
  readout: box.querySelector("output").textContent,
  values: [...box.querySelectorAll("input[type=range]")].map(i => i.value + " " + i.getAttribute("aria-valuetext")),
  frame: box.getAttribute("data-frame"),
  data: JSON.parse(box.querySelector("script.lecture-frames-data").textContent).frames.map(f => f.src),
  fallback: box.getAttribute("data-default"),
  deck: window.Reveal ? JSON.stringify(Reveal.getIndices()) : null,
})"""


def _swept_ids() -> list[str]:
    """en/NN_name and ja/NN_name of every notebook that calls a swept explorer."""
    ids = []
    for lang in ("en", "ja"):
        for path in sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb")):
            source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
            if SWEPT.search(source):
                ids.append(f"{lang}/{path.stem}")
    return ids


def _expected_boxes(notebooks: Path, lang: str, name: str) -> int:
    nb = nbformat.read(notebooks / lang / f"{name}.ipynb", as_version=4)
    return sum(len(SWEPT.findall(c.source)) for c in nb.cells if c.cell_type == "code")


def _natural_size(page, box) -> list[int]:
    """The shown image's size in pixels, once it is decoded."""
    return page.evaluate("(img) => img.decode().then(() => [img.naturalWidth, img.naturalHeight])",
                         box.locator("img").element_handle())


def _move_each_slider(page, box, shots: Path | None) -> None:
    """Focus each slider of `box`, press an arrow key, see the frame change and the deck stay; then go back."""
    first = page.evaluate(BOX_STATE_JS, box.element_handle())
    assert first["frame"] == first["fallback"], "the box does not start on its default frame"
    assert first["src"].startswith("data:image/png;base64,") and first["src"] == first["data"][int(first["frame"])]
    size = _natural_size(page, box)
    for n, slider in enumerate(box.locator("input[type=range]").all()):
        label = box.locator(f"label[for='{slider.get_attribute('id')}']")
        assert label.count() == 1 and label.inner_text().strip(), "a slider without its label"
        key, back = ("ArrowLeft", "ArrowRight") if slider.input_value() == slider.get_attribute("max") else (
            "ArrowRight", "ArrowLeft")
        slider.focus()
        before = page.evaluate(BOX_STATE_JS, box.element_handle())
        page.keyboard.press(key)
        page.wait_for_function("([box, src]) => box.querySelector('img').getAttribute('src') !== src",
                               arg=[box.element_handle(), before["src"]], timeout=5000)
        after = page.evaluate(BOX_STATE_JS, box.element_handle())
        assert after["readout"] != before["readout"], "the readout did not follow the slider"
        assert after["alt"] != before["alt"] and len(after["alt"]) > 40, "the alt text did not follow the slider"
        assert after["values"][n] != before["values"][n] and after["src"] == after["data"][int(after["frame"])]
        assert after["deck"] == before["deck"], "the arrow key moved the deck while a slider had the focus"
        assert _natural_size(page, box) == size, "a frame differs in size from the static figure"
        if shots:
            page.screenshot(path=f"{shots}_slider{n}.png")
        page.keyboard.press(back)
        page.wait_for_function("([box, src]) => box.querySelector('img').getAttribute('src') === src",
                               arg=[box.element_handle(), before["src"]], timeout=5000)
    again = page.evaluate(BOX_STATE_JS, box.element_handle())
    assert (again["src"], again["alt"], again["readout"]) == (first["src"], first["alt"], first["readout"])
    assert _natural_size(page, box) == size, "the frames differ in size from the static figure"


@pytest.mark.parametrize("deck", _swept_ids())
def test_deck_sliders_move_the_figure_with_the_keyboard_and_the_deck_otherwise(browser, tree, deck):  # noqa: F811
    lang, name = deck.split("/")
    path = tree["slides"] / lang / f"{name}.slides.html"
    shots = SHOTS / "frames" / "slides" / lang / name
    shots.parent.mkdir(parents=True, exist_ok=True)
    watched = Watched(browser)
    try:
        page = watched.page
        page.goto(path.as_uri())
        page.wait_for_function(READY_JS, timeout=20_000)
        boxes = page.locator(".lecture-frames")
        assert boxes.count() == _expected_boxes(tree["notebooks"], lang, name)
        for k in range(boxes.count()):
            box = boxes.nth(k)
            page.evaluate("(b) => { const i = Reveal.getIndices(b.closest('section')); Reveal.slide(i.h, i.v, 99); }",
                          box.element_handle())
            page.wait_for_timeout(350)
            _move_each_slider(page, box, shots.with_name(f"{name}_{k}") if k == 0 else None)
        # Esc on a slider hands the keys back to the deck (without opening its overview)
        boxes.last.locator("input[type=range]").first.focus()
        page.keyboard.press("Escape")
        assert page.evaluate("() => document.activeElement.tagName !== 'INPUT' && !Reveal.isOverview()")
        before = page.evaluate("() => JSON.stringify(Reveal.getIndices())")
        page.keyboard.press("ArrowRight" if not page.evaluate("() => Reveal.isLastSlide()") else "ArrowLeft")
        page.wait_for_function("(b) => JSON.stringify(Reveal.getIndices()) !== b", arg=before, timeout=5000)
        assert watched.errors == [], f"console errors: {watched.errors}"
        assert watched.outside == [], f"requests that would leave the machine: {watched.outside}"
    finally:
        watched.close()


@pytest.mark.parametrize("page_id", _swept_ids())
def test_page_sliders_move_the_figure_with_the_keyboard(browser, tree, page_id):  # noqa: F811
    lang, name = page_id.split("/")
    path = tree["html"] / lang / f"{name}.html"
    watched = Watched(browser)
    try:
        page = watched.page
        page.goto(path.as_uri())
        page.wait_for_function("() => document.querySelectorAll('.lecture-frames-ready').length > 0")
        boxes = page.locator(".lecture-frames")
        assert boxes.count() == _expected_boxes(tree["notebooks"], lang, name)
        for k in range(boxes.count()):
            boxes.nth(k).scroll_into_view_if_needed()
            _move_each_slider(page, boxes.nth(k), None)
        assert watched.errors == [], f"console errors: {watched.errors}"
        assert watched.outside == [], f"requests that would leave the machine: {watched.outside}"
    finally:
        watched.close()


# --- RISE ------------------------------------------------------------------------------------------------------

# jupyterlab-rise 0.43.1 (the newest) runs the show in an app of its own that lacks JupyterLab's console module,
# which the ipywidgets 8 widget manager needs: the show then prints widgets as text (jupyterlab-contrib/rise#119,
# open). Only this known failure, recognised by its message, turns the slider part into an expected failure.
RISE_WIDGETS_BUG = "Shared module @jupyterlab/console doesn't exist in shared scope"
SLIDE_OF_JS = """(el) => {
  const top = [...document.querySelectorAll('.reveal .slides > section')];
  const h = top.findIndex(s => s.contains(el));
  const inner = [...top[h].querySelectorAll(':scope > section')];
  return {h: h, v: Math.max(0, inner.findIndex(s => s.contains(el)))};
}"""


def test_rise_presents_a_notebook_offline_and_moves_a_live_slider(browser, lab):  # noqa: F811
    """Alt+R (RISE) on a notebook whose cells have run: the show opens beside it with its slides and typeset
    math, nothing is asked of another machine, and on the explorer's slide the keyboard moves the live slider."""
    lang, name = "en", RISE_NOTEBOOK
    nb = _lab_notebook(lang, name)
    n_slides = sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)
    shots = SHOTS / "lab" / lang / f"{name}_rise"
    watched = _lab_page(browser, shots)
    page = watched.page
    try:
        _open_and_run(page, lab, lang, name, nb)
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.keyboard.press("Escape")  # command mode: Alt+R is RISE's "Render as slideshow"
        page.keyboard.press("Alt+r")
        page.wait_for_selector("iframe[src*='/rise/']")
        show = next(f for f in page.frames if "/rise/" in f.url)
        # the show's reveal.js is not a global of its page: read its slides from the DOM
        show.wait_for_function("(n) => document.querySelectorAll('.reveal .slides > section').length >= n",
                               arg=n_slides, timeout=60_000)
        assert n_slides > 1
        show.wait_for_function("() => document.querySelectorAll('.reveal mjx-container').length > 0")
        page.wait_for_timeout(1000)
        assert watched.outside == [], f"RISE asked another machine for: {watched.outside}"
        explorer = show.locator(".reveal .slides .widget-vbox").filter(
            has=show.locator(".widget-slider")).filter(has=show.locator("img")).first
        try:
            explorer.wait_for(state="attached", timeout=30_000)
        except Exception:
            page.screenshot(path=f"{shots}.png")
            if any(RISE_WIDGETS_BUG in e for e in watched.errors):
                pytest.xfail("jupyterlab-rise cannot load the ipywidgets 8 widget manager (rise#119)")
            raise
        where = show.evaluate(SLIDE_OF_JS, explorer.element_handle())
        show.locator(".reveal").first.click()  # the show has the keyboard
        for key, times in (("ArrowRight", where["h"]), ("ArrowDown", where["v"])):
            for _ in range(times):
                page.keyboard.press(key)
        explorer.wait_for(state="visible")
        image = explorer.locator("img").first
        before_src, readout = image.get_attribute("src"), explorer.locator(".widget-readout").first
        before_value = readout.inner_text()
        explorer.locator(".noUi-handle").first.focus()
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        deadline = time.monotonic() + 20
        while image.get_attribute("src") == before_src:
            assert time.monotonic() < deadline, "the figure on the RISE slide did not change"
            page.wait_for_timeout(200)
        assert readout.inner_text() != before_value
        page.screenshot(path=f"{shots}.png")
        assert watched.outside == [], f"RISE asked another machine for: {watched.outside}"
    except Exception:
        page.screenshot(path=f"{shots}_failure.png")
        raise
    finally:
        watched.close()
        _shut_down_kernel(lab, f"notebooks/{lang}/{name}.ipynb")
