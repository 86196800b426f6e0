"""Notebook 07's explorer: the three peephole weights."""

import numpy as np

from benchmarks.widgets import sweep
from helpers.widgets import peephole_explorer


def rows():
    out = []
    for lang in ("en", "ja"):
        explorer = peephole_explorer(lang)
        for name in ("po", "pf", "pi"):
            med, p95 = sweep(explorer, name, [float(p) for p in np.linspace(-2.0, 2.0, 41)])
            out.append((f"07 peephole_explorer ({lang}), {name} slider", med, p95))
    return out
