"""Japanese typography that renders wrong: a line break between two Japanese characters shows as a space (in
Markdown cells, in quiz strings inside HTML widgets and in alt texts), and Markdown emphasis inside a quiz string
shows its asterisks (the widgets take HTML).

Before the fix, the checks below found 310 such breaks in the ja notebooks (e.g. 「終盤の誤差は⏎序盤より」) and 10
emphasis spans in the quiz bank (5 in each language); the tests at the bottom hold that the checks see those forms.
"""

import ast
import importlib
import pkgutil

import nbformat
import pytest

import helpers.widgets
from helpers.authoring import NOTEBOOKS
from helpers.quiz.bank import BANK
from helpers.quiz.messages import MESSAGES
from helpers.typography import (
    cjk_line_breaks,
    japanese_italics,
    japanese_style_problems,
    join_cjk_line_breaks,
    markdown_emphasis,
)

JA_NOTEBOOKS = sorted((NOTEBOOKS / "ja").glob("*.ipynb"))


def _strings(value, lang=None):
    """Every string in a nested quiz entry, with the language key it sits under (None outside en/ja)."""
    if isinstance(value, str):
        yield lang, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key if key in ("en", "ja") else lang)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, lang)


def _quiz_strings(lang):
    """(quiz id, string) for every string of the bank in `lang`, code excluded (it is shown in <pre>)."""
    return [(qid, text) for qid, q in BANK.items()
            for key, part in q.items() if key != "code"
            for text_lang, text in _strings(part) if text_lang == lang]


def _notebook_alt_texts(path):
    """The Japanese alt texts of a notebook's figures: the "ja" entries of its code cells' ``ALT = {...}``."""
    texts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code" or "ALT" not in cell.source:
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "ALT" for t in node.targets):
                texts.append(ast.literal_eval(node.value)["ja"])
    return texts


def _widget_alt_texts():
    modules = [importlib.import_module(f"helpers.widgets.{m.name}")
               for m in pkgutil.iter_modules(helpers.widgets.__path__)]
    return {m.__name__: m.ALT["ja"] for m in modules if hasattr(m, "ALT")}


@pytest.mark.parametrize("path", JA_NOTEBOOKS, ids=[p.stem for p in JA_NOTEBOOKS])
def test_japanese_markdown_never_breaks_a_line_between_two_japanese_characters(path):
    cells = nbformat.read(path, as_version=4).cells
    found = {n: cjk_line_breaks(c.source) for n, c in enumerate(cells) if c.cell_type == "markdown"}
    assert {n: breaks for n, breaks in found.items() if breaks} == {}


@pytest.mark.parametrize("path", JA_NOTEBOOKS, ids=[p.stem for p in JA_NOTEBOOKS])
def test_japanese_markdown_emphasises_with_bold_not_italics(path):
    """The glossary's rule: no *italics* on Japanese text (15 spans stood in the ja notebooks before)."""
    cells = nbformat.read(path, as_version=4).cells
    assert [s for c in cells if c.cell_type == "markdown" for s in japanese_italics(c.source)] == []


@pytest.mark.parametrize("path", JA_NOTEBOOKS, ids=[p.stem for p in JA_NOTEBOOKS])
def test_japanese_alt_texts_of_notebook_figures_have_no_such_break(path):
    assert [b for text in _notebook_alt_texts(path) for b in cjk_line_breaks(text)] == []


def test_notebook_alt_texts_are_found():
    """The alt-text collector sees the figures of notebook 01 (so the test above is not vacuous)."""
    assert len(_notebook_alt_texts(NOTEBOOKS / "ja" / "01_rnn_vanishing_gradient.ipynb")) >= 2


def test_japanese_quiz_strings_and_messages_have_no_such_break():
    strings = _quiz_strings("ja") + [(key, text) for key, text in MESSAGES["ja"].items()]
    assert len(strings) > 100
    assert {qid: cjk_line_breaks(text) for qid, text in strings if cjk_line_breaks(text)} == {}


