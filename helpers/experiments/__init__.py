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

The package, in the order a run goes: :mod:`~helpers.experiments.jobs` (one :class:`Job`, its
:class:`Result`), :mod:`~helpers.experiments.runner` (several at once), :mod:`~helpers.experiments.tables`
(Markdown out and back in) and :mod:`~helpers.experiments.cli` (the command line).

Examples
--------
>>> iterations_to_threshold([0.2] * 30 + [0.001] * 30, threshold=0.01, window=10)
40
>>> iterations_to_threshold([0.2] * 30, threshold=0.01, window=10) is None
True
"""


from helpers.experiments.cli import adding_jobs, build_parser, main, report_charlm, variant_jobs, variant_spec
from helpers.experiments.jobs import (
    DTYPE,
    GREFF_2017,
    MODEL_CHOICES,
    STREAM_SCORE_LAST,
    STREAM_TEST_N,
    STREAM_TEST_T,
    STREAM_TRAIN_T,
    TASKS,
    TEST_SIZE,
    THRESHOLD,
    VARIANT_NAMES,
    WINDOW,
    Job,
    Result,
    batch_function,
    evaluate,
    gates_at_markers,
    iterations_to_threshold,
    make_model,
    marker_positions,
    run_job,
    trained_model,
)
from helpers.experiments.runner import default_workers, run_jobs, single_threaded_blas
from helpers.experiments.tables import (
    TABLE_WORDS,
    VARIANT_LABELS,
    mean_and_sd,
    parse_markdown_table,
    parse_markdown_tables,
    report_adding,
    report_variants,
    runs_table,
    settings_line,
    summary_table,
    variants_table,
)

__all__ = [
    "DTYPE", "GREFF_2017", "Job", "MODEL_CHOICES", "Result", "STREAM_SCORE_LAST", "STREAM_TEST_N", "STREAM_TEST_T",
    "STREAM_TRAIN_T", "TABLE_WORDS", "TASKS", "TEST_SIZE", "THRESHOLD", "VARIANT_LABELS", "VARIANT_NAMES", "WINDOW",
    "adding_jobs", "batch_function", "build_parser", "default_workers", "evaluate", "gates_at_markers",
    "iterations_to_threshold", "main", "make_model", "marker_positions", "mean_and_sd", "parse_markdown_table",
    "parse_markdown_tables", "report_adding", "report_charlm", "report_variants", "run_job", "run_jobs",
    "runs_table", "settings_line", "single_threaded_blas", "summary_table", "trained_model", "variant_jobs",
    "variant_spec", "variants_table",
]
