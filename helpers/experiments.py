"""Notebook 08's experiments: a tanh RNN, an LSTM and a GRU on long time lags, and the LSTM variants side by side;
notebook 11's character-level language models (the training itself lives in :mod:`helpers.charlm`).

Numbers in, numbers out (the figures live in :mod:`helpers.plots.experiments`). One training run is a
:class:`Job`; :func:`run_jobs` runs several, one per core, and returns a :class:`Result` for each.

Command line (progress bars on stderr, Markdown tables on stdout)::

    python -m helpers.experiments adding --model lstm --T 100 --seeds 3
    python -m helpers.experiments adding --model both --T 100 10 --seeds 3   # the contrast and its control
    python -m helpers.experiments adding --model all --T 100 --seeds 3       # the same with a GRU row
    python -m helpers.experiments variants --seeds 3                         # the variant table
    python -m helpers.experiments variants --seeds 3 --lang ja               # its tables in Japanese
    python -m helpers.experiments charlm --corpus shakespeare --kind lstm --seed 0 --hidden 192 \\
        --out helpers/data/charlm_shakespeare_lstm.npz                      # one shipped model (see its README)

Determinism. A job's randomness comes only from its seed: ``np.random.SeedSequence(seed)`` is split into
one stream for the initial weights, one for the training batches and one for the test set, so an RNN and an
LSTM with the same seed train on the very same batches and are scored on the same sequences. Every job runs
in a fresh worker process whose BLAS uses one thread (a two-thread BLAS sums in another order, and a
chaotic training run turns that last-bit difference into a different curve), so a result depends neither on
how many workers run nor on which finishes first. Training is in float32, as deep-learning frameworks do
(here about twice as fast as float64; the gradient checks of the series stay in float64).

Examples
--------
>>> iterations_to_threshold([0.2] * 30 + [0.001] * 30, threshold=0.01, window=10)
40
>>> iterations_to_threshold([0.2] * 30, threshold=0.01, window=10) is None
True
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue as queue_module
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from helpers._checks import require_choice, require_positive_int
from helpers.charlm import CORPORA as CHARLM_CORPORA
from helpers.charlm import KINDS as CHARLM_KINDS
from helpers.charlm import train_model
from helpers.lstm import VARIANTS, lstm_forward, lstm_gates
from helpers.models import MODEL_KINDS, SequenceRegressor
from helpers.tasks import ADDING_BASELINE_MSE, STREAM_CHANNELS, adding_problem, continual_adding_stream, masked_mse
from helpers.train import train

THRESHOLD = 0.01
"""The MSE the contrast is stated against: 6% of the baseline 1/6, i.e. the sum is known to about ±0.1."""

WINDOW = 25
"""Iterations in the trailing mean that decides when a threshold is reached (one batch can dip by luck)."""

TEST_SIZE = 1000
"""Held-out sequences on which the final MSE of every run is measured."""

VARIANT_NAMES = ("standard", "peephole", "CIFG", "NFG", "NIG", "NOG")
"""The variants of the table, named as in :data:`helpers.lstm.VARIANTS` (Greff et al. 2017)."""

GREFF_2017 = {
    "standard": {"name": "NP",
                 "en": "no significant change on any of the three datasets (best runs slightly better on "
                       "handwriting)",
                 "ja": "3 つのデータセットのいずれでも有意な差なし（最良の試行は手書き文字でわずかに良い）"},
    "peephole": {"name": "V",
                 "en": "the reference of the study (their vanilla LSTM has peepholes)",
                 "ja": "比較の基準（この研究の標準 LSTM は覗き穴結合をもつ）"},
    "CIFG": {"name": "CIFG",
             "en": "no significant change in mean performance (best runs slightly better on music)",
             "ja": "平均性能に有意な差なし（最良の試行は音楽でわずかに良い）"},
    "NFG": {"name": "NFG",
            "en": "significantly worse on all three datasets (with NOAF, the most critical change)",
            "ja": "3 つすべてで有意に悪化（NOAF と並んで最も影響の大きい変更）"},
    "NIG": {"name": "NIG",
            "en": "significantly worse on speech and handwriting; no significant effect on music",
            "ja": "音声と手書き文字で有意に悪化、音楽では有意な影響なし"},
    "NOG": {"name": "NOG",
            "en": "significantly worse on speech and handwriting; no significant effect on music",
            "ja": "音声と手書き文字で有意に悪化、音楽では有意な影響なし"},
}
"""What Greff et al. 2017 (Section V-A, Fig. 3) found for each variant, against their vanilla LSTM (which has
peepholes, so our "standard" is their NP, and their NFG, NIG, NOG and CIFG keep peepholes; ours do not), on
TIMIT (speech), IAM Online (handwriting) and JSB Chorales (music), with hyperparameters tuned per variant."""

TASKS = ("adding", "stream")
"""Tasks a job can train on: the adding problem, or notebook 06's continual stream of adding episodes."""

STREAM_TRAIN_T = 30
"""Default length of the training streams of the "stream" task (about four episodes, as in notebook 06)."""

STREAM_TEST_T = 2000
"""Length of the never-reset test stream of the "stream" task (notebook 06 tests on the same length)."""

STREAM_TEST_N = 32
"""Test streams of the "stream" task."""

