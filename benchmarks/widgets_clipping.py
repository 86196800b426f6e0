"""Notebook 03's explorer: each slider reruns one or two descents of 300 updates, then redraws the paths."""

import numpy as np

from benchmarks.widgets import sweep
from helpers.plots.clipping import _run
from helpers.widgets import clipping_explorer


def rows():
    out = []
    for lang in ("en", "ja"):
        explorer = clipping_explorer(lang)
        for name, values in (("threshold", np.geomspace(0.12, 9.0, 31)), ("lr", np.geomspace(0.012, 1.9, 31)),
                             ("w0", np.linspace(0.2, 9.8, 31)), ("b0", np.linspace(-5.8, 1.8, 31))):
            _run.cache_clear()  # measure the computation, not the cache of earlier sweeps
            med, p95 = sweep(explorer, name, [float(v) for v in values])
            out.append((f"03 clipping_explorer ({lang}), {name} slider", med, p95))
    return out
