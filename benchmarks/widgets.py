"""Explorer redraw latency: median and p95 per slider move, for every explorer of the series.

Each benchmarks/widgets_<topic>.py defines ``rows() -> list of (name, median_ms, p95_ms)``; they are found
automatically. Target: <= 50 ms median per redraw.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import numpy as np

from benchmarks.timing import median_and_p95


def sweep(explorer, name: str, values) -> tuple[float, float]:
    """Move control `name` of `explorer` through `values`; median and p95 of the redraw time, in ms."""
    times = []
    for value in values:
        explorer.controls[name].value = value
        times.append(explorer.last_redraw_seconds)
    med, p95 = median_and_p95(np.array(times))
    return med * 1e3, p95 * 1e3


def run() -> str:
    lines = ["## Explorers: redraw latency per slider move (update + PNG encode)", "",
             "| explorer | median ms | p95 ms |", "| --- | ---: | ---: |"]
    here = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if info.name.startswith("widgets_"):
            for name, med, p95 in importlib.import_module(f"benchmarks.{info.name}").rows():
                lines.append(f"| {name} | {med:.1f} | {p95:.1f} |")
    return "\n".join(lines)