STREAM_SCORE_LAST = 500
"""The "stream" task's test MSE is taken over the last this-many steps of each test stream: after 1500 steps
without a reset, a cell that cannot forget has filled up (notebook 06)."""

DTYPE = np.float32

MODEL_CHOICES = {"lstm": ("lstm",), "rnn": ("rnn",), "gru": ("gru",), "both": ("lstm", "rnn"),
                 "all": ("lstm", "gru", "rnn")}
"""What ``adding --model`` accepts, and the models (in table order) each choice runs."""

_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_REPORT_EVERY = 10  # iterations between two progress messages from a worker


@dataclass(frozen=True)
class Job:
    """One training run: a model, a task, a seed and the training settings.

    Parameters
    ----------
    model : {"lstm", "rnn", "gru"}
        The GRU uses Cho et al.'s convention (reset before the recurrent product) and update-gate bias 0.
    T : int
        Sequence length of the adding problem, or of the training streams of the "stream" task (>= 2).
    seed : int
        Decides the initial weights, the batches and the test set (see the module docstring).
    iterations : int
        Adam updates, one fresh batch each. The default 1500 leaves room: at T = 100 an LSTM with forget bias 1
        sits on the 0.167 plateau for 500 to 1100 iterations, depending on the seed, before it drops.
    H : int
        Hidden size.
    batch : int
        Sequences per batch.
    lr : float
        Adam's learning rate.
    clip : float or None
        Threshold of clipping by global norm.
    variant : str
        LSTM only: a key of :data:`helpers.lstm.VARIANTS`.
    forget_bias : float
        LSTM only: initial forget-gate bias.
    input_bias : float
        LSTM only: initial input-gate bias. Without a forget gate (NFG) a negative bias such as -3 is Hochreiter &
        Schmidhuber's remedy against the drift of the cell state (notebook 04); 0 is the usual start otherwise.
    task : {"adding", "stream"}
        "stream": train on :func:`helpers.tasks.continual_adding_stream` streams of length T, test on
        :data:`STREAM_TEST_N` streams of :data:`STREAM_TEST_T` steps, scored over their last
        :data:`STREAM_SCORE_LAST` steps.
    """

    model: str = "lstm"
    T: int = 100
    seed: int = 0
    iterations: int = 1500
    H: int = 32
    batch: int = 64
    lr: float = 1e-2
    clip: float | None = 1.0
    variant: str = "standard"
    forget_bias: float = 1.0
    task: str = "adding"
    input_bias: float = 0.0

    def __post_init__(self):
        require_choice(self.model, "model", MODEL_KINDS)
        require_choice(self.task, "task", TASKS)
        require_positive_int(self.T, "T", minimum=2)
        require_positive_int(self.iterations, "iterations")
        require_positive_int(self.H, "H")
        require_positive_int(self.batch, "batch")
        if not isinstance(self.seed, (int, np.integer)) or self.seed < 0:
            raise ValueError(f"seed must be an integer >= 0, got {self.seed!r}")
        if self.model == "lstm" and self.variant not in VARIANTS:
            raise ValueError(f"variant must be one of {list(VARIANTS)}, got {self.variant!r}")
        if self.model != "lstm" and self.variant != "standard":
            raise ValueError(f"variant is for LSTMs only; {self.name} job got variant={self.variant!r}")
        if self.model != "lstm" and self.input_bias != 0.0:
            raise ValueError(f"input_bias is for LSTMs only; {self.name} job got input_bias={self.input_bias!r}")

    @property
    def name(self) -> str:
        """"RNN", "GRU", "LSTM", "LSTM (CIFG)" for a variant, "LSTM (NFG, b_i = -3)" with an input bias."""
        if self.model != "lstm":
            return self.model.upper()
        return "LSTM" if self.variant_label == "standard" else f"LSTM ({self.variant_label})"

    @property
    def variant_label(self) -> str:
        """The variant, with its input-gate bias when that is not 0: "NFG", "NFG, b_i = -3"."""
        return self.variant + self.bias_suffix

    @property
    def bias_suffix(self) -> str:
        """", b_i = -3" for a job with a non-zero input-gate bias, "" otherwise (tables append it to a name)."""
        return "" if self.input_bias == 0.0 else f", b_i = {self.input_bias:g}"

    @property
    def label(self) -> str:
        """A short description for progress bars, e.g. ``"LSTM T=100 seed 0"``."""
        task = "" if self.task == "adding" else "stream "
        return f"{self.name} {task}T={self.T} seed {self.seed}"

    @property
    def D(self) -> int:
        """Input size of the task."""
        return 2 if self.task == "adding" else len(STREAM_CHANNELS)


