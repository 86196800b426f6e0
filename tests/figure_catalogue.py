"""Every figure the lecture shows, drawn with small inputs: each public ``draw_*`` function of helpers.plots and each
diagram of helpers.diagrams, for the palette and legibility tests (tests/test_palette.py, tests/test_figure_text.py).

The inputs are small (a few iterations, a few units) but of the kind the notebooks pass, so every series, marker,
annotation and colour bar the real figure has is drawn here too.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache

import numpy as np

import helpers.plots
from helpers import diagrams

MODULES = [importlib.import_module(f"helpers.plots.{m.name}") for m in pkgutil.iter_modules(helpers.plots.__path__)
           if not m.name.startswith("_") and m.name != "palette"]


def public_draw_functions() -> set[str]:
    """``module.draw_x`` for every public draw function of helpers.plots."""
    return {f"{m.__name__.rsplit('.', 1)[1]}.{name}" for m in MODULES
            for name, f in inspect.getmembers(m, inspect.isfunction)
            if name.startswith("draw_") and f.__module__ == m.__name__}


@cache
def _tiny_runs():
    from helpers.experiments import Job, run_job

    size = {"T": 6, "iterations": 12, "H": 4, "batch": 8}
    runs = [run_job(Job(model=m, seed=3, **size)) for m in ("lstm", "rnn", "gru")]
    variants = [run_job(Job(model="lstm", seed=s, variant=v, **size)) for s in (0, 1) for v in ("standard", "NFG")]
    return runs, variants


def _loss(start: float, end: float, n: int = 120) -> np.ndarray:
    return np.geomspace(start, end, n) * (1 + 0.1 * np.sin(np.arange(n)))


def plot_figures(lang: str) -> dict:
    """name -> Figure for every public draw function of helpers.plots (the keys are ``module.draw_x``)."""
    from helpers.cliff import cliff_descent, random_starts
    from helpers.experiments import gates_at_markers
    from helpers.plots import backward, cec, charlm, clipping, experiments, forget, gates, gru, peephole, rnn, sigmoid
    from helpers.plots.palette import PALETTE
    from helpers.tasks import adding_problem
    from helpers.widgets.charlm import CELL_WIDTH, SAMPLE_LAYOUT  # the sizes the explorers draw at

    runs, variants = _tiny_runs()
    descents = [cliff_descent(random_starts(6, np.random.default_rng(0)), 0.5, 20, clip) for clip in (None, 1.0)]
    k = np.arange(21)
    bias_losses = {-3.0: _loss(0.2, 0.005), -1.0: _loss(0.2, 0.02), 0.0: _loss(0.2, 0.1), 1.0: _loss(0.2, 0.15)}
    xs, ys = adding_problem(1, 20, np.random.default_rng(0))
    windows = np.array([1.0, 2.0, 4.0])
    drift = {"with": {"max_c": windows, "mse": windows / 100, "color": PALETTE["lstm"]},
             "without": {"max_c": windows * 9, "mse": windows / 30, "color": PALETTE["linear"], "ls": "--"}}
    rng = np.random.default_rng(0)
    text = {"en": "ROMEO:\nWhat light through yonder window breaks?\n",
            "ja": "先生は「そうですか」と言った。私は黙っていた。\n"}[lang]
    trace = {"c": rng.normal(size=(len(text), 4)), "h": rng.uniform(-1, 1, size=(len(text), 4))}
    iterations = np.arange(100, 1100, 100)
    curves = {kind: (iterations, np.geomspace(3.5, end, iterations.size)) for kind, end in
              (("lstm", 2.4), ("gru", 2.2), ("rnn", 2.3))}
    fractions = {g: (rng.uniform(0, 0.5, 8), rng.uniform(0, 0.5, 8)) for g in ("i", "f", "o")}
    return {
        "charlm.draw_learning_curves": charlm.draw_learning_curves(curves, lang, {"unigram": 4.8, "bigram": 3.6}),
        "charlm.draw_saturation": charlm.draw_saturation(fractions, lang),
        "charlm.draw_coloured_text": charlm.draw_coloured_text(text, trace, "c", 1, lang, width=CELL_WIDTH[lang]),
        "charlm.draw_samples": charlm.draw_samples([(t, text * 3) for t in (0.5, 1.0, 2.0)], lang,
                                                   width=SAMPLE_LAYOUT[lang]["width"],
                                                   n_rows=SAMPLE_LAYOUT[lang]["n_rows"]),
        "backward.draw_highway_explorer": backward.draw_highway_explorer(lang=lang),
        "backward.draw_eps_explorer": backward.draw_eps_explorer(lang=lang),
        "cec.draw_cec_explorer": cec.draw_cec_explorer(lang=lang),
        "cec.draw_measured_errors": cec.draw_measured_errors(
            {"cec": np.ones(21), "tanh": 0.6 ** k, "sigmoid": 0.2 ** k}, lang),
        "cec.draw_cell_drift": cec.draw_cell_drift({b: np.linspace(0, 5 + b, 30) for b in (-3.0, -1.0, 0.0, 1.0)},
                                                   {b: np.linspace(0, 0.5 + b / 4, 30) for b in (-3.0, -1.0, 0.0, 1.0)},
                                                   lang),
        "cec.draw_training_curves": cec.draw_training_curves(bias_losses, T=30, window=10, lang=lang),
        "clipping.draw_cliff_overview": clipping.draw_cliff_overview(lang),
        "clipping.draw_descent_runs": clipping.draw_descent_runs(*descents, 1.0, lang),
        "clipping.draw_clipping_explorer": clipping.draw_clipping_explorer(lang=lang),
        "clipping.draw_norm_vs_value": clipping.draw_norm_vs_value(lang=lang),
        "experiments.draw_adding_example": experiments.draw_adding_example(xs, ys, lang),
        "experiments.draw_learning_curves": experiments.draw_learning_curves(runs, lang),
        "experiments.draw_marker_gradients": experiments.draw_marker_gradients(runs[:2], lang),
        "experiments.draw_gates": experiments.draw_gates(gates_at_markers(runs[0], n=4), lang),
        "experiments.draw_variants": experiments.draw_variants(variants, lang),
        "experiments.draw_training_explorer": experiments.draw_training_explorer(runs[:2], lang),
        "forget.draw_forget_explorer": forget.draw_forget_explorer(lang=lang),
        "forget.draw_stream_drift": forget.draw_stream_drift(drift, window=100, train_length=30, lang=lang),
        "forget.draw_forget_bias_runs": forget.draw_forget_bias_runs(bias_losses, 0.01, T=30, smooth=10, lang=lang),
        "gates.draw_gates_explorer": gates.draw_gates_explorer(lang=lang),
        "gru.draw_gradient_flow": gru.draw_gradient_flow(lang=lang),
        "peephole.draw_peephole_explorer": peephole.draw_peephole_explorer(lang=lang),
        "rnn.draw_geometric": rnn.draw_geometric(lang=lang),
        "rnn.draw_gradient_explorer": rnn.draw_gradient_explorer(lang=lang),
        "rnn.draw_training_contrast": rnn.draw_training_contrast(
            {10: _loss(0.2, 0.01), 50: _loss(0.2, 0.1), 100: _loss(0.2, 0.15)}, 1 / 6, lang),
        "rnn.draw_truncation_grid": rnn.draw_truncation_grid(np.tril(np.full((12, 12), 0.5)), 5, lang),
        "sigmoid.draw_sigmoid_explorer": sigmoid.draw_sigmoid_explorer(lang=lang),
        "sigmoid.draw_derivative_powers": sigmoid.draw_derivative_powers(lang=lang),
    }


def diagram_figures(lang: str) -> dict:
    """name -> Figure for every diagram of imgs/."""
    return {f"diagrams.{name}": draw(lang) for name, draw in diagrams.DIAGRAMS.items()}
