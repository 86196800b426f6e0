"""The continual adding stream of notebooks 06-08 and its windowed score."""

import numpy as np
import pytest

from helpers.tasks import STREAM_CHANNELS, continual_adding_stream, masked_mse


def _episodes(xs_row, mask_row):
    """(start, end) of every complete episode of one stream, read back from the end flags."""
    ends = np.flatnonzero(mask_row)
    starts = np.concatenate([[0], ends[:-1] + 1])
    return list(zip(starts, ends))


def test_stream_is_deterministic_for_a_generator_seed():
    a = continual_adding_stream(8, 200, np.random.default_rng(4))
    b = continual_adding_stream(8, 200, np.random.default_rng(4))
    c = continual_adding_stream(8, 200, np.random.default_rng(5))
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize("lengths", [(5, 10), (2, 2), (10, 20), (7, 7)])
def test_every_episode_has_two_markers_split_by_its_middle_and_its_sum_as_target(lengths):
    lo, hi = lengths
    xs, ys, mask = continual_adding_stream(16, 300, np.random.default_rng(1), min_length=lo, max_length=hi)
    assert xs.shape == (16, 300, 3) and ys.shape == (16, 300, 1) and mask.shape == (16, 300)
    assert STREAM_CHANNELS == ("value", "marker", "end")
    np.testing.assert_array_equal(mask, xs[:, :, 2])
    np.testing.assert_array_equal(ys[:, :, 0][mask == 0], 0.0)
    assert np.all((xs[:, :, 0] >= 0) & (xs[:, :, 0] < 1))
    n_episodes = 0
    for n in range(16):
        for start, end in _episodes(xs[n], mask[n]):
            length = end - start + 1
            assert lo <= length <= hi
            marks = np.flatnonzero(xs[n, start : end + 1, 1])
            assert len(marks) == 2
            assert marks[0] < length // 2 <= marks[1]
            assert ys[n, end, 0] == pytest.approx(xs[n, start + marks, 0].sum())
            n_episodes += 1
    assert n_episodes >= 16 * (300 // hi - 1)


def test_the_stream_starts_with_an_episode_and_a_cut_off_episode_has_no_target():
    xs, ys, mask = continual_adding_stream(64, 23, np.random.default_rng(2), min_length=5, max_length=10)
    for n in range(64):
        ends = np.flatnonzero(mask[n])
        assert ends[0] >= 4  # the first episode begins at step 0 and lasts at least 5 steps
        tail = slice(ends[-1] + 1, 23)
        assert xs[n, tail, 1].sum() <= 2  # markers of the unfinished episode may show, no end flag
        assert mask[n, tail].sum() == 0 and np.all(ys[n, tail] == 0)


def test_streams_are_never_reset_episodes_follow_each_other_without_gaps():
    """Every step belongs to an episode: the gaps between end flags are episode lengths, nothing else."""
    xs, ys, mask = continual_adding_stream(4, 1000, np.random.default_rng(3))
    for n in range(4):
        ends = np.flatnonzero(mask[n])
        gaps = np.diff(np.concatenate([[-1], ends]))
        assert gaps.min() >= 5 and gaps.max() <= 10
        assert 1000 - ends[-1] - 1 < 10


def test_stream_refuses_bad_arguments():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="max_length must be >= min_length, got min_length=8, max_length=4"):
        continual_adding_stream(2, 20, rng, min_length=8, max_length=4)
    with pytest.raises(ValueError, match="min_length must be an integer >= 2, got 1"):
        continual_adding_stream(2, 20, rng, min_length=1)
    with pytest.raises(ValueError, match="T must be an integer >= 2"):
        continual_adding_stream(2, 1, rng)
    with pytest.raises(TypeError, match="numpy Generator"):
        continual_adding_stream(2, 20, 0)


def test_masked_mse_scores_only_the_masked_steps_of_a_window():
    rng = np.random.default_rng(6)
    xs, ys, mask = continual_adding_stream(8, 100, rng)
    preds = ys + 0.5 * mask[:, :, None]  # off by exactly 0.5 where the loss looks, garbage nowhere else
    preds[mask == 0] = 99.0
    assert masked_mse(preds, ys, mask) == pytest.approx(0.25)
    preds[:, 50:][mask[:, 50:] == 1] += 0.5
    assert masked_mse(preds, ys, mask, 0, 50) == pytest.approx(0.25)
    assert masked_mse(preds, ys, mask, start=50) == pytest.approx(1.0)