@dataclass
class Result:
    """What one :class:`Job` produced.

    Attributes
    ----------
    job : Job
    loss : (iterations,) ndarray
        Training MSE of every batch.
    grad_norm : (iterations,) ndarray
        Global gradient norm before clipping.
    marker_grads : (iterations, 2) ndarray
        Median over the batch of ||dL_n/dx_t|| at the first (column 0) and the second (column 1) marked
        step, where L_n is one sequence's squared error: how strongly the loss reacts to the marked inputs.
        NaN for the "stream" task.
    test_mse : float
        MSE of the trained model on :data:`TEST_SIZE` held-out sequences (adding problem), or over the last
        :data:`STREAM_SCORE_LAST` steps of never-reset test streams ("stream" task).
    cell_max : float or None
        LSTM only: the largest |c_t| on the test data. Without a forget gate a cell can only add, and on a
        never-reset stream it may drift without bound (Gers et al. 2000) even where the error stays low.
    seconds : float
        Wall time of the training.
    params : dict of ndarray
        The trained parameters (see :func:`trained_model`).
    """

    job: Job
    loss: np.ndarray
    grad_norm: np.ndarray
    marker_grads: np.ndarray
    test_mse: float
    cell_max: float | None
    seconds: float
    params: dict = field(repr=False)

    def reached(self, threshold: float = THRESHOLD, window: int = WINDOW) -> int | None:
        """Iterations until the trailing mean of the training MSE fell below `threshold` (None: never)."""
        return iterations_to_threshold(self.loss, threshold, window)


def iterations_to_threshold(loss, threshold: float = THRESHOLD, window: int = WINDOW) -> int | None:
    """How many iterations it took until the mean of the last `window` losses was below `threshold`.

    Parameters
    ----------
    loss : (iterations,) array_like
        Training loss of every iteration.
    threshold : float
    window : int

    Returns
    -------
    iterations : int or None
        The smallest k >= window with mean(loss[k - window : k]) < threshold; None if there is none.
    """
    loss = np.asarray(loss, dtype=float)
    window = require_positive_int(window, "window")
    if loss.ndim != 1:
        raise ValueError(f"loss must be 1-D (one value per iteration), got shape {loss.shape}")
    if loss.size < window:
        return None
    trailing = np.convolve(loss, np.ones(window) / window, mode="valid")  # trailing[j] ends at iteration j+window
    below = np.flatnonzero(trailing < threshold)
    return int(below[0] + window) if below.size else None


def _rngs(seed: int) -> tuple[np.random.Generator, np.random.Generator, np.random.Generator]:
    """Independent generators for (initial weights, training batches, test set) of a seed."""
    return tuple(np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3))


def make_model(job: Job, rng: np.random.Generator) -> SequenceRegressor:
    """The untrained model of `job`, its weights drawn from `rng`."""
    return SequenceRegressor(job.model, D=job.D, H=job.H, rng=rng, variant=job.variant, forget_bias=job.forget_bias,
                             input_bias=job.input_bias, dtype=DTYPE)


def marker_positions(xs) -> tuple[np.ndarray, np.ndarray]:
    """Steps of the first and the second marker of every adding-problem sequence.

    Parameters
    ----------
    xs : (N, T, 2) ndarray

    Returns
    -------
    first, second : (N,) ndarray of int
    """
    markers = np.asarray(xs)[:, :, 1] > 0.5
    T = markers.shape[1]
    return np.argmax(markers, axis=1), T - 1 - np.argmax(markers[:, ::-1], axis=1)


class _MarkerProbe:
    """Stands in for the model inside :func:`helpers.train.train`: the same loss and gradients, plus a record of
    the gradient at the marked steps (free: the backward pass computes dL/dxs anyway) and progress reports."""

    def __init__(self, model: SequenceRegressor, iterations: int, report=None):
        self.model = model
        self.params = model.params
        self.marker_grads = np.full((iterations, 2), np.nan)
        self.report = report
        self.done = 0

    def loss_and_grads(self, xs, ys, mask=None):
        if mask is not None:  # a stream: no single first marker to watch
            loss, grads = self.model.loss_and_grads(xs, ys, mask)
        else:
            loss, grads, dxs = self.model.loss_and_grads(xs, ys, input_grads=True)
            N = xs.shape[0]
            rows = np.arange(N)
            for col, steps in enumerate(marker_positions(xs)):
                # N * dL/dx is the gradient of one sequence's own squared error (the loss averages over N).
                self.marker_grads[self.done, col] = np.median(np.linalg.norm(dxs[rows, steps], axis=1)) * N
        self.done += 1
        if self.report is not None and self.done % _REPORT_EVERY == 0:
            self.report(_REPORT_EVERY, loss)
        return loss, grads


def evaluate(model: SequenceRegressor, job: Job, rng: np.random.Generator) -> tuple[float, float | None]:
    """Test MSE of `model` for `job`'s task on test data drawn from `rng`, and (LSTM) the largest |c_t| on it.

    See :attr:`Result.test_mse` and :attr:`Result.cell_max`.
    """
    if job.task == "adding":
        xs, ys = adding_problem(TEST_SIZE, job.T, rng)
    else:
        xs, ys, mask = continual_adding_stream(STREAM_TEST_N, STREAM_TEST_T, rng)
    if job.model == "lstm":
        core = {k: v for k, v in model.params.items() if k not in ("Wy", "by")}
        hs, cs, _ = lstm_forward(xs, None, None, core, job.variant)
        preds, cell_max = hs @ model.params["Wy"] + model.params["by"], float(np.abs(cs).max())
    else:
        preds, cell_max = model.forward(xs)[0], None
    preds = preds.astype(float)
    if job.task == "adding":
        return float(np.mean((preds[:, -1] - ys) ** 2)), cell_max
    return masked_mse(preds, ys, mask, start=STREAM_TEST_T - STREAM_SCORE_LAST), cell_max


