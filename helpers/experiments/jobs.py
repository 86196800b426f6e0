"""One training run of notebook 08: a :class:`Job` in, a :class:`Result` out (its settings, its determinism,
the test it is scored on, the gates a trained LSTM shows at the markers)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from helpers._checks import require_choice, require_positive_int
from helpers.lstm import VARIANTS, lstm_forward, lstm_gates
from helpers.models import MODEL_KINDS, SequenceRegressor
from helpers.tasks import STREAM_CHANNELS, adding_problem, continual_adding_stream, masked_mse
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
