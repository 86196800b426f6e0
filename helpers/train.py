"""A small training loop: SGD or Adam, optional clipping by global norm, a progress bar, a history.

Examples
--------
>>> import numpy as np
>>> from helpers.models import SequenceRegressor
>>> from helpers.tasks import adding_problem
>>> rng = np.random.default_rng(0)
>>> model = SequenceRegressor("lstm", D=2, H=8, rng=rng)
>>> history = train(model, lambda r: adding_problem(32, 10, r), 5, rng, lr=1e-2, clip=1.0, progress=False)
>>> history["loss"].shape
(5,)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from tqdm.auto import tqdm

from helpers._checks import require_choice, require_generator, require_positive_int
from helpers.clipping import clip_by_global_norm, global_norm

OPTIMIZERS = ("sgd", "adam")


class SGD:
    """Plain gradient descent: p <- p - lr * g."""

    def __init__(self, lr: float):
        self.lr = lr

    def step(self, params: dict, grads: dict) -> None:
        for k, g in grads.items():
            params[k] -= self.lr * g


class Adam:
    """Adam (Kingma & Ba 2015) with bias correction; holds its moment estimates, so it is a class."""

    def __init__(self, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m: dict = {}
        self.v: dict = {}
        self.t = 0

    def step(self, params: dict, grads: dict) -> None:
        self.t += 1
        correction1 = 1.0 - self.beta1**self.t
        correction2 = 1.0 - self.beta2**self.t
        for k, g in grads.items():
            m = self.m.setdefault(k, np.zeros_like(g))
            v = self.v.setdefault(k, np.zeros_like(g))
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            params[k] -= self.lr * (m / correction1) / (np.sqrt(v / correction2) + self.eps)


def make_optimizer(name: str, lr: float):
    """"sgd" or "adam" with learning rate `lr` (> 0)."""
    require_choice(name, "optimizer", OPTIMIZERS)
    if not np.isfinite(lr) or lr <= 0:
        raise ValueError(f"lr must be a positive learning rate, got {lr!r}")
    return SGD(lr) if name == "sgd" else Adam(lr)


def train(
    model,
    batch_fn: Callable,
    iterations: int,
    rng: np.random.Generator,
    *,
    optimizer: str = "adam",
    lr: float = 1e-3,
    clip: float | None = 1.0,
    progress: bool = True,
    desc: str | None = None,
) -> dict:
    """Train `model` for `iterations` updates on fresh batches.

    Parameters
    ----------
    model : object
        Has ``params`` (dict of arrays) and ``loss_and_grads(xs, ys, mask=None) -> (loss, grads)``,
        e.g. :class:`helpers.models.SequenceRegressor`.
    batch_fn : callable
        ``batch_fn(rng) -> (xs, ys)`` or ``(xs, ys, mask)``: draws one batch from `rng`.
    iterations : int
    rng : np.random.Generator
        The only source of randomness for the batches.
    optimizer : {"adam", "sgd"}
    lr : float
    clip : float or None
        Threshold for clipping by global norm; None turns clipping off.
    progress : bool
        Show a tqdm progress bar (a widget in Jupyter, text elsewhere).
    desc : str, optional
        Label of the progress bar.

    Returns
    -------
    history : dict of ndarray, each (iterations,)
        ``"loss"``, ``"grad_norm"`` (before clipping) and ``"clipped"`` (whether clipping acted).

    Raises
    ------
    FloatingPointError
        If a gradient becomes NaN or inf; the message says at which iteration.
    """
    iterations = require_positive_int(iterations, "iterations")
    rng = require_generator(rng)
    opt = make_optimizer(optimizer, lr)
    history = {"loss": np.empty(iterations), "grad_norm": np.empty(iterations),
               "clipped": np.zeros(iterations, bool)}
    bar = tqdm(range(iterations), desc=desc or "training", disable=not progress, leave=False)
    for it in bar:
        batch = batch_fn(rng)
        loss, grads = model.loss_and_grads(*batch)
        try:
            if clip is None:
                norm = global_norm(grads)
            else:
                grads, norm = clip_by_global_norm(grads, clip)
        except FloatingPointError as exc:
            raise FloatingPointError(f"iteration {it}: {exc}") from None
        opt.step(model.params, grads)
        history["loss"][it] = loss
        history["grad_norm"][it] = norm
        history["clipped"][it] = clip is not None and norm > clip
        if it % 25 == 0 or it == iterations - 1:
            bar.set_postfix(loss=f"{loss:.4f}")
    bar.close()
    return history
