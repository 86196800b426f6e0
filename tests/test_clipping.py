"""Clipping semantics (Pascanu et al. 2013, Algorithm 1) and its guards."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.clipping import clip_by_global_norm, clip_by_value, global_norm


def _grads(rng, scale):
    return {"Wx": scale * rng.standard_normal((3, 8)), "Wh": scale * rng.standard_normal((2, 8)),
            "b": scale * rng.standard_normal(8)}


def test_norm_after_clipping_equals_the_threshold_and_direction_is_kept(rng):
    grads = _grads(rng, 10.0)
    clipped, total = clip_by_global_norm(grads, 1.0)
    assert total == pytest.approx(np.sqrt(sum(np.sum(g**2) for g in grads.values())))
    assert global_norm(clipped) == pytest.approx(1.0)
    for k in grads:  # one common factor: every array points the same way as before
        np.testing.assert_allclose(clipped[k], grads[k] / total)


def test_below_the_threshold_nothing_changes(rng):
    grads = _grads(rng, 0.01)
    clipped, total = clip_by_global_norm(grads, 5.0)
    assert total < 5.0
    for k in grads:
        np.testing.assert_array_equal(clipped[k], grads[k])


def test_threshold_not_one_decides(rng):
    """The note's slip: rescaling happens when the norm exceeds the threshold, not when it exceeds 1."""
    g = np.array([3.0, 4.0])  # norm 5
    clipped, total = clip_by_global_norm([g], 10.0)
    np.testing.assert_array_equal(clipped[0], g)
    clipped, _ = clip_by_global_norm([g], 2.0)
    np.testing.assert_allclose(clipped[0], g * 2.0 / 5.0)


def test_inputs_are_untouched_and_structure_is_kept(rng):
    grads = _grads(rng, 10.0)
    before = {k: v.copy() for k, v in grads.items()}
    clipped, _ = clip_by_global_norm(grads, 1.0)
    assert isinstance(clipped, dict) and list(clipped) == list(grads)
    for k in grads:
        np.testing.assert_array_equal(grads[k], before[k])
        assert clipped[k] is not grads[k]
    as_list, _ = clip_by_global_norm(list(grads.values()), 1.0)
    as_tuple, _ = clip_by_global_norm(tuple(grads.values()), 1.0)
    assert isinstance(as_list, list) and isinstance(as_tuple, tuple)
    single, _ = clip_by_global_norm(np.array([3.0, 4.0]), 1.0)
    assert isinstance(single, np.ndarray)


def test_zero_gradients_come_back_unchanged():
    clipped, total = clip_by_global_norm({"W": np.zeros((2, 2))}, 1.0)
    assert total == 0.0
    np.testing.assert_array_equal(clipped["W"], 0.0)
    np.testing.assert_array_equal(clip_by_value([np.zeros(3)], 1.0)[0], 0.0)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_raises_naming_the_array(bad):
    grads = {"Wx": np.ones(3), "Wh": np.array([1.0, bad])}
    with pytest.raises(FloatingPointError, match=r"grads\['Wh'\] contains NaN or inf"):
        clip_by_global_norm(grads, 1.0)
    with pytest.raises(FloatingPointError, match=r"grads\[1\]"):
        clip_by_value([np.ones(2), np.array([bad])], 1.0)


@pytest.mark.parametrize("threshold", [0.0, -1.0, np.inf, np.nan])
def test_bad_threshold_raises(threshold):
    with pytest.raises(ValueError, match="must be a positive finite threshold"):
        clip_by_global_norm([np.ones(2)], threshold)
    with pytest.raises(ValueError, match="must be a positive finite threshold"):
        clip_by_value([np.ones(2)], threshold)


def test_huge_gradients_do_not_overflow_the_norm():
    g = np.array([3e200, 4e200])
    clipped, total = clip_by_global_norm([g], 1.0)
    assert total == pytest.approx(5e200)
    np.testing.assert_allclose(clipped[0], [0.6, 0.8])


def test_clip_by_value_changes_direction_clip_by_norm_does_not():
    g = np.array([10.0, 1.0])
    by_value = clip_by_value(g, 2.0)
    by_norm, _ = clip_by_global_norm(g, 2.0)
    np.testing.assert_array_equal(by_value, [2.0, 1.0])
    cos = lambda a, b: a @ b / np.linalg.norm(a) / np.linalg.norm(b)  # noqa: E731
    assert cos(by_norm, g) == pytest.approx(1.0)
    assert cos(by_value, g) < 0.99


@settings(max_examples=200, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 20), elements=st.floats(-1e6, 1e6)),
    st.floats(1e-3, 1e3),
)
def test_norm_never_exceeds_threshold(g, max_norm):
    clipped, total = clip_by_global_norm([g], max_norm)
    assert global_norm(clipped) <= max_norm * (1 + 1e-12)
    if total <= max_norm:
        np.testing.assert_array_equal(clipped[0], g)


def test_at_the_threshold_ge_and_gt_agree():
    """Algorithm 1 clips when ||g|| >= threshold, our code when ||g|| > threshold: at equality the factor is 1."""
    grads = {"W": np.array([3.0, 4.0])}  # norm exactly 5
    clipped, total = clip_by_global_norm(grads, 5.0)
    assert total == 5.0
    np.testing.assert_array_equal(clipped["W"], grads["W"] * (5.0 / total))
    np.testing.assert_array_equal(clipped["W"], grads["W"])


@pytest.mark.parametrize("scale", [0.01, 1.0, 30.0])
def test_the_exam_form_with_a_ratio_is_the_same_clipping(rng, scale):
    """The exam material's form (rate = threshold / norm; if rate < 1: grad = grad * rate), quiz 03.enshu-challenge."""
    grads = _grads(rng, scale)
    threshold = 2.0
    norm = global_norm(grads)
    rate = threshold / norm
    exam = {k: g * rate for k, g in grads.items()} if rate < 1 else grads
    clipped, _ = clip_by_global_norm(grads, threshold)
    for k in grads:
        np.testing.assert_allclose(clipped[k], exam[k], rtol=1e-12)