def batch_function(job: Job):
    """``batch_fn(rng)`` for :func:`helpers.train.train`: one training batch of `job`'s task."""
    if job.task == "adding":
        return lambda rng: adding_problem(job.batch, job.T, rng)
    return lambda rng: continual_adding_stream(job.batch, job.T, rng)



def run_job(job: Job, progress: bool = False, report=None) -> Result:
    """Train the model of `job` in this process.

    Parameters
    ----------
    job : Job
    progress : bool
        Show :func:`helpers.train.train`'s progress bar.
    report : callable, optional
        ``report(iterations_done_since_last_call, loss)``, called every few iterations.

    Returns
    -------
    Result
    """
    init_rng, data_rng, test_rng = _rngs(job.seed)
    model = make_model(job, init_rng)
    probe = _MarkerProbe(model, job.iterations, report)
    start = time.perf_counter()
    history = train(probe, batch_function(job), job.iterations, data_rng, lr=job.lr, clip=job.clip,
                    progress=progress, desc=job.label)
    seconds = time.perf_counter() - start
    mse, cell_max = evaluate(model, job, test_rng)
    return Result(job=job, loss=history["loss"], grad_norm=history["grad_norm"], marker_grads=probe.marker_grads,
                  test_mse=mse, cell_max=cell_max, seconds=seconds,
                  params={k: v.copy() for k, v in model.params.items()})


def trained_model(result: Result) -> SequenceRegressor:
    """The model of `result` with its trained parameters."""
    model = make_model(result.job, np.random.default_rng(0))
    model.params = {k: v.copy() for k, v in result.params.items()}
    return model


def gates_at_markers(result: Result, n: int = 256, seed: int = 1) -> dict:
    """The trained LSTM's gates and cells on fresh sequences, and the unit that stores the marked values.

    Parameters
    ----------
    result : Result
        Of an LSTM job on the adding problem.
    n : int
        Test sequences.
    seed : int
        For those sequences.

    Returns
    -------
    info : dict
        ``"xs"`` (n, T, 2); ``"gates"``: dict of (n, T, H) arrays keyed i, f, g, o (from
        :func:`helpers.lstm.lstm_gates`); ``"cs"`` (n, T, H) cell states; per unit (H,) arrays
        ``"i_marked"`` and ``"i_unmarked"`` (mean input gate at the marked and at the other steps) and
        ``"f_mean"`` (mean forget gate); ``"order"``: units sorted by ``i_marked - i_unmarked``, largest first,
        and ``"memory_unit"`` = ``order[0]``: the unit that opens its input gate at the markers and only there.
    """
    if result.job.model != "lstm" or result.job.task != "adding":
        raise ValueError(f"gates_at_markers needs an LSTM trained on the adding problem, got {result.job.label}")
    xs, _ = adding_problem(n, result.job.T, np.random.default_rng(seed))
    core = {k: v for k, v in result.params.items() if k not in ("Wy", "by")}
    _, cs, cache = lstm_forward(xs, None, None, core, result.job.variant)
    gates = {k: np.array(v, dtype=float) for k, v in lstm_gates(cache).items()}
    marked = xs[:, :, 1] > 0.5
    i_marked, i_unmarked = gates["i"][marked].mean(axis=0), gates["i"][~marked].mean(axis=0)
    order = np.argsort(i_unmarked - i_marked, kind="stable")
    return {"xs": xs, "gates": gates, "cs": np.asarray(cs, dtype=float), "i_marked": i_marked,
            "i_unmarked": i_unmarked, "f_mean": gates["f"].mean(axis=(0, 1)), "order": order,
            "memory_unit": int(order[0])}


# --------------------------------------------------------------------------------------------------
# Several jobs: one worker process per core, progress in this process.
# --------------------------------------------------------------------------------------------------

_worker_queue = None


def _init_worker(q) -> None:
    global _worker_queue
    _worker_queue = q


def _run_in_worker(index: int, job: Job) -> Result:
    def report(n, loss):
        _worker_queue.put((index, n, float(loss)))

    return run_job(job, progress=False, report=report)


