"""The results notebook 08 quotes, reproduced by training (slow; CI runs them on two numerical paths).

- the full-size contrast (3 seeds, 1500 iterations): every LSTM and GRU < 0.01 and every RNN at the baseline at T = 100,
  every model < 0.01 at T = 10, and the counts the notebook's table quotes;
- the RNN with a smaller learning rate: slow, not stuck;
- the notebook's reduced run (seed 1, 700 iterations): who reaches the threshold, the memory unit of the trained
  LSTM, the gradient at the first marker before and after the escape;
- the variant claims of the discussion, on seed 0.

Margins: the runs were repeated for seeds 0-4 on two numerical paths of an AVX-512 machine (NumPy AVX-512 +
OpenBLAS SkylakeX, and AVX2 + Haswell), and the reduced run also on the SSE4 baseline + Sandybridge. Iterations to
threshold moved by up to a few dozen between paths and test MSEs in their second digit; no verdict changed.
"""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import helpers.experiments as ex
from helpers.activations import sigmoid
from helpers.experiments import Job, gates_at_markers, parse_markdown_table, run_jobs

pytestmark = pytest.mark.slow

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "en" / "08_experiments.ipynb"


def _quoted_table(after: str) -> list[dict]:
    """The first Markdown table in the notebook cell that contains `after`."""
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        if cell.cell_type == "markdown" and after in cell.source:
            return parse_markdown_table(cell.source)
    raise AssertionError(f"no markdown cell of {NOTEBOOK.name} contains {after!r}")


def _cell_containing(text: str, notebook: Path = NOTEBOOK):
    """The one Markdown cell of `notebook` (default: the English 08) that contains `text`."""
    cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "markdown" and text in c.source]
    assert len(cells) == 1, f"{len(cells)} markdown cells of {notebook} contain {text!r}"
    return cells[0]


def _count(cell: str) -> str:
    """'3 of 3 (after 552, 653, 1052 iterations)' -> '3 of 3'."""
    return re.match(r"\d+ of \d+", cell).group(0)


def test_full_contrast_lstm_solves_t100_the_rnn_does_not_and_both_solve_t10(trained_runs):
    """Quoted: at T = 100 the LSTM reaches 0.01 in 3 of 3 seeds, after about 550-1050 iterations (seeds 0-4 on two
    paths: 540-1052), the RNN in none (test MSE 0.16-0.20, the baseline); at T = 10 all do within about 350
    (186-325)."""
    results = trained_runs(ex.adding_jobs(("lstm", "gru", "rnn"), (100, 10), (0, 1, 2)))
    by = {}
    for r in results:
        by.setdefault((r.job.model, r.job.T), []).append(r)
    assert all(r.test_mse < 0.01 and 450 <= r.reached() <= 1300 for r in by[("lstm", 100)])
    assert all(r.test_mse > 0.15 and r.reached() is None for r in by[("rnn", 100)])
    assert all(r.test_mse < 0.01 and r.reached() <= 400 for r in by[("gru", 100)])  # 250-295 on both paths
    assert max(r.reached() for r in by[("gru", 100)]) < min(r.reached() for r in by[("lstm", 100)])
    assert all(r.test_mse < 0.01 and r.reached() is not None and r.reached() <= 400
               for key in (("lstm", 10), ("gru", 10), ("rnn", 10)) for r in by[key])
    quoted = _quoted_table("python -m helpers.experiments adding --model all --T 100 10 --seeds 3")
    measured = parse_markdown_table(ex.summary_table(results))
    assert [(q["model"], q["T"], _count(q["reached MSE < 0.01"])) for q in quoted] == \
        [(m["model"], m["T"], _count(m["reached MSE < 0.01"])) for m in measured]


