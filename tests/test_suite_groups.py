"""The xdist groups of tests/conftest.py: what must run on one worker when `make test` spreads the suite over two.

A notebook's cells share one kernel, the export is built once and the browser tests share it, and an expensive
fixture that outlives one test is computed once per run only if all its users land on the same worker.
"""

from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import xdist_group

ROOT = Path(__file__).resolve().parents[1]


def _group_marker(item) -> str | None:
    mark = item.get_closest_marker("xdist_group")
    return mark.args[0] if mark else None


@pytest.fixture(scope="module")
def shared_by_this_module():
    return object()


def test_the_cells_of_one_notebook_form_one_group_per_language():
    cell = {lang: SimpleNamespace(fspath=ROOT / "notebooks" / lang / "04_cec.ipynb", fixturenames=[])
            for lang in ("en", "ja")}
    assert xdist_group(cell["en"]) == "notebook:en/04_cec"
    assert xdist_group(cell["ja"]) == "notebook:ja/04_cec"


@pytest.mark.parametrize("fixture", ["tree", "browser", "lab"])
def test_a_test_of_the_export_or_the_browser_joins_the_export_group(fixture):
    item = SimpleNamespace(fspath=Path(__file__), fixturenames=["request", fixture])
    assert xdist_group(item) == "export"


def test_the_users_of_a_session_fixture_of_conftest_share_a_group(request, trained_runs):
    # trained_runs only trains when called: asking for it costs nothing here
    assert xdist_group(request.node) == "fixture:trained_runs"
    assert _group_marker(request.node) == "fixture:trained_runs"


def test_a_module_scoped_fixture_keeps_its_users_in_their_module(request, shared_by_this_module):
    assert xdist_group(request.node) == "module:test_suite_groups"
    assert _group_marker(request.node) == "module:test_suite_groups"


def test_a_test_with_only_its_own_or_pytest_s_fixtures_is_scheduled_alone(request, tmp_path, tmp_path_factory):
    # tmp_path_factory is session-scoped but pytest's own: it does not tie this test to any other
    assert xdist_group(request.node) is None
    assert _group_marker(request.node) is None
