"""The one-unit cliff model of notebook 03: forward, gradient, descent with and without clipping."""

import ast
from pathlib import Path

import numpy as np
import pytest

from helpers.activations import sigmoid
from helpers.cliff import (
    STEPS,
    cliff_descent,
    cliff_descent_one,
    cliff_error,
    cliff_error_and_grad,
    cliff_grid,
    cliff_states,
    clip_rows_by_norm,
    count_jumps,
    jump_lengths,
    random_starts,
)
from helpers.gradcheck import numerical_gradient, relative_error


def test_states_follow_the_recurrence():
    xs = cliff_states(2.5, -1.0)
    assert xs.shape == (STEPS + 1,) and xs[0] == 0.5
    np.testing.assert_allclose(xs[1:], 2.5 * sigmoid(xs[:-1]) - 1.0, rtol=1e-15)
    assert cliff_error(2.5, -1.0) == pytest.approx((sigmoid(xs[-1]) - 0.7) ** 2, rel=1e-15)


@pytest.mark.parametrize("w, b", [(1.0, 0.0), (-2.0, 1.5), (3.0, -1.0), (6.0, -1.0), (8.0, -5.0), (4.5, -2.2)])
def test_gradient_matches_centred_differences(w, b):
    """Points on the slopes and plateaus (not on the razor-thin wall, where no finite difference is accurate)."""
    theta = np.array([w, b])
    numeric = numerical_gradient(lambda: float(cliff_error(theta[0], theta[1])), theta, eps=1e-6)
    _, dw, db = cliff_error_and_grad(w, b)
    assert relative_error(np.array([dw, db]), numeric) < 1e-6


def test_everything_broadcasts_over_grids_of_parameters():
    w = np.linspace(0, 10, 7)[None, :]
    b = np.linspace(-6, 2, 5)[:, None]
    E, dw, db = cliff_error_and_grad(w, b)
    assert E.shape == dw.shape == db.shape == (5, 7)
    _, dw0, db0 = cliff_error_and_grad(w[0, 3], b[2, 0])
    assert dw[2, 3] == pytest.approx(float(dw0), rel=1e-13) and db[2, 3] == pytest.approx(float(db0), rel=1e-13)
    ws, bs, grid = cliff_grid((0, 10), (-6, 2), 9)
    assert grid.shape == (9, 9) and grid[4, 2] == pytest.approx(float(cliff_error(ws[2], bs[4])), rel=1e-15)


def test_surface_has_two_plateaus_and_a_valley():
    """Below the cliff sigma(x_50) -> 0 (E -> 0.49), above it -> 1 (E -> 0.09); the valley reaches E ~ 0."""
    assert cliff_error(8.0, -5.0) == pytest.approx(0.49, abs=0.01)
    assert cliff_error(8.0, 0.0) == pytest.approx(0.09, abs=0.01)
    _, _, E = cliff_grid((0, 4), (-2, 1), 200)
    assert E.min() < 1e-4


def test_the_wall_is_a_jump_with_a_huge_gradient():
    lo, hi = -4.0, -2.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cliff_error(6.0, mid) > 0.2 else (lo, mid)
    far = np.hypot(*cliff_error_and_grad(6.0, lo - 1e-2)[1:])
    near = np.hypot(*cliff_error_and_grad(6.0, lo - 1e-8)[1:])
    assert far < 0.2 and near > 1e6
    assert cliff_error(6.0, lo - 1e-2) - cliff_error(6.0, hi + 1e-2) > 0.3  # a drop of the error across the wall


def test_clipping_rows_keeps_direction_and_caps_length():
    g = np.array([[3.0, 4.0], [0.3, 0.4], [0.0, 0.0], [-600.0, 800.0]])
    out = clip_rows_by_norm(g, 1.0)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), [1.0, 0.5, 0.0, 1.0])
    np.testing.assert_allclose(out[3] / np.linalg.norm(out[3]), g[3] / np.linalg.norm(g[3]))
    assert clip_rows_by_norm(g, None) is g
    with pytest.raises(ValueError, match="threshold must be a positive number"):
        clip_rows_by_norm(g, 0.0)


def test_clipped_descent_never_steps_farther_than_lr_times_threshold():
    starts = random_starts(50, np.random.default_rng(3))
    run = cliff_descent(starts, lr=0.7, iterations=60, clip=0.5)
    assert jump_lengths(run["path"]).max() <= 0.7 * 0.5 + 1e-12
    assert run["path"].shape == (50, 61, 2) and run["E"].shape == (50, 61) and run["grad_norm"].shape == (50, 60)


