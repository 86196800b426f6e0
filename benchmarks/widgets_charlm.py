"""Notebook 11's explorers: a unit's value coloured into 700 characters of held-out Shakespeare (blitted), and three
samples of 240 characters at new temperatures (sampling included: the model writes 720 characters per move)."""

from __future__ import annotations

import numpy as np

from benchmarks.widgets import sweep
from helpers.charlm import load_corpus, load_pretrained, split
from helpers.widgets import cell_explorer, sampling_explorer


def rows() -> list[tuple[str, float, float]]:
    model = load_pretrained("shakespeare", "lstm")
    held_out = split(load_corpus("shakespeare"))[1]
    cells = cell_explorer(model, held_out[:700], "en")
    cell_med, cell_p95 = sweep(cells, "cell", np.tile(np.arange(1, 21), 2))
    samples = sampling_explorer(model, "en")
    sample_med, sample_p95 = sweep(samples, "temperature", np.linspace(0.3, 1.5, 9))
    return [("11 cell explorer (unit slider)", cell_med, cell_p95),
            ("11 sampling explorer (temperature; includes writing 3 x 240 characters)", sample_med, sample_p95)]
