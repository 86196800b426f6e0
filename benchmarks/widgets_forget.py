"""Notebook 06's explorer: forget-gate bias and input-gate bias sliders (and the reset switch)."""

import numpy as np

from benchmarks.widgets import sweep
from helpers.widgets import forget_explorer


def rows():
    out = []
    for lang in ("en", "ja"):
        explorer = forget_explorer(lang)
        med, p95 = sweep(explorer, "forget_bias", [float(b) for b in np.linspace(-2.0, 8.0, 41)])
        out.append((f"06 forget_explorer ({lang}), b_f slider", med, p95))
        med, p95 = sweep(explorer, "input_bias", [float(b) for b in np.linspace(-6.0, 2.0, 33)])
        out.append((f"06 forget_explorer ({lang}), b_i slider", med, p95))
        med, p95 = sweep(explorer, "reset", [False, True] * 10)
        out.append((f"06 forget_explorer ({lang}), reset switch", med, p95))
    return out
