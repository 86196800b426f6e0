"""The results notebook 03 quotes, reproduced with its seeds: the cliff comparison, clipping semantics, thresholds."""

from functools import cache

import numpy as np
import pytest

from helpers.cliff import cliff_descent, count_jumps, jump_lengths, random_starts
from helpers.clipping import clip_by_global_norm, clip_by_value
from helpers.models import SequenceRegressor
from helpers.plots.clipping import B_LIM, W_LIM
from helpers.tasks import adding_problem
from helpers.train import train

# Margins measured on three numerical paths of an AVX-512 machine (NumPy AVX-512 + OpenBLAS SkylakeX; AVX2 +
# Haswell; the SSE4 baseline + Sandybridge) for seeds 0-4: counts of jumps, of rescued starts and of starts that
# reached the valley were identical on all three; the medians of the final error were not (seed 0 unclipped 0.0787
# or 0.0806, clipped 0.0219 or 0.0267), so the notebook states them as "about" and these tests give them a range.
SEEDS = range(5)


@cache
def runs(seed: int = 0) -> tuple[dict, dict]:
    """The notebook's experiment (seed 0) and four more: 200 uniform starts, lr 0.5, 300 updates, clipped or not."""
    starts = random_starts(200, np.random.default_rng(seed), W_LIM, B_LIM)
    return (cliff_descent(starts, lr=0.5, iterations=300),
            cliff_descent(starts, lr=0.5, iterations=300, clip=1.0))


def _jumped(unclipped: dict) -> np.ndarray:
    return (jump_lengths(unclipped["path"]) > 5).any(axis=1)


def test_clipping_removes_every_jump():
    """Quoted: 10 jumps without clipping for seed 0, none with it; over seeds 0-4, 10-22 of 200. The longest jump of
    seed 0 is 64.1 on NumPy 2.4 (every path) but 62.0 on NumPy 1.24: the notebook prints it, quotes no digits."""
    unclipped, clipped = runs(0)
    assert count_jumps(unclipped["path"]) == 10
    assert jump_lengths(unclipped["path"]).max() > 20 * 0.5  # far longer than any clipped step
    for seed in SEEDS:
        unclipped, clipped = runs(seed)
        assert count_jumps(clipped["path"]) == 0 and jump_lengths(clipped["path"]).max() <= 0.5 + 1e-12
        assert 10 <= count_jumps(unclipped["path"]) <= 22, seed


def test_the_median_final_error_is_lower_with_clipping_but_a_fragile_summary():
    """Quoted for seed 0: medians of about 0.08 (no clipping) and 0.02-0.03 (clipped): measured 0.0787-0.0806 and
    0.0219-0.0267. Over seeds 0-4 the clipped median ranged from 0.0004 to 0.062: the notebook calls it fragile.
    The share of starts that reached E < 0.01 (42 % and 49 % for seed 0) was the same on every path."""
    unclipped, clipped = runs(0)
    med_u, med_c = np.median(unclipped["E"][:, -1]), np.median(clipped["E"][:, -1])
    assert 0.07 < med_u < 0.09 and 0.015 < med_c < 0.035
    assert round(100 * np.mean(unclipped["E"][:, -1] < 0.01)) == 42
    assert round(100 * np.mean(clipped["E"][:, -1] < 0.01)) == 49
    for seed in SEEDS:
        unclipped, clipped = runs(seed)
        assert np.median(clipped["E"][:, -1]) < np.median(unclipped["E"][:, -1]), seed
        assert np.mean(clipped["E"][:, -1] < 0.01) > np.mean(unclipped["E"][:, -1] < 0.01), seed


def test_starts_that_jumped_end_on_a_plateau_unless_clipped():
    """Quoted for seed 0: all 10 jumping starts end on a plateau, and clipped, 9 of them reach E < 0.01 (the
    tenth stops at 0.014; the other nine at most 0.0017: far from the border). Seeds 0-4: 63 of 71 rescued."""
    unclipped, clipped = runs(0)
    jumped = _jumped(unclipped)
    assert jumped.sum() == 10 and np.sum(clipped["E"][jumped, -1] < 0.01) == 9
    rescued = total = 0
    for seed in SEEDS:
        unclipped, clipped = runs(seed)
        jumped = _jumped(unclipped)
        assert np.all(unclipped["E"][jumped, -1] > 0.05), seed  # 0.09 or 0.49: a plateau
        assert np.median(clipped["E"][jumped, -1]) < 0.1 * np.median(unclipped["E"][jumped, -1]), seed
        rescued, total = rescued + np.sum(clipped["E"][jumped, -1] < 0.01), total + jumped.sum()
    assert rescued >= 0.8 * total, (rescued, total)


