"""The shipped texts, their training and held-out parts, and their vocabularies (``helpers/data/``)."""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

import numpy as np

from helpers._checks import require_choice, require_positive_int

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
CORPORA = ("shakespeare", "soseki")
UNKNOWN = "\u3013"  # 〓
"""The one symbol every character outside a vocabulary is read as."""
MIN_COUNT = {"shakespeare": 1, "soseki": 10}
"""A corpus's vocabulary: the characters seen at least this often in its training part (+ UNKNOWN if any was cut)."""
HELD_OUT_FRACTION = 0.1

@functools.lru_cache(maxsize=len(CORPORA))
def load_corpus(name: str) -> str:
    """The whole text of a shipped corpus, ``"shakespeare"`` or ``"soseki"`` (see ``helpers/data/README.md``).

    >>> len(load_corpus("shakespeare"))
    1115394
    """
    require_choice(name, "name", CORPORA)
    with gzip.open(DATA_DIR / f"{name}.txt.gz", "rb") as f:
        return f.read().decode("utf-8")


def _require_text(text, name: str, minimum: int = 1) -> str:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, got {type(text).__name__}")
    if len(text) < minimum:
        raise ValueError(f"{name} must hold at least {minimum} character(s), got {len(text)}")
    return text


def split(text: str) -> tuple[str, str]:
    """``(train, held_out)``: the held-out part is the last 10 % of `text` (floor), never shuffled.

    >>> split("abcdefghijklmnopqrst")
    ('abcdefghijklmnopqr', 'st')
    """
    text = _require_text(text, "text", 10)
    cut = len(text) - int(len(text) * HELD_OUT_FRACTION)
    return text[:cut], text[cut:]


def vocabulary(text: str, min_count: int = 1) -> str:
    """The sorted characters seen at least `min_count` times in `text`, plus :data:`UNKNOWN` if any was cut.

    >>> vocabulary("aab", min_count=2) == "a" + UNKNOWN
    True
    """
    text = _require_text(text, "text")
    min_count = require_positive_int(min_count, "min_count")
    chars, counts = np.unique(np.array(list(text)), return_counts=True)
    kept = {str(c) for c, n in zip(chars, counts) if n >= min_count}
    if len(kept) < len(chars):
        kept.add(UNKNOWN)
    return "".join(sorted(kept))


def corpus_vocabulary(name: str) -> str:
    """The vocabulary of a shipped corpus: :func:`vocabulary` of its training part with :data:`MIN_COUNT` [name]."""
    require_choice(name, "name", CORPORA)
    return vocabulary(split(load_corpus(name))[0], MIN_COUNT[name])


def _check_vocab(vocab) -> str:
    if not isinstance(vocab, str):
        raise TypeError(f"vocab must be a str of distinct characters or one of {list(CORPORA)}, "
                        f"got {type(vocab).__name__}")
    if vocab in CORPORA:
        return corpus_vocabulary(vocab)
    if len(vocab) < 2:
        raise ValueError(f"vocab must hold at least 2 distinct characters, got {vocab!r}")
    if len(set(vocab)) != len(vocab):
        repeated = sorted({c for c in vocab if vocab.count(c) > 1})
        raise ValueError(f"vocab must hold distinct characters (or be one of {list(CORPORA)}); "
                         f"repeated: {repeated[:10]}")
    return vocab
