"""Turn an executed notebook into a reveal.js deck or a static page with nbconvert and our own templates.

- Code cells tagged ``hide-input`` (plumbing: setup, explorer and quiz calls) show their output only.
- Images that markdown cells link by relative path (``../../imgs/x.png``) are embedded as data: URLs, so a page
  never points outside its build folder.
- Links to other notebooks lead to their decks or pages, and each links its twin in the other language
  (:mod:`helpers.export.links`); a page opens with a link that skips to its content.
- A code cell whose source JupyterLab folds (``jupyter.source_hidden``: an exercise's worked answer) shows its
  source folded in a ``<details>`` labelled "Answer" / "解答", and its output as usual.
- No input or output prompts (``In [3]:``) and no nbval marker lines (``# NBVAL_CHECK_OUTPUT``): they are
  noise on a slide.
"""

from __future__ import annotations

import base64
import copy
import mimetypes
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter
from traitlets.config import Config

from helpers.export import assets, links

HIDE_INPUT = "hide-input"
TEMPLATES = Path(__file__).resolve().parent / "templates"
MD_IMAGE = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
HTML_IMG_SRC = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*[\"'])([^\"']+)([\"'])", re.IGNORECASE)
NBVAL_MARKER = re.compile(r"^[ \t]*# NBVAL_[A-Z_]+[ \t]*\n?", re.MULTILINE)
HEADING = re.compile(r"^#{1,2}\s+(.+?)\s*#*\s*$", re.MULTILINE)
KINDS = links.SUFFIX
ANSWER = {"en": "Answer", "ja": "解答"}  # the label of a folded worked answer


def _data_url(target: str, folder: Path, where: str) -> str:
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):  # data:, attachment:, http: ... left to the offline check
        return target
    path = (folder / target).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"{where}: image {target!r} not found (looked for {path})")
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def embed_images(nb: nbformat.NotebookNode, folder: Path, name: str) -> None:
    """Replace relative image paths in markdown cells by data: URLs of the files (relative to `folder`)."""
    for n, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue

        def embed(m, where=f"{name} cell {n}"):
            return m[1] + _data_url(m[2], folder, where) + m[3]

        cell.source = HTML_IMG_SRC.sub(embed, MD_IMAGE.sub(embed, cell.source))


def shown_source(source: str) -> str:
    """A code cell's source as a page shows it: without the nbval marker lines, which only the tests read.

    Examples
    --------
    >>> print(shown_source(chr(10).join(["# NBVAL_CHECK_OUTPUT", "print(1)"])))
    print(1)
    """
    return NBVAL_MARKER.sub("", source)


def title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first level-1 or level-2 heading of the notebook's markdown, else `fallback`."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = HEADING.search(cell.source)
            if found:
                return re.sub(r"[*_`]", "", found[1])
    return fallback


def _config() -> Config:
    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_input_tags = {HIDE_INPUT}
    c.CoalesceStreamsPreprocessor.enabled = True  # "\r" progress lines collapse to their last state
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    c.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    c.TemplateExporter.extra_template_paths = [str(TEMPLATES / "common")]
    return c


def make_exporter(kind: str, lang: str):
    """The nbconvert exporter for `kind` ("slides" or "html"), for a page one folder below ``assets/``."""
    if kind == "slides":
        exporter = SlidesExporter(config=_config(), template_name="lecture_slides")
        exporter.reveal_url_prefix = f"../assets/{assets.REVEAL}"
        exporter.reveal_theme = assets.REVEAL_THEME
        exporter.reveal_transition = "none"
        exporter.reveal_width, exporter.reveal_height = "1024", "640"  # 16:10, scaled up to the screen
    elif kind == "html":
        exporter = HTMLExporter(config=_config(), template_name="lecture_html")
    else:
        raise ValueError(f"kind must be one of {sorted(KINDS)}, got {kind!r}")
    exporter.language_code = lang
    return exporter


def kind_of(exporter) -> str:
    """"slides" or "html": what `exporter` (made by :func:`make_exporter`) builds."""
    return "slides" if isinstance(exporter, SlidesExporter) else "html"


def render(exporter, nb: nbformat.NotebookNode, path: Path, title: str) -> str:
    """HTML of the executed notebook `nb` (read from `path`, ``<notebooks>/<lang>/NN_name.ipynb``), with images
    embedded and links to other notebooks pointing at their decks or pages."""
    kind, lang = kind_of(exporter), path.parent.name
    known = links.known_notebooks(path.parent.parent)
    nb = copy.deepcopy(nb)
    embed_images(nb, path.parent, path.name)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = shown_source(cell.source)
    nb.metadata["title"] = title
    resources = {"metadata": {"name": path.stem, "path": str(path.parent)},
                 "lecture": {"assets": "../assets", "mathjax": assets.MATHJAX, "font_css": assets.FONT_CSS,
                             "twin": links.twin(kind, lang, path.stem, known),
                             "skip": links.SKIP_TO_CONTENT.get(lang, links.SKIP_TO_CONTENT["en"]),
                             "answer": ANSWER.get(lang, ANSWER["en"])}}
    resources["lecture"]["switch"] = links.switch_html(resources["lecture"]["twin"])
    html, _ = exporter.from_notebook_node(nb, resources=resources)
    return links.rewrite_links(links.readable_ids(html), kind, known, lang, where=str(path))
