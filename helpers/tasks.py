"""Synthetic sequence tasks. Every generator takes an explicit np.random.Generator; nothing is seeded globally.

- :func:`adding_problem`: one adding episode per sequence, answered at the last step (notebooks 04-08).
- :func:`continual_adding_stream`: adding episodes back to back, never reset, with per-step targets and a
  mask (notebooks 06-08); :func:`masked_mse` scores a window of such a stream.
- :func:`interval_reproduction`: a timing task (notebook 07); :func:`timing_accuracy` scores it.

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

from helpers._checks import as_array, require_generator, require_positive_int, require_size

ADDING_BASELINE_MSE = 1.0 / 6.0
"""MSE of always predicting the mean target 1.0: the variance of a sum of two U(0, 1) values, 2/12."""


def adding_problem(N: int, T: int, rng: np.random.Generator):
    """The adding problem: add the two marked numbers of a sequence.

    A common variant of Hochreiter & Schmidhuber's (1997) Experiment 4, whose original draws the values
    from [-1, 1], puts the first marker among the first ten steps, asks for 0.5 + (X1 + X2) / 4 and
    varies the length between T and 1.1 T.

    Here channel 0 holds values drawn from U(0, 1); channel 1 is 1 at two positions, one in the first half
    of the sequence and one in the second half, and 0 elsewhere. The target is the sum of the two
    marked values, so the first marker can lie up to T - 1 steps before the answer is asked for, and the
    second at most T - 1 - T // 2 steps (49 for T = 100).

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


STREAM_CHANNELS = ("value", "marker", "end")
"""The three input channels of :func:`continual_adding_stream`, in order."""


def continual_adding_stream(N: int, T: int, rng: np.random.Generator, min_length: int = 5, max_length: int = 10):
    """A continual stream of adding episodes, back to back, never reset (after Gers, Schmidhuber & Cummins 2000).

    Each of the N rows is one stream of T steps made of adding episodes whose lengths are drawn uniformly
    from {min_length, ..., max_length}. Channel 0 holds values drawn from U(0, 1); channel 1 marks two of
    them in every episode (one in its first half, one in its second half); channel 2, the end flag, is 1 at
    the last step of every episode. At that step the target is the sum of the episode's two marked values,
    and the mask is 1 there and 0 everywhere else. Nothing resets the network between episodes: to answer
    the next episode it must clear what it stored for the last one (a forget gate can; the 1997 LSTM cannot).
    An episode cut off by the end of the stream has no end flag and no target.

    The three arrays are what :meth:`helpers.models.SequenceRegressor.loss_and_grads` takes (per-step targets
    and a mask), so ``train(model, lambda r: continual_adding_stream(32, 30, r), ...)`` trains on short streams
    that start from a zero state; a long stream is then tested with ``model.forward`` and scored in windows
    with :func:`masked_mse`. Notebook 06 trains on T = 30 (about four episodes) and tests on T = 2000.

    Parameters
    ----------
    N : int
        Number of streams (batch size).
    T : int
        Length of each stream, >= 2.
    rng : np.random.Generator
    min_length, max_length : int
        Shortest and longest episode, 2 <= min_length <= max_length.

    Returns
    -------
    xs : (N, T, 3) ndarray
        Channels as in :data:`STREAM_CHANNELS`: value, marker, end flag.
    ys : (N, T, 1) ndarray
        The episode's sum at its end step, 0 elsewhere.
    mask : (N, T) ndarray
        1 at every end step (where the loss looks), 0 elsewhere.

    Examples
    --------
    >>> import numpy as np
    >>> xs, ys, mask = continual_adding_stream(2, 50, np.random.default_rng(0))
    >>> xs.shape, ys.shape, mask.shape
    ((2, 50, 3), (2, 50, 1), (2, 50))
    >>> bool(np.all(mask == xs[:, :, 2]))  # the loss looks exactly where the end flag is up
    True
    >>> ends = np.flatnonzero(mask[0])
    >>> episode = slice(ends[0] + 1, ends[1] + 1)  # the second episode of the first stream
    >>> marked = xs[0, episode, 0] * xs[0, episode, 1]
    >>> bool(np.isclose(ys[0, ends[1], 0], marked.sum()))
    True
    """
    N = require_positive_int(N, "N")
    T = require_positive_int(T, "T", minimum=2)
    rng = require_generator(rng)
    min_length = require_positive_int(min_length, "min_length", minimum=2)
    max_length = require_positive_int(max_length, "max_length", minimum=2)
    if max_length < min_length:
        raise ValueError(f"max_length must be >= min_length, got min_length={min_length}, max_length={max_length}")
    E = T // min_length + 1  # enough episodes to cover T steps, whatever lengths are drawn
    lengths = rng.integers(min_length, max_length + 1, size=(N, E))
    starts = np.cumsum(lengths, axis=1) - lengths
    half = lengths // 2
    first = starts + rng.integers(0, half)
    second = starts + half + rng.integers(0, lengths - half)
    end = starts + lengths - 1
    values = rng.uniform(0.0, 1.0, size=(N, T))

    xs = np.zeros((N, T, 3))
    xs[:, :, 0] = values
    ys = np.zeros((N, T, 1))
    mask = np.zeros((N, T))
    rows = np.broadcast_to(np.arange(N)[:, None], (N, E))
    for pos, channel in ((first, 1), (second, 1), (end, 2)):
        inside = pos < T  # a marker of the last, cut-off episode may still fall inside the stream
        xs[rows[inside], pos[inside], channel] = 1.0
    done = end < T
    r, e = rows[done], end[done]
    ys[r, e, 0] = values[r, first[done]] + values[r, second[done]]
    mask[r, e] = 1.0
    return xs, ys, mask


