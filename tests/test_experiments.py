"""Notebook 08's experiments: the gradient at the marked steps, determinism, tables, the CLI, figures, explorer.

The full-size results that notebook 08 quotes are held by tests/test_nb08_results.py (slow).
"""

import argparse
import contextlib
import io

import numpy as np
import pytest

import helpers.experiments as ex
from helpers.experiments import (
    GREFF_2017,
    VARIANT_NAMES,
    Job,
    gates_at_markers,
    iterations_to_threshold,
    main,
    marker_positions,
    mean_and_sd,
    parse_markdown_table,
    parse_markdown_tables,
    run_job,
    run_jobs,
    runs_table,
    summary_table,
    variants_table,
)
from helpers.experiments.jobs import _MarkerProbe
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.models import SequenceRegressor
from helpers.tasks import adding_problem

TINY = {"T": 6, "iterations": 12, "H": 4, "batch": 8}


@pytest.fixture(scope="module")
def tiny_pair():
    """An LSTM and an RNN result on a short problem (seconds), shared by the table and figure tests."""
    return run_jobs([Job(model=m, seed=3, **TINY) for m in ("lstm", "rnn")], progress=False)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_input_gradients_match_finite_differences(kind):
    rng = np.random.default_rng(4)
    model = SequenceRegressor(kind, D=2, H=5, rng=rng)
    xs, ys = adding_problem(3, 7, rng)
    loss, grads, dxs = model.loss_and_grads(xs, ys, input_grads=True)
    assert dxs.shape == xs.shape
    assert loss == model.loss_and_grads(xs, ys)[0] and sorted(grads) == sorted(model.params)
    numeric = numerical_gradient(lambda: model.loss_and_grads(xs, ys)[0], xs)
    assert relative_error(dxs, numeric) < 1e-6


def test_iterations_to_threshold_uses_a_trailing_mean():
    loss = [0.2] * 30 + [0.001] * 30
    assert iterations_to_threshold(loss, 0.01, window=10) == 40  # the mean of 31..40 is the first one below
    assert iterations_to_threshold(loss, 0.01, window=1) == 31
    assert iterations_to_threshold([0.2, 0.0, 0.2, 0.2], 0.1, window=2) is None  # one lucky batch is not enough
    assert iterations_to_threshold([0.001] * 3, 0.01, window=5) is None  # fewer iterations than the window
    with pytest.raises(ValueError, match="loss must be 1-D"):
        iterations_to_threshold(np.zeros((3, 3)), 0.01)


def test_jobs_refuse_what_cannot_run():
    with pytest.raises(ValueError, match="variant is for LSTMs only; RNN job got variant='CIFG'"):
        Job(model="rnn", variant="CIFG")
    with pytest.raises(ValueError, match="variant is for LSTMs only; GRU job got variant='CIFG'"):
        Job(model="gru", variant="CIFG")
    with pytest.raises(ValueError, match=r"model must be one of \['gru', 'lstm', 'rnn'\]"):
        Job(model="lru")
    with pytest.raises(ValueError, match=r"variant must be one of"):
        Job(variant="GRU")
    with pytest.raises(ValueError, match=r"task must be one of"):
        Job(task="copying")
    with pytest.raises(ValueError, match="T must be an integer >= 2"):
        Job(T=1)
    with pytest.raises(ValueError, match="seed must be an integer >= 0"):
        Job(seed=-1)
    with pytest.raises(ValueError, match="input_bias is for LSTMs only"):
        Job(model="rnn", input_bias=-3.0)
    with pytest.raises(ValueError, match="jobs must be a non-empty list of Job"):
        run_jobs([], progress=False)


def test_the_input_bias_reaches_the_model_and_names_the_row():
    """08's variant table shows the NFG with b_i = 0 and with the 1997 remedy b_i = -3 (notebook 04) as two rows."""
    job = Job(variant="NFG", input_bias=-3.0, **TINY)
    assert job.name == "LSTM (NFG, b_i = -3)" and Job(variant="NFG").name == "LSTM (NFG)"
    model = ex.make_model(job, np.random.default_rng(0))
    H = job.H
    np.testing.assert_allclose(model.params["b"][:H], -3.0)  # gate order (i, f, g, o): the input gate's bias
    assert ex.variant_spec("NFG:-3") == ("NFG", -3.0) and ex.variant_spec("CIFG") == ("CIFG", None)
    with pytest.raises(argparse.ArgumentTypeError, match="variant must be one of"):
        ex.variant_spec("GRU:-3")
    with pytest.raises(argparse.ArgumentTypeError, match="must be a number"):
        ex.variant_spec("NFG:minus3")
    settings = {k: v for k, v in TINY.items() if k != "T"}
    jobs = ex.variant_jobs(["NFG", ("NFG", -3.0)], {"adding": TINY["T"]}, [0], **settings)
    assert [j.input_bias for j in jobs] == [0.0, -3.0]
    results = run_jobs(jobs, progress=False)
    rows = parse_markdown_table(variants_table(results))
    assert [r["variant"] for r in rows] == ["NFG", "NFG, b_i = -3"]