def test_descent_follows_the_gradient():
    run = cliff_descent(np.array([[1.0, 0.3]]), lr=0.5, iterations=1)
    _, dw, db = cliff_error_and_grad(1.0, 0.3)
    np.testing.assert_allclose(run["path"][0, 1], [1.0 - 0.5 * dw, 0.3 - 0.5 * db], rtol=1e-14)
    assert run["E"][0, 1] < run["E"][0, 0]


@pytest.mark.parametrize("clip", [None, 1.0])
def test_scalar_descent_equals_the_vectorised_one_away_from_the_wall(clip):
    """The explorer's plain-float version does the same arithmetic (to rounding) as cliff_descent.

    Rounding differs between the two (and between SIMD paths: NumPy's vectorised exp is not the scalar one), so
    each quantity is compared relative to its own scale along the path: late in the descent the gradient is ~4e-9,
    the difference of two terms that are each ~1e-1, and its last bits are noise at ~1e-16 (7e-17 seen on AVX-512).
    """
    start = np.array([[1.5, 0.5]])  # on the slope towards the valley, never near the cliff
    many = cliff_descent(start, lr=0.5, iterations=300, clip=clip)
    one = cliff_descent_one(1.5, 0.5, lr=0.5, iterations=300, clip=clip)
    for key in ("path", "E", "grad_norm"):
        scale = np.abs(many[key][0]).max()
        np.testing.assert_allclose(one[key], many[key][0], rtol=1e-9, atol=1e-12 * scale, err_msg=key)
    assert not one["overflow"]


def test_scalar_descent_jumps_where_the_vectorised_one_does():
    """At the wall rounding differences grow, but both versions see the same event: one jump, then a plateau."""
    for w0, b0 in ((5.0, -4.0), (6.0, -1.5), (6.5, -4.0)):
        one = cliff_descent_one(w0, b0, lr=0.5, iterations=300)
        many = cliff_descent(np.array([[w0, b0]]), lr=0.5, iterations=300)
        assert count_jumps(one["path"][None]) == count_jumps(many["path"]) == 1
        assert one["E"][-1] > 0.05 and many["E"][0, -1] > 0.05
        clipped = cliff_descent_one(w0, b0, lr=0.5, iterations=300, clip=1.0)
        assert count_jumps(clipped["path"][None]) == 0 and clipped["E"][-1] < 0.01


def test_scalar_descent_stops_cleanly_when_the_gradient_overflows():
    """x = 0 is a fixed point of x -> 4.5 sigma(x) - 2.25 where each step back multiplies by 4.5/4 = 1.125;
    over 6100 steps that is 1.125^6100 > 1e308, beyond float64."""
    run = cliff_descent_one(4.5, -2.25, lr=0.5, iterations=3, x0=0.0, steps=6100)
    assert run["overflow"] and run["path"].shape == (1, 2) and run["grad_norm"].shape == (0,)
    assert np.isfinite(run["path"]).all() and run["E"].shape == (1,) and np.isfinite(run["E"]).all()
    fine = cliff_descent_one(4.5, -2.25, lr=0.5, iterations=3, x0=0.0, steps=5000)
    assert not fine["overflow"] and fine["grad_norm"][0] > 1e250


def test_count_jumps_counts_long_updates_only():
    path = np.array([[[0, 0], [1, 0], [7, 0], [7, 4], [7, 10]]], dtype=float)
    np.testing.assert_allclose(jump_lengths(path), [[1, 6, 4, 6]])
    assert count_jumps(path) == 2 and count_jumps(path, size=10) == 0


def test_random_starts_are_reproducible_and_inside_the_box():
    a = random_starts(100, np.random.default_rng(0), (0, 10), (-6, 2))
    b = random_starts(100, np.random.default_rng(0), (0, 10), (-6, 2))
    np.testing.assert_array_equal(a, b)
    assert a.shape == (100, 2) and a[:, 0].min() >= 0 and a[:, 0].max() <= 10
    assert a[:, 1].min() >= -6 and a[:, 1].max() <= 2


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="starts must have shape \\(n, 2\\)"):
        cliff_descent(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="lr must be a positive learning rate"):
        cliff_descent(np.zeros((3, 2)), lr=0.0)
    with pytest.raises(ValueError, match="w contains NaN or inf"):
        cliff_error(np.nan, 0.0)
    with pytest.raises(ValueError, match="w and b must broadcast together"):
        cliff_error(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="clip must be a positive threshold or None"):
        cliff_descent_one(1.0, 0.0, clip=-1.0)
    with pytest.raises(TypeError, match="numpy Generator"):
        random_starts(5, 0)


def test_cliff_is_numpy_only():
    """Part of the numeric core: no matplotlib, ipywidgets or IPython."""
    tree = ast.parse((Path(__file__).resolve().parents[1] / "helpers" / "cliff.py").read_text())
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m.split(".")[0] for m in modules} & {"matplotlib", "ipywidgets", "IPython"}
