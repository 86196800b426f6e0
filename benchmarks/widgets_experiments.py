"""Notebook 08's explorer: the redraw after a rerun (the training itself is not timed: it takes seconds)."""

import numpy as np

from benchmarks.timing import median_and_p95
from helpers.experiments import Job, run_jobs
from helpers.widgets import training_explorer


def rows():
    # Three finished runs of the same length to switch between, as three presses of Run would give.
    runs = [run_jobs([Job(model=m, T=10, H=16, batch=32, seed=s, iterations=700) for m in ("lstm", "rnn")],
                     progress=False) for s in (0, 1, 2)]
    out = []
    for lang in ("en", "ja"):
        explorer = training_explorer(lang, results=runs[0])
        times = []
        for k in range(1, 31):
            explorer.show(runs[k % 3])
            times.append(explorer.last_redraw_seconds)
        med, p95 = median_and_p95(np.array(times))
        out.append((f"08 training_explorer ({lang}), redraw after Run", med * 1e3, p95 * 1e3))
    return out
