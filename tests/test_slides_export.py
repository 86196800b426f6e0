"""`python -m helpers.export`: one offline deck and one page per notebook, plumbing hidden, figures and quizzes static.

The export runs once per test session (``exported_tree``), in a subprocess, over a copy of notebooks/ plus a
small sample notebook that holds every case (inline and display math, an image linked by a relative path, an
explorer, a quiz, a tqdm bar, a hidden setup cell), so these tests check something even before the real
notebooks exist. tests/test_browser.py opens the same build in Chromium.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

from helpers.export import assets
from helpers.export.build import find_notebooks
from helpers.export.execute import WIDGET_VIEW, drop_widget_outputs, kernel_env
from helpers.export.offline import offline_problems
from helpers.export.render import HIDE_INPUT, embed_images, shown_source

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "99_export_sample"
PNG_1PX = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5E"
                           "rkJggg==")


def skip_or_fail(reason: str):
    """Skip with `reason`, or fail when REQUIRE_BROWSER=1 (CI), where nothing may be skipped silently."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1 turns this skip into a failure)")
    pytest.skip(reason)


def _cell(kind: str, source: str, slide: str, tags=()):
    cell = (nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell)(source)
    cell.metadata["slideshow"] = {"slide_type": slide}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def sample_notebook(lang: str) -> nbformat.NotebookNode:
    """A notebook with every case the export must handle, in the house style (setup hidden, LANG line)."""
    title = {"en": "Export sample", "ja": "エクスポートの見本"}[lang]
    pictures = {"en": "A-picture", "ja": "画像"}  # the headings' ids, as JupyterLab makes them
    picture = pictures[lang].replace("-", " ")
    other = {"en": "ja", "ja": "en"}[lang]
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}
    nb.cells = [
        _cell("markdown", f"# {title}\n\nInline $x^2 + \\sigma(x)$ and display math:\n\n"
                          "$$\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))$$", "slide"),
        _cell("code", f'from helpers import quiz, widgets\nLANG = "{lang}"', "skip", [HIDE_INPUT]),
        _cell("markdown", f"## {picture}\n\n![a single dot](../sample_assets/dot.png)\n\n"
                          "勾配消失・忘却ゲート・覗き穴結合", "slide"),
        _cell("code", "# NBVAL_CHECK_OUTPUT\nimport numpy as np\nsquares = np.arange(4) ** 2\nsquares", "slide"),
        _cell("code", "widgets.sigmoid_explorer(LANG)", "slide", [HIDE_INPUT]),
        _cell("code", 'quiz.ask("02.sigmoid-max", LANG)', "slide", [HIDE_INPUT]),
        _cell("code", "from tqdm.auto import tqdm\nfor _ in tqdm(range(30), leave=False):\n    pass\n"
                      "print('training done')", "slide"),
        _cell("markdown", "The end: $\\tanh'(0) = 1$ and \\(\\sigma'(0) = 1/4\\).\n\n"
                          f"Back to [the picture]({SAMPLE}.ipynb#{pictures[lang]}), to [the twin's]"
                          f"(../{other}/{SAMPLE}.ipynb#{pictures[other]}).", "subslide"),
    ]
    return nb


