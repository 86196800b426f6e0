"""``python -m helpers.export {slides,html} ... [--notebooks DIR] [--build DIR] [--jobs N] [--only NAME ...]``.

``--only 03_exploding_gradient_clipping`` (or a pattern: ``--only '0[36]_*'``) exports just those notebooks, in
both languages, into a fresh build folder: quick to iterate on the export. Links to decks left out are then dead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.export.build import BUILD, NOTEBOOKS, BuildError, build
from helpers.export.render import KINDS


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.export", description="Run every notebook in static "
                                     "mode and export offline slides or static pages.")
    parser.add_argument("kinds", nargs="+", choices=sorted(KINDS), help="what to build")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="folder holding en/ and ja/")
    parser.add_argument("--build", type=Path, default=BUILD, help="output folder (gets slides/ and html/)")
    parser.add_argument("--jobs", type=int, default=None, help="kernels at a time (default: one per CPU)")
    parser.add_argument("--only", nargs="+", metavar="NAME", default=None,
                        help="export only the notebooks whose name (without .ipynb) matches one of these patterns")
    args = parser.parse_args(argv)
    try:
        build(tuple(dict.fromkeys(args.kinds)), args.notebooks, args.build, args.jobs, only=args.only)
    except (BuildError, RuntimeError, FileNotFoundError, ValueError) as exc:
        print(f"export failed:\n{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
