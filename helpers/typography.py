"""Typography checks for Japanese text: line breaks that render as spaces, and Markdown emphasis in HTML.

A line break inside a Markdown paragraph (or an HTML string) is shown as a space, so a source line that breaks
between two Japanese characters shows 「終盤の誤差は 序盤より」. Japanese paragraphs are written on one line, or
broken only next to Latin text or math. Quiz strings go into HTML widgets, where ``**bold**`` shows its asterisks.

Examples
--------
>>> cjk_line_breaks("終盤の誤差は\\n序盤より小さい。")
['は⏎序']
>>> cjk_line_breaks("セルの\\nLSTM と")  # a break next to Latin text is the usual space there
[]
>>> join_cjk_line_breaks("# 見出し\\n本文は\\n一行に。")
'# 見出し\\n本文は一行に。'
>>> markdown_emphasis("<b>出力</b> と **出力**")
['**出力**']
"""

from __future__ import annotations

import re

CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
"""Japanese characters: CJK punctuation, kana, ideographs and full-width forms (（）：？ …)."""

_MARKUP = r"(?:[*_]+|<[^<>\n]+>)*"
_BREAK = re.compile(rf"([{CJK}]){_MARKUP}[ \t]?\n[ \t]*{_MARKUP}([{CJK}])")
_FENCE = re.compile(r"^\s*(```|~~~|\$\$)")
_EMPHASIS = re.compile(r"(?<![A-Za-z0-9*\\])(\*\*?|__?)(?=[^\s*_])[^*_\n]*?[^\s*_]\1(?![A-Za-z0-9*])")


def _block_lines(markdown: str) -> list[tuple[str, bool]]:
    """Each line with whether a break after it can lie inside a paragraph (not in code, math, heading, table)."""
    lines, inside_fence, out = markdown.split("\n"), None, []
    for line in lines:
        fence = _FENCE.match(line)
        if inside_fence:
            out.append((line, False))
            if fence and fence.group(1) == inside_fence or inside_fence == "$$" and line.rstrip().endswith("$$"):
                inside_fence = None
            continue
        if fence and not (fence.group(1) == "$$" and line.strip() != "$$" and line.rstrip().endswith("$$")):
            inside_fence = fence.group(1)
            out.append((line, False))
            continue
        stripped = line.lstrip()
        flowing = not (stripped.startswith("#") or stripped.startswith("|") or line.endswith("  "))
        out.append((line, flowing))
    return out


def _paragraph_breaks(markdown: str):
    """(index of the line before the break, match) for every break between two Japanese characters."""
    lines = _block_lines(markdown)
    for n in range(len(lines) - 1):
        (line, flowing), (following, _) = lines[n], lines[n + 1]
        if not flowing or not following.strip():
            continue
        match = _BREAK.search(line[-40:] + "\n" + following[:40])
        if match:
            yield n, match