@contextmanager
def single_threaded_blas():
    """Workers started inside this block load their BLAS with one thread (the variables are read at load)."""
    saved = {k: os.environ.get(k) for k in _BLAS_THREAD_VARIABLES}
    os.environ.update({k: "1" for k in _BLAS_THREAD_VARIABLES})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def default_workers() -> int:
    """How many jobs run at once: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(jobs: Iterable[Job], workers: int | None = None, progress: bool = True, desc: str | None = None
             ) -> list[Result]:
    """Run `jobs` in worker processes, with one progress bar over all their iterations.

    Parameters
    ----------
    jobs : iterable of Job
    workers : int, optional
        Processes to use; default one per core. The results do not depend on it.
    progress : bool
        Show the progress bar (tqdm: a widget in Jupyter, text on stderr elsewhere).
    desc : str, optional
        Its label.

    Returns
    -------
    results : list of Result
        In the order of `jobs`.

    Notes
    -----
    The workers are fresh interpreters ("spawn"), which import the calling script again: in a script, call
    this under ``if __name__ == "__main__":`` (notebooks and ``python -m helpers.experiments`` need nothing).
    """
    from tqdm.auto import tqdm

    jobs = list(jobs)
    if not jobs or not all(isinstance(j, Job) for j in jobs):
        raise ValueError("jobs must be a non-empty list of Job")
    workers = min(len(jobs), require_positive_int(workers, "workers") if workers is not None else default_workers())
    order = sorted(range(len(jobs)), key=lambda k: -_cost(jobs[k]))  # longest first: the last to end is short
    ctx = mp.get_context("spawn")  # a fresh interpreter, whose BLAS loads single-threaded (set below)
    reports = ctx.Queue()
    label = desc or "runs"
    bar = tqdm(total=sum(j.iterations for j in jobs), desc=f"{label} (0/{len(jobs)} done)", disable=not progress,
               unit="it", leave=False)
    # A process pool that notices a dead worker (a script without `if __name__ == "__main__":` kills each one at
    # start-up) and raises BrokenProcessPool, where multiprocessing.Pool would start new ones forever.
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(reports,))
    try:
        with single_threaded_blas():  # the workers start during the first submits
            futures = {pool.submit(_run_in_worker, k, jobs[k]): k for k in order}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                try:
                    future.result()  # a worker's exception surfaces here, at once
                except BrokenProcessPool:
                    raise RuntimeError(
                        "a worker process died. If you call run_jobs from a script, put the call under "
                        "`if __name__ == \"__main__\":` (each worker imports the script again)") from None
            try:
                while True:
                    k, n, loss = reports.get_nowait()
                    bar.update(n)
                    bar.set_postfix_str(f"{jobs[k].label}: loss {loss:.3f}", refresh=False)
            except queue_module.Empty:
                pass
            if finished:
                bar.set_description(f"{label} ({len(futures) - len(pending)}/{len(jobs)} done)")
        results = {k: future.result() for future, k in futures.items()}
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        reports.close()
        reports.join_thread()
        bar.close()
    return [results[k] for k in range(len(jobs))]


def _cost(job: Job) -> float:
    per_step = {"lstm": 4.0, "gru": 3.0}.get(job.model, 1.0)  # an LSTM step costs about four RNN steps here
    return per_step * job.T * job.iterations * job.batch * job.H


# --------------------------------------------------------------------------------------------------
# Tables: Markdown out, and back in (so tests and notebooks can read what the command line printed).
# --------------------------------------------------------------------------------------------------


def _fmt_reached(it: int | None, iterations: int, lang: str = "en") -> str:
    return f"{it}" if it is not None else _table_words(lang)["not_within"].format(iterations)


def settings_line(job: Job) -> str:
    """The settings shared by a table's runs, in words."""
    clip = "no clipping" if job.clip is None else f"clip {job.clip:g}"
    fb = f", forget bias {job.forget_bias:g}" if job.model == "lstm" else ""
    fb += f", input bias {job.input_bias:g}" if job.model == "lstm" and job.input_bias != 0.0 else ""
    return (f"H = {job.H}, batch {job.batch}, Adam lr {job.lr:g}, {clip}, {job.iterations} iterations, "
            f"float32{fb}")


def _test_line(tasks) -> str:
    parts = []
    if "adding" in tasks:
        parts.append(f"adding problem: test MSE on {TEST_SIZE} held-out sequences")
    if "stream" in tasks:
        parts.append(f"stream: test MSE over the last {STREAM_SCORE_LAST} steps of {STREAM_TEST_N} never-reset "
                     f"streams of {STREAM_TEST_T} steps")
    return "; ".join(parts) + f"; predicting the mean scores {ADDING_BASELINE_MSE:.3f}"


def runs_table(results: Sequence[Result], lang: str = "en", threshold: float = THRESHOLD) -> str:
    """One Markdown row per run: model, T, seed, test MSE, iterations to reach `threshold`, seconds."""
    head = " | ".join(_table_words(lang)["runs_head"]).format(t=f"{threshold:g}")
    lines = [f"| {head} |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        lines.append(f"| {r.job.name} | {r.job.task} | {r.job.T} | {r.job.seed} | {r.test_mse:.4f} | "
                     f"{_fmt_reached(r.reached(threshold), r.job.iterations, lang)} | {r.seconds:.1f} |")
    return "\n".join(lines)


TABLE_WORDS = {
    "en": {"summary_head": ("model", "T", "seeds", "test MSE, mean ± sd", "min – max", "reached MSE < {t}"),
           "after": " (after {} iterations)", "list_sep": ", ", "of": "{} of {}",
           "runs_head": ("model", "task", "T", "seed", "test MSE", "iterations to MSE < {t}", "seconds"),
           "not_within": "not within {}",
           "variant_head": ("variant", "Greff et al.", "Greff et al. 2017 found"),
           "adding_cols": ("adding T={T}: test MSE", "reached < {t}"),
           "stream_cols": ("stream (trained on T={T}): test MSE, last {last} of {n} steps",
                           "largest abs(c_t) in the test streams")},
    "ja": {"summary_head": ("モデル", "T", "シード数", "テスト MSE（平均 ± 標準偏差）", "最小 – 最大",
                            "MSE < {t} に達したシード"),
           "after": "（{} 回で到達）", "list_sep": "、", "of": "{1} つ中 {0} つ",
           "runs_head": ("モデル", "課題", "T", "シード", "テスト MSE", "MSE < {t} までの反復回数", "秒"),
           "not_within": "{} 回以内には達せず",
           "variant_head": ("変種", "Greff らの名称", "Greff ら (2017) の結果"),
           "adding_cols": ("加算問題 T={T}：テスト MSE", "{t} 未満に達したシード"),
           "stream_cols": ("ストリーム（T={T} で学習）：テスト MSE、{n} ステップ中の最後の {last} ステップ",
                           "テストのストリームでの c_t の絶対値の最大値")},
}
"""The words of the tables in each language (the numbers and variant abbreviations are the same in both)."""