def test_clipping_seldom_makes_a_start_clearly_worse():
    """Quoted: with seed 0 clipping ends 17-18 starts better by more than 0.01 (18 on two paths, 17 on the third)
    and none worse; over seeds 0-4, 15-33 better per seed and 1 worse in all 1000 starts."""
    gains = {seed: runs(seed)[0]["E"][:, -1] - runs(seed)[1]["E"][:, -1] for seed in SEEDS}
    assert np.sum(gains[0] < -0.01) == 0 and 15 <= np.sum(gains[0] > 0.01) <= 20
    assert sum(np.sum(g < -0.01) for g in gains.values()) <= 2
    assert all(np.sum(g > 0.01) >= 10 for g in gains.values())


def test_by_norm_keeps_the_direction_by_value_turns_it():
    g = np.array([3.0, 1.0])
    by_norm, norm = clip_by_global_norm(g, 1.0)
    by_value = clip_by_value(g, 1.0)
    angle = lambda v: np.degrees(np.arctan2(v[1], v[0]))  # noqa: E731
    assert norm == pytest.approx(np.sqrt(10)) and np.linalg.norm(by_norm) == pytest.approx(1.0)
    assert angle(by_norm) == pytest.approx(angle(g)) == pytest.approx(18.43, abs=0.01)
    assert angle(by_value) == pytest.approx(45.0)


def test_global_and_per_tensor_clipping_differ_as_the_notebook_prints():
    grads = {"Wh": np.array([[3.0, 0.0], [0.0, 4.0]]), "b": np.array([0.1, 0.1])}
    global_clip, total = clip_by_global_norm(grads, 1.0)
    per_tensor = {k: clip_by_global_norm(v, 1.0)[0] for k, v in grads.items()}
    assert total == pytest.approx(5.002, abs=5e-4)
    np.testing.assert_allclose(global_clip["b"], 0.1 / total)
    np.testing.assert_allclose(per_tensor["b"], [0.1, 0.1])
    np.testing.assert_allclose(per_tensor["Wh"], [[0.6, 0.0], [0.0, 0.8]])


def test_the_exercise_six_eight_rescales_once_to_the_threshold():
    clipped, norm = clip_by_global_norm(np.array([6.0, 8.0]), 5.0)
    assert norm == 10.0 and clipped.tolist() == [3.0, 4.0]
    again, norm2 = clip_by_global_norm(clipped, 5.0)  # a second pass changes nothing: never "repeated"
    assert norm2 == pytest.approx(5.0) and again.tolist() == [3.0, 4.0]


def _norms(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    model = SequenceRegressor("rnn", D=2, H=32, rng=rng)
    return train(model, lambda r: adding_problem(32, 10, r), 200, rng, lr=1e-2, clip=None, progress=False)["grad_norm"]


def test_threshold_statistics_of_the_notebook():
    """200 unclipped updates of the T = 10 adding-problem RNN (float64). Quoted for seed 0: a mean of about 1.3
    (Pascanu's range about 0.65-13) and a largest norm of about 4.6; measured 1.304 and 4.640 on all three paths.
    Seeds 1-4 gave means 0.76-1.16 and largest norms 2.4-14.5: a threshold of 1 sits near the typical norm."""
    norms = _norms(0)
    assert norms.mean() == pytest.approx(1.30, abs=0.05) and norms.max() == pytest.approx(4.6, abs=0.3)
    assert np.median(norms) < norms.mean() < np.percentile(norms, 95) < norms.max()
    for seed in range(1, 5):
        norms = _norms(seed)
        assert 0.5 < norms.mean() < 2.0 and norms.max() < 15 * norms.mean(), seed  # seed 3: 14.5 / 1.03
