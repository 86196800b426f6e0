"""Links between exported notebooks: ``.ipynb`` links become links to the matching deck or page, each deck and
page links its twin in the other language, and a page opens with a link that skips to its content.

The notebooks link each other as JupyterLab expects (``05_input_output_gates.ipynb``, ``../ja/00_index.ipynb``,
``06_forget_gate.ipynb#Forget-gate``); beside an exported deck there is no ``.ipynb``, so each such link is
rewritten to the deck (``06_forget_gate.slides.html``) or page (``06_forget_gate.html``) built from that notebook.
A heading anchor keeps its id, which nbconvert gives the heading on the page and in the deck alike (the heading's
text, spaces as ``-``, as JupyterLab does); a deck is addressed as ``#/<id>``, which reveal.js resolves to the
slide that holds the element with that id. nbconvert writes those ids percent-encoded (``03-%C2%B7-…``, every
Japanese heading): :func:`readable_ids` decodes them to the heading's own text, JupyterLab's id, because
reveal.js decodes the hash before it looks the id up (a browser tries both).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

SUFFIX = {"slides": ".slides.html", "html": ".html"}
LANG_NAMES = {"en": "English", "ja": "日本語"}
SWITCH_LABEL = {"en": "Language", "ja": "言語"}
SKIP_TO_CONTENT = {"en": "Skip to content", "ja": "本文へ移動"}  # a page's first link, to its <main>
HEADING_ID = re.compile(r"""(<h[1-6]\b[^>]*?\bid\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
NOTEBOOK_LINK = re.compile(r"^(?:\.\./(?P<lang>[a-z]{2})/)?(?P<name>\d\d_[\w.-]*?)\.ipynb(?:#(?P<anchor>.*))?$")


class DeadLinkError(ValueError):
    """A notebook links a notebook that does not exist."""


def target_href(href: str, kind: str, known: set[tuple[str, str]], lang: str) -> str | None:
    """Where a link to a notebook points in an export of `kind`; None when `href` is no link to a notebook.

    `known` holds (language, notebook name) of every notebook there is; `lang` is the linking notebook's.

    Examples
    --------
    >>> known = {("en", "05_gates"), ("ja", "00_index")}
    >>> target_href("05_gates.ipynb#Output-gate", "slides", known, "en")
    '05_gates.slides.html#/Output-gate'
    >>> target_href("../ja/00_index.ipynb", "html", known, "en")
    '../ja/00_index.html'
    >>> target_href("https://arxiv.org/abs/1503.04069", "html", known, "en") is None
    True
    """
    if kind not in SUFFIX:
        raise ValueError(f"kind must be one of {sorted(SUFFIX)}, got {kind!r}")
    found = NOTEBOOK_LINK.match(href.strip())
    if not found:
        return None
    target_lang = found["lang"] or lang
    if (target_lang, found["name"]) not in known:
        raise DeadLinkError(f"link {href!r} names a notebook that does not exist "
                            f"({target_lang}/{found['name']}.ipynb)")
    prefix = f"../{found['lang']}/" if found["lang"] else ""
    anchor = found["anchor"]
    hash_part = "" if not anchor else (f"#/{anchor}" if kind == "slides" else f"#{anchor}")
    return f"{prefix}{found['name']}{SUFFIX[kind]}{hash_part}"


def rewrite_links(page: str, kind: str, known: set[tuple[str, str]], lang: str, where: str = "page") -> str:
    """`page` (HTML) with every ``<a href>`` to a notebook pointing at its deck or page instead.

    Raises
    ------
    DeadLinkError
        Naming `where` and the link, when a link names a notebook that is not in `known`.

    Examples
    --------
    >>> rewrite_links('<a href="01_rnn.ipynb">01</a>', "html", {("en", "01_rnn")}, "en")
    '<a href="01_rnn.html">01</a>'
    """
    def one(m: re.Match) -> str:
        try:
            new = target_href(html.unescape(m[3]), kind, known, lang)
        except DeadLinkError as exc:
            raise DeadLinkError(f"{where}: {exc}") from None
        return m[0] if new is None else f"{m[1]}{m[2]}{html.escape(new)}{m[2]}"

    return HREF.sub(one, page)


def readable_ids(page: str) -> str:
    """`page` with its headings' percent-encoded ids decoded (``%E5%BF%98…`` -> ``忘…``).

    Examples
    --------
    >>> readable_ids('<h2 id="03-%C2%B7-Clipping">03 · Clipping</h2>')
    '<h2 id="03-·-Clipping">03 · Clipping</h2>'
    """
    return HEADING_ID.sub(lambda m: f"{m[1]}{m[2]}{html.escape(unquote(html.unescape(m[3])))}{m[2]}", page)


def known_notebooks(notebooks: Path) -> set[tuple[str, str]]:
    """(language, name) of every numbered notebook under `notebooks` (the folder holding en/ and ja/)."""
    return {(p.parent.name, p.stem) for p in Path(notebooks).glob("*/[0-9][0-9]_*.ipynb")}


def twin(kind: str, lang: str, name: str, known: set[tuple[str, str]]) -> dict | None:
    """The language switch of one deck or page: its twin in the other language, or None if it has none.

    ``{"lang": "ja", "href": "../ja/03_x.slides.html", "text": "日本語", "label": "Language"}``; `label` names the
    switch in the page's own language.
    """
    others = [other for other in LANG_NAMES if other != lang and (other, name) in known]
    return switch_to(lang, others[0], f"../{others[0]}/{name}{SUFFIX[kind]}") if others else None


def switch_to(lang: str, other: str, href: str) -> dict:
    """A language switch from a page in `lang` to `href`, the same page in `other`."""
    for code in (lang, other):
        if code not in LANG_NAMES:
            raise ValueError(f"language must be one of {sorted(LANG_NAMES)}, got {code!r}")
    return {"lang": other, "href": href, "text": LANG_NAMES[other], "label": SWITCH_LABEL[lang]}


def switch_html(link: dict | None) -> str:
    """The language switch as HTML (empty without a twin): a small ``<nav>`` holding one link."""
    if not link:
        return ""
    return (f'<nav class="lecture-lang" aria-label="{html.escape(link["label"])}">'
            f'<a href="{html.escape(link["href"])}" hreflang="{link["lang"]}" lang="{link["lang"]}">'
            f'{html.escape(link["text"])}</a></nav>')
