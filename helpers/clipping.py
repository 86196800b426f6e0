"""Gradient clipping: by global norm (Pascanu, Mikolov & Bengio 2013, Algorithm 1) and by value.

Both are pure: they return new arrays in the structure they were given (a dict, a list, a tuple or a
single array) and never touch their input. Clipping by norm rescales *once*, and only when the norm
exceeds the threshold, so the direction of the update is kept; clipping by value changes the direction.
Algorithm 1 rescales when the norm is >= the threshold; this code tests >, which is the same: at a norm equal
to the threshold the factor is exactly 1 and changes nothing.

Clipping by value is what Mikolov (2012) did, element-wise on the temporal components of the gradient;
Pascanu et al. report that in practice the two behave similarly.

Examples
--------
>>> import numpy as np
>>> clipped, norm = clip_by_global_norm({"W": np.array([3.0, 4.0])}, max_norm=1.0)
>>> float(norm), clipped["W"].tolist()
(5.0, [0.6000000000000001, 0.8])
>>> clip_by_value(np.array([3.0, -4.0, 0.5]), 1.0).tolist()
[1.0, -1.0, 0.5]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def _named_arrays(grads) -> list[tuple[str, np.ndarray]]:
    """Flatten the accepted structures into (name, array) pairs, refusing non-finite values."""
    if isinstance(grads, Mapping):
        items = [(f"grads[{k!r}]", v) for k, v in grads.items()]
    elif isinstance(grads, (list, tuple)):
        items = [(f"grads[{j}]", v) for j, v in enumerate(grads)]
    else:
        items = [("grads", grads)]
    out = []
    for name, value in items:
        arr = np.asarray(value)
        if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
            raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
        if not np.issubdtype(arr.dtype, np.floating):
            arr = arr.astype(np.float64)
        if not np.isfinite(arr).all():
            raise FloatingPointError(
                f"{name} contains NaN or inf: clipping cannot repair it (the step before already overflowed)"
            )
        out.append((name, arr))
    return out


def _rebuild(grads, arrays: list[np.ndarray]):
    if isinstance(grads, Mapping):
        return dict(zip(grads.keys(), arrays))
    if isinstance(grads, tuple):
        return tuple(arrays)
    if isinstance(grads, list):
        return list(arrays)
    return arrays[0]


def _check_threshold(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite threshold, got {value!r}")
    return float(value)


def global_norm(grads) -> float:
    """Euclidean norm of all gradient arrays taken together, ||g|| = sqrt(sum of every squared entry).

    Scaled by the largest entry first, so gradients of 1e200 give their norm instead of inf.

    Parameters
    ----------
    grads : dict, list or tuple of ndarray, or one ndarray

    Returns
    -------
    norm : float
    """
    arrays = [a for _, a in _named_arrays(grads)]
    biggest = max((float(np.max(np.abs(a))) for a in arrays if a.size), default=0.0)
    if biggest == 0.0:
        return 0.0
    return biggest * float(np.sqrt(sum(np.sum((a / biggest) ** 2) for a in arrays)))


def clip_by_global_norm(grads, max_norm: float):
    """Rescale all gradients together so that their global norm is at most `max_norm`.

    If ||g|| > max_norm, every array is multiplied by max_norm / ||g||; otherwise all come back unchanged.
    (Algorithm 1 writes ||g|| >= threshold: at equality the factor would be 1, so the two agree.)

    Parameters
    ----------
    grads : dict, list or tuple of ndarray, or one ndarray
    max_norm : float
        The threshold, > 0.

    Returns
    -------
    clipped : same structure as `grads`
        New arrays.
    total_norm : float
        The global norm *before* clipping (worth logging: Pascanu et al. choose the threshold from it).

    Raises
    ------
    FloatingPointError
        If any array holds NaN or inf.
    ValueError
        If `max_norm` is not positive and finite.
    """
    max_norm = _check_threshold(max_norm, "max_norm")
    arrays = [a for _, a in _named_arrays(grads)]
    total = global_norm(arrays)
    scale = max_norm / total if total > max_norm else 1.0
    return _rebuild(grads, [a * scale for a in arrays]), total


def clip_by_value(grads, clip_value: float):
    """Clip every entry into [-clip_value, clip_value] (changes the gradient's direction).

    Parameters
    ----------
    grads : dict, list or tuple of ndarray, or one ndarray
    clip_value : float
        > 0.

    Returns
    -------
    clipped : same structure as `grads`
    """
    clip_value = _check_threshold(clip_value, "clip_value")
    arrays = [a for _, a in _named_arrays(grads)]
    return _rebuild(grads, [np.clip(a, -clip_value, clip_value) for a in arrays])