def test_rnn_with_a_smaller_learning_rate_creeps_down_but_does_not_reach_the_threshold():
    """Quoted: with lr 0.001 and 2000 iterations no seed reaches 0.01; at least one of three creeps well below the
    baseline 0.167 (to 0.06-0.14), on most paths two. Seeds 0, 1, 2: NumPy 2.4 AVX-512 + SkylakeX 0.078, 0.141,
    0.162; NumPy 2.4 AVX2 + Haswell 0.095, 0.082, 0.162; NumPy 1.24.0 AVX-512 + Cooperlake 0.075, 0.113, 0.162
    in one run, 0.066 and two at 0.162 or more in an earlier run on the same versions (issue 25); NumPy 1.24.0
    SSSE3 + SkylakeX 0.074, 0.058, 0.162. Seeds 3-5 on NumPy 1.24.0: 0.167, 0.076, 0.038 (Cooperlake) and 0.167,
    0.122, 0.027 (SkylakeX). So the count of two is not held here, only that of one, and the least error's range."""
    results = run_jobs([Job(model="rnn", T=100, seed=s, lr=1e-3, iterations=2000) for s in (0, 1, 2)],
                       progress=False)
    mses = sorted(r.test_mse for r in results)
    assert all(r.reached() is None for r in results)
    assert 0.03 < mses[0] < 0.12  # at least one left the plateau (0.167), still far from 0.01


@pytest.fixture(scope="module")
def reduced_run():
    """The notebook's own run: seed 1, 700 iterations, T = 100 and 10, both models."""
    return run_jobs([Job(model=m, T=T, seed=1, iterations=700) for T in (100, 10) for m in ("lstm", "rnn")],
                    progress=False)


def test_the_reduced_run_reaches_what_the_notebook_says(reduced_run):
    """Quoted: at T = 100 the LSTM gets below 0.01 after about 550 iterations (540, 545 and 552 on three paths),
    the RNN not within 700; at T = 10 both within about 200-250 (186-214)."""
    lstm100, rnn100, lstm10, rnn10 = reduced_run
    assert 450 < lstm100.reached() < 650 and lstm100.test_mse < 0.01
    assert rnn100.reached() is None and rnn100.test_mse > 0.15
    assert lstm10.reached() < 300 and rnn10.reached() < 300


def test_the_trained_lstm_keeps_the_marked_values_in_one_unit(reduced_run):
    """Quoted: one unit (unit 20 on every path we tried) opens its input gate at the marked steps (about 0.84)
    and hardly elsewhere (about 0.01), keeps a forget gate of about 0.996, and the read-out weighs it more than
    twice as much as any other unit (1.11-1.12 against 0.45)."""
    info = gates_at_markers(reduced_run[0])
    u = info["memory_unit"]
    assert info["i_marked"][u] > 0.75 and info["i_unmarked"][u] < 0.03 and info["f_mean"][u] > 0.99
    Wy = np.abs(reduced_run[0].params["Wy"][:, 0])
    assert Wy[u] > 2 * np.delete(Wy, u).max()


def test_the_gradient_at_the_first_marker_grows_by_orders_of_magnitude(reduced_run):
    """Quoted: during the plateau the LSTM's first-marker gradient is about 1e-9 (6.7e-10 on all paths), over the
    last 100 iterations about 0.06 (0.055-0.061): some eight orders of magnitude; the RNN's stays near 1e-17 and
    1e-12."""
    g = reduced_run[0].marker_grads[:, 0]
    assert np.median(g[:100]) < 1e-8 and np.median(g[-100:]) > 1e6 * np.median(g[:100])
    r = reduced_run[1].marker_grads[:, 0]
    assert np.median(r[-100:]) < 1e-9


