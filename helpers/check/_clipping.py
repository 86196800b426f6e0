"""Checker for clipping by the global norm (notebook 03), against helpers.clipping."""

from __future__ import annotations

import numpy as np

from helpers.check._core import (
    Report,
    Stop,
    array,
    call,
    close,
    compose,
    first_match,
    passed,
    quiet,
    require_lang,
    say,
    stop,
)
from helpers.clipping import clip_by_global_norm


def _cases():
    """Three arrays per case, each array's own norm below the threshold in the first case (so that per-array
    clipping leaves it alone while the global norm is above); the second case sits below the threshold."""
    rng = np.random.default_rng(3)
    shapes = ((3, 2), (2, 2), (4,))
    above = [rng.normal(size=s) for s in shapes]
    above = [a / np.linalg.norm(a) * n for a, n in zip(above, (0.8, 0.6, 0.9))]  # global norm about 1.35
    large = [rng.normal(size=s) * 5 for s in shapes]
    below = [rng.normal(size=s) * 0.1 for s in shapes]
    return [("above_threshold", above, 1.0), ("above_threshold", large, 2.0), ("below_threshold", below, 1.0)]


def _mistaken(mistake):
    def clip(grads, threshold):
        if mistake == "clip_per_array":
            return [g * min(1.0, threshold / np.linalg.norm(g)) for g in grads]
        if mistake == "clip_direction":
            return [np.clip(g, -threshold, threshold) for g in grads]
        norm = np.sqrt(sum(np.sum(g**2) for g in grads))
        if mistake == "clip_always":
            return [g * threshold / norm for g in grads]
        factor = norm / threshold if mistake == "clip_inverted" else threshold / norm
        return [g * factor for g in grads] if norm > threshold else [g.copy() for g in grads]

    return clip


MISTAKES = ("clip_per_array", "clip_always", "clip_inverted", "clip_direction")


def _outputs(fn, grads, threshold, lang):
    result = call(fn, ([g.copy() for g in grads], threshold), lang)
    if not isinstance(result, (list, tuple)) or len(result) != len(grads):
        got = type(result).__name__
        got = f"{got} of {len(result)}" if isinstance(result, (list, tuple)) else got
        stop(lang, "structure", "count", n=len(grads), names="a list of arrays, one per gradient", got=got)
    return {f"grads[{k}]": array(r, f"grads[{k}]", g.shape, lang) for k, (r, g) in enumerate(zip(result, grads))}


@quiet
def clip_by_norm(fn, lang: str = "en"):
    """Check a learner's clipping by the global norm (Pascanu et al. 2013, Algorithm 1; notebook 03).

    Parameters
    ----------
    fn : callable
        ``fn(grads, threshold) -> list of arrays``: ``grads`` is a list of arrays; if their global norm ‖g‖ exceeds
        ``threshold`` τ, every array is multiplied by τ/‖g‖, else all come back unchanged.
    lang : {"en", "ja"}

    Returns
    -------
    Report
        ``wrong_outputs`` ⊆ {"above_threshold", "below_threshold"}: where the result was wrong.
    """
    lang = require_lang(lang)
    cases = _cases()
    try:
        mine = [_outputs(fn, grads, threshold, lang) for _, grads, threshold in cases]
    except Stop as s:
        return s.report
    refs = [{f"grads[{k}]": g for k, g in enumerate(clip_by_global_norm(grads, threshold)[0])}
            for _, grads, threshold in cases]
    wrong = {kind for (kind, _, _), m, r in zip(cases, mine, refs) if not all(close(m[k], r[k]) for k in r)}
    if not wrong:
        return passed(lang, "helpers.clipping.clip_by_global_norm", len(cases))

    def mutant_reference(index, mutant):
        _, grads, threshold = cases[index]
        return {f"grads[{k}]": g for k, g in enumerate(mutant(grads, threshold))}

    causes = first_match(mine, {name: _mistaken(name) for name in MISTAKES}, mutant_reference)
    if not causes:  # a changed direction shows without knowing the rule: the result is not a multiple of g
        for (_, grads, _), m in zip(cases, mine):
            flat_g, flat_m = np.concatenate([g.ravel() for g in grads]), np.concatenate([v.ravel() for v in m.values()])
            if not close(flat_m, flat_g * (flat_g @ flat_m) / (flat_g @ flat_g)):
                causes = ["clip_direction"]
                break
    kinds = ("above_threshold", "below_threshold")
    extra = [say(lang, "clip_above" if k == "above_threshold" else "clip_below") for k in kinds if k in wrong]
    message = compose(lang, set(), (), None, causes, extra)
    return Report(False, frozenset(), frozenset(wrong), frozenset(causes), message, "values")