def write_tree(root: Path) -> Path:
    """``root/notebooks/{en,ja}``: copies of the real notebooks and the sample; ``root/imgs`` -> the real imgs/."""
    for lang in ("en", "ja"):
        folder = root / "notebooks" / lang
        folder.mkdir(parents=True)
        for path in (ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"):
            shutil.copyfile(path, folder / path.name)
        nbformat.write(sample_notebook(lang), folder / f"{SAMPLE}.ipynb")
    (root / "notebooks" / "sample_assets").mkdir()
    (root / "notebooks" / "sample_assets" / "dot.png").write_bytes(PNG_1PX)
    if (ROOT / "imgs").is_dir():
        (root / "imgs").symlink_to(ROOT / "imgs", target_is_directory=True)
    return root / "notebooks"


def run_export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers.export", *args], cwd=ROOT, capture_output=True, text=True)


def exported_tree(tmp_path_factory) -> dict:
    """Build slides and pages once per session (whichever test module asks first); return paths and timings."""
    base = tmp_path_factory.getbasetemp() / "export"
    record = base / "record.json"
    if not record.exists():
        if shutil.which("npm") is None and not all(
                assets.installed_version(p) == v for p, v in assets.pinned_versions().items()):
            skip_or_fail("npm is missing, and the slides need reveal.js and MathJax installed by `npm ci`")
        notebooks = write_tree(base / "tree")
        start = time.perf_counter()
        done = run_export("slides", "html", "--notebooks", str(notebooks), "--build", str(base / "build"))
        record.write_text(json.dumps({"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                                      "seconds": time.perf_counter() - start, "notebooks": str(notebooks)}))
    info = json.loads(record.read_text())
    assert info["returncode"] == 0, f"export failed:\n{info['stdout']}\n{info['stderr'][-4000:]}"
    return {**info, "notebooks": Path(info["notebooks"]), "slides": base / "build" / "slides",
            "html": base / "build" / "html"}


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return exported_tree(tmp_path_factory)


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(tree, kind):
    suffix = ".slides.html" if kind == "slides" else ".html"
    for path in find_notebooks(tree["notebooks"]):
        yield path, tree[kind] / path.parent.name / (path.stem + suffix)


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- the build as a whole ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_notebook_of_both_languages_gets_a_page(tree, kind):
    expected = sorted((p.parent.name, p.stem) for p in find_notebooks(tree["notebooks"]))
    built = sorted((e["lang"], e["name"]) for e in _manifest(tree[kind])["pages"])
    assert built == expected
    assert ("en", SAMPLE) in built and ("ja", SAMPLE) in built
    for _, page in _pages(tree, kind):
        assert page.stat().st_size > 10_000, f"{page} looks empty"


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_index_pages_link_every_page_of_their_language(tree, kind):
    out = tree[kind]
    top_links = {a["href"] for a in _soup(out / "index.html").find_all("a")}
    for lang in ("en", "ja"):
        index = _soup(out / lang / "index.html")
        assert index.html["lang"] == lang
        links = {a["href"] for a in index.select("main a")}  # not the skip link and the language switch
        files = {e["file"] for e in _manifest(out)["pages"] if e["lang"] == lang}
        assert files and files == links, f"{lang}/index.html links {links}, built {files}"
        assert {f"{lang}/{f}" for f in files} | {f"{lang}/index.html"} <= top_links


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_no_page_loads_anything_from_the_network(tree, kind):
    out = tree[kind]
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 5
    problems = [p for page in pages for p in offline_problems(page, out)]
    assert problems == []


def test_decks_load_reveal_and_mathjax_from_the_build_folder(tree):
    deck = tree["slides"] / "en" / f"{SAMPLE}.slides.html"
    scripts = [s["src"] for s in _soup(deck).find_all("script", src=True)]
    assert scripts == ["../assets/lecture-frames.js", f"../assets/{assets.MATHJAX}",
                       "../assets/reveal.js/dist/reveal.js", "../assets/reveal.js/plugin/notes/notes.js"]
    for src in scripts:
        assert (deck.parent / src).is_file()
    html = deck.read_text(encoding="utf-8")
    assert 'inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]]' in html  # inline math, not only display math
    assert "require(" not in html and "jquery" not in html.lower() and "mermaid.initialize" not in html


def test_assets_are_the_versions_the_lock_file_pins():
    declared = json.loads((assets.HERE / "package.json").read_text())["dependencies"]
    lock = json.loads(assets.LOCK_FILE.read_text())["packages"]
    assert assets.pinned_versions() == declared  # exact pins: package.json and the lock say the same
    for name in declared:
        assert lock[f"node_modules/{name}"]["integrity"].startswith("sha512-"), name


# --- what each page shows --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["slides", "html"])
def test_plumbing_cells_show_only_their_output_and_teaching_code_is_shown(tree, kind):
    checked = 0
    for nb_path, page in _pages(tree, kind):
        soup = _soup(page)
        for cell in nbformat.read(nb_path, as_version=4).cells:
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            skipped = kind == "slides" and cell.metadata.get("slideshow", {}).get("slide_type") == "skip"
            div = soup.find(id=f"cell-id={cell.id}")
            if skipped:
                assert div is None, f"{nb_path.name}: a 'skip' cell is on a slide"
                continue
            assert div is not None, f"{nb_path.name}: cell {cell.id} missing from {page.name}"
            shown = div.find(class_="jp-InputArea")
            if HIDE_INPUT in cell.metadata.get("tags", []):
                assert shown is None, f"{nb_path.name}: the input of a {HIDE_INPUT} cell is shown"
            else:
                assert shown is not None and _flat(shown_source(cell.source)) in _flat(shown.get_text()), cell.source
                assert "NBVAL_" not in shown.get_text(), f"{nb_path.name}: an nbval marker is shown"
            checked += 1
    assert checked >= 4


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_explorers_are_images_with_alt_text_and_quizzes_fold_their_answer(tree, kind):
    found = {"explorer": 0, "quiz": 0}
    for nb_path, page in _pages(tree, kind):
        soup = _soup(page)
        for cell in nbformat.read(nb_path, as_version=4).cells:
            div = soup.find(id=f"cell-id={cell.id}") if cell.cell_type == "code" else None
            if div is None:
                continue
            if re.search(r"\w+_explorer\(", cell.source):
                img = div.select_one(".jp-OutputArea img")
                assert img is not None and img["src"].startswith("data:image/png;base64,"), nb_path.name
                assert len(img.get("alt", "")) > 20, f"{nb_path.name}: explorer image without alt text"
                found["explorer"] += 1
            if "quiz.ask(" in cell.source:
                details = div.select(".lecture-quiz details")
                assert len(details) == cell.source.count("quiz.ask("), f"{nb_path.name}: quiz without folded answer"
                assert all(d.find("summary") and "open" not in d.attrs for d in details)
                found["quiz"] += 1
    assert found["explorer"] >= 2 and found["quiz"] >= 2  # at least the sample's, in both languages


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_no_widget_is_left_in_a_page_and_a_progress_bar_leaves_its_text(tree, kind):
    for _, page in _pages(tree, kind):
        html = page.read_text(encoding="utf-8")
        assert WIDGET_VIEW not in html and "jupyter-widgets" not in html, f"{page.name} holds a widget"
    sample = tree["notebooks"] / "en" / f"{SAMPLE}.ipynb"
    bar_cell = next(c for c in nbformat.read(sample, as_version=4).cells if "tqdm(" in c.source)
    page = tree[kind] / "en" / (SAMPLE + (".slides.html" if kind == "slides" else ".html"))
    outputs = _soup(page).find(id=f"cell-id={bar_cell.id}").find_all(class_="jp-OutputArea-output")
    assert [_flat(o.get_text()) for o in outputs] == ["training done"]  # the print stays, the bar is gone


def test_markdown_images_are_embedded_so_decks_need_no_other_folder(tree):
    for lang in ("en", "ja"):
        soup = _soup(tree["slides"] / lang / f"{SAMPLE}.slides.html")
        img = soup.find("img", alt="a single dot")
        assert img is not None and img["src"].startswith("data:image/png;base64,")


def test_japanese_pages_say_so_and_carry_their_glyphs(tree):
    deck = tree["slides"] / "ja" / f"{SAMPLE}.slides.html"
    assert _soup(deck).html["lang"] == "ja"
    font_css = (tree["slides"] / "assets" / assets.FONT_CSS).read_text()
    assert '@font-face { font-family: "Lecture JP"; src: url(data:font/woff;base64,' in font_css
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", font_css)[1]
    cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    assert all(ord(ch) in cmap for ch in "勾配消失忘却ゲート覗き穴結合答え"), "glyphs the deck uses are missing"


# --- the parts, on their own -----------------------------------------------------------------------------------

def test_offline_check_flags_remote_missing_and_escaping_resources(tmp_path):
    (tmp_path / "here.css").write_text("@import url(https://fonts.googleapis.com/css?family=Lato);")
    page = tmp_path / "page.html"
    page.write_text('<html><head><script src="https://unpkg.com/reveal.js/dist/reveal.js"></script>'
                    '<link rel="stylesheet" href="here.css"><link rel="stylesheet" href="//cdn.example/x.css">'
                    '<style>body { background: url("../outside.png") }</style></head>'
                    '<body><img src="missing.png"><img src="data:image/png;base64,AAAA">'
                    '<a href="https://arxiv.org/abs/1503.04069">a reference is only a link</a></body></html>')
    problems = "\n".join(offline_problems(page, tmp_path))
    for needle in ("unpkg.com", "fonts.googleapis.com", "//cdn.example", "outside.png", "missing.png"):
        assert needle in problems
    assert "arxiv" not in problems and "data:image" not in problems


def test_embedding_a_missing_image_names_the_notebook_and_the_cell(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("fine"),
                                         nbformat.v4.new_markdown_cell("![gone](../../imgs/nowhere.png)")])
    with pytest.raises(FileNotFoundError, match=r"03_x\.ipynb cell 1: image '\.\./\.\./imgs/nowhere\.png'"):
        embed_images(nb, tmp_path, "03_x.ipynb")


def test_dropping_widgets_keeps_every_other_output():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("train()")])
    nb.cells[0].outputs = [
        nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "0%|  | 0/9"}),
        nbformat.v4.new_output("stream", name="stdout", text="loss 0.1\n"),
    ]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    assert drop_widget_outputs(nb) == [0]
    assert [o.output_type for o in nb.cells[0].outputs] == ["stream"] and "widgets" not in nb.metadata