def test_the_variant_claims_of_the_discussion_hold_on_seed_0():
    """Quoted (seed 0 here; the table has three): CIFG leaves the plateau fastest (296-305 for seeds 0-2 on both
    paths), NFG from b_i = 0 and NIG do not reach 0.01 within 1500, NFG from the 1997 remedy b_i = -3 does (336-364).
    On the stream it is the other way round for the NFG: from b_i = 0 its error stays low although its cells drift
    past 1000 (seeds 0-2: 0.0006-0.0016), from b_i = -3 its cells drift as far and its error is about a hundred
    times larger (0.09-0.19); the standard LSTM stays below 0.001 with cells below 10."""
    jobs = [Job(variant=v, T=100, seed=0) for v in ("CIFG", "NFG", "NIG")]
    jobs += [Job(variant="NFG", input_bias=-3.0, T=100, seed=0)]
    jobs += [Job(variant=v, task="stream", T=ex.STREAM_TRAIN_T, seed=0) for v in ("standard", "NFG")]
    jobs += [Job(variant="NFG", input_bias=-3.0, task="stream", T=ex.STREAM_TRAIN_T, seed=0)]
    cifg, nfg, nig, nfg3, stream_std, stream_nfg, stream_nfg3 = run_jobs(jobs, progress=False)
    assert cifg.reached() is not None and cifg.reached() <= 450
    assert nfg.reached() is None and nig.reached() is None
    assert nfg3.reached() is not None and nfg3.test_mse < 0.01
    assert stream_nfg.test_mse < 0.01 and stream_std.test_mse < 0.01
    assert stream_nfg.cell_max > 500 and stream_std.cell_max < 10
    assert stream_nfg3.cell_max > 300 and stream_nfg3.test_mse > 20 * stream_nfg.test_mse
    quoted = {row["variant"]: row for row in _quoted_table("python -m helpers.experiments variants --seeds 3")}
    assert quoted["CIFG"]["reached < 0.01"] == "3 of 3" and quoted["NIG"]["reached < 0.01"] == "0 of 3"
    assert quoted["NFG"]["reached < 0.01"] == "1 of 3" and quoted["NFG, b_i = -3"]["reached < 0.01"] == "3 of 3"


def test_a_forget_gate_open_from_the_start_does_not_shorten_the_plateau():
    """Exercise 1, and the b_f = 3 row of notebook 10's "Where the gradient story stops": at b_f = 3 the cell path
    keeps sigma(3)^50 / sigma(1)^50 = 5.6e5 times more of the gradient over 50 steps than at b_f = 1, yet the
    plateau is no shorter. Measured, seeds 0, 1, 2 (b_f = 1 on the same seeds: 1052, 540, 649): default path 710,
    1106, 691; AVX2 + Haswell path 708, 1109, 709. So every seed reaches 0.01 within 1500 and none before the
    quickest b_f = 1 seed (one seed sooner than at b_f = 1, two later, on both paths); the quoted iterations hold
    within 15 %."""
    assert 4e5 < float(sigmoid(3.0) ** 50 / sigmoid(1.0) ** 50) < 7e5  # "about 5 x 10^5"
    results = run_jobs([Job(model="lstm", T=100, seed=s, forget_bias=3.0) for s in (0, 1, 2)], progress=False)
    hits = sorted(r.reached() for r in results if r.reached() is not None)
    assert len(hits) == 3 and all(r.test_mse < 0.01 for r in results)
    assert hits[0] > 600 and hits[-1] <= 1300
    answer = _cell_containing("--forget-bias 3").source
    quoted = re.search(r"reached 0\.01 after about (\d+), (\d+) and (\d+) iterations", answer)
    np.testing.assert_allclose([int(x) for x in quoted.groups()], hits, rtol=0.15)
    ja = _cell_containing("--forget-bias 3", NOTEBOOK.parents[1] / "ja" / NOTEBOOK.name).source
    assert re.search(r"0\.01 に達したのは約 {}、{}、{} 回後".format(*quoted.groups()), ja), "the ja twin differs"
    story = nbformat.read(NOTEBOOK.with_name("10_gru.ipynb"), as_version=4).cells
    row = next(r for c in story if c.source.startswith("## Where the gradient story stops")
               for r in parse_markdown_table(c.source) if r["model and start"] == "LSTM, $b_f = 3$")
    low, high = (int(x) for x in re.findall(r"\d+", row["reached MSE < 0.01 after (seeds 0–2)"]))
    np.testing.assert_allclose([low, high], [hits[0], hits[-1]], rtol=0.15)
