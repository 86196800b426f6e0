"""Notebook 10's explorer: the GRU's update-gate bias over the gradient curves of an RNN, a GRU and an LSTM."""

from __future__ import annotations

import numpy as np

from benchmarks.widgets import sweep
from helpers.widgets import gru_gradient_explorer


def rows() -> list[tuple[str, float, float]]:
    explorer = gru_gradient_explorer("en")
    med, p95 = sweep(explorer, "update_bias", np.tile(np.linspace(-2.0, 6.0, 17), 2))
    return [("10 GRU update-gate bias (b_z)", med, p95)]
