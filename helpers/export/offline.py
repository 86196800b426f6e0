"""Find what an exported page would load from outside its build folder.

A page may *link* anywhere (``<a href="https://arxiv.org/...">`` is a reference for the reader), but
everything it *loads* (scripts, style sheets, images, fonts, frames, CSS ``url()`` and ``@import``) must
be a data: URL or a relative path to a file that exists under the build folder.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# tag -> attributes that make the browser fetch something
LOADING = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
LINK_LOADS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.DOTALL)
CSS_IMPORT = re.compile(r"@import\s+(['\"])(.*?)\1")
ES_IMPORT = re.compile(r"\bimport\s*\(\s*['\"]([^'\"]+)['\"]|\bfrom\s+['\"](https?:[^'\"]+)['\"]")


class _Loads(HTMLParser):
    """Collects (what, url) for everything the page loads, including url() in <style> and style=""."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in LOADING.get(tag, ()):
            for url in _split_srcset(attrs.get(name)) if name == "srcset" else [attrs.get(name)]:
                if url:
                    self.found.append((f"<{tag} {name}>", url))
        if tag == "link" and LINK_LOADS & set((attrs.get("rel") or "").lower().split()) and attrs.get("href"):
            self.found.append(("<link href>", attrs["href"]))
        if attrs.get("style"):
            self.found += [("style url()", url) for url in css_urls(attrs["style"])]
        self._in = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.found += [("<style> url()", url) for url in css_urls(data)]
        elif self._in == "script":
            self.found += [("<script> import", a or b) for a, b in ES_IMPORT.findall(data)]


def _split_srcset(value: str | None) -> list[str]:
    return [part.strip().split()[0] for part in (value or "").split(",") if part.strip()]


def css_urls(css: str) -> list[str]:
    """Every url(...) and @import "..." target in a piece of CSS.

    Examples
    --------
    >>> css_urls('@import "a.css"; body { background: url("img/b.png") }')
    ['img/b.png', 'a.css']
    """
    return [u for _, u in CSS_URL.findall(css)] + [u for _, u in CSS_IMPORT.findall(css)]


def loaded_urls(html: str) -> list[tuple[str, str]]:
    """(what, url) for every resource the HTML loads by itself (not what its scripts may fetch later)."""
    parser = _Loads()
    parser.feed(html)
    parser.close()
    return parser.found


def is_remote(url: str) -> bool:
    """True for anything fetched from another machine (http:, https:, //host, ftp: ...).

    Examples
    --------
    >>> [is_remote(u) for u in ("https://unpkg.com/x.js", "//fonts.example/a.css", "../assets/x.js", "data:,")]
    [True, True, False, False]
    """
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme.lower() not in ("", "data", "blob", "about", "javascript")


def offline_problems(page: Path, root: Path) -> list[str]:
    """What `page` (or a local style sheet it links) loads from outside `root`: remote, missing or escaping."""
    page, root = Path(page).resolve(), Path(root).resolve()
    problems = []
    todo = [(page, loaded_urls(page.read_text(encoding="utf-8")))]
    seen = {page}
    while todo:
        source, found = todo.pop()
        for what, url in found:
            where = f"{source.relative_to(root)}: {what} {url[:80]!r}"
            if url.startswith(("data:", "#", "about:", "blob:")):
                continue
            if is_remote(url):
                problems.append(f"{where} is loaded from the network")
                continue
            target = (source.parent / unquote(urlsplit(url).path)).resolve()
            if not target.is_relative_to(root):
                problems.append(f"{where} points outside {root}")
            elif not target.is_file():
                problems.append(f"{where} does not exist")
            elif target.suffix == ".css" and target not in seen:
                seen.add(target)
                todo.append((target, [("css url()", u) for u in css_urls(target.read_text(encoding="utf-8"))]))
    return problems
