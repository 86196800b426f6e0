"""Shared fixtures and the `numeric` marker. Randomness in tests comes only from np.random.default_rng(seed)."""

from pathlib import Path

import numpy as np
import pytest

# Test modules whose outcome does not depend on the last bits of NumPy's or the BLAS's arithmetic: layout,
# set-up files, notebook parity, quiz parsing, widgets, pixel-compared diagrams, export and browser. Every other
# test, every docstring example and every notebook cell is `numeric`: `make test` runs those a second time on
# another numerical path of the same machine (tests/numerical_path.py).
NOT_NUMERIC = {"test_layout", "test_environment", "test_notebooks", "test_quiz", "test_diagrams", "test_palette",
               "test_figure_text", "test_slides_export", "test_browser", "test_browser_frames", "test_slides_frames",
               "test_checks", "test_export_links", "test_export_a11y", "test_browser_a11y", "test_make_lab"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        stem = Path(str(item.fspath)).stem
        if stem not in NOT_NUMERIC and not stem.startswith("test_widgets"):
            item.add_marker(pytest.mark.numeric)


@pytest.fixture(scope="session")
def trained_runs():
    """run_jobs with a memory for this test session: notebooks 08 and 10 quote the same full-size runs (LSTM, GRU,
    RNN at H = 32, T = 100, seeds 0-2), which are trained once and shared. A Job is frozen, so it is the key."""
    from helpers.experiments import run_jobs

    done = {}

    def run(jobs):
        missing = [job for job in dict.fromkeys(jobs) if job not in done]
        if missing:
            done.update(zip(missing, run_jobs(missing, progress=False)))
        return [done[job] for job in jobs]

    return run


@pytest.fixture
def rng():
    return np.random.default_rng(20131)
