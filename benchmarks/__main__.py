"""`python -m benchmarks [section ...]`: run the benchmark sections and print Markdown."""

from __future__ import annotations

import importlib
import os
import platform
import sys

import numpy as np

SECTIONS = ["core", "charlm", "widgets"]


def main(argv: list[str]) -> int:
    chosen = argv or SECTIONS
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        print(f"unknown section(s) {unknown}; choose from {SECTIONS}", file=sys.stderr)
        return 2
    print("# make bench")
    print()
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {os.cpu_count()} CPUs, "
          f"{platform.machine()}; medians of repeated runs, all measured in this one run.")
    for name in chosen:
        print()
        print(importlib.import_module(f"benchmarks.{name}").run(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
