"""The results notebook 10 quotes, reproduced by training (slow; CI runs them).

1. The full comparison on the adding problem at T = 100 (three seeds, 1500 iterations, notebook 08's recipe): a GRU
   and an LSTM of hidden size 32 reach the threshold on every seed, the GRU in fewer iterations than the LSTM of
   the same seed; a GRU of the LSTM's parameter budget (H = 37) too; a tanh RNN does not, neither at H = 32 nor at
   the LSTM's budget (H = 65). The notebook's table says the same counts, and iterations within 15 %.
2. The notebook's reduced run (seed 0, 400 iterations): the GRU is below 0.01, the LSTM and the RNN are still near
   the baseline.

Margins, measured on this machine's default numerical path and with
``NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL" OPENBLAS_CORETYPE=Haswell`` (see each test).
"""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.experiments import Job, parse_markdown_table, run_jobs

pytestmark = pytest.mark.slow

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "en" / "10_gru.ipynb"
CONFIGS = (("gru", 32), ("lstm", 32), ("rnn", 32), ("gru", 37), ("rnn", 65))
SEEDS = (0, 1, 2)
NAMES = {"gru": "GRU", "lstm": "LSTM", "rnn": "RNN"}


def _quoted_table() -> list[dict]:
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        if cell.cell_type == "markdown" and "tests/test_nb10_results.py" in cell.source:
            return parse_markdown_table(cell.source)
    raise AssertionError(f"no markdown cell of {NOTEBOOK.name} quotes tests/test_nb10_results.py")


def _iterations(cell: str) -> list[int]:
    """'272, 295, 301' -> [272, 295, 301]; '–' -> []."""
    return [int(x) for x in re.findall(r"\d+", cell)]


def test_gru_and_lstm_solve_t100_the_gru_first_and_the_rnn_does_not(trained_runs):
    """Measured on the default path (seeds 0, 1, 2): GRU H=32 reached the threshold after 295, 272, 250 iterations,
    LSTM H=32 after 1052, 540, 649, GRU H=37 after 285, 275, 274; every RNN ended with a test MSE of 0.16-0.24.
    On the Haswell path the same, except LSTM seeds 1 and 2 (552, 653) and the RNNs' test MSE (0.16-0.23). The
    claims leave room: GRU <= 600, LSTM <= 1300, RNN test MSE > 0.12."""
    jobs = [Job(model=m, H=H, T=100, seed=s) for m, H in CONFIGS for s in SEEDS]
    results = trained_runs(jobs)
    by = {(m, H): [r for r in results if (r.job.model, r.job.H) == (m, H)] for m, H in CONFIGS}
    for key in (("gru", 32), ("gru", 37)):
        assert all(r.reached() is not None and r.reached() <= 600 and r.test_mse < 0.01 for r in by[key]), key
    assert all(r.reached() is not None and r.reached() <= 1300 and r.test_mse < 0.01 for r in by[("lstm", 32)])
    for gru, lstm in zip(by[("gru", 32)], by[("lstm", 32)]):
        assert gru.reached() < lstm.reached(), gru.job.seed
    for key in (("rnn", 32), ("rnn", 65)):
        assert all(r.reached() is None and r.test_mse > 0.12 for r in by[key]), key
    # The notebook's table: same rows, same counts, iterations within 15 %.
    quoted = _quoted_table()
    assert [(q["model"], int(q["H"])) for q in quoted] == [(NAMES[m], H) for m, H in CONFIGS]
    for q, (m, H) in zip(quoted, CONFIGS):
        hits = sorted(r.reached() for r in by[(m, H)] if r.reached() is not None)
        assert q["reached MSE < 0.01"] == f"{len(hits)} of {len(SEEDS)}"
        if hits:
            np.testing.assert_allclose(sorted(_iterations(q["iterations to reach it"])), hits, rtol=0.15)
        params = sum(v.size for k, v in by[(m, H)][0].params.items() if k not in ("Wy", "by"))
        assert int(q["parameters"]) == params


def test_the_reduced_run_of_the_notebook():
    """Seed 0, 400 iterations, as the notebook runs it: the GRU below 0.01 (measured: after 295 iterations on both
    paths), the LSTM and the RNN still near the baseline 0.167 (mean of iterations 376-400 above 0.1)."""
    gru, lstm, rnn = run_jobs([Job(model=m, T=100, seed=0, iterations=400) for m in ("gru", "lstm", "rnn")],
                              progress=False)
    assert gru.reached() is not None and gru.reached() <= 360 and gru.test_mse < 0.01
    assert np.mean(gru.loss[:150]) > 0.1  # it starts on the plateau like the others
    for r in (lstm, rnn):
        assert r.reached() is None and np.mean(r.loss[-25:]) > 0.1, r.job.name