def test_marker_positions_find_both_markers():
    xs, _ = adding_problem(50, 12, np.random.default_rng(0))
    first, second = marker_positions(xs)
    assert np.all(first < 6) and np.all(second >= 6)
    rows = np.arange(50)
    assert np.all(xs[rows, first, 1] == 1) and np.all(xs[rows, second, 1] == 1)


def test_the_probe_trains_like_the_model_and_records_the_marked_gradients():
    rng = np.random.default_rng(2)
    model = SequenceRegressor("rnn", D=2, H=6, rng=rng)
    probe = _MarkerProbe(model, iterations=1)
    xs, ys = adding_problem(16, 10, rng)
    loss, grads = probe.loss_and_grads(xs, ys)
    loss2, grads2, dxs = model.loss_and_grads(xs, ys, input_grads=True)
    assert loss == loss2 and all(np.array_equal(grads[k], grads2[k]) for k in grads)
    first, second = marker_positions(xs)
    rows = np.arange(16)
    expected = [np.median(np.linalg.norm(dxs[rows, steps], axis=1)) * 16 for steps in (first, second)]
    np.testing.assert_allclose(probe.marker_grads[0], expected)


def test_a_job_is_deterministic_and_independent_of_the_worker_count():
    jobs = [Job(model="lstm", seed=5, **TINY), Job(model="rnn", seed=5, **TINY)]
    one = run_jobs(jobs, workers=1, progress=False)
    two = run_jobs(jobs, workers=2, progress=False)
    for a, b in zip(one, two):
        assert a.job == b.job
        np.testing.assert_array_equal(a.loss, b.loss)
        np.testing.assert_array_equal(a.marker_grads, b.marker_grads)
        assert a.test_mse == b.test_mse
    # Another seed draws other weights and batches.
    other = run_jobs([Job(model="lstm", seed=6, **TINY)], progress=False)[0]
    assert not np.array_equal(other.loss, one[0].loss)


def test_both_models_of_a_seed_train_on_the_same_batches(monkeypatch):
    seen = {}

    def spy(N, T, rng):
        xs, ys = adding_problem(N, T, rng)
        seen.setdefault(model, []).append(xs)
        return xs, ys

    monkeypatch.setattr("helpers.experiments.jobs.adding_problem", spy)
    for model in ("lstm", "rnn"):
        run_job(Job(model=model, seed=1, **TINY))
    assert len(seen["lstm"]) == TINY["iterations"] + 1  # the batches, then the test set
    for a, b in zip(seen["lstm"], seen["rnn"]):
        np.testing.assert_array_equal(a, b)


def test_the_stream_task_trains_and_scores_late_in_a_long_stream():
    result = run_job(Job(task="stream", T=20, iterations=5, H=4, batch=4))
    assert result.loss.shape == (5,) and np.isnan(result.marker_grads).all()
    assert 0.0 < result.test_mse < 10.0


def test_gates_at_markers_reads_the_trained_lstm(tiny_pair):
    info = gates_at_markers(tiny_pair[0], n=20)
    H = TINY["H"]
    assert info["gates"]["f"].shape == info["cs"].shape == (20, TINY["T"], H)
    contrast = info["i_marked"] - info["i_unmarked"]
    assert sorted(info["order"]) == list(range(H)) and np.all(np.diff(contrast[info["order"]]) <= 0)
    assert info["memory_unit"] == int(np.argmax(contrast))
    marked = info["xs"][:, :, 1] > 0.5
    np.testing.assert_allclose(info["i_marked"], info["gates"]["i"][marked].mean(axis=0))
    assert np.all((info["f_mean"] > 0) & (info["f_mean"] < 1))
    with pytest.raises(ValueError, match="needs an LSTM trained on the adding problem"):
        gates_at_markers(tiny_pair[1])


