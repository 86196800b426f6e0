"""Notebook 09's explorers: the gradient highway (b_f, U scale, RNN lambda_1) and the gradient check's eps."""

import numpy as np

from benchmarks.widgets import sweep
from helpers.plots.backward import clear_highway_cache
from helpers.widgets import gradcheck_explorer, highway_explorer


def rows():
    out = []
    for lang in ("en", "ja"):
        clear_highway_cache()  # every move computes its curves, as on a first pass through the sliders
        explorer = highway_explorer(lang)
        med, p95 = sweep(explorer, "forget_bias", [float(b) for b in np.linspace(-2.0, 8.0, 21)])
        out.append((f"09 highway_explorer ({lang}), b_f slider", med, p95))
        med, p95 = sweep(explorer, "u_scale", [float(u) for u in np.linspace(0.0, 1.5, 16)])
        out.append((f"09 highway_explorer ({lang}), U scale slider", med, p95))
        med, p95 = sweep(explorer, "s", [float(s) for s in np.geomspace(0.25, 4.0, 16)])
        out.append((f"09 highway_explorer ({lang}), RNN λ₁ slider", med, p95))
        explorer = gradcheck_explorer(lang)
        med, p95 = sweep(explorer, "eps", [float(e) for e in 10.0 ** np.arange(-12.0, -0.75, 0.25)])
        out.append((f"09 gradcheck_explorer ({lang}), ε slider", med, p95))
    return out
