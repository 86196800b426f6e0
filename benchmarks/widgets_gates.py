"""Notebook 05's explorer (input and output gates of a hand-wired LSTM unit)."""

import numpy as np

from benchmarks.widgets import sweep
from helpers.widgets import gates_explorer


def rows():
    out = []
    for lang in ("en", "ja"):
        explorer = gates_explorer(lang)
        med, p95 = sweep(explorer, "input_bias", [float(b) for b in np.linspace(-8.0, 4.0, 41)])
        out.append((f"05 gates_explorer ({lang}), b_i slider", med, p95))
        med, p95 = sweep(explorer, "strength", [float(s) for s in np.linspace(0.0, 3.0, 31)])
        out.append((f"05 gates_explorer ({lang}), W_g slider", med, p95))
    return out