VARIANT_LABELS = {
    "en": {},
    "ja": {"standard": "標準", "peephole": "覗き穴結合", "CIFG": "入力・忘却ゲート結合", "NFG": "忘却ゲートなし",
           "NIG": "入力ゲートなし", "NOG": "出力ゲートなし", "NIAF": "入力の活性化関数なし",
           "NOAF": "出力の活性化関数なし"},
}
"""How a table names each variant: the preset's name in English, its meaning in Japanese."""


def _table_words(lang: str) -> dict:
    if lang not in TABLE_WORDS:
        raise ValueError(f"lang must be one of {sorted(TABLE_WORDS)}, got {lang!r}")
    return TABLE_WORDS[lang]


def _groups(results: Sequence[Result], key) -> dict:
    groups: dict = {}
    for r in results:
        groups.setdefault(key(r.job), []).append(r)
    return groups


def mean_and_sd(values) -> tuple[float, float]:
    """Mean and sample standard deviation (ddof = 1; 0 for a single value) over seeds: the series' "mean ± sd"."""
    values = np.asarray(values, dtype=float)
    return float(values.mean()), float(values.std(ddof=1)) if values.size > 1 else 0.0


def summary_table(results: Sequence[Result], lang: str = "en", threshold: float = THRESHOLD) -> str:
    """One Markdown row per (model, T): test MSE mean ± sd over seeds, and how many seeds reached it."""
    words = _table_words(lang)
    lines = ["| " + " | ".join(words["summary_head"]).format(t=f"{threshold:g}") + " |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    for (name, T), group in _groups(results, lambda j: (j.name, j.T)).items():
        mses = [r.test_mse for r in group]
        mean, sd = mean_and_sd(mses)
        reached = [r.reached(threshold) for r in group]
        hits = sorted(it for it in reached if it is not None)
        where = words["after"].format(words["list_sep"].join(map(str, hits))) if hits else ""
        lines.append(f"| {name} | {T} | {len(group)} | {mean:.4f} ± {sd:.4f} | {min(mses):.4f} – {max(mses):.4f} "
                     f"| {words['of'].format(len(hits), len(group))}{where} |")
    return "\n".join(lines)


def parse_markdown_table(text: str) -> list[dict]:
    """The rows of the first Markdown table in `text`, as dicts keyed by the header cells.

    Examples
    --------
    >>> parse_markdown_table("| a | b |\\n| --- | ---: |\\n| 1 | x y |")
    [{'a': '1', 'b': 'x y'}]
    """
    rows, header = [], None
    for line in text.splitlines():
        line = line.strip()
        if not (line.startswith("|") and line.endswith("|")):
            if header is not None:
                break
            continue
        cells = [c.strip() for c in line[1:-1].split("|")]
        if header is None:
            header = cells
        elif all(set(c) <= set("-: ") and c for c in cells):
            continue
        else:
            rows.append(dict(zip(header, cells)))
    return rows


def parse_markdown_tables(text: str) -> list[list[dict]]:
    """Every Markdown table in `text`, in order (see :func:`parse_markdown_table`)."""
    tables, block = [], []
    for line in text.splitlines() + [""]:
        if line.strip().startswith("|"):
            block.append(line)
        elif block:
            tables.append(parse_markdown_table("\n".join(block)))
            block = []
    return tables


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------


def _common_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seeds", type=int, default=3, help="number of seeds: 0, 1, ..., SEEDS-1 (default 3)")
    p.add_argument("--first-seed", type=int, default=0, help="start the seeds here (default 0)")
    p.add_argument("--iterations", type=int, default=Job.iterations, help="Adam updates per run (default %(default)s)")
    p.add_argument("--H", type=int, default=Job.H, help="hidden size (default %(default)s)")
    p.add_argument("--batch", type=int, default=Job.batch, help="sequences per batch (default %(default)s)")
    p.add_argument("--lr", type=float, default=Job.lr, help="Adam learning rate (default %(default)s)")
    p.add_argument("--clip", type=float, default=Job.clip, help="clip by global norm; 0 turns it off (default 1)")
    p.add_argument("--forget-bias", type=float, default=Job.forget_bias, help="LSTM: initial b_f (default 1)")
    p.add_argument("--input-bias", type=float, default=Job.input_bias,
                   help="LSTM: initial b_i (default 0); a variant written NAME:B overrides it for that variant")
    p.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--lang", choices=tuple(TABLE_WORDS), default="en", help="language of the tables (default en)")


def _job_kwargs(args) -> dict:
    return {"iterations": args.iterations, "H": args.H, "batch": args.batch, "lr": args.lr,
            "clip": args.clip or None, "forget_bias": args.forget_bias, "input_bias": args.input_bias}


def variant_spec(text: str) -> tuple[str, float | None]:
    """A variant on the command line: "NFG", or "NFG:-3" for that variant with input-gate bias -3.

    Examples
    --------
    >>> variant_spec("NFG:-3"), variant_spec("CIFG")
    (('NFG', -3.0), ('CIFG', None))
    """
    name, _, bias = text.partition(":")
    if name not in VARIANTS:
        raise argparse.ArgumentTypeError(
            f"variant must be one of {list(VARIANTS)} (optionally NAME:BIAS), got {text!r}")
    try:
        return name, float(bias) if bias else None
    except ValueError:
        raise argparse.ArgumentTypeError(f"the input bias after ':' must be a number, got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers.experiments", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    adding = sub.add_parser("adding", help="RNN, LSTM and/or GRU on the adding problem")
    adding.add_argument("--model", choices=tuple(MODEL_CHOICES), default="both",
                        help="both: LSTM and RNN; all: LSTM, GRU and RNN (default %(default)s)")
    adding.add_argument("--T", type=int, nargs="+", default=[100], help="sequence length(s) (default 100)")
    _common_arguments(adding)
    variants = sub.add_parser("variants", help="the LSTM variants of Greff et al. 2017 side by side")
    variants.add_argument("--variants", nargs="+", type=variant_spec, default=[(v, None) for v in VARIANT_NAMES],
                          metavar="NAME[:B]", help=f"variants of {list(VARIANTS)}; NAME:B starts its input gate at "
                          "bias B (e.g. NFG:-3)")
    variants.add_argument("--task", choices=("adding", "stream", "both"), default="both")
    variants.add_argument("--T", type=int, default=100, help="adding-problem length (default 100)")
    variants.add_argument("--stream-T", type=int, default=STREAM_TRAIN_T,
                          help="length of the training streams (default %(default)s)")
    _common_arguments(variants)
    charlm = sub.add_parser("charlm", help="a character-level language model on Shakespeare or Sōseki (notebook 11)",
                            formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    charlm.add_argument("--corpus", choices=CHARLM_CORPORA, default="shakespeare")
    charlm.add_argument("--kind", choices=CHARLM_KINDS, default="lstm")
    charlm.add_argument("--seed", type=int, default=0, help="seed of the initial weights")
    size = charlm.add_mutually_exclusive_group()
    size.add_argument("--hidden", type=int, default=None, help="hidden size H (default 128 unless --params)")
    size.add_argument("--params", type=int, default=None,
                      help="parameter budget: H is chosen so that the model has about this many parameters")
    charlm.add_argument("--embed", type=int, default=32, help="embedding size D")
    charlm.add_argument("--iterations", type=int, default=3000, help="Adam updates")
    charlm.add_argument("--batch", type=int, default=32, help="parallel streams")
    charlm.add_argument("--window", type=int, default=64, help="characters per truncated-BPTT window")
    charlm.add_argument("--lr", type=float, default=3e-3, help="Adam learning rate at the start")
    charlm.add_argument("--lr-end", type=float, default=3e-4, help="learning rate at the end (linear decay)")
    charlm.add_argument("--clip", type=float, default=1.0, help="clip by global norm")
    charlm.add_argument("--eval-every", type=int, default=500, help="iterations between held-out measurements")
    charlm.add_argument("--out", default=None, help="write the model here (.npz), e.g. helpers/data/"
                        "charlm_shakespeare_lstm.npz to replace the shipped one")
    charlm.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def report_charlm(model) -> str:
    """The Markdown the ``charlm`` command prints: settings, the learning curve at its measurements, a sample."""
    info, h = model.info, model.history
    out = [f"## Character-level {model.kind.upper()} on {info['corpus']}", "",
           f"{model!r}; seed {info['seed']}, {info['iterations']} iterations of batch x window = "
           f"{info['batch']} x {info['window']}, Adam lr {info['lr']:g} -> {info['lr_end']:g}, clip {info['clip']:g}; "
           f"training {info['train_seconds']:.0f} s ({info['wall_seconds']:.0f} s with the measurements).", "",
           "| iterations | held-out bits/char | training bits/char | training seconds |", "|---:|---:|---:|---:|"]
    out += [f"| {i} | {a:.3f} | {b:.3f} | {s:.0f} |"
            for i, a, b, s in zip(h["eval_iteration"], h["held_out_bpc"], h["train_bpc"], h["seconds"])]
    sample = model.sample(300, np.random.default_rng(0), temperature=0.8)
    out += ["", "A sample (seed 0, temperature 0.8):", "", "```", sample, "```"]
    return "\n".join(out)


def adding_jobs(models: Sequence[str], Ts: Sequence[int], seeds: Sequence[int], **settings) -> list[Job]:
    """Jobs for every (T, model, seed), in that nesting order."""
    return [Job(model=m, T=T, seed=s, **settings) for T in Ts for m in models for s in seeds]


def variant_jobs(variants: Sequence, tasks: dict, seeds: Sequence[int], **settings) -> list[Job]:
    """LSTM jobs for every (task, variant, seed); `tasks` maps a task to its T. A variant is a name or a
    (name, input bias) pair from :func:`variant_spec` (bias None: the one in `settings`)."""
    out = []
    for task, T in tasks.items():
        for v in variants:
            name, bias = (v, None) if isinstance(v, str) else v
            kwargs = dict(settings) if bias is None else {**settings, "input_bias": bias}
            out += [Job(model="lstm", variant=name, task=task, T=T, seed=s, **kwargs) for s in seeds]
    return out


def variants_table(results: Sequence[Result], lang: str = "en", threshold: float = THRESHOLD) -> str:
    """One Markdown row per variant: test MSE mean ± sd per task, and what Greff et al. 2017 found."""
    words = _table_words(lang)
    by_task = _groups(results, lambda j: j.task)
    head = words["variant_head"]
    cols, align = [head[0], head[1]], ["---", "---"]
    for task, group in by_task.items():
        T = group[0].job.T
        if task == "adding":
            cols += [c.format(T=T, t=f"{threshold:g}") for c in words["adding_cols"]]
            align += ["---:", "---"]
        else:
            cols += [c.format(T=T, last=STREAM_SCORE_LAST, n=STREAM_TEST_T) for c in words["stream_cols"]]
            align += ["---:", "---:"]
    cols.append(head[2])
    align.append("---")
    lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join(align) + " |"]
    rows = list(dict.fromkeys((r.job.variant, r.job.bias_suffix) for r in results))
    for v, suffix in rows:
        label = v + suffix
        cells = [VARIANT_LABELS[lang].get(v, v) + suffix, GREFF_2017.get(v, {}).get("name", "–")]
        for task, group in by_task.items():
            runs = [r for r in group if r.job.variant_label == label]
            if not runs:
                cells += ["–", "–"]
                continue
            mean, sd = mean_and_sd([r.test_mse for r in runs])
            cells.append(f"{mean:.4f} ± {sd:.4f}")
            if task == "adding":
                hits = sum(r.reached(threshold) is not None for r in runs)
                cells.append(words["of"].format(hits, len(runs)))
            else:
                low, high = min(r.cell_max for r in runs), max(r.cell_max for r in runs)
                cells.append(f"{low:.3g} – {high:.3g}" if len(runs) > 1 else f"{low:.3g}")
        cells.append(GREFF_2017.get(v, {}).get(lang, "–"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report_variants(results: Sequence[Result], wall_seconds: float | None = None, lang: str = "en") -> str:
    """The Markdown the ``variants`` command prints."""
    job = results[0].job
    seeds = sorted({r.job.seed for r in results})
    out = ["## LSTM variants (Greff et al. 2017) on the adding problem and on a continual stream", "",
           settings_line(job) + f"; seeds {', '.join(map(str, seeds))}; mean ± sd (sample standard deviation) "
           "over seeds.",
           "", _test_line({r.job.task for r in results}) + ".",
           "", variants_table(results, lang), "", runs_table(results, lang)]
    if wall_seconds is not None:
        out += ["", f"Wall time: {wall_seconds:.1f} s for {len(results)} runs on {default_workers()} worker(s)."]
    return "\n".join(out)


def report_adding(results: Sequence[Result], wall_seconds: float | None = None, lang: str = "en") -> str:
    """The Markdown the ``adding`` command prints."""
    job = next((r.job for r in results if r.job.model == "lstm"), results[0].job)
    names = list(dict.fromkeys(("RNN (tanh)" if r.job.model == "rnn" else r.job.name) for r in results))
    title = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    out = [f"## Adding problem: {title}", "", settings_line(job) + ".", "", _test_line({"adding"}) + ".", "",
           summary_table(results, lang), "", runs_table(results, lang)]
    if wall_seconds is not None:
        out += ["", f"Wall time: {wall_seconds:.1f} s for {len(results)} runs on {default_workers()} worker(s)."]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "charlm":
        hidden = 128 if args.hidden is None and args.params is None else args.hidden
        model = train_model(args.corpus, args.kind, seed=args.seed, embed=args.embed, hidden=hidden, budget=args.params,
                            iterations=args.iterations, batch=args.batch, window=args.window, lr=args.lr,
                            lr_end=args.lr_end, clip=args.clip, eval_every=args.eval_every,
                            progress=not args.no_progress)
        if args.out:
            model.save(args.out)
        print(report_charlm(model))
        return 0
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    start = time.perf_counter()
    if args.command == "adding":
        models = MODEL_CHOICES[args.model]
        jobs = adding_jobs(models, args.T, seeds, **_job_kwargs(args))
        results = run_jobs(jobs, args.workers, progress=not args.no_progress, desc="adding problem")
        print(report_adding(results, time.perf_counter() - start, args.lang))
    else:
        tasks = {"adding": args.T, "stream": args.stream_T}
        if args.task != "both":
            tasks = {args.task: tasks[args.task]}
        jobs = variant_jobs(args.variants, tasks, seeds, **_job_kwargs(args))
        results = run_jobs(jobs, args.workers, progress=not args.no_progress, desc="variants")
        print(report_variants(results, time.perf_counter() - start, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
