"""Repeat-and-take-the-median timing, shared by every benchmark section."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np


def time_calls(fn: Callable[[], object], min_seconds: float = 0.5, min_reps: int = 5, max_reps: int = 200,
               warmup: int = 1) -> np.ndarray:
    """Seconds taken by each of at least `min_reps` calls (more, up to `max_reps`, until `min_seconds` pass)."""
    for _ in range(warmup):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < max_reps and (len(times) < min_reps or time.perf_counter() - start < min_seconds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return np.array(times)


def median_and_p95(times: np.ndarray) -> tuple[float, float]:
    return float(np.median(times)), float(np.percentile(times, 95))
