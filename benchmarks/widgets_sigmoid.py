"""Notebook 02's explorer."""

import numpy as np

from benchmarks.widgets import sweep
from helpers.widgets import sigmoid_explorer


def rows():
    out = []
    for lang in ("en", "ja"):
        explorer = sigmoid_explorer(lang)
        med, p95 = sweep(explorer, "x", [float(x) for x in np.linspace(-7.5, 7.5, 61)])
        out.append((f"02 sigmoid_explorer ({lang}), x slider", med, p95))
    return out
