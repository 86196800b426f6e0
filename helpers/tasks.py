"""Synthetic sequence tasks. Every generator takes an explicit np.random.Generator; nothing is seeded globally.

Examples
--------
>>> import numpy as np
>>> xs, ys = adding_problem(4, 10, np.random.default_rng(0))
>>> xs.shape, ys.shape
((4, 10, 2), (4, 1))
>>> bool(np.allclose(ys[:, 0], (xs[:, :, 0] * xs[:, :, 1]).sum(axis=1)))
True
"""

from __future__ import annotations

import numpy as np

from helpers._checks import require_generator, require_positive_int

ADDING_BASELINE_MSE = 1.0 / 6.0
"""MSE of always predicting the mean target 1.0: the variance of a sum of two U(0, 1) values, 2/12."""


def adding_problem(N: int, T: int, rng: np.random.Generator):
    """The adding problem (Hochreiter & Schmidhuber 1997): add the two marked numbers of a sequence.

    Channel 0 holds values drawn from U(0, 1); channel 1 is 1 at two positions, one in the first half
    of the sequence and one in the second half, and 0 elsewhere. The target is the sum of the two
    marked values, so the first marker can lie up to T - 1 steps before the answer is asked for.

    Parameters
    ----------
    N : int
        Batch size.
    T : int
        Sequence length, >= 2.
    rng : np.random.Generator

    Returns
    -------
    xs : (N, T, 2) ndarray
    ys : (N, 1) ndarray
    """
    N = require_positive_int(N, "N")
    T = require_positive_int(T, "T", minimum=2)
    rng = require_generator(rng)
    values = rng.uniform(0.0, 1.0, size=(N, T))
    half = T // 2
    first = rng.integers(0, half, size=N)
    second = rng.integers(half, T, size=N)
    markers = np.zeros((N, T))
    rows = np.arange(N)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    xs = np.stack([values, markers], axis=2)
    ys = (values[rows, first] + values[rows, second])[:, None]
    return xs, ys