def test_kernels_run_in_static_mode_and_share_the_cores(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # the caller's own choice wins
    monkeypatch.delenv("LECTURE_STATIC", raising=False)
    env = kernel_env(jobs=2)
    assert (env["LECTURE_STATIC"], env["OPENBLAS_NUM_THREADS"], env["OMP_NUM_THREADS"]) == ("1", "2", "3")
    assert kernel_env(jobs=8)["OPENBLAS_NUM_THREADS"] == "1"


def test_the_theme_keeps_no_web_font_and_a_theme_that_loads_one_is_refused():
    assert "@import" not in assets.offline_theme("@import url(./fonts/source-sans-pro/source-sans-pro.css);\n.reveal{}")
    with pytest.raises(ValueError, match="without web fonts"):
        assets.offline_theme(".reveal { background: url(https://example.org/paper.png) }")


def test_a_failing_notebook_is_named_and_the_others_are_still_built(tmp_path):
    for lang in ("en", "ja"):
        (tmp_path / "nb" / lang).mkdir(parents=True)
    good = nbformat.v4.new_notebook(cells=[_cell("markdown", "# Fine", "slide")])
    bad = nbformat.v4.new_notebook(cells=[_cell("code", "1 / 0", "slide")])
    for nb in (good, bad):
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(good, tmp_path / "nb" / "en" / "01_fine.ipynb")
    nbformat.write(bad, tmp_path / "nb" / "en" / "02_broken.ipynb")
    done = run_export("slides", "--notebooks", str(tmp_path / "nb"), "--build", str(tmp_path / "build"))
    assert done.returncode == 1
    assert "02_broken.ipynb" in done.stderr and "ZeroDivisionError" in done.stderr
    assert (tmp_path / "build" / "slides" / "en" / "01_fine.slides.html").exists()


def test_no_notebooks_gives_empty_index_pages(tmp_path):
    (tmp_path / "nb" / "en").mkdir(parents=True)
    done = run_export("slides", "--notebooks", str(tmp_path / "nb"), "--build", str(tmp_path / "build"))
    assert done.returncode == 0, done.stderr
    assert "No notebooks yet." in (tmp_path / "build" / "slides" / "en" / "index.html").read_text()
    assert "ノートブックはまだありません" in (tmp_path / "build" / "slides" / "ja" / "index.html").read_text()


def test_index_pages_group_the_notebooks_by_part(tmp_path):
    """Notebooks 00-08 are Part 1 (the study note), 09 onwards Part 2, in both languages and on the top page."""
    from helpers.export.index import write_indexes

    entries = [{"lang": lang, "name": name, "title": name, "file": f"{name}.slides.html"}
               for lang in ("en", "ja") for name in ("00_index", "08_experiments", "09_lstm_backward")]
    write_indexes(tmp_path, "slides", entries)
    for page, lang in ((tmp_path / "en" / "index.html", "en"), (tmp_path / "ja" / "index.html", "ja"),
                       (tmp_path / "index.html", "en")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        headings = [h.get_text() for h in soup.find_all(["h2", "h3"])]
        part1, part2 = {"en": ("Part 1", "Part 2"), "ja": ("第 1 部", "第 2 部")}[lang]
        assert any(part1 in h for h in headings) and any(part2 in h for h in headings)
        second = next(h for h in soup.find_all(["h2", "h3"]) if part2 in h.get_text())
        assert [a["href"].split("/")[-1] for a in second.find_next("ul").find_all("a")] == [
            "09_lstm_backward.slides.html"]


@pytest.mark.parametrize("kind", ["slides", "html"])
def test_a_worked_answer_folded_in_jupyterlab_is_folded_on_the_page(tmp_path, kind):
    from helpers.export.render import make_exporter, render

    folder = tmp_path / "notebooks" / "ja"
    folder.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}
    nb.cells = [_cell("markdown", "# 見本", "slide"), _cell("code", "def answer():\n    return 42", "-"),
                _cell("code", "shown = 1", "-")]
    nb.cells[1].metadata["jupyter"] = {"source_hidden": True}  # how JupyterLab stores a folded input
    path = folder / "98_fold.ipynb"
    nbformat.write(nb, path)
    soup = _soup_of(render(make_exporter(kind, "ja"), nb, path, "見本"))
    folded = soup.select("details.lecture-answer")
    assert len(folded) == 1 and "open" not in folded[0].attrs
    assert folded[0].find("summary").get_text() == "解答" and "return 42" in folded[0].get_text()
    assert "shown = 1" in soup.get_text() and "shown = 1" not in folded[0].get_text()


def _soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")
