"""Input checks shared by the public functions: fail early, in words a learner can act on.

Every message names the argument, says what was expected and what arrived, e.g.
``ValueError: xs has D=7 but params["Wx"] expects D=3``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def as_array(x, name: str, layout: str, dtype=None) -> np.ndarray:
    """Return `x` as a floating ndarray whose rank matches `layout` (e.g. ``"NTD"``).

    `dtype` forces a floating dtype; by default integers become float64 and floats keep theirs.
    """
    if (type(x) is np.ndarray and x.ndim == len(layout) and x.dtype.kind == "f"
            and (dtype is None or x.dtype == dtype)):
        return x  # the common case, checked in a few attribute reads
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{name} must be an array of numbers; could not convert it ({exc})") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(f"{name} must be an array of numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name} must be real, got dtype {arr.dtype}")
    if arr.ndim != len(layout):
        shape = "(" + ", ".join(layout) + ")"
        raise ValueError(f"{name} must be {len(layout)}-D with shape {shape}, got {arr.ndim}-D shape {arr.shape}")
    if dtype is not None:
        arr = arr.astype(dtype, copy=False)
    elif not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    return arr


def require_finite(arr: np.ndarray, name: str) -> None:
    """Raise ValueError if `arr` holds NaN or inf, saying how many."""
    if not np.isfinite(arr).all():
        bad = int(arr.size - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} contains {bad} NaN or inf value(s); expected only finite numbers")


def gate_blocks(params, gates, bias_keys, diagonal_keys=()) -> tuple[dict, int, int]:
    """Check the weights of a gated cell whose gates sit side by side in column blocks (the LSTM, the GRU).

    ``Wx`` (D, kH) and ``Wh`` (H, kH) with k = len(gates), every bias in `bias_keys` (kH,), every diagonal weight in
    `diagonal_keys` (H,). Returns the arrays (in Wx's floating dtype), D and H.
    """
    require_keys(params, "params", ("Wx", "Wh", *bias_keys, *diagonal_keys))
    Wx = as_array(params["Wx"], 'params["Wx"]', "DG")
    if not np.issubdtype(Wx.dtype, np.floating):
        Wx = Wx.astype(np.float64)
    dtype = Wx.dtype
    D, G = Wx.shape
    k = len(gates)
    if G % k:
        raise ValueError(f'params["Wx"] must have {k}H columns (gates {tuple(gates)}), got {G}')
    H = G // k
    p = {"Wx": Wx, "Wh": as_array(params["Wh"], 'params["Wh"]', "HG", dtype)}
    require_size("H", 'params["Wh"]', p["Wh"].shape[0], f'params["Wx"] ({k}H columns)', H)
    require_size(f"{k}H", 'params["Wh"]', p["Wh"].shape[1], 'params["Wx"]', G)
    for key in bias_keys:
        p[key] = as_array(params[key], f'params["{key}"]', "G", dtype)
        require_size(f"{k}H", f'params["{key}"]', p[key].shape[0], 'params["Wx"]', G)
    for key in diagonal_keys:
        p[key] = as_array(params[key], f'params["{key}"]', "H", dtype)
        require_size("H", f'params["{key}"]', p[key].shape[0], f'params["Wx"] ({k}H columns)', H)
    for key, value in p.items():
        require_finite(value, f'params["{key}"]')
    return p, D, H


def state_or_zeros(arr, name: str, N: int, H: int, dtype) -> np.ndarray:
    """A recurrent state (or its gradient) of shape (N, H) as an array of `dtype`; None means zeros."""
    if arr is None:
        return np.zeros((N, H), dtype)
    arr = as_array(arr, name, "NH", dtype)
    require_size("N", name, arr.shape[0], "the input batch", N)
    require_size("H", name, arr.shape[1], 'params["Wh"]', H)
    require_finite(arr, name)
    return arr


def require_size(dim: str, name: str, size: int, ref_name: str, ref_size: int) -> None:
    """Raise ``ValueError: <name> has <dim>=<size> but <ref_name> expects <dim>=<ref_size>``."""
    if size != ref_size:
        raise ValueError(f"{name} has {dim}={size} but {ref_name} expects {dim}={ref_size}")


def require_keys(params, name: str, keys) -> None:
    """Raise if `params` is not a mapping holding every key in `keys`."""
    if not isinstance(params, Mapping):
        raise ValueError(f"{name} must be a dict with keys {sorted(keys)}, got {type(params).__name__}")
    missing = [k for k in keys if k not in params]
    if missing:
        raise ValueError(f"{name} is missing {missing}; expected keys {sorted(keys)}, got {sorted(params)}")


def require_choice(value, name: str, choices) -> None:
    """Raise if `value` is not one of `choices`."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {sorted(choices)}, got {value!r}")


def require_bool(value, name: str) -> bool:
    """Return `value` as bool if it is True or False (a NumPy bool too), else raise TypeError."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def require_positive_int(value, name: str, minimum: int = 1) -> int:
    """Return `value` as int if it is an integer >= `minimum`, else raise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def require_generator(rng, name: str = "rng") -> np.random.Generator:
    """Return `rng` if it is a np.random.Generator; the series never seeds global state."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy Generator, e.g. np.random.default_rng(0), got {type(rng).__name__}"
        )
    return rng
