"""Training recipes: what ``python -m helpers.experiments charlm`` runs (the shipped models' recipe)."""

from __future__ import annotations

import time

import numpy as np

from helpers._checks import require_choice, require_positive_int
from helpers.charlm.corpus import CORPORA, corpus_vocabulary, load_corpus, split
from helpers.charlm.model import KINDS, CharLM


def parameter_count(kind: str, V: int, embed: int, hidden: int) -> int:
    """How many numbers a :class:`CharLM` learns: V D (embedding) + the core + H V + V (read-out).

    The core: D H + H H + H (RNN), 3 (D H + H H) + 6 H (GRU, two bias vectors), 4 (D H + H H) + 4 H (LSTM).

    >>> parameter_count("lstm", 65, 32, 192)
    187425
    """
    require_choice(kind, "kind", KINDS)
    V, D, H = (require_positive_int(v, n) for v, n in ((V, "V"), (embed, "embed"), (hidden, "hidden")))
    core = {"rnn": D * H + H * H + H, "gru": 3 * (D * H + H * H) + 6 * H, "lstm": 4 * (D * H + H * H) + 4 * H}[kind]
    return V * D + core + H * V + V


def hidden_for_budget(kind: str, budget: int, V: int, embed: int) -> int:
    """The hidden size H whose :func:`parameter_count` comes closest to `budget` (the smaller H on a tie).

    >>> hidden_for_budget("gru", parameter_count("lstm", 65, 32, 192), 65, 32)
    222
    """
    budget = require_positive_int(budget, "budget")
    H = 1
    while parameter_count(kind, V, embed, H) < budget:
        H += 1
    below = parameter_count(kind, V, embed, max(1, H - 1))
    return H - 1 if H > 1 and budget - below <= parameter_count(kind, V, embed, H) - budget else H


def train_model(corpus: str, kind: str = "lstm", *, seed: int = 0, hidden: int | None = None,
                budget: int | None = None, embed: int = 32, iterations: int = 3000, batch: int = 32,
                window: int = 64, lr: float = 3e-3, lr_end: float | None = 3e-4, clip: float = 1.0,
                eval_every: int = 500, progress: bool = True) -> CharLM:
    """A :class:`CharLM` trained on the training part of a shipped corpus, measured on its held-out part.

    The initial weights come from ``np.random.default_rng(seed)``; the text is read in a fixed order, so on one
    machine (same NumPy, same BLAS, one BLAS thread) the same arguments give the same weights. Give either
    `hidden` or `budget` (a parameter count; :func:`hidden_for_budget` picks H). The settings, the time taken
    and the final held-out bits per character go to :attr:`CharLM.info`, the curves to :attr:`CharLM.history`.
    """
    require_choice(corpus, "corpus", CORPORA)
    if (hidden is None) == (budget is None):
        raise ValueError(f"give exactly one of hidden and budget, got hidden={hidden!r}, budget={budget!r}")
    seed = require_positive_int(seed, "seed", minimum=0)
    vocab = corpus_vocabulary(corpus)
    if hidden is None:
        hidden = hidden_for_budget(kind, budget, len(vocab), embed)
    model = CharLM(vocab, kind=kind, hidden=hidden, embed=embed, rng=np.random.default_rng(seed))
    train, held_out = split(load_corpus(corpus))
    started = time.perf_counter()
    history = model.fit(train, iterations, batch=batch, window=window, lr=lr, lr_end=lr_end, clip=clip,
                        held_out=held_out, eval_every=eval_every, progress=progress,
                        desc=f"{corpus} {kind} H={hidden}")
    model.info = {"corpus": corpus, "seed": seed, "iterations": iterations, "batch": batch, "window": window,
                  "lr": lr, "lr_end": lr_end, "clip": clip, "eval_every": eval_every, "budget": budget,
                  "parameters": model.n_parameters(), "train_seconds": round(float(history["seconds"][-1]), 1),
                  "wall_seconds": round(time.perf_counter() - started, 1),
                  "held_out_bpc": round(float(history["held_out_bpc"][-1]), 4), "numpy": np.__version__}
    return model