def test_japanese_explorer_alt_texts_have_no_such_break():
    alts = _widget_alt_texts()
    assert len(alts) >= 8
    assert {name: cjk_line_breaks(text) for name, text in alts.items() if cjk_line_breaks(text)} == {}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_quiz_strings_use_html_not_markdown_emphasis(lang):
    found = {qid: markdown_emphasis(text) for qid, text in _quiz_strings(lang) if markdown_emphasis(text)}
    assert found == {}


def test_the_break_check_sees_the_old_forms():
    """Forms that stood in the notebooks before the fix, and the ones that are allowed."""
    old = "終盤の誤差は\n序盤より小さくなります。なら\n問題はありません。"
    assert cjk_line_breaks(old) == ["は⏎序", "ら⏎問"]
    assert cjk_line_breaks("中身を\n**消す**ことは") == ["を⏎消"]           # emphasis does not hide it
    assert cjk_line_breaks("1. セル状態が際限なく\n   増える。") == ["く⏎増"]  # list continuation
    assert cjk_line_breaks("<i>「雨がやんだ。\n1 時間</i>") == []              # next to a digit: a normal space
    assert cjk_line_breaks("## 見出し\n本文") == []                            # a heading ends its own block
    assert cjk_line_breaks("| 列 |\n| 行 |") == []
    assert cjk_line_breaks("改行です。  \n次の行") == []                       # a hard break on purpose
    assert cjk_line_breaks("```\n# コメント\nコード\n```") == []
    assert join_cjk_line_breaks(old) == "終盤の誤差は序盤より小さくなります。なら問題はありません。"


def test_the_emphasis_check_sees_markdown_but_not_math_or_html():
    assert markdown_emphasis("これは **出力** ゲート、*ない* こと") == ["**出力**", "*ない*"]
    assert markdown_emphasis("<b>出力</b> と <i>ない</i>") == []
    assert markdown_emphasis("$a * b * c$ と $x_i + y_i$、h_t と c_t") == []


