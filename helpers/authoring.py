"""Tools for the people who write the notebooks (not imported by the rest of helpers).

- ``write_pair(name, cells)`` builds ``notebooks/en/<name>.ipynb`` and ``notebooks/ja/<name>.ipynb`` from
  one list of cells, so the two twins share their code cells by construction.
- ``refresh(path)`` runs a notebook in a fresh kernel and keeps only the outputs (and execution counts)
  of the cells marked ``# NBVAL_CHECK_OUTPUT``, which nbval then compares.
- ``parity_problems`` and ``hygiene_problems`` are what tests/test_notebooks.py checks;
  ``typography_problems`` (line breaks between Japanese characters) is what tests/test_typography.py checks.

Command line::

    python -m helpers.authoring refresh notebooks/en/02_sigmoid_derivative_quiz.ipynb ...
    python -m helpers.authoring check            # parity, hygiene and ja typography of every notebook
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import nbformat

from helpers.typography import cjk_line_breaks, japanese_style_problems

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LANGS = ("en", "ja")
CHECK_MARK = "# NBVAL_CHECK_OUTPUT"
LANG_LINE = re.compile(r'^LANG = "(en|ja)"$', re.MULTILINE)
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
IMAGE_LINK = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
HTML_IMG = re.compile(r"<img\s[^>]*>", re.IGNORECASE)


def notebook_pairs() -> list[tuple[Path, Path]]:
    """(en, ja) paths of every numbered notebook, matched by file name."""
    return [(p, NOTEBOOKS / "ja" / p.name) for p in sorted((NOTEBOOKS / "en").glob("[0-9][0-9]_*.ipynb"))]


def _cell(kind: str, source: str, slide: str, tags=(), cell_id: str | None = None) -> nbformat.NotebookNode:
    if slide not in SLIDE_TYPES:
        raise ValueError(f"slide type must be one of {sorted(SLIDE_TYPES)}, got {slide!r}")
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source.strip("\n"))
    if cell_id is not None:
        cell.id = cell_id
    cell.metadata["slideshow"] = {"slide_type": slide}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def write_pair(name: str, cells: list[dict]) -> tuple[Path, Path]:
    """Write the en and ja notebooks `name` from one cell list.

    Each entry is ``{"md": {"en": ..., "ja": ...}, "slide": ...}`` or ``{"code": ..., "slide": ...,
    "tags": [...]}``; a code cell's ``LANG = "en"`` line becomes ``LANG = "ja"`` in the Japanese twin.
    """
    paths = []
    for lang in LANGS:
        nb = nbformat.v4.new_notebook()
        nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
        for n, spec in enumerate(cells):
            slide = spec.get("slide", "-")
            # Ids derived from the position and the English source: both twins share them, and rewriting an
            # unchanged notebook leaves its diff empty.
            english = spec["md"]["en"] if "md" in spec else spec["code"]
            cell_id = f"c{n:02d}-{hashlib.sha1(english.encode()).hexdigest()[:8]}"
            if "md" in spec:
                nb.cells.append(_cell("markdown", spec["md"][lang], slide, spec.get("tags", ()), cell_id))
            else:
                source = LANG_LINE.sub(f'LANG = "{lang}"', spec["code"])
                nb.cells.append(_cell("code", source, slide, spec.get("tags", ()), cell_id))
        path = NOTEBOOKS / lang / f"{name}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths[0], paths[1]


def is_checked(cell) -> bool:
    return cell.cell_type == "code" and CHECK_MARK in cell.source


def strip_unchecked(nb) -> None:
    """Drop outputs, counts and widget state everywhere except in the checked cells."""
    for cell in nb.cells:
        if cell.cell_type == "code" and not is_checked(cell):
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)


def refresh(path: Path, timeout: int = 600) -> None:
    """Execute `path` in a fresh kernel (cwd = its folder) and keep only the checked cells' outputs."""
    from nbclient import NotebookClient

    # The same single-threaded BLAS as `make test`, so the stored numbers are the ones nbval will see.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
                   ).execute()
    strip_unchecked(nb)
    for cell in nb.cells:
        if is_checked(cell):
            for out in cell.outputs:
                if out.output_type not in ("stream", "execute_result") or "image/png" in out.get("data", {}):
                    raise ValueError(f"{path.name}: a checked cell must print text only, got {out.output_type}")
    nbformat.write(nb, path)


