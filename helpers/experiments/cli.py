"""The command line, ``python -m helpers.experiments`` (see :mod:`helpers.experiments` for examples)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

import numpy as np

from helpers.charlm import CORPORA as CHARLM_CORPORA
from helpers.charlm import KINDS as CHARLM_KINDS
from helpers.charlm import train_model
from helpers.experiments.jobs import MODEL_CHOICES, STREAM_TRAIN_T, VARIANT_NAMES, Job
from helpers.experiments.runner import run_jobs
from helpers.experiments.tables import TABLE_WORDS, report_adding, report_variants
from helpers.lstm import VARIANTS


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
    package_doc = sys.modules["helpers.experiments"].__doc__  # the package's summary, as before the split
    parser = argparse.ArgumentParser(prog="python -m helpers.experiments", description=package_doc.split("\n\n")[0],
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
