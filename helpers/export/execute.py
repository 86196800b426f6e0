"""Run notebooks in static mode (``LECTURE_STATIC=1``), a few at a time, and tidy what they leave behind.

Each notebook runs in a fresh kernel whose working directory is the notebook's own folder, so relative
paths in it (``../../imgs/x.png``) mean what they mean in JupyterLab.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

STATIC_ENV = "LECTURE_STATIC"  # the switch helpers.display reads (not imported: export stays apart from helpers)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CELL_TIMEOUT = 600  # seconds for one cell, as for helpers.authoring.refresh
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class Executed:
    """One notebook after its run: the notebook with outputs, or the error that stopped it."""

    path: Path
    nb: nbformat.NotebookNode | None = None
    seconds: float = 0.0
    error: str | None = None
    dropped_widgets: list[int] = field(default_factory=list)


def drop_widget_outputs(nb: nbformat.NotebookNode) -> list[int]:
    """Remove widget views (e.g. tqdm.auto's progress bar) and the saved widget state; return the cells touched.

    A static page has no widget manager to draw them; their text fallback is a stale snapshot (a bar at 0 %),
    and training bars are transient anyway (``leave=False``), so nothing is shown in their place.
    """
    touched = []
    for n, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        kept = [out for out in cell.get("outputs", []) if WIDGET_VIEW not in out.get("data", {})]
        if len(kept) != len(cell.get("outputs", [])):
            touched.append(n)
            cell.outputs = kept
    nb.metadata.pop("widgets", None)
    return touched


async def _execute(path: Path, env: dict) -> Executed:
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        await client.async_execute(env=env)
    except CellExecutionError as exc:
        return Executed(path, error=f"{path}: a cell failed in static mode ({STATIC_ENV}=1):\n{exc}",
                        seconds=time.perf_counter() - start)
    except Exception as exc:  # kernel died, timeout: report it with the notebook's name, keep the others going
        return Executed(path, error=f"{path}: {type(exc).__name__}: {exc}", seconds=time.perf_counter() - start)
    dropped = drop_widget_outputs(nb)
    return Executed(path, nb=nb, seconds=time.perf_counter() - start, dropped_widgets=dropped)


async def _run_one(path: Path, gate: asyncio.Semaphore, env: dict, on_done) -> Executed:
    async with gate:
        result = await _execute(path, env)
    if on_done is not None:  # in a thread, after the gate: the next kernel starts while this one's pages render
        await asyncio.to_thread(on_done, result)
    return result


def kernel_env(jobs: int) -> dict:
    """The kernels' environment: static mode, and the cores shared out between `jobs` kernels.

    The notebooks' matrices are small, and OpenBLAS threads beyond a kernel's share of the cores fight each
    other: on two cores, notebook 04 in both languages ran in 18 s with one BLAS thread per kernel and in 134 s
    with two. A thread count the caller set is kept.
    """
    share = str(max(1, (os.cpu_count() or 1) // jobs))
    return {**{name: share for name in BLAS_THREADS}, **os.environ, STATIC_ENV: "1"}


async def _run_all(paths: list[Path], jobs: int, on_done) -> list[Executed]:
    gate = asyncio.Semaphore(jobs)
    env = kernel_env(jobs)
    return await asyncio.gather(*(_run_one(p, gate, env, on_done) for p in paths))


def execute_all(paths: list[Path], jobs: int | None = None, on_done=None) -> list[Executed]:
    """Execute `paths` in static mode, `jobs` kernels at a time (default: one per CPU); results in input order.

    ``on_done(executed)``, if given, is called from a worker thread as each notebook finishes (one at a time
    is the caller's business).
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    return asyncio.run(_run_all([Path(p) for p in paths], jobs, on_done))
