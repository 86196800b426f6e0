"""helpers.export.links on its own: notebook links rewritten to decks and pages, and the language switch."""

from __future__ import annotations

import nbformat
import pytest
from bs4 import BeautifulSoup

from helpers.export.links import (
    DeadLinkError,
    known_notebooks,
    readable_ids,
    rewrite_links,
    switch_html,
    switch_to,
    target_href,
    twin,
)

KNOWN = {("en", "00_index"), ("en", "06_forget_gate"), ("ja", "00_index"), ("ja", "06_forget_gate"),
         ("en", "09_lstm_backward")}


@pytest.mark.parametrize(("href", "kind", "expected"), [
    ("06_forget_gate.ipynb", "slides", "06_forget_gate.slides.html"),
    ("06_forget_gate.ipynb", "html", "06_forget_gate.html"),
    ("06_forget_gate.ipynb#Forget-gate", "slides", "06_forget_gate.slides.html#/Forget-gate"),
    ("06_forget_gate.ipynb#Forget-gate", "html", "06_forget_gate.html#Forget-gate"),
    ("../ja/00_index.ipynb", "slides", "../ja/00_index.slides.html"),
    ("../ja/06_forget_gate.ipynb#忘却ゲート", "html", "../ja/06_forget_gate.html#忘却ゲート"),
])
def test_a_notebook_link_points_at_the_deck_or_page_of_that_notebook(href, kind, expected):
    assert target_href(href, kind, KNOWN, "en") == expected


@pytest.mark.parametrize("href", ["https://arxiv.org/abs/1503.04069", "#Forget-gate", "#/3", "../../imgs/cec.png",
                                  "notes.ipynb", "mailto:someone@example.org", "06_forget_gate.html"])
def test_other_links_are_left_alone(href):
    assert target_href(href, "slides", KNOWN, "en") is None
    page = f'<p><a href="{href}">x</a></p>'
    assert rewrite_links(page, "slides", KNOWN, "en") == page


def test_a_link_to_a_missing_notebook_is_an_error_that_names_page_and_link():
    with pytest.raises(DeadLinkError, match=r"en/03_x\.ipynb: link '05_gone\.ipynb' .*en/05_gone\.ipynb"):
        rewrite_links('<a href="05_gone.ipynb">05</a>', "html", KNOWN, "en", where="en/03_x.ipynb")
    with pytest.raises(DeadLinkError, match=r"ja/09_lstm_backward\.ipynb"):  # the twin is missing, not the English
        target_href("../ja/09_lstm_backward.ipynb", "html", KNOWN, "en")
    with pytest.raises(ValueError, match="kind must be one of"):
        target_href("06_forget_gate.ipynb", "pdf", KNOWN, "en")


def test_every_link_of_a_page_is_rewritten_and_the_rest_of_it_kept():
    page = ('<p>Previous: <a href="00_index.ipynb">00</a> · <a class="x" href=\'06_forget_gate.ipynb#Forget-gate\'>'
            'gate</a> · <a href="https://example.org/a.ipynb">elsewhere</a> · 06_forget_gate.ipynb in text</p>')
    out = rewrite_links(page, "slides", KNOWN, "en")
    soup = BeautifulSoup(out, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == [
        "00_index.slides.html", "06_forget_gate.slides.html#/Forget-gate", "https://example.org/a.ipynb"]
    assert soup.get_text() == BeautifulSoup(page, "html.parser").get_text()
    assert soup.find("a", class_="x") is not None


def test_known_notebooks_are_the_numbered_ones_of_both_languages(tmp_path):
    for lang, name in (("en", "01_a"), ("ja", "01_a"), ("en", "notes")):
        (tmp_path / lang).mkdir(exist_ok=True)
        nbformat.write(nbformat.v4.new_notebook(), tmp_path / lang / f"{name}.ipynb")
    assert known_notebooks(tmp_path) == {("en", "01_a"), ("ja", "01_a")}


def test_the_language_switch_links_the_twin_and_says_which_language_it_is():
    link = twin("slides", "en", "06_forget_gate", KNOWN)
    assert link == {"lang": "ja", "href": "../ja/06_forget_gate.slides.html", "text": "日本語", "label": "Language"}
    nav = BeautifulSoup(switch_html(link), "html.parser").nav
    assert nav["aria-label"] == "Language"
    assert (nav.a["href"], nav.a["hreflang"], nav.a["lang"], nav.a.get_text()) == (
        "../ja/06_forget_gate.slides.html", "ja", "ja", "日本語")
    back = BeautifulSoup(switch_html(twin("html", "ja", "06_forget_gate", KNOWN)), "html.parser").nav
    assert (back["aria-label"], back.a["href"], back.a["lang"], back.a.get_text()) == (
        "言語", "../en/06_forget_gate.html", "en", "English")


def test_a_notebook_without_a_twin_gets_no_switch():
    assert twin("html", "en", "09_lstm_backward", KNOWN) is None
    assert switch_html(None) == ""
    with pytest.raises(ValueError, match="language must be one of"):
        switch_to("en", "fr", "../fr/index.html")


def test_heading_ids_are_the_headings_text_as_jupyterlab_writes_them():
    """nbconvert percent-encodes them; reveal.js decodes a hash before looking it up, so only decoded ids work."""
    page = ('<h1 id="03-%C2%B7-Clipping">03 · Clipping</h1><h2 id="%E5%BF%98%E5%8D%B4%E3%82%B2%E3%83%BC%E3%83%88">'
            '忘却ゲート</h2><p id="%41">kept</p><h3 id="say-%22hi%22">say "hi"</h3>')
    soup = BeautifulSoup(readable_ids(page), "html.parser")
    assert [h["id"] for h in soup.find_all(["h1", "h2", "h3"])] == ["03-·-Clipping", "忘却ゲート", 'say-"hi"']
    assert soup.p["id"] == "%41"
