"""Notebook 04's explorer (CEC: self-weight, slope, steps back)."""

import numpy as np

from benchmarks.widgets import sweep
from helpers.widgets import cec_explorer


def rows():
    out = []
    for lang in ("en", "ja"):
        explorer = cec_explorer(lang)
        med, p95 = sweep(explorer, "w", [float(w) for w in np.linspace(0.5, 1.5, 41)])
        out.append((f"04 cec_explorer ({lang}), w slider", med, p95))
        med, p95 = sweep(explorer, "k", list(range(1, 101, 3)))
        out.append((f"04 cec_explorer ({lang}), k slider", med, p95))
    return out