def _plot_label_tables():
    import helpers.plots

    for info in pkgutil.iter_modules(helpers.plots.__path__):
        module = importlib.import_module(f"helpers.plots.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, dict) and {"en", "ja"} <= set(value):
                yield f"{info.name}.{name}", value


def test_plot_labels_write_subscripts_as_mathtext_not_underscores():
    """ "c_t" in a label shows its underscore; "$c_t$" (or a Unicode subscript, as in "cₜ") shows a subscript."""
    import re

    literal = re.compile(r"[A-Za-z∂)]_[A-Za-z0-9{(]")
    tables = dict(_plot_label_tables())
    assert len(tables) >= 8
    found = [(where, lang, key) for where, labels in tables.items() for lang in ("en", "ja")
             for key, label in labels[lang].items()
             if isinstance(label, str) and literal.search(re.sub(r"\$[^$]*\$", "", label))]
    assert found == []


def test_japanese_labels_around_mathtext_render_without_missing_glyphs(caplog):
    """Mathtext draws the prose around $math$ with a single font and only logs a missing glyph; the draw
    functions give such labels the Japanese font first (helpers.plots._base.use_mixed_fonts)."""
    import logging

    from helpers.display import figure_png
    from helpers.plots.clipping import draw_cliff_overview
    from helpers.plots.forget import draw_forget_explorer
    from helpers.plots.peephole import draw_peephole_explorer
    from helpers.plots.rnn import draw_gradient_explorer

    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        for draw in (draw_forget_explorer, draw_peephole_explorer, draw_gradient_explorer):
            figure_png(draw(lang="ja"))
        figure_png(draw_cliff_overview("ja"))
    assert [r.getMessage() for r in caplog.records if "glyph" in r.getMessage()] == []


# --- the glossary's terms and typography (issue 25) --------------------------------------------------------------


@pytest.mark.parametrize("path", JA_NOTEBOOKS, ids=[p.stem for p in JA_NOTEBOOKS])
def test_japanese_markdown_uses_the_glossarys_terms_and_typography(path):
    """No rejected term (目印, 隠れ状態サイズ, 彼ら, …), no 下限 for a baseline, no <i> around Japanese, no typed
    space around 「」。、, none before %, no ASCII parentheses around Japanese (the second review found 13 typed spaces
    in 11 alone, 下限 six times, 10 リセットのないストリーム)."""
    cells = nbformat.read(path, as_version=4).cells
    found = {n: japanese_style_problems(c.source) for n, c in enumerate(cells) if c.cell_type == "markdown"}
    assert {n: problems for n, problems in found.items() if problems} == {}


@pytest.mark.parametrize("bad, rule", [
    ("ユニグラムとバイグラムのモデルという下限と比べる。", "下限 for a baseline"),
    ("**超えるべき下限。** 数えるだけの", "下限 for a baseline"),
    ("<i>学習中…</i>", "<i> or <em> around Japanese"),
    ("あるいは 。 で終わる文の間にときどき 「…」 が現れます", "typed space"),
    ("でしょうか？ どこから", "typed space"),
    ("Greff ら（2017） の結果", "typed space"),
    ("閾値 1 は約 40 % でした", "space before %"),
    ("Pascanu ら (2013, 2.1 節) は", "ASCII parentheses around Japanese"),
    ("（Pascanu ら 2013、アルゴリズム 1）", "citation year"),
    ("（Hochreiter と Schmidhuber 1997, 3.2 節）", "citation year"),
    ("加算問題の目印", "目印"), ("状態のずれ", "ずれ"), ("1997 年の処方", "処方"),
    ("隠れ状態サイズ 32", "隠れ状態サイズ"),
    ("折れ目での誤った警報", "誤った警報"), ("彼らの実験", "彼ら"), ("2 つの数値計算経路", "数値計算経路"),
    ("入力のチャンネル", "チャンネル"), ("マシンによって変わります", "マシン"), ("ゲートの項が加わる", "ゲートの項"),
    ("**右に飽和**", "右に飽和"), ("リセットのないストリームでは", "リセットのないストリーム"), ("3 中 3", "3/3"),
])
def test_each_style_check_catches_the_form_it_is_for(bad, rule):
    assert any(rule in problem for problem in japanese_style_problems(bad)), japanese_style_problems(bad)


@pytest.mark.parametrize("good", [
    "連続ストリーム（リセットのないストリーム）では", "いずれのデータセットでも", "Greff ら（2017）の結果",
    "73% が残ります", "入力・忘却ゲート結合 (CIFG)", "- 「購買消失と逆の現象」", "| 「購買消失」 |",
    "`clip=0.1` と $a (b) c$、[01](01_rnn_vanishing_gradient.ipynb)", "ゲートを経由する項",
    "Pascanu ら（2013）のアルゴリズム 1", "- R. Pascanu. On the difficulty. *ICML* 2013.", "Springer, 2012（4.6 節）.",
])
def test_the_style_checks_leave_the_preferred_forms_alone(good):
    assert japanese_style_problems(good) == []


def test_the_italics_check_sees_a_span_across_a_line_break():
    """04's opening line stood in italics over two source lines, which the single-line check missed."""
    old = "*1 ステップ遡るごとに誤差は消えるか爆発します。\nHochreiter と Schmidhuber の答えでした。*\n\n**目標**"
    assert len(japanese_italics(old)) == 1
    assert japanese_italics("* 箇条書き\n* もう 1 つ") == [] and japanese_italics("`a * b` と `c * d`") == []


def test_explorers_and_figures_never_wrap_text_in_italics():
    """Their strings reach Japanese learners too (notebook 08's 「学習中…」 stood in <i>)."""
    sources = [p for pkg in ("widgets", "plots") for p in (NOTEBOOKS.parent / "helpers" / pkg).glob("*.py")]
    assert len(sources) >= 10
    assert [p.name for p in sources if "<i>" in p.read_text() or "<em>" in p.read_text()] == []