def test_tables_parse_back_to_the_numbers(tiny_pair):
    rows = parse_markdown_table(runs_table(tiny_pair))
    assert [r["model"] for r in rows] == ["LSTM", "RNN"]
    for row, result in zip(rows, tiny_pair):
        assert float(row["test MSE"]) == pytest.approx(result.test_mse, abs=5e-5)
        assert row["iterations to MSE < 0.01"] == "not within 12"
    summary = parse_markdown_table(summary_table(tiny_pair))
    assert summary[0]["seeds"] == "1" and summary[0]["reached MSE < 0.01"] == "0 of 1"
    japanese = parse_markdown_table(summary_table(tiny_pair, "ja"))
    assert japanese[0]["シード数"] == "1" and japanese[0]["MSE < 0.01 に達したシード"] == "1 つ中 0 つ"
    same_numbers = [row["test MSE, mean ± sd"] for row in summary]
    assert [row["テスト MSE（平均 ± 標準偏差）"] for row in japanese] == same_numbers
    assert mean_and_sd([1.0, 2.0, 4.0]) == (pytest.approx(7 / 3), pytest.approx(np.std([1.0, 2.0, 4.0], ddof=1)))
    assert mean_and_sd([0.5]) == (0.5, 0.0)


def test_variants_table_names_greffs_finding_for_each_variant():
    results = run_jobs([Job(variant=v, seed=0, **TINY) for v in ("standard", "NFG")], progress=False)
    for lang, names in (("en", ["standard", "NFG"]), ("ja", ["標準", "忘却ゲートなし"])):
        rows = parse_markdown_table(variants_table(results, lang))
        assert [r[next(iter(r))] for r in rows] == names
        assert rows[1][list(rows[1])[-1]] == GREFF_2017["NFG"][lang]
        assert [r[list(r)[1]] for r in rows] == ["NP", "NFG"]
    assert set(VARIANT_NAMES) <= set(GREFF_2017)


def test_the_command_line_prints_tables_that_match_its_runs():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["adding", "--model", "both", "--T", "6", "--seeds", "2", "--iterations", "12", "--H", "4",
                     "--batch", "8", "--no-progress"]) == 0
    summary, runs = parse_markdown_tables(out.getvalue())
    assert [(r["model"], r["T"], r["seeds"]) for r in summary] == [("LSTM", "6", "2"), ("RNN", "6", "2")]
    direct = run_jobs([Job(model=m, seed=s, **TINY) for m in ("lstm", "rnn") for s in (0, 1)], progress=False)
    assert [float(r["test MSE"]) for r in runs] == [round(r.test_mse, 4) for r in direct]
    assert "Wall time:" in out.getvalue()


def test_the_command_line_prints_japanese_tables_with_the_same_numbers():
    printed = {}
    for lang in ("en", "ja"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main(["adding", "--model", "lstm", "--T", "6", "--seeds", "1", "--iterations", "12", "--H", "4",
                  "--batch", "8", "--no-progress", "--lang", lang])
        printed[lang] = parse_markdown_tables(out.getvalue())
    (_, runs), (summary_ja, runs_ja) = printed["en"], printed["ja"]
    assert list(summary_ja[0])[:3] == ["モデル", "T", "シード数"] and runs_ja[0]["シード"] == runs[0]["seed"]
    assert runs_ja[0]["テスト MSE"] == runs[0]["test MSE"]
    assert runs_ja[0]["MSE < 0.01 までの反復回数"] == "12 回以内には達せず"


def test_the_command_line_runs_a_gru_beside_the_lstm_and_the_rnn():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["adding", "--model", "all", "--T", "6", "--seeds", "1", "--iterations", "12", "--H", "4",
                     "--batch", "8", "--no-progress"]) == 0
    assert out.getvalue().startswith("## Adding problem: LSTM, GRU and RNN (tanh)\n")
    summary, runs = parse_markdown_tables(out.getvalue())
    assert [r["model"] for r in summary] == ["LSTM", "GRU", "RNN"]
    gru = run_job(Job(model="gru", seed=0, **TINY))
    assert gru.job.name == "GRU" and gru.cell_max is None
    assert float(runs[1]["test MSE"]) == round(gru.test_mse, 4)
    assert np.all(np.isfinite(gru.marker_grads)) and np.all(gru.marker_grads > 0)
    from helpers.plots import PALETTE
    from helpers.plots.experiments import draw_learning_curves

    fig = draw_learning_curves([gru], "en")
    assert "GRU" in " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
    assert PALETTE["gru"] in {line.get_color() for line in fig.axes[0].get_lines()}