def cjk_line_breaks(text: str) -> list[str]:
    """The places (``'は⏎序'``) where `text` breaks a line between two Japanese characters inside a paragraph.

    `text` is Markdown or an HTML string; breaks after headings and table rows, hard breaks (two trailing
    spaces) and breaks inside code blocks or display math do not count.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return [f"{m.group(1)}⏎{m.group(2)}" for _, m in _paragraph_breaks(text)]


def join_cjk_line_breaks(text: str) -> str:
    """`text` with every break that :func:`cjk_line_breaks` reports joined (the next line's indent removed)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    joins = {n for n, _ in _paragraph_breaks(text)}
    lines, out = text.split("\n"), []
    for n, line in enumerate(lines):
        if n - 1 in joins:
            out[-1] = out[-1].rstrip(" \t") + line.lstrip(" \t")
        else:
            out.append(line)
    return "\n".join(out)


# A span may cross one line break (not a blank line): the notebooks break long lines inside a paragraph.
_ITALIC = re.compile(r"(?<![*\\])\*(?![*\s])((?:[^*\n]|\n(?!\s*\n))*?[^*\s])\*(?!\*)")


def japanese_italics(markdown: str) -> list[str]:
    """Italic spans (``*…*``) of `markdown` that hold Japanese: browsers slant CJK glyphs artificially.

    >>> japanese_italics("*CEC は忘れません。* and *this* and **太字**")
    ['*CEC は忘れません。*']
    >>> japanese_italics("*誤差は消えます。\\nHochreiter の答え。*")  # across a line break
    ['*誤差は消えます。\\nHochreiter の答え。*']
    """
    if not isinstance(markdown, str):
        raise TypeError(f"markdown must be a str, got {type(markdown).__name__}")
    prose = re.sub(r"\$[^$]*\$", "x", re.sub(r"\*\*", "\x00\x00", markdown))
    return [m.group(0) for m in _ITALIC.finditer(prose) if re.search(f"[{CJK}]", m.group(1))]


def markdown_emphasis(text: str) -> list[str]:
    """Markdown emphasis (``**x**``, ``*x*``, ``__x__``, ``_x_``) in `text`, which HTML shows literally.

    Math spans (``$...$``) are skipped, so ``$a * b * c$`` and ``$x_i y_i$`` do not count.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    prose = re.sub(r"\$[^$]*\$", " ", text)
    return [m.group(0) for m in _EMPHASIS.finditer(prose)]


# The glossary's rejected terms (../shared/GLOSSARY.md), each with the preferred one, and typography it asks for.
REJECTED_TERMS = {
    "目印": "印", "(?<!い)ずれ": "ドリフト（drift）など", "処方": "対策", "隠れ状態サイズ": "隠れ状態の次元数",
    "隠れユニット数": "隠れ状態の次元数", "誤った警報": "誤検知", "彼ら": "著者ら", "数値計算経路": "演算経路",
    "チャンネル": "チャネル", "ゲートの項": "ゲートを経由する項", "ゲートを通る項": "ゲートを経由する項",
    "左に飽和": "0 側に飽和", "右に飽和": "1 側に飽和", "マシン": "実行環境", "プロセッサ": "実行環境",
    "計算機": "実行環境", "(?<!連続ストリーム（)リセットのないストリーム": "連続ストリーム",
    r"\d+ (?:つ)?中 \d+": "3/3 の形", "注目してほしいこと|注目するところ": "観察のポイント",
    "ゼロから書いて確かめる": "自分で実装して確かめる", "探ってみよう": "インタラクティブ図",
}
_TYPOGRAPHY = {
    "下限 for a baseline (a model must go below it: ベースライン)":
        r"(?:ユニグラム|バイグラム|グラム|ベースライン)[^。\n]{0,12}下限|超えるべき下限",
    "<i> or <em> around Japanese": rf"<(i|em)>[^<]*[{CJK}][^<]*</\1>",
    "typed space around 「」。、？）": r"(?<![|\s\-*+.]) [「」。、]|[「」。、？）] (?![|\s])",
    "space before %": r"(?<=\S) %",
    "ASCII parentheses around Japanese": rf"(?<!\])\([^()\n]*[{CJK}][^()\n]*\)",
    "citation year not as 「ら（2014）」": r"(?:ら|[A-Za-z]) (?:1[89]|20)\d\d(?=[、）,])",
}


def _prose(markdown: str) -> str:
    """`markdown` without code blocks, code spans, math and link targets (replaced by a neutral x)."""
    text = re.sub(r"```.*?```", "x", markdown, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", "x", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`|\$[^$\n]*\$", "x", text)
    return re.sub(r"\]\([^)\s]*\)", "]", text)


def japanese_style_problems(markdown: str) -> list[str]:
    """What the glossary forbids in Japanese prose: a rejected term, 下限 for a baseline, ``<i>`` around Japanese,
    typed spaces around 「」。、, a space before %, ASCII parentheses around Japanese, a citation year not written
    「ら（2014）」. Each as ``"rule: …excerpt…"``.

    >>> japanese_style_problems("バイグラムの下限を越えた。")
    ['下限 for a baseline (a model must go below it: ベースライン): バイグラムの下限']
    >>> japanese_style_problems("『こころ』（1914）の 73% は「先生」の手紙。")
    []
    """
    if not isinstance(markdown, str):
        raise TypeError(f"markdown must be a str, got {type(markdown).__name__}")
    prose, found = _prose(markdown), []

    def excerpt(m):
        return prose[max(0, m.start() - 2):m.end() + 6].replace("\n", "⏎")

    for term, preferred in REJECTED_TERMS.items():
        found += [f"{term.split(')')[-1]} → {preferred}: {excerpt(m)}" for m in re.finditer(term, prose)]
    for rule, pattern in _TYPOGRAPHY.items():
        found += [f"{rule}: {excerpt(m) if 'space' in rule else m.group(0)}" for m in re.finditer(pattern, prose)]
    return found