def _code_sources(nb) -> list[str]:
    return [LANG_LINE.sub('LANG = "?"', c.source) for c in nb.cells if c.cell_type == "code"]


def parity_problems(en_path: Path, ja_path: Path) -> list[str]:
    """Differences between twins other than prose: code (bar the LANG line), cell count, kinds, slides, tags."""
    if not ja_path.exists():
        return [f"{en_path.name} has no Japanese twin at {ja_path}"]
    en, ja = nbformat.read(en_path, as_version=4), nbformat.read(ja_path, as_version=4)
    problems = []
    if len(en.cells) != len(ja.cells):
        problems.append(f"{en_path.name}: {len(en.cells)} cells in en, {len(ja.cells)} in ja")
    for n, (a, b) in enumerate(zip(en.cells, ja.cells)):
        where = f"{en_path.name} cell {n}"
        if a.cell_type != b.cell_type:
            problems.append(f"{where}: {a.cell_type} in en, {b.cell_type} in ja")
        elif a.cell_type == "code" and _code_sources(nbformat.v4.new_notebook(cells=[a])) != _code_sources(
                nbformat.v4.new_notebook(cells=[b])):
            problems.append(f"{where}: code differs between en and ja")
        if a.metadata.get("slideshow") != b.metadata.get("slideshow"):
            problems.append(f"{where}: slide metadata differs")
        if a.metadata.get("tags", []) != b.metadata.get("tags", []):
            problems.append(f"{where}: tags differ")
    for lang, nb in (("en", en), ("ja", ja)):
        langs = LANG_LINE.findall("\n".join(c.source for c in nb.cells if c.cell_type == "code"))
        if langs != [lang]:
            problems.append(f"{en_path.name} ({lang}): expected one line LANG = \"{lang}\", found {langs}")
    return problems


def hygiene_problems(path: Path) -> list[str]:
    """Stored outputs only in checked cells, slide metadata everywhere, no widget state, images resolve."""
    nb = nbformat.read(path, as_version=4)
    problems = []
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append(f"{path.name}: kernelspec must be python3")
    if "widgets" in nb.metadata:
        problems.append(f"{path.name}: saved widget state in the notebook metadata")
    for n, cell in enumerate(nb.cells):
        where = f"{path.name} cell {n}"
        if cell.metadata.get("slideshow", {}).get("slide_type") not in SLIDE_TYPES:
            problems.append(f"{where}: no slideshow.slide_type metadata")
        if cell.cell_type == "code":
            if is_checked(cell):
                if not cell.outputs or cell.execution_count is None:
                    problems.append(f"{where}: checked cell without stored output and execution count")
            elif cell.outputs or cell.execution_count is not None:
                problems.append(f"{where}: stored output in a cell that nbval does not check")
        else:
            for alt, target in IMAGE_LINK.findall(cell.source):
                if not alt.strip():
                    problems.append(f"{where}: image {target} has no alt text")
                if not re.match(r"^(https?:|data:)", target) and not (path.parent / target).exists():
                    problems.append(f"{where}: image {target} does not exist")
            for tag in HTML_IMG.findall(cell.source):
                if not re.search(r'\salt="[^"]+"', tag):
                    problems.append(f"{where}: <img> without alt text")
    return problems


def typography_problems(path: Path) -> list[str]:
    """Line breaks between two Japanese characters in the Markdown cells of a ja notebook (they render as spaces),
    and what the glossary forbids there (:func:`helpers.typography.japanese_style_problems`)."""
    nb = nbformat.read(path, as_version=4)
    markdown = [(n, cell.source) for n, cell in enumerate(nb.cells) if cell.cell_type == "markdown"]
    return ([f"{path.name} cell {n}: line break between Japanese characters at {', '.join(breaks)}"
             for n, source in markdown for breaks in [cjk_line_breaks(source)] if breaks]
            + [f"{path.name} cell {n}: {problem}" for n, source in markdown
               for problem in japanese_style_problems(source)])


def main(argv: list[str]) -> int:
    if argv[:1] == ["refresh"] and len(argv) > 1:
        for name in argv[1:]:
            refresh(Path(name))
            print(f"refreshed {name}")
        return 0
    if argv == ["check"]:
        problems = []
        for en, ja in notebook_pairs():
            problems += parity_problems(en, ja) + hygiene_problems(en)
            if ja.exists():
                problems += hygiene_problems(ja) + typography_problems(ja)
        print("\n".join(problems) or "all notebooks in order")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
