"""Notebook 01's explorer: every control, since T and H change the curves' length and the whole computation."""

import numpy as np

from benchmarks.widgets import sweep
from helpers.widgets import rnn_gradient_explorer


def rows():
    out = []
    for lang in ("en", "ja"):
        explorer = rnn_gradient_explorer(lang)
        med, p95 = sweep(explorer, "s", [float(s) for s in np.geomspace(0.15, 11.0, 41)])
        out.append((f"01 rnn_gradient_explorer ({lang}), s slider (T = 50, H = 64)", med, p95))
    explorer = rnn_gradient_explorer("en")
    med, p95 = sweep(explorer, "T", list(range(1, 101, 3)) + list(range(100, 1, -3)))
    out.append(("01 rnn_gradient_explorer (en), T slider (H = 64)", med, p95))
    med, p95 = sweep(explorer, "H", [2, 4, 8, 16, 32, 64] * 4)
    out.append(("01 rnn_gradient_explorer (en), H slider", med, p95))
    med, p95 = sweep(explorer, "activation", ["sigmoid", "linear", "tanh"] * 8)
    out.append(("01 rnn_gradient_explorer (en), activation buttons", med, p95))
    return out
