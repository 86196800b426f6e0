"""Build ``build/slides`` and/or ``build/html``: run every notebook once in static mode, render, index, check.

Layout of one build folder (``slides`` shown; ``html`` is the same with ``.html`` pages)::

    build/slides/index.html              both languages
    build/slides/en/index.html           one language
    build/slides/en/02_name.slides.html  one deck per notebook
    build/slides/assets/                 reveal.js, MathJax, lecture.css, lecture-fonts.css
    build/slides/manifest.json           what was built, with timings (read by the tests)
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from helpers.export import assets
from helpers.export.execute import execute_all
from helpers.export.index import write_indexes
from helpers.export.offline import offline_problems
from helpers.export.render import KINDS, make_exporter, render, title_of

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
LANGS = ("en", "ja")


class BuildError(RuntimeError):
    """Some notebooks failed or some page would load something from the network; the message lists them all."""


def find_notebooks(notebooks: Path = NOTEBOOKS) -> list[Path]:
    """Every numbered notebook, ``<notebooks>/{en,ja}/NN_name.ipynb``, English first."""
    return [p for lang in LANGS for p in sorted((Path(notebooks) / lang).glob("[0-9][0-9]_*.ipynb"))]


def _fresh(out: Path, kind: str) -> None:
    if out.exists():
        shutil.rmtree(out)
    assets.copy_assets(out, slides=kind == "slides")


def build(kinds=("slides",), notebooks: Path = NOTEBOOKS, build_dir: Path = BUILD, jobs: int | None = None,
          log=print) -> dict:
    """Build each of `kinds` ("slides", "html") into ``build_dir/<kind>``; return ``{kind: manifest}``.

    Raises
    ------
    BuildError
        After writing everything that could be built, if a notebook failed or a page is not offline.
    """
    unknown = set(kinds) - set(KINDS)
    if unknown or not kinds:
        raise ValueError(f"kinds must be some of {sorted(KINDS)}, got {list(kinds)}")
    start = time.perf_counter()
    outs = {kind: Path(build_dir) / kind for kind in kinds}
    for kind, out in outs.items():
        _fresh(out, kind)
    paths = find_notebooks(notebooks)
    log(f"executing {len(paths)} notebooks with LECTURE_STATIC=1 ...")
    executing = time.perf_counter()
    executed = execute_all(paths, jobs)
    execute_seconds = time.perf_counter() - executing
    failures = [e.error for e in executed if e.error]
    exporters = {(kind, lang): make_exporter(kind, lang) for kind in kinds for lang in LANGS}
    entries = {kind: [] for kind in kinds}
    for ex in executed:
        if ex.error:
            continue
        lang = ex.path.parent.name
        title = title_of(ex.nb, ex.path.stem)
        for kind, out in outs.items():
            page = out / lang / (ex.path.stem + KINDS[kind])
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(render(exporters[kind, lang], ex.nb, ex.path, title), encoding="utf-8")
            entries[kind].append({"lang": lang, "name": ex.path.stem, "title": title,
                                  "file": page.name, "seconds": round(ex.seconds, 2)})
        note = f" (dropped widget output in cells {ex.dropped_widgets})" if ex.dropped_widgets else ""
        log(f"  {lang}/{ex.path.name}: {ex.seconds:.1f} s{note}")
    manifests, problems = {}, []
    for kind, out in outs.items():
        pages = write_indexes(out, kind, entries[kind], LANGS) + [out / e["lang"] / e["file"] for e in entries[kind]]
        assets.write_font_css((p.read_text(encoding="utf-8") for p in pages), out / "assets")
        problems += [p for page in pages for p in offline_problems(page, out)]
        manifests[kind] = {"kind": kind, "pages": entries[kind], "failed": failures,
                           "execute_seconds": round(execute_seconds, 2),
                           "seconds": round(time.perf_counter() - start, 2)}
        (out / "manifest.json").write_text(json.dumps(manifests[kind], ensure_ascii=False, indent=1), encoding="utf-8")
        log(f"{kind}: {len(entries[kind])} pages in {out} ({manifests[kind]['seconds']:.1f} s in all, "
            f"{execute_seconds:.1f} s of them running the notebooks)")
    if failures or problems:
        raise BuildError("\n\n".join(failures + problems))
    return manifests
