"""The results notebook 07 quotes, reproduced with fixed seeds.

1. The variant table: "standard", "peephole", "CIFG" and "NFG" on the adding problem (T = 100) and on the
   never-reset stream of notebook 06, five seeds each.
2. The timing task (helpers.tasks.interval_reproduction): standard against peephole LSTM, five seeds.

The training runs go to two worker processes, as in test_nb06_results. The notebook runs a reduced version (one seed,
shorter sequences); the settings of the full one are here.
"""

import time
from functools import cache

import numpy as np
import pytest
from test_nb06_results import run_parallel, stream_run

from helpers.experiments import iterations_to_threshold
from helpers.models import SequenceRegressor
from helpers.tasks import adding_problem, interval_reproduction, timing_accuracy
from helpers.train import train

VARIANTS = ("standard", "peephole", "CIFG", "NFG")
INPUT_BIAS = {"standard": 0.0, "peephole": 0.0, "CIFG": 0.0, "NFG": -3.0}  # NFG: the 1997 remedy (notebook 04)
SEEDS = range(5)
H, BATCH, LR = 16, 32, 1e-2
ADDING_T, ADDING_ITERATIONS, ADDING_TEST_N, THRESHOLD = 100, 1000, 1000, 0.01
TIMING_T, TIMING_GAPS, TIMING_ITERATIONS, TIMING_TEST_N = 60, (5, 20), 600, 1000


def adding_run(variant: str, seed: int) -> dict:
    """Adding problem, T = 100: test MSE on 1000 fresh sequences and iterations until the training MSE < 0.01."""
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    model = SequenceRegressor("lstm", D=2, H=H, rng=rng, variant=variant, input_bias=INPUT_BIAS[variant],
                              dtype=np.float32)
    loss = train(model, lambda r: adding_problem(BATCH, ADDING_T, r), ADDING_ITERATIONS, rng, lr=LR,
                 progress=False)["loss"]
    xs, ys = adding_problem(ADDING_TEST_N, ADDING_T, np.random.default_rng(500 + seed))
    preds, _ = model.forward(xs)
    return {"test_mse": float(np.mean((preds[:, -1] - ys) ** 2)), "loss": np.asarray(loss),
            "seconds": time.perf_counter() - start}


def timing_run(variant: str, seed: int) -> dict:
    """Interval reproduction (gaps 5-20, T = 60): share of test sequences answered on the exact step."""
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    model = SequenceRegressor("lstm", D=1, H=H, rng=rng, variant=variant, dtype=np.float32)
    train(model, lambda r: interval_reproduction(BATCH, TIMING_T, r, *TIMING_GAPS), TIMING_ITERATIONS, rng,
          lr=LR, progress=False)
    xs, ys, mask = interval_reproduction(TIMING_TEST_N, TIMING_T, np.random.default_rng(700 + seed), *TIMING_GAPS)
    preds, _ = model.forward(xs)
    return {"accuracy": timing_accuracy(preds, ys, mask), "seconds": time.perf_counter() - start}


def _stream(variant: str, seed: int) -> dict:
    return stream_run(variant, seed, INPUT_BIAS[variant])


@cache
def table() -> dict:
    """{(task, variant): [result per seed]} for task in ("adding", "stream"), and ("timing", variant)."""
    jobs = [(adding_run, (v, s)) for v in VARIANTS for s in SEEDS]
    jobs += [(_stream, (v, s)) for v in VARIANTS for s in SEEDS]
    jobs += [(timing_run, (v, s)) for v in ("standard", "peephole") for s in SEEDS]
    results = run_parallel(jobs)
    out = {}
    for (fn, (variant, _)), result in zip(jobs, results):
        task = {adding_run: "adding", _stream: "stream", timing_run: "timing"}[fn]
        out.setdefault((task, variant), []).append(result)
    return out


# Margins: every run was repeated on two numerical paths of an AVX-512 machine (NumPy AVX-512 + OpenBLAS SkylakeX,
# and AVX2 + Haswell, which reproduces the AVX2 machine the series was first written on); the iterations to
# threshold moved by up to a few dozen between them, the test MSEs in their second digit, the verdicts (reached or
# not, which variant fails the stream) not at all.


