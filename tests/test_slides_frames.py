"""The frames of explorers exported without a kernel (issue 17) in the built decks and pages: their markup, their
images and the size budget (a deck at most 8 MB, the whole of build/slides at most 60 MB).

Uses the export that tests/test_slides_export.py builds once per session; tests/test_browser_frames.py moves the
sliders in Chromium.
"""

from __future__ import annotations

import base64
import io
import json
import math
import re

import nbformat
import pytest
from bs4 import BeautifulSoup
from PIL import Image
from test_slides_export import _pages, exported_tree

from helpers.export import assets
from helpers.widgets._frames import MAX_SWEEPS

DECK_BUDGET = 8e6  # bytes, one deck
SLIDES_BUDGET = 60e6  # bytes, all of build/slides
SWEPT = re.compile(r"\b(?!training_)\w+_explorer\(")  # notebook 08's explorer is a training run: not swept


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return exported_tree(tmp_path_factory)


def test_decks_and_the_slides_folder_stay_inside_their_budget(tree):
    decks = sorted(tree["slides"].glob("*/*.slides.html"), key=lambda p: -p.stat().st_size)
    total = sum(p.stat().st_size for p in tree["slides"].rglob("*") if p.is_file())
    print(f"\nbuild/slides: {total / 1e6:.1f} MB; largest decks: "
          + ", ".join(f"{p.parent.name}/{p.name} {p.stat().st_size / 1e6:.2f} MB" for p in decks[:3]))
    assert decks and decks[0].stat().st_size <= DECK_BUDGET, f"{decks[0].name} is over {DECK_BUDGET / 1e6:.0f} MB"
    assert total <= SLIDES_BUDGET, f"build/slides holds {total / 1e6:.1f} MB"


def _image(src: str) -> Image.Image:
    mime, data = re.fullmatch(r"data:(image/(?:png|webp));base64,(.+)", src).groups()
    picture = Image.open(io.BytesIO(base64.b64decode(data)))
    assert picture.format.lower() == mime.split("/")[1]
    return picture


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_swept_explorer_carries_labelled_sliders_and_all_its_frames(tree, kind):
    checked = 0
    for nb_path, page in _pages(tree, kind):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for cell in nbformat.read(nb_path, as_version=4).cells:
            calls = len(SWEPT.findall(cell.source)) if cell.cell_type == "code" else 0
            div = soup.find(id=f"cell-id={cell.id}") if calls else None
            if div is None:
                continue
            boxes = div.select(".lecture-frames")
            assert len(boxes) == calls, f"{page.name}: {calls} explorer calls, {len(boxes)} boxes of frames"
            for box in boxes:
                inputs = box.select("input[type=range]")
                assert 1 <= len(inputs) <= MAX_SWEEPS
                for slider in inputs:
                    assert box.find("label", attrs={"for": slider["id"]}).get_text().strip(), page.name
                data = json.loads(box.select_one("script.lecture-frames-data").string)
                frames = data["frames"]
                assert len(frames) == math.prod(int(s["max"]) + 1 for s in inputs)
                assert [len(a["values"]) for a in data["axes"]] == [int(s["max"]) + 1 for s in inputs]
                default = int(box["data-default"])
                img = box.select_one("img.lecture-frames-image")
                assert img["src"] == frames[default]["src"] and img["src"].startswith("data:image/png;base64,")
                assert img["alt"] == frames[default]["alt"] and len(img["alt"]) > 20
                assert box.select_one("output").get_text() == frames[default]["readout"]
                assert len({f["alt"] for f in frames}) == len({f["readout"] for f in frames}) == len(frames)
                sizes = {_image(f["src"]).size for f in (frames[0], frames[default], frames[-1])}
                assert len(sizes) == 1, f"{page.name}: frames of different sizes {sizes}"
                checked += 1
    assert checked >= 2  # at least the sample's explorer in both languages


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_page_loads_the_slider_script_from_its_assets(tree, kind):
    for name in assets.FRAMES:
        assert (tree[kind] / "assets" / name).is_file()
    for _, page in _pages(tree, kind):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("script", src="../assets/lecture-frames.js") is not None, page.name
        assert soup.find("link", href="../assets/lecture-frames.css") is not None, page.name
