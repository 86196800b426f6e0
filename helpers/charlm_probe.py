"""Measuring a character language model from outside and from inside (notebook 11). NumPy only.

- The floor to beat: what a unigram and a bigram model with add-k smoothing score, in bits per character, on
  held-out text.
- Per-character features of a text (inside quotes or brackets, position in the line, a speaker-name line of a
  play, characters since a sentence end) and the cells whose activation follows a feature most closely (Pearson
  correlation), with what chance alone gives for comparison.
- Gate saturation as Karpathy, Johnson & Fei-Fei (2016) count it: the fraction of characters at which a gate unit
  is below 0.1 (left-saturated) or above 0.9 (right-saturated).
"""

from __future__ import annotations

import re

import numpy as np

from helpers._checks import as_array, require_finite

LEFT, RIGHT = 0.1, 0.9  # the saturation thresholds of Karpathy, Johnson & Fei-Fei (2016)


# --- baselines -----------------------------------------------------------------------------------------------------

def _text(text, name: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, got {type(text).__name__}")
    if not text:
        raise ValueError(f"{name} is empty; expected at least one character")
    return text


def _ids(ids, name: str, V: int) -> np.ndarray:
    arr = np.asarray(ids)
    if arr.ndim != 1 or arr.size == 0 or not np.issubdtype(arr.dtype, np.integer):
        raise ValueError(f"{name} must be a non-empty 1-D array of integer character ids, got dtype {arr.dtype} "
                         f"shape {arr.shape}")
    if arr.min() < 0 or arr.max() >= V:
        raise ValueError(f"{name} holds ids from {arr.min()} to {arr.max()}; expected 0 <= id < V = {V}")
    return arr


def _baseline_inputs(train_ids, held_out_ids, V, k) -> tuple[np.ndarray, np.ndarray, int, float]:
    V = int(V)
    if V < 1:
        raise ValueError(f"V must be at least 1, got {V}")
    if not np.isfinite(k) or k <= 0:
        raise ValueError(f"k (add-k smoothing) must be a positive number, got {k}")
    return _ids(train_ids, "train_ids", V), _ids(held_out_ids, "held_out_ids", V), V, float(k)


def unigram_bits_per_char(train_ids, held_out_ids, V: int, k: float = 1.0) -> float:
    """Held-out bits per character of a model that ignores context: p(c) = (n_c + k) / (N + kV).

    Parameters
    ----------
    train_ids, held_out_ids : (N,) and (M,) int arrays
        Character ids in [0, V) (e.g. ``CharLM.encode(text)``, so that rare characters count as the model's
        unknown symbol).
    V : int
        Vocabulary size (every id the model may have to predict).
    k : float
        Add-k smoothing: every character gets k pseudo-counts, so none has probability 0.

    >>> round(unigram_bits_per_char([0, 0, 1, 1], [0, 1], V=2), 6)
    1.0
    """
    train, held, V, k = _baseline_inputs(train_ids, held_out_ids, V, k)
    p = (np.bincount(train, minlength=V) + k) / (train.size + k * V)
    return float(-np.log2(p[held]).mean())


def bigram_bits_per_char(train_ids, held_out_ids, V: int, k: float = 1.0) -> float:
    """Held-out bits per character of a model that sees one character back: p(c | b) = (n_bc + k) / (n_b + kV).

    The first held-out character has no predecessor inside the held-out text; it is predicted from the last
    training character, as a model reading on from the training text would.

    >>> round(bigram_bits_per_char([0, 1, 0, 1, 0], [1, 0], V=2, k=1.0), 6)  # p(1|0) = p(0|1) = 3/4
    0.415037
    """
    train, held, V, k = _baseline_inputs(train_ids, held_out_ids, V, k)
    counts = np.zeros((V, V))
    np.add.at(counts, (train[:-1], train[1:]), 1.0)
    p = (counts + k) / (counts.sum(axis=1, keepdims=True) + k * V)
    previous = np.concatenate([train[-1:], held[:-1]])
    return float(-np.log2(p[previous, held]).mean())


# --- features: one number per character ----------------------------------------------------------------------------

def inside(text: str, opening: str, closing: str) -> np.ndarray:
    """1.0 for each character inside a pair of marks (the marks included), else 0.0.

    Different marks nest (depth counted, a stray closing mark ignored); equal marks (a straight quote ") toggle.

    >>> inside('a(b(c)d)e', "(", ")").tolist()
    [0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0]
    >>> inside('x"y"z', '"', '"').tolist()
    [0.0, 1.0, 1.0, 1.0, 0.0]
    """
    _text(text, "text")
    if len(opening) != 1 or len(closing) != 1:
        raise ValueError(f"opening and closing must be single characters, got {opening!r} and {closing!r}")
    out = np.zeros(len(text))
    depth = 0
    for t, ch in enumerate(text):
        if opening == closing and ch == opening:
            out[t] = 1.0
            depth = 1 - depth
            continue
        if ch == opening:
            depth += 1
        out[t] = 1.0 if depth > 0 else 0.0
        if ch == closing and depth > 0:
            depth -= 1
    return out


def chars_since(text: str, marks: str) -> np.ndarray:
    """How many characters since the last of any of `marks`: 0 at a mark, then 1, 2, ...; before the first mark
    the count starts at 0 with the text's first character.

    >>> chars_since("ab。cd。", "。").tolist()
    [0.0, 1.0, 0.0, 1.0, 2.0, 0.0]
    """
    _text(text, "text")
    _text(marks, "marks")
    out = np.zeros(len(text))
    count = -1
    for t, ch in enumerate(text):
        count = 0 if ch in marks else count + 1
        out[t] = count
    return out


def position_in_line(text: str) -> np.ndarray:
    """Column of each character in its line: 0 for a line's first character; a newline gets the line's length.

    >>> position_in_line("ab\\ncd").tolist()
    [0.0, 1.0, 2.0, 0.0, 1.0]
    """
    _text(text, "text")
    out = np.zeros(len(text))
    column = 0
    for t, ch in enumerate(text):
        out[t] = column
        column = 0 if ch == "\n" else column + 1
    return out


SPEAKER = re.compile(r"[A-Z][A-Za-z' .-]{0,38}:")


def speaker_lines(text: str) -> np.ndarray:
    """1.0 for each character of a play's speaker-name line ("First Citizen:"), its newline included.

    A speaker line starts with a capital, holds only letters, spaces, apostrophes, dots or hyphens, ends with a
    colon, is at most 40 characters long and follows a blank line (or starts the text), as in tiny Shakespeare.

    >>> speaker_lines("A:\\nhi:\\n\\nBO B:\\nyo").tolist()
    [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0]
    """
    _text(text, "text")
    out = np.zeros(len(text))
    start, previous_blank = 0, True
    for line in text.split("\n"):
        end = start + len(line)
        if previous_blank and SPEAKER.fullmatch(line):
            out[start:min(end + 1, len(text))] = 1.0
        previous_blank = line.strip() == ""
        start = end + 1
    return out


def sentence_end(text: str, marks: str = "。") -> np.ndarray:
    """1.0 at each sentence-ending mark, else 0.0.

    >>> sentence_end("あ。い。").tolist()
    [0.0, 1.0, 0.0, 1.0]
    """
    _text(text, "text")
    _text(marks, "marks")
    return np.array([1.0 if ch in marks else 0.0 for ch in text])


# --- which cells follow a feature ----------------------------------------------------------------------------------

def _states(states, T: int) -> np.ndarray:
    arr = as_array(states, "states", "TH")
    require_finite(arr, "states")
    if arr.shape[0] != T:
        raise ValueError(f"states has T={arr.shape[0]} rows but the feature has {T} values; expected one row per "
                         "character")
    return arr


def _feature(feature) -> np.ndarray:
    arr = as_array(feature, "feature", "T")
    require_finite(arr, "feature")
    if arr.size < 3:
        raise ValueError(f"feature must have at least 3 values to correlate, got {arr.size}")
    if np.ptp(arr) == 0:
        raise ValueError(f"feature is constant ({arr[0]:g}) over this text: there is nothing to correlate with; "
                         "choose a text in which it varies")
    return arr


def correlations(states, feature) -> np.ndarray:
    """Pearson correlation of each cell's activation over the text with `feature`; (H,) in [-1, 1].

    A cell whose activation never changes correlates with nothing: it gets 0.

    Parameters
    ----------
    states : (T, H) array
        One row per character (e.g. ``model.trace(text)["c"]``).
    feature : (T,) array
        One number per character (e.g. :func:`inside`).

    >>> correlations([[0.0, 1.0, 5.0], [1.0, 1.0, 3.0], [2.0, 1.0, 1.0]], [1.0, 2.0, 3.0]).round(6).tolist()
    [1.0, 0.0, -1.0]
    """
    f = _feature(feature)
    s = _states(states, f.size).astype(np.float64)
    fc = f - f.mean()
    sc = s - s.mean(axis=0)
    norms = np.sqrt((sc * sc).sum(axis=0)) * np.sqrt(fc @ fc)
    r = np.zeros(s.shape[1])
    moving = norms > 0
    r[moving] = (fc @ sc[:, moving]) / norms[moving]
    return np.clip(r, -1.0, 1.0)


def best_cells(states, feature, top: int = 3) -> list[tuple[int, float]]:
    """The `top` cells whose activation correlates most strongly with `feature` (either sign): [(cell, r), ...],
    strongest first (ties: lower cell index first).

    >>> best_cells([[0.0, 1.0, 5.0], [1.0, 1.0, 3.0], [2.0, 1.0, 2.0]], [1.0, 2.0, 3.0], top=2)
    [(0, 1.0), (2, -0.981981)]
    """
    r = correlations(states, feature)
    top = int(top)
    if not 1 <= top <= r.size:
        raise ValueError(f"top must be between 1 and the number of cells ({r.size}), got {top}")
    order = np.argsort(-np.abs(r), kind="stable")[:top]
    return [(int(i), round(float(r[i]), 6)) for i in order]


def chance_correlation(states, feature, shifts) -> float:
    """The strongest |r| any cell reaches with `feature` moved in time (circularly) by each of `shifts`: what
    searching H cells finds by chance when activation and feature only share their slowness, not their meaning.

    A cell that tracks a feature should correlate clearly above this.
    """
    f = _feature(feature)
    shifts = [int(s) for s in np.atleast_1d(shifts)]
    if not shifts or any(s % f.size == 0 for s in shifts):
        raise ValueError(f"shifts must be non-empty and none a multiple of T = {f.size} (that is no shift), "
                         f"got {shifts}")
    return max(float(np.abs(correlations(states, np.roll(f, s))).max()) for s in shifts)


# --- gate saturation -----------------------------------------------------------------------------------------------

def saturation(gate, left: float = LEFT, right: float = RIGHT) -> tuple[np.ndarray, np.ndarray]:
    """Per unit, the fraction of characters at which a gate is left-saturated (< `left`) and right-saturated
    (> `right`), as Karpathy, Johnson & Fei-Fei (2016) plot them.

    Parameters
    ----------
    gate : (T, H) array of values in [0, 1]
        A gate's activation per character (e.g. ``model.trace(text)["f"]``).

    Returns
    -------
    left_fraction, right_fraction : (H,) arrays

    >>> l, r = saturation([[0.05, 0.5], [0.95, 0.5], [0.01, 0.99], [0.5, 0.5]])
    >>> l.tolist(), r.tolist()
    ([0.5, 0.0], [0.25, 0.25])
    """
    g = as_array(gate, "gate", "TH")
    require_finite(g, "gate")
    if g.min() < 0 or g.max() > 1:
        raise ValueError(f"gate values must lie in [0, 1] (a sigmoid's output), got {g.min():g} to {g.max():g}")
    if not 0 <= left < right <= 1:
        raise ValueError(f"need 0 <= left < right <= 1, got left={left}, right={right}")
    return (g < left).mean(axis=0), (g > right).mean(axis=0)


# --- samples -------------------------------------------------------------------------------------------------------

def samples_at(model, temperatures, n: int, seed: int, prime: str = "") -> list[tuple[float, str]]:
    """``model.sample`` at each temperature, every one from the same seed, so that only the temperature differs.

    Parameters
    ----------
    model : object with ``sample(n, rng, temperature, prime)`` (a :class:`helpers.charlm.CharLM`)
    temperatures : sequence of float > 0
    n : int
        Characters per sample.
    seed : int
        Seed of each sample's ``np.random.default_rng``.
    prime : str
        Text the model reads before writing.

    Returns
    -------
    list of (temperature, text)
    """
    temperatures = [float(t) for t in temperatures]
    if not temperatures or not all(np.isfinite(t) and t > 0 for t in temperatures):
        raise ValueError(f"temperatures must be positive numbers, got {temperatures}")
    return [(t, model.sample(n, np.random.default_rng(seed), temperature=t, prime=prime)) for t in temperatures]