def _values(task: str, key: str, variant: str) -> np.ndarray:
    runs = table()[(task, variant)]
    return np.array([r["late"] / r["early"] if key == "ratio" else r[key] for r in runs], dtype=float)


def _reached(variant: str) -> list:
    """Iterations to threshold (the series' definition: 25-iteration trailing mean below 0.01) per seed."""
    return [iterations_to_threshold(r["loss"]) for r in table()[("adding", variant)]]


@pytest.mark.slow
def test_the_adding_problem_at_t100_within_1000_iterations():
    """Quoted: CIFG and NFG (b_i = -3) solve all five seeds, in about 300-450 iterations; standard and peephole
    four of five, in about 580-900 (seed 4 is still on the plateau at 1000 for both, test MSE 0.17). Measured:
    CIFG 325-385, NFG 305-425, standard 590-875, peephole 590-880."""
    for variant in ("CIFG", "NFG"):
        reached = _reached(variant)
        assert None not in reached and max(reached) < 500, (variant, reached)
        assert _values("adding", "test_mse", variant).max() < THRESHOLD
    for variant in ("standard", "peephole"):
        reached = [r for r in _reached(variant) if r is not None]
        assert len(reached) >= 3 and 500 < min(reached) and max(reached) < 1000, (variant, _reached(variant))
    fast = max(max(_reached(v)) for v in ("CIFG", "NFG"))
    slow = min(r for v in ("standard", "peephole") for r in _reached(v) if r is not None)
    assert fast < slow  # "about half the iterations"


@pytest.mark.slow
def test_peepholes_change_nothing_measurable_on_the_adding_problem():
    """Quoted: same error, same iterations, the same seed stuck: per seed, peephole and standard reach the
    threshold both or neither, within 10 % of each other's iteration count."""
    for std, pee in zip(_reached("standard"), _reached("peephole")):
        assert (std is None) == (pee is None), (_reached("standard"), _reached("peephole"))
        if std is not None:
            assert 0.9 < pee / std < 1.1, (std, pee)


@pytest.mark.slow
def test_only_the_lstm_without_forget_gate_fails_the_never_reset_stream():
    """Quoted: the NFG's late error is 0.04-0.15, several times that of every other variant (at most 0.013), and
    it grows along the stream (late/early 1.6-15 against 0.85-1.7)."""
    nfg = _values("stream", "late", "NFG")
    others = np.concatenate([_values("stream", "late", v) for v in ("standard", "peephole", "CIFG")])
    assert nfg.min() > 2 * others.max(), (nfg, others)
    assert np.median(_values("stream", "ratio", "NFG")) > 2.5 > 1.2 > np.median(
        np.concatenate([_values("stream", "ratio", v) for v in ("standard", "peephole", "CIFG")]))


@pytest.mark.slow
def test_timing_task_does_not_separate_standard_and_peephole():
    """Held as measured (it could have fallen either way): both answer on the exact step for every one of the
    1000 test sequences, in every seed, on both paths of the development machine. With NumPy 1.24.0 (make
    test-lowest) the standard LSTM's seed 4 reached only 0.647 while the peephole LSTM stayed at 1.0 in all five:
    one missed seed can fall to either variant, so the claim is at least four seeds of five at 0.99 or more, each."""
    for variant in ("standard", "peephole"):
        accuracy = [r["accuracy"] for r in table()[("timing", variant)]]
        assert sum(a >= 0.99 for a in accuracy) >= 4, (variant, accuracy)


def print_table() -> None:  # pragma: no cover - for the notebook's author: python tests/test_nb07_results.py
    t = table()
    for v in VARIANTS:
        print(f"adding  {v:9s} test MSE {np.round(_values('adding', 'test_mse', v), 4)}  reached {_reached(v)}")
    for v in VARIANTS:
        print(f"stream  {v:9s} late {np.round(_values('stream', 'late', v), 4)}  "
              f"ratio {np.round(_values('stream', 'ratio', v), 2)}")
    for v in ("standard", "peephole"):
        print(f"timing  {v:9s} {[r['accuracy'] for r in t[('timing', v)]]}")


if __name__ == "__main__":
    print_table()
