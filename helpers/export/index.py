"""Plain index pages (no script, no outside resource) linking every exported deck or page.

Each language's index links its twin in the other language; the headings go down one level at a time (h1 the
title, h2 the parts, or on the page of both languages h2 the language and h3 its parts).
"""

from __future__ import annotations

import html
from pathlib import Path

from helpers.export.assets import FONT_CSS
from helpers.export.links import LANG_NAMES, SKIP_TO_CONTENT, switch_html, switch_to

HEADINGS = {
    "slides": {"en": "LSTM, from the gradient up — slides", "ja": "勾配から組み立てる LSTM — スライド"},
    "html": {"en": "LSTM, from the gradient up — notebooks", "ja": "勾配から組み立てる LSTM — ノートブック"},
}
EMPTY = {"en": "No notebooks yet.", "ja": "ノートブックはまだありません。"}
PARTS = (
    (0, {"en": "Part 1 · the study note", "ja": "第 1 部・学習ノートの内容"}),
    (9, {"en": "Part 2 · beyond the study note", "ja": "第 2 部・学習ノートの先へ"}),
)
"""(first notebook number, heading): the series' parts, as notebook 00's map lists them."""
HELP = {
    "slides": {"en": "Arrow keys or space move on; Esc shows every slide; S opens the speaker notes.",
               "ja": "矢印キーまたはスペースで進みます。Esc で全スライドの一覧、S で発表者ノートを開きます。"},
    "html": {"en": "Executed notebooks, as static pages.", "ja": "実行済みのノートブックの静的なページです。"},
}


def _page(lang: str, title: str, body: str, assets: str, heading: str | None = None, switch: str = "") -> str:
    """A whole index page; `heading` is the h1's HTML (default: `title`), `switch` the language switch's."""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="icon" href="data:,">\n'  # no favicon request: a web server would answer it with a 404
            f'<title>{html.escape(title)}</title>\n'
            f'<link rel="stylesheet" href="{assets}/lecture.css">\n'
            f'<link rel="stylesheet" href="{assets}/{FONT_CSS}">\n'
            '<style>body { max-width: 50em; margin: 2em auto; padding: 0 1em; line-height: 1.5 }</style>\n'
            f'</head>\n<body>\n<a class="lecture-skip" href="#lecture-content">{SKIP_TO_CONTENT[lang]}</a>\n'
            f'{switch}\n<main id="lecture-content" tabindex="-1">\n<h1>{heading or html.escape(title)}</h1>\n'
            f'{body}</main>\n</body>\n</html>\n')


def _part(name: str) -> int:
    """Index into PARTS of a notebook named ``NN_...`` (names without a number go with the first part)."""
    number = int(name[:2]) if name[:2].isdigit() else 0
    return max(n for n, (first, _) in enumerate(PARTS) if number >= first)


def _list(entries: list[dict], prefix: str, lang: str, level: int = 2) -> str:
    if not entries:
        return f"<p>{EMPTY[lang]}</p>\n"
    out = ""
    for n, (_, heading) in enumerate(PARTS):
        mine = [e for e in entries if _part(e["name"]) == n]
        if mine:
            items = "".join(f'<li><a href="{html.escape(prefix + e["file"])}">{html.escape(e["title"])}</a> '
                            f'<small>({html.escape(e["name"])})</small></li>\n' for e in mine)
            out += f"<h{level}>{html.escape(heading[lang])}</h{level}>\n<ul>\n{items}</ul>\n"
    return out


def write_indexes(out: Path, kind: str, entries: list[dict], langs=("en", "ja")) -> list[Path]:
    """``out/<lang>/index.html`` for each language and ``out/index.html`` for both; returns the paths."""
    written = []
    for lang in langs:
        mine = [e for e in entries if e["lang"] == lang]
        body = f"<p>{HELP[kind][lang]}</p>\n" + _list(mine, "", lang)
        path = out / lang / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        others = [other for other in langs if other != lang]
        switch = switch_html(switch_to(lang, others[0], f"../{others[0]}/index.html")) if others else ""
        path.write_text(_page(lang, HEADINGS[kind][lang], body, "../assets", switch=switch), encoding="utf-8")
        written.append(path)
    body = "".join(f'<h2 lang="{lang}"><a href="{lang}/index.html">{LANG_NAMES[lang]}</a></h2>\n'
                   + f'<div lang="{lang}">\n' + _list([e for e in entries if e["lang"] == lang], f"{lang}/", lang, 3)
                   + "</div>\n" for lang in langs)
    top = out / "index.html"
    title = f"{HEADINGS[kind]['en']} / {HEADINGS[kind]['ja']}"
    heading = " / ".join(f'<span lang="{lang}">{html.escape(HEADINGS[kind][lang])}</span>' for lang in langs)
    top.write_text(_page("en", title, body, "assets", heading), encoding="utf-8")
    return written + [top]
