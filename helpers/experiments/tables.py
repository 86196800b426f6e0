"""Tables: Markdown out (what the command line prints), and back in (so tests and notebooks can read it)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.experiments.jobs import (
    GREFF_2017,
    STREAM_SCORE_LAST,
    STREAM_TEST_N,
    STREAM_TEST_T,
    TEST_SIZE,
    THRESHOLD,
    Job,
    Result,
)
from helpers.experiments.runner import default_workers
from helpers.tasks import ADDING_BASELINE_MSE


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
           "variant_head": ("変種", "Greff らの名称", "Greff ら（2017）の結果"),
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
