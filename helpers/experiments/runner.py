"""Several jobs at once: one worker process per core, each with a one-thread BLAS, progress in this process."""

from __future__ import annotations

import multiprocessing as mp
import os
import queue as queue_module
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from helpers._checks import require_positive_int
from helpers.experiments.jobs import Job, Result, run_job

_BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
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