def test_a_worker_that_cannot_start_gives_advice(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "no_guard.py"
    script.write_text("from helpers.experiments import Job, run_jobs\n"
                      "run_jobs([Job(T=4, iterations=2, H=2, batch=2)], progress=False)\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and 'if __name__ == "__main__":' in out.stderr


# --------------------------------------------------------------------------------------------------
# Figures and the explorer
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_figures_show_what_the_results_say(tiny_pair, lang):
    from matplotlib.figure import Figure

    from helpers.display import figure_png
    from helpers.plots.experiments import (
        draw_adding_example,
        draw_gates,
        draw_learning_curves,
        draw_marker_gradients,
        draw_variants,
    )

    curves = draw_learning_curves(tiny_pair, lang)
    legend = " ".join(t.get_text() for t in curves.axes[0].get_legend().get_texts())
    assert "12" in legend and "LSTM" in legend and "RNN" in legend  # "not below 0.01 within 12" for both
    grads = draw_marker_gradients(tiny_pair, lang)
    first = [line for line in grads.axes[0].get_lines() if line.get_linestyle() == "-"][0]
    assert first.get_ydata().shape == (TINY["iterations"],) and np.all(first.get_ydata() > 0)
    info = gates_at_markers(tiny_pair[0], n=4)
    gates = draw_gates(info, lang)
    top_row = gates.axes[1].get_images()[0].get_array()[0]
    np.testing.assert_allclose(top_row, info["gates"]["i"][0, :, info["memory_unit"]])
    xs, ys = adding_problem(1, 20, np.random.default_rng(0))
    figures = [curves, grads, gates, draw_adding_example(xs, ys, lang), draw_variants(tiny_pair[:1], lang)]
    for fig in figures:
        assert isinstance(fig, Figure) and len(figure_png(fig)) > 1000  # missing glyphs would raise here


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_explorer_trains_only_when_run_is_pressed(tiny_pair, lang):
    from helpers.plots import find_artist
    from helpers.widgets import training_explorer
    from helpers.widgets.experiments import TrainingExplorer

    explorer = training_explorer(lang, results=tiny_pair)
    assert isinstance(explorer, TrainingExplorer)
    before = explorer.image.value
    old_curve = find_artist(explorer.figure, "lstm-raw").get_ydata().copy()
    explorer.controls["T"].value = 10
    explorer.controls["H"].value = 8
    explorer.controls["seed"].value = 2
    assert explorer.image.value == before  # moving a slider trains nothing
    explorer.button.click()
    assert explorer.results[0].job == Job(model="lstm", T=10, H=8, seed=2, iterations=TINY["iterations"])
    assert explorer.image.value != before and explorer.last_redraw_seconds is not None
    assert not np.array_equal(find_artist(explorer.figure, "lstm-raw").get_ydata(), old_curve)
    assert "T = 10" in find_artist(explorer.figure, "readout").get_text()


def test_the_explorer_redraws_the_axis_for_another_run_length(tiny_pair):
    from PIL import Image

    from helpers.display import figure_png
    from helpers.widgets import training_explorer

    explorer = training_explorer("en", results=tiny_pair)
    longer = run_jobs([Job(model=m, seed=3, **{**TINY, "iterations": 20}) for m in ("lstm", "rnn")], progress=False)
    explorer.show(longer)
    assert explorer.figure.axes[0].get_xlim() == (0, 20)
    explorer.show(tiny_pair)  # back to 12: blitted or not, the picture must equal a full redraw
    blitted = np.asarray(Image.open(io.BytesIO(explorer.image.value)))
    full = np.asarray(Image.open(io.BytesIO(figure_png(explorer.figure))))
    assert blitted.shape[:2] == full.shape[:2]
    assert np.mean(np.any(blitted[:, :, :3] != full[:, :, :3], axis=2)) < 1e-3


def test_static_mode_shows_the_given_run_without_widgets_or_training(tiny_pair, monkeypatch):
    from helpers.display import StaticFigure
    from helpers.widgets import training_explorer

    monkeypatch.setenv("LECTURE_STATIC", "1")
    monkeypatch.setattr("helpers.widgets.experiments.train_pair", lambda *a, **k: pytest.fail("trained"))
    shown = training_explorer("ja", results=tiny_pair)
    assert isinstance(shown, StaticFigure) and "LSTM" in shown.alt
