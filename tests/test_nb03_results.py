"""The results notebook 03 quotes, reproduced with its seeds: the cliff comparison, clipping semantics, thresholds."""

import numpy as np
import pytest

from helpers.cliff import cliff_descent, count_jumps, jump_lengths, random_starts
from helpers.clipping import clip_by_global_norm, clip_by_value
from helpers.models import SequenceRegressor
from helpers.plots.clipping import B_LIM, W_LIM
from helpers.tasks import adding_problem
from helpers.train import train


@pytest.fixture(scope="module")
def runs():
    """The notebook's experiment: 200 uniform starts over the picture (seed 0), lr 0.5, 300 updates."""
    starts = random_starts(200, np.random.default_rng(0), W_LIM, B_LIM)
    return (cliff_descent(starts, lr=0.5, iterations=300),
            cliff_descent(starts, lr=0.5, iterations=300, clip=1.0))


def test_clipping_removes_every_jump(runs):
    unclipped, clipped = runs
    assert count_jumps(clipped["path"]) == 0 and jump_lengths(clipped["path"]).max() <= 0.5 + 1e-12
    assert count_jumps(unclipped["path"]) == 10  # the notebook prints 10 jumps, longest 64.1
    assert jump_lengths(unclipped["path"]).max() == pytest.approx(64.1, abs=0.05)


def test_clipping_lowers_the_median_final_error(runs):
    """The notebook prints medians 0.0806 (no clipping) and 0.0219 (clipped). The issue expected the clipped median
    below a tenth of the unclipped; over all 200 starts that does not hold for this seed (ratio 0.27), because about
    half the starts sit on plateaus where neither version moves. It does hold for the starts that jumped (next test)."""
    unclipped, clipped = runs
    med_u, med_c = np.median(unclipped["E"][:, -1]), np.median(clipped["E"][:, -1])
    assert med_u == pytest.approx(0.0806, abs=5e-5) and med_c == pytest.approx(0.0219, abs=5e-5)
    assert med_c < med_u
    assert np.mean(clipped["E"][:, -1] < 0.01) > np.mean(unclipped["E"][:, -1] < 0.01)


def test_starts_that_jumped_end_on_a_plateau_unless_clipped(runs):
    unclipped, clipped = runs
    jumped = (jump_lengths(unclipped["path"]) > 5).any(axis=1)
    assert jumped.sum() == 10
    assert np.all(unclipped["E"][jumped, -1] > 0.05)  # 0.09 or 0.49: a plateau
    assert np.sum(clipped["E"][jumped, -1] < 0.01) == 9 and clipped["E"][jumped, -1].max() < 0.02
    assert np.median(clipped["E"][jumped, -1]) < 0.1 * np.median(unclipped["E"][jumped, -1])


def test_clipping_never_makes_a_start_clearly_worse(runs):
    unclipped, clipped = runs
    gain = unclipped["E"][:, -1] - clipped["E"][:, -1]
    assert np.sum(gain < -0.01) == 0 and np.sum(gain > 0.01) == 18


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


def test_threshold_statistics_of_the_notebook():
    """200 unclipped updates of the T = 10 adding-problem RNN (float64): mean norm 1.30, Pascanu's range 0.65-13."""
    rng = np.random.default_rng(0)
    model = SequenceRegressor("rnn", D=2, H=32, rng=rng)
    norms = train(model, lambda r: adding_problem(32, 10, r), 200, rng, lr=1e-2, clip=None, progress=False)["grad_norm"]
    assert norms.mean() == pytest.approx(1.30, abs=0.01)
    assert np.median(norms) == pytest.approx(1.03, abs=0.01)
    assert norms.max() == pytest.approx(4.64, abs=0.01)
