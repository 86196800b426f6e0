"""Build ``build/slides`` and/or ``build/html``: run every notebook once in static mode, render, index, check.

Layout of one build folder (``slides`` shown; ``html`` is the same with ``.html`` pages)::

    build/slides/index.html              both languages
    build/slides/en/index.html           one language
    build/slides/en/02_name.slides.html  one deck per notebook
    build/slides/assets/                 reveal.js, MathJax, lecture.css, lecture-fonts.css
    build/slides/manifest.json           what was built, with timings (read by the tests)
"""

from __future__ import annotations

import fnmatch
import json
import shutil
import threading
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


class _Pages:
    """Renders each notebook into every kind as soon as its kernel is done (called from worker threads)."""

    def __init__(self, outs: dict, log):
        self.outs, self.log = outs, log
        self.exporters = {(kind, lang): make_exporter(kind, lang) for kind in outs for lang in LANGS}
        self.entries = {kind: [] for kind in outs}
        self.failures: list[str] = []
        self.chars: set[str] = set()  # every non-ASCII character on a page, for the Japanese font subset
        self._lock = threading.Lock()

    def __call__(self, ex) -> None:
        with self._lock:  # nbconvert exporters are not meant to be shared between threads
            if ex.error:
                self.failures.append(ex.error)
                self.log(f"  FAILED {ex.path.parent.name}/{ex.path.name} after {ex.seconds:.1f} s")
                return
            try:
                self._write(ex)
            except Exception as exc:  # a missing image, a template error: name the notebook, build the others
                self.failures.append(f"{ex.path}: {type(exc).__name__}: {exc}")

    def _write(self, ex) -> None:
        lang, title = ex.path.parent.name, title_of(ex.nb, ex.path.stem)
        for kind, out in self.outs.items():
            html = render(self.exporters[kind, lang], ex.nb, ex.path, title)
            page = out / lang / (ex.path.stem + KINDS[kind])
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(html, encoding="utf-8")
            self.chars.update(ch for ch in set(html) if ord(ch) > 0x7F)  # set() first: pages with frames are MBs
            self.entries[kind].append({"lang": lang, "name": ex.path.stem, "title": title,
                                       "file": page.name, "seconds": round(ex.seconds, 2)})
        note = f" (dropped widget output in cells {ex.dropped_widgets})" if ex.dropped_widgets else ""
        self.log(f"  {lang}/{ex.path.name}: {ex.seconds:.1f} s{note}")


def select(paths: list[Path], only) -> list[Path]:
    """The `paths` whose stem matches one of the fnmatch patterns `only` (all of them when `only` is None).

    Examples
    --------
    >>> [p.name for p in select([Path("en/03_a.ipynb"), Path("en/06_b.ipynb")], ["03_*"])]
    ['03_a.ipynb']
    """
    if only is None:
        return paths
    chosen = [p for p in paths if any(fnmatch.fnmatchcase(p.stem, pattern) for pattern in only)]
    if not chosen:
        raise ValueError(f"only={list(only)} matches none of the notebooks {sorted({p.stem for p in paths})}")
    return chosen


def build(kinds=("slides",), notebooks: Path = NOTEBOOKS, build_dir: Path = BUILD, jobs: int | None = None,
          log=print, only=None) -> dict:
    """Build each of `kinds` ("slides", "html") into ``build_dir/<kind>``; return ``{kind: manifest}``.

    `only`: fnmatch patterns of notebook names (``["03_*"]``) to export just those, for quick iterations.

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
    # twins side by side (00 en, 00 ja, 01 en, ...): they run the same code, so with two kernels both tend to
    # finish together instead of one long notebook running alone at the end while the other core idles
    paths = sorted(select(find_notebooks(notebooks), only), key=lambda p: (p.stem, p.parent.name))
    log(f"executing {len(paths)} notebooks with LECTURE_STATIC=1, rendering each as it finishes ...")
    pages = _Pages(outs, log)
    executing = time.perf_counter()
    execute_all(paths, jobs, on_done=pages)
    execute_seconds = time.perf_counter() - executing
    manifests, problems = {}, []
    for kind, out in outs.items():
        entries = sorted(pages.entries[kind], key=lambda e: (LANGS.index(e["lang"]), e["name"]))
        written = write_indexes(out, kind, entries, LANGS) + [out / e["lang"] / e["file"] for e in entries]
        index_text = "".join(p.read_text(encoding="utf-8") for p in written[:len(LANGS) + 1])
        assets.write_font_css(["".join(sorted(pages.chars)), index_text], out / "assets")
        problems += [p for page in written for p in offline_problems(page, out)]
        manifests[kind] = {"kind": kind, "pages": entries, "failed": pages.failures,
                           "run_seconds": round(execute_seconds, 2),
                           "seconds": round(time.perf_counter() - start, 2)}
        (out / "manifest.json").write_text(json.dumps(manifests[kind], ensure_ascii=False, indent=1), encoding="utf-8")
        log(f"{kind}: {len(entries)} pages in {out} ({manifests[kind]['seconds']:.1f} s in all; the notebooks ran "
            f"and rendered in {execute_seconds:.1f} s)")
    if pages.failures or problems:
        raise BuildError("\n\n".join(pages.failures + problems))
    return manifests
