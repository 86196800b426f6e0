"""What the exported HTML itself must hold for people who cannot see it, or not well: the page's language, headings
that go down one level at a time, alt text on every image, a skip link on the pages, a language switch to the twin,
and no link left pointing at an ``.ipynb`` that is not there.

These read the files of the session's export (tests/test_slides_export.py builds it); tests/test_browser_a11y.py
opens the same files in Chromium, follows every link and runs axe-core.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from test_slides_export import exported_tree

from helpers.export.links import LANG_NAMES, NOTEBOOK_LINK


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return exported_tree(tmp_path_factory)


def _html_files(out: Path) -> list[Path]:
    files = sorted(out.rglob("*.html"))
    assert len(files) >= 5, f"{out} holds too few pages: {files}"
    return files


def _lang_of(path: Path, out: Path) -> str:
    """The language a file is in: its folder's (en/, ja/); the page of both languages is English first."""
    folder = path.relative_to(out).parts[0]
    return folder if folder in LANG_NAMES else "en"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def heading_jumps(soup: BeautifulSoup) -> list[str]:
    """Headings that skip a level (h2 after h4 is fine, h4 after h2 is not), and a first heading other than h1.

    Examples
    --------
    >>> heading_jumps(BeautifulSoup("<h1>a</h1><h2>b</h2><h4>c</h4><h2>d</h2>", "html.parser"))
    ["h4 'c' after h2"]
    """
    headings = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    jumps = [] if not headings or headings[0].name == "h1" else [f"first heading is {headings[0].name}"]
    for before, now in zip(headings, headings[1:]):
        if int(now.name[1]) > int(before.name[1]) + 1:
            jumps.append(f"{now.name} {now.get_text(strip=True)[:40]!r} after {before.name}")
    return jumps


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_file_says_its_language_and_headings_go_down_one_level_at_a_time(tree, kind):
    out = tree[kind]
    for path in _html_files(out):
        soup = _soup(path)
        assert soup.html.get("lang") == _lang_of(path, out), f"{path.relative_to(out)}: wrong or no lang"
        assert heading_jumps(soup) == [], f"{path.relative_to(out)}: {heading_jumps(soup)}"


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_image_has_alt_text(tree, kind):
    out = tree[kind]
    images = 0
    for path in _html_files(out):
        for img in _soup(path).find_all("img"):
            images += 1
            assert img.get("alt", "").strip(), f"{path.relative_to(out)}: image without alt text: {str(img)[:120]}"
    assert images >= 4


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_no_link_is_left_pointing_at_a_notebook(tree, kind):
    out = tree[kind]
    for path in _html_files(out):
        left = [a["href"] for a in _soup(path).find_all("a", href=True) if NOTEBOOK_LINK.match(a["href"])
                or a["href"].split("#")[0].endswith(".ipynb") and "://" not in a["href"]]
        assert left == [], f"{path.relative_to(out)} still links notebooks: {left}"


def test_the_sample_links_a_heading_of_its_own_deck_and_page_and_one_of_its_twin(tree):
    """The second slide's heading, so that the browser test sees a deck open on a slide other than the first."""
    headings = {"en": "A-picture", "ja": "画像"}
    for kind, suffix, anchor in (("slides", ".slides.html", "#/"), ("html", ".html", "#")):
        for lang, other in (("en", "ja"), ("ja", "en")):
            soup = _soup(tree[kind] / lang / f"99_export_sample{suffix}")
            hrefs = [unquote(a["href"]) for a in soup.select("main a")]  # Markdown percent-encodes them
            assert f"99_export_sample{suffix}{anchor}{headings[lang]}" in hrefs, hrefs
            assert f"../{other}/99_export_sample{suffix}{anchor}{headings[other]}" in hrefs, hrefs
            assert soup.find(id=headings[lang]) is not None, f"{kind}/{lang}: no element with id {headings[lang]!r}"


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_deck_page_and_index_switches_to_its_twin_in_the_other_language(tree, kind):
    out = tree[kind]
    for path in _html_files(out):
        if path.parent == out:
            continue  # the page of both languages needs no switch
        lang = _lang_of(path, out)
        other = next(code for code in LANG_NAMES if code != lang)
        twin = f"../{other}/{path.name}"
        soup = _soup(path)
        nav = soup.select_one("nav.lecture-lang")
        assert nav is not None and nav.get("aria-label"), f"{path.relative_to(out)}: no language switch"
        link = nav.a
        assert (link["href"], link["hreflang"], link["lang"], link.get_text()) == (
            twin, other, other, LANG_NAMES[other]), f"{path.relative_to(out)}: {link}"
        assert (path.parent / twin).is_file()
        if path.name != "index.html":
            alternate = soup.find("link", rel="alternate")
            assert alternate is not None and (alternate["hreflang"], alternate["href"]) == (other, twin)


def test_every_page_starts_with_a_link_that_skips_to_its_content(tree):
    out = tree["html"]
    for path in _html_files(out):
        soup = _soup(path)
        first = soup.body.find("a")
        assert first is not None and "lecture-skip" in first.get("class", []), f"{path.relative_to(out)}: {first}"
        target = soup.find(id=first["href"].removeprefix("#"))
        assert target is not None and target.name == "main", f"{path.relative_to(out)}: skip link leads nowhere"
        assert first.get_text(strip=True), f"{path.relative_to(out)}: the skip link has no text"