def test_masked_mse_refuses_mismatched_or_empty_windows():
    ys = np.zeros((2, 10, 1))
    mask = np.zeros((2, 10))
    mask[:, 9] = 1
    with pytest.raises(ValueError, match="mask selects no step in \\[0, 5\\)"):
        masked_mse(ys, ys, mask, 0, 5)
    with pytest.raises(ValueError, match="mask has T=9 but preds expects T=10"):
        masked_mse(ys, ys, mask[:, :9])
    with pytest.raises(ValueError, match="preds must be 3-D"):
        masked_mse(ys[:, :, 0], ys, mask)


def test_the_stream_plugs_into_the_model_and_the_training_loop():
    from helpers.models import SequenceRegressor
    from helpers.train import train

    rng = np.random.default_rng(7)
    model = SequenceRegressor("lstm", D=3, H=4, rng=rng)
    history = train(model, lambda r: continual_adding_stream(4, 30, r), 3, rng, progress=False)
    assert history["loss"].shape == (3,) and np.all(np.isfinite(history["loss"]))


def test_the_model_hands_out_its_cell_states_to_watch_them_drift():
    from helpers.lstm import lstm_forward
    from helpers.models import SequenceRegressor

    rng = np.random.default_rng(8)
    model = SequenceRegressor("lstm", D=3, H=4, rng=rng, variant="NFG")
    xs, _, _ = continual_adding_stream(2, 40, rng)
    _, cache = model.forward(xs)
    core = {k: v for k, v in model.params.items() if k not in ("Wy", "by")}
    _, cs, _ = lstm_forward(xs, None, None, core, "NFG")
    np.testing.assert_array_equal(cache["cs"], cs)
    assert cache["cs"].shape == (2, 40, 4)
    rnn = SequenceRegressor("rnn", D=3, H=4, rng=rng)
    assert "cs" not in rnn.forward(xs)[1]


# The timing task of notebook 07 ------------------------------------------------------------------------------


def test_interval_reproduction_asks_for_the_interval_again_after_the_second_spike():
    from helpers.tasks import interval_reproduction

    xs, ys, mask = interval_reproduction(500, 45, np.random.default_rng(9), min_gap=3, max_gap=22)
    assert xs.shape == (500, 45, 1) and ys.shape == (500, 45, 1) and mask.shape == (500, 45)
    gaps = []
    for n in range(500):
        first, second = np.flatnonzero(xs[n, :, 0])
        (answer,) = np.flatnonzero(ys[n, :, 0])
        assert answer - second == second - first
        gaps.append(second - first)
        np.testing.assert_array_equal(np.flatnonzero(mask[n]), np.arange(second + 1, 45))
        assert answer < 45
    assert min(gaps) == 3 and max(gaps) == 22  # every interval can occur, the longest still fits
    firsts = [np.flatnonzero(xs[n, :, 0])[0] for n in range(500)]
    assert min(firsts) == 0 and max(firsts) >= 30  # short intervals may start late


def test_interval_reproduction_refuses_sequences_too_short_for_the_longest_interval():
    from helpers.tasks import interval_reproduction

    with pytest.raises(ValueError, match="T must be an integer >= 41, got 40"):
        interval_reproduction(2, 40, np.random.default_rng(0), max_gap=20)
    with pytest.raises(ValueError, match="max_gap must be >= min_gap"):
        interval_reproduction(2, 40, np.random.default_rng(0), min_gap=9, max_gap=4)


def test_timing_accuracy_counts_only_answers_on_the_exact_step():
    from helpers.tasks import interval_reproduction, timing_accuracy

    xs, ys, mask = interval_reproduction(200, 50, np.random.default_rng(10))
    assert timing_accuracy(ys, ys, mask) == 1.0
    late = np.roll(ys, 1, axis=1)
    assert timing_accuracy(late, ys, mask) == 0.0
    half = ys.copy()
    half[:100] = late[:100]
    assert timing_accuracy(half, ys, mask) == 0.5
    loud_before = ys + 5.0 * xs  # a big output at the spikes themselves does not count: they lie outside the mask
    assert timing_accuracy(loud_before, ys, mask) == 1.0
    with pytest.raises(ValueError, match="mask selects no step in some sequence"):
        timing_accuracy(ys, ys, np.zeros_like(mask))