def _checked_scoring_arrays(preds, ys, mask):
    """`preds` and `ys` as (N, T, out) and `mask` as (N, T) arrays, or a clear error if their shapes disagree."""
    preds = as_array(preds, "preds", "NTO")
    ys = as_array(ys, "ys", "NTO")
    mask = as_array(mask, "mask", "NT")
    for dim, k in (("N", 0), ("T", 1), ("out", 2)):
        require_size(dim, "ys", ys.shape[k], "preds", preds.shape[k])
    for dim, k in (("N", 0), ("T", 1)):
        require_size(dim, "mask", mask.shape[k], "preds", preds.shape[k])
    return preds, ys, mask


def masked_mse(preds, ys, mask, start: int = 0, stop: int | None = None) -> float:
    """Mean squared error over the masked steps in [start, stop): e.g. early or late in a long stream.

    Parameters
    ----------
    preds, ys : (N, T, out) ndarray
        Predictions and targets.
    mask : (N, T) ndarray
        1 where the error counts.
    start, stop : int
        Step range (Python slice semantics; stop None means T).

    Returns
    -------
    mse : float

    Examples
    --------
    >>> import numpy as np
    >>> ys = np.zeros((1, 4, 1)); preds = np.array([[[1.0], [0.0], [3.0], [0.0]]])
    >>> mask = np.array([[1.0, 0.0, 1.0, 0.0]])
    >>> masked_mse(preds, ys, mask), masked_mse(preds, ys, mask, start=2)
    (5.0, 9.0)
    """
    preds, ys, mask = _checked_scoring_arrays(preds, ys, mask)
    window = mask[:, start:stop]
    if window.sum() <= 0:
        raise ValueError(f"mask selects no step in [{start}, {stop}); widen the window")
    err = (preds[:, start:stop] - ys[:, start:stop]) ** 2 * window[:, :, None]
    return float(err.sum() / (window.sum() * preds.shape[2]))


def interval_reproduction(N: int, T: int, rng: np.random.Generator, min_gap: int = 5, max_gap: int = 20):
    """A timing task: measure the interval between two input spikes, then answer exactly that long after the second.

    In the spirit of the timing tasks for which Gers & Schmidhuber (2000) introduced peepholes. Channel 0 of
    every sequence is 0 except for two spikes (value 1) ``d`` steps apart, ``d`` drawn uniformly from
    {min_gap, ..., max_gap}; the first spike falls anywhere that leaves room for the answer. The target is 1
    exactly ``d`` steps after the second spike and 0 elsewhere. The mask covers every step after the second
    spike: the output must stay silent there except at the one right step.

    Parameters
    ----------
    N : int
        Batch size.
    T : int
        Sequence length, >= 2 * max_gap + 1.
    rng : np.random.Generator
    min_gap, max_gap : int
        Shortest and longest interval, 1 <= min_gap <= max_gap.

    Returns
    -------
    xs : (N, T, 1) ndarray
        The two spikes.
    ys : (N, T, 1) ndarray
        1 at the step to answer, 0 elsewhere.
    mask : (N, T) ndarray
        1 at every step after the second spike.

    Examples
    --------
    >>> import numpy as np
    >>> xs, ys, mask = interval_reproduction(3, 50, np.random.default_rng(0))
    >>> spikes = np.flatnonzero(xs[0, :, 0]); answer = int(np.flatnonzero(ys[0, :, 0])[0])
    >>> bool(answer - spikes[1] == spikes[1] - spikes[0])
    True
    >>> int(mask[0].sum()) == 50 - int(spikes[1]) - 1
    True
    """
    N = require_positive_int(N, "N")
    rng = require_generator(rng)
    min_gap = require_positive_int(min_gap, "min_gap")
    max_gap = require_positive_int(max_gap, "max_gap")
    if max_gap < min_gap:
        raise ValueError(f"max_gap must be >= min_gap, got min_gap={min_gap}, max_gap={max_gap}")
    T = require_positive_int(T, "T", minimum=2 * max_gap + 1)
    gap = rng.integers(min_gap, max_gap + 1, size=N)
    first = (rng.uniform(size=N) * (T - 2 * gap)).astype(int)  # in [0, T - 2 gap - 1]: the answer fits
    second, answer = first + gap, first + 2 * gap
    rows = np.arange(N)
    xs = np.zeros((N, T, 1))
    xs[rows, first, 0] = 1.0
    xs[rows, second, 0] = 1.0
    ys = np.zeros((N, T, 1))
    ys[rows, answer, 0] = 1.0
    mask = (np.arange(T)[None, :] > second[:, None]).astype(float)
    return xs, ys, mask


def timing_accuracy(preds, ys, mask) -> float:
    """Share of sequences whose largest output over the masked steps falls exactly on the target's step.

    Parameters
    ----------
    preds, ys : (N, T, 1) ndarray
        Outputs and targets of :func:`interval_reproduction`.
    mask : (N, T) ndarray

    Returns
    -------
    accuracy : float
        In [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> xs, ys, mask = interval_reproduction(4, 50, np.random.default_rng(1))
    >>> timing_accuracy(ys, ys, mask), timing_accuracy(np.roll(ys, 1, axis=1), ys, mask)
    (1.0, 0.0)
    """
    preds, ys, mask = _checked_scoring_arrays(preds, ys, mask)
    if np.any(mask.sum(axis=1) <= 0):
        raise ValueError("mask selects no step in some sequence; every sequence needs a window to answer in")
    masked = np.where(mask > 0, preds[:, :, 0], -np.inf)
    return float(np.mean(np.argmax(masked, axis=1) == np.argmax(ys[:, :, 0], axis=1)))
