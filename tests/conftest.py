"""Shared fixtures, the `numeric` and `export` markers, the xdist groups.

Randomness in tests comes only from np.random.default_rng(seed)."""

import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest

# Test modules whose outcome does not depend on the last bits of NumPy's or the BLAS's arithmetic: layout,
# set-up files, notebook parity, typography, quiz parsing, widgets, pixel-compared diagrams, export and browser,
# the xdist groups. Every other test, every docstring example and every notebook cell is `numeric`: `make test`
# runs those a second time on another numerical path of the same machine (tests/numerical_path.py).
NOT_NUMERIC = {"test_layout", "test_environment", "test_notebooks", "test_quiz", "test_diagrams", "test_palette",
               "test_figure_text", "test_slides_export", "test_browser", "test_browser_frames", "test_slides_frames",
               "test_checks", "test_export_links", "test_export_a11y", "test_browser_a11y", "test_make_lab",
               "test_suite_groups", "test_typography"}


# Fixtures behind the exported slides and pages, Chromium and the JupyterLab server (tests/test_browser.py,
# test_slides_export.py and the modules that import their fixtures). Their tests form one xdist group: the export
# is built once per run (it is cached in the worker's temporary folder), and two browsers or two JupyterLab
# servers never run side by side on a 2-core machine.
EXPORT_FIXTURES = {"tree", "browser", "lab"}
HERE = Path(__file__).resolve().parent


def xdist_group(item) -> str | None:
    """The group of tests that must share one worker under `pytest -n N --dist loadgroup` (`make test`), or None.

    A notebook's cells run in order in one kernel, so each notebook is a group; the export and browser tests are
    one group (EXPORT_FIXTURES); a test that uses a session-wide fixture of this file (e.g. trained_runs) goes
    with the other users of that fixture, and one that uses a module-scoped fixture with the rest of its module,
    so that nothing expensive is computed once per worker. Every other test is scheduled on its own.
    """
    path = Path(str(item.fspath))
    if path.suffix == ".ipynb":
        return f"notebook:{path.parent.name}/{path.stem}"
    names = set(getattr(item, "fixturenames", ()))
    if names & EXPORT_FIXTURES:
        return "export"
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    shared = {}  # our fixtures (tests/) that live longer than one test: name -> (scope, file)
    for name in names:
        if defs.get(name):
            fixture = defs[name][-1]
            origin = Path(fixture.func.__code__.co_filename).resolve()
            if str(fixture.scope) != "function" and HERE in origin.parents:
                shared[name] = (str(fixture.scope), origin)
    for name, (scope, origin) in sorted(shared.items()):
        if scope == "session" and origin == HERE / "conftest.py":
            return f"fixture:{name}"
    return f"module:{path.stem}" if shared else None


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group markers
def pytest_collection_modifyitems(config, items):
    for item in items:
        stem = Path(str(item.fspath)).stem
        if stem not in NOT_NUMERIC and not stem.startswith("test_widgets"):
            item.add_marker(pytest.mark.numeric)
        group = xdist_group(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
        if group == "export":
            item.add_marker(pytest.mark.export)


# pytest-xdist 3.8 puts a test into its xdist_group by appending "@group" to its node id, which pytest >= 9.2 no
# longer lets a plugin change: there every test would be scheduled alone, a notebook's cells split over two
# kernels. So each worker writes the groups of what it collected to a file, and the scheduler below (used for
# `--dist loadgroup`) reads them; with an older pytest the "@group" suffix still works and is honoured too.

def _groups_file(testrunuid: str, worker: str) -> Path:
    return Path(tempfile.gettempdir()) / f"lstm-suite-groups-{testrunuid}-{worker}.json"


@pytest.hookimpl(tryfirst=True)  # before the worker tells the controller that it has collected
def pytest_collection_finish(session):
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None or not session.config.getvalue("loadgroup"):
        return
    groups = {}
    for item in session.items:
        mark = item.get_closest_marker("xdist_group")
        if mark is not None:
            groups[item.nodeid] = str(mark.args[0])
    _groups_file(os.environ["PYTEST_XDIST_TESTRUNUID"], worker).write_text(json.dumps(groups))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        """--dist loadgroup with the groups the workers wrote (see above); every other test on its own."""

        def __init__(self, config, log=None):
            super().__init__(config, log)
            self.groups = {}

        def schedule(self):
            if self.collection is None:
                for node in self.nodes:
                    path = _groups_file(node.workerinput["testrunuid"], node.workerinput["workerid"])
                    if path.exists():
                        self.groups.update(json.loads(path.read_text()))
                        path.unlink()
            super().schedule()

        def _split_scope(self, nodeid):
            return self.groups.get(nodeid, nodeid)

    return GroupScheduling(config, log)


@pytest.fixture(scope="session")
def trained_runs():
    """run_jobs with a memory for this test session: notebooks 08 and 10 quote the same full-size runs (LSTM, GRU,
    RNN at H = 32, T = 100, seeds 0-2), which are trained once and shared. A Job is frozen, so it is the key."""
    from helpers.experiments import run_jobs

    done = {}

    def run(jobs):
        missing = [job for job in dict.fromkeys(jobs) if job not in done]
        if missing:
            done.update(zip(missing, run_jobs(missing, progress=False)))
        return [done[job] for job in jobs]

    return run


@pytest.fixture
def rng():
    return np.random.default_rng(20131)
