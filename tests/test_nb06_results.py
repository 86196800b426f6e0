"""The results notebook 06 quotes, reproduced with fixed seeds.

1. On a never-reset stream of adding episodes (helpers.tasks.continual_adding_stream), an LSTM without forget
   gate ("NFG", the 1997 cell, even with its authors' remedy of a negative input-gate bias) trained on short
   streams gets worse the longer the stream runs, while the same LSTM with a forget gate does not.
2. Initialising the forget-gate bias at 1 rather than 0 on the adding problem: iterations to a threshold.

The settings are the notebook's; the notebook runs seed 0, these tests run several. The training runs are
independent, so they run in two worker processes with one BLAS thread each (OpenBLAS threads only slow matrices
this small down, badly so on a busy machine); the CI machine's two cores then finish in about half the time.
"""

import time
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_context

import numpy as np
import pytest

from helpers.experiments import single_threaded_blas
from helpers.models import SequenceRegressor
from helpers.plots.forget import first_below
from helpers.tasks import adding_problem, continual_adding_stream, masked_mse
from helpers.train import train

H, BATCH, LR = 16, 32, 1e-2
TRAIN_T, STREAM_ITERATIONS = 30, 400  # short training streams: about four episodes each
TEST_N, TEST_T, TEST_SEED = 64, 2000, 1000  # one long never-reset test stream per row
EARLY, LATE_FROM = 30, 1500  # early: the steps a training stream covers; late: the last 500 steps
BIAS_T, BIAS_ITERATIONS, THRESHOLD = 30, 500, 0.01


def long_stream():
    return continual_adding_stream(TEST_N, TEST_T, np.random.default_rng(TEST_SEED))


@cache
def stream_run(variant: str, seed: int, input_bias: float = -3.0) -> dict:
    """Train on short streams, then score one long never-reset stream early and late."""
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    model = SequenceRegressor("lstm", D=3, H=H, rng=rng, variant=variant, input_bias=input_bias, dtype=np.float32)
    train(model, lambda r: continual_adding_stream(BATCH, TRAIN_T, r), STREAM_ITERATIONS, rng, lr=LR,
          progress=False)
    seconds = time.perf_counter() - start
    xs, ys, mask = long_stream()
    preds, fwd = model.forward(xs)
    cs = np.abs(fwd["cs"])
    return {"early": masked_mse(preds, ys, mask, 0, EARLY), "late": masked_mse(preds, ys, mask, LATE_FROM),
            "max_c_early": float(cs[:, :EARLY].max()), "max_c_late": float(cs[:, LATE_FROM:].max()),
            "seconds": seconds}


@cache
def bias_run(forget_bias: float, seed: int) -> np.ndarray:
    """Training loss per iteration on the adding problem (T = 30) for an initial forget-gate bias."""
    rng = np.random.default_rng(seed)
    model = SequenceRegressor("lstm", D=2, H=H, rng=rng, forget_bias=forget_bias, dtype=np.float32)
    return train(model, lambda r: adding_problem(BATCH, BIAS_T, r), BIAS_ITERATIONS, rng, lr=LR,
                 progress=False)["loss"]


def _call(job):
    fn, args = job
    return fn(*args)


def run_parallel(jobs: list) -> list:
    """Run (function, args) jobs in two single-BLAS-thread worker processes; results in the order of `jobs`."""
    with single_threaded_blas(), ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        return list(pool.map(_call, jobs))


STREAM_SEEDS, BIAS_SEEDS = range(5), range(6)


@cache
def results() -> dict:
    """Every run this file checks, keyed like the arguments of stream_run and bias_run."""
    jobs = [(stream_run, (v, s, b)) for v, b in (("standard", -3.0), ("NFG", -3.0), ("NFG", 0.0)) for s in STREAM_SEEDS]
    jobs += [(bias_run, (b, s)) for b in (0.0, 1.0) for s in BIAS_SEEDS]
    return {(fn.__name__, *args): out for (fn, args), out in zip(jobs, run_parallel(jobs))}


def _ratios(variant, input_bias):
    runs = [results()[("stream_run", variant, s, input_bias)] for s in STREAM_SEEDS]
    return [r["late"] / r["early"] for r in runs], runs


# Margins: every run below was repeated on three numerical paths of an AVX-512 machine (NumPy AVX-512 + OpenBLAS
# SkylakeX, AVX2 + Haswell, the SSE4 baseline + Sandybridge). The stream runs agreed to four digits on all three;
# the forget-bias runs differed by a few iterations (seed 1 with b_f = 1: 333, 340 or 378), never in whether they
# reached the threshold. The notebook states ranges and counts, and these tests hold them with room to spare.


@pytest.mark.slow
def test_without_forget_gate_the_error_grows_along_a_never_reset_stream_with_it_stays_flat():
    """Quoted in notebook 06: NFG (b_i = -3) late/early between about 1.6 and 15 over five seeds (measured 1.58,
    1.71, 3.65, 7.75, 14.9); standard 0.96-1.08."""
    nfg, _ = _ratios("NFG", -3.0)
    std, _ = _ratios("standard", -3.0)
    assert min(nfg) > 1.3 and max(nfg) > 8 and np.median(nfg) > 2.5, nfg
    assert all(0.85 <= r <= 1.2 for r in std), std
    assert min(nfg) > max(std)


@pytest.mark.slow
def test_without_forget_gate_the_cell_state_grows_without_bound():
    """Quoted: max |c| of about 20-25 over the first 30 steps and 1200-1700 over the last 500 without forget gate
    (measured 19.1-24.8 and 1165-1719); with one, at most 18."""
    _, nfg = _ratios("NFG", -3.0)
    _, std = _ratios("standard", -3.0)
    early, late = [r["max_c_early"] for r in nfg], [r["max_c_late"] for r in nfg]
    assert 15 < min(early) and max(early) < 30, early
    assert 1000 < min(late) and max(late) < 2000, late
    assert max(r["max_c_late"] for r in std) < 50  # with a forget gate the cells stay small


@pytest.mark.slow
def test_without_the_1997_remedy_the_cells_grow_but_the_model_learns_to_ignore_them():
    """Quoted as "a subtlety": NFG with b_i = 0, late/early about 0.9-1.6, max |c| late 1300-1800 (measured
    0.94-1.58 and 1328-1796)."""
    ratios, runs = _ratios("NFG", 0.0)
    assert 0.8 < min(ratios) and max(ratios) < 2.0 and np.median(ratios) < 1.3, ratios
    late = [r["max_c_late"] for r in runs]
    assert 1000 < min(late) and max(late) < 2200, late


@pytest.mark.slow
def test_forget_bias_one_leaves_the_plateau_more_reliably_within_the_budget():
    """Quoted: b_f = 1 below 0.01 in 6 of 6 runs (after about 330-430 iterations), b_f = 0 in 3 of 6.
    Measured: b_f = 1 after 333-433 (seed 1: 333, 340 or 378 by path); b_f = 0: 360, 413, 443 and three never."""
    reached = {b: [first_below(results()[("bias_run", b, s)], THRESHOLD) for s in BIAS_SEEDS] for b in (0.0, 1.0)}
    one = reached[1.0]
    zero = [r for r in reached[0.0] if r is not None]
    assert None not in one and 300 <= min(one) and max(one) <= 470, reached
    assert 2 <= len(zero) <= 4, reached
