"""The shared input checks behind every public function's error messages."""

import numpy as np
import pytest

from helpers._checks import as_array, require_bool, require_finite


def test_finite_check_is_not_fooled_by_an_overflowing_sum():
    require_finite(np.array([1e308, 1e308]), "x")  # the sum overflows, every entry is finite
    with pytest.raises(ValueError, match="x contains 1 NaN or inf"):
        require_finite(np.array([1e308, np.nan]), "x")
    with pytest.raises(ValueError, match="x contains 2 NaN or inf"):
        require_finite(np.array([np.inf, -np.inf, 1.0]), "x")


def test_as_array_converts_and_names_the_argument():
    assert as_array([[1, 2]], "w", "AB").dtype == np.float64
    x32 = np.zeros((2, 2), np.float32)
    assert as_array(x32, "w", "AB") is x32  # no copy when nothing needs converting
    assert as_array(x32, "w", "AB", np.float64).dtype == np.float64
    with pytest.raises(ValueError, match=r"w must be 2-D with shape \(A, B\), got 1-D shape \(3,\)"):
        as_array(np.zeros(3), "w", "AB")
    with pytest.raises(ValueError, match="w must be an array of numbers, got dtype <U1"):
        as_array([["a"]], "w", "AB")
    with pytest.raises(ValueError, match="could not convert"):
        as_array([[1, 2], [3]], "w", "AB")
    with pytest.raises(ValueError, match="w must be real"):
        as_array(np.zeros((1, 1), complex), "w", "AB")


def test_require_bool_takes_python_and_numpy_bools_only():
    assert require_bool(np.bool_(True), "flag") is True and require_bool(False, "flag") is False
    with pytest.raises(TypeError, match="flag must be True or False, got 1"):
        require_bool(1, "flag")
