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


def interleaved_medians(fns: list[Callable[[], object]], min_seconds: float = 1.0, min_reps: int = 5,
                        max_reps: int = 200) -> list[float]:
    """Median seconds of each of `fns`, called in turn (a, b, a, b, ...) so that a change in the machine's load
    falls on all of them alike; at least `min_reps` rounds, more (up to `max_reps`) until `min_seconds` pass."""
    for fn in fns:
        fn()
    times = [[] for _ in fns]
    start = time.perf_counter()
    while len(times[0]) < max_reps and (len(times[0]) < min_reps or time.perf_counter() - start < min_seconds):
        for fn, ts in zip(fns, times):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
    return [float(np.median(ts)) for ts in times]
