"""JupyterLab as the README starts it: `make lab`, the Makefile's own recipe, not a copy of its command line.

The server is started by `make lab` with throwaway Jupyter directories (so no user settings hide what the shipped
overrides do) and LAB_FLAGS for a free port, a known token and no browser. A learner's Chromium then opens the link
the server prints and every notebook that shows a picture: each picture must be drawn (loaded, not broken), so a
server root that leaves imgs/ outside it fails here. Opening notebooks must not change the committed files.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import subprocess
import urllib.request
from pathlib import Path

import nbformat
import pytest
from test_browser import (  # noqa: F401 (browser: a fixture)
    CHROMIUM,
    Watched,
    _free_port,
    _shut_down_kernel,
    browser,
    jupyter_server,
)
from test_slides_export import skip_or_fail

from helpers.authoring import HTML_IMG, IMAGE_LINK

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "ja")
SHOTS = ROOT / "build" / "screenshots" / "make_lab"


def _notebooks(lang: str) -> list[Path]:
    return sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))


def _pictures(path: Path) -> dict[int, int]:
    """{cell index: number of pictures} for the Markdown cells of a notebook that show one."""
    nb = nbformat.read(path, as_version=4)
    found = {}
    for k, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            n = len(IMAGE_LINK.findall(cell.source)) + len(HTML_IMG.findall(cell.source))
            if n:
                found[k] = n
    return found


def _digest() -> str:
    h = hashlib.sha256()
    for lang in LANGS:
        for path in _notebooks(lang):
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def made_lab(tmp_path_factory):
    """`make lab` on 127.0.0.1: its url, token and what it printed; stopped by its process group's id."""
    if not CHROMIUM.exists():  # no point starting a server that no browser will visit
        skip_or_fail(f"Chromium not found at {CHROMIUM}")
    base = tmp_path_factory.mktemp("make_lab")
    dirs = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data", "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "settings", "JUPYTERLAB_WORKSPACES_DIR": "workspaces", "IPYTHONDIR": "ipython"}
    env = {**os.environ, **{k: str(base / v) for k, v in dirs.items()}}
    env.pop("LECTURE_STATIC", None)  # the learner's mode
    env.pop("LECTURE_LANG", None)  # the Makefile's default language
    port, token = _free_port(), secrets.token_hex(16)
    flags = f"--no-browser --ServerApp.port={port} --ServerApp.port_retries=0 --IdentityProvider.token={token}"
    before = _digest()
    command = ["make", "--no-print-directory", "-C", str(ROOT), "lab", f"LAB_FLAGS={flags}"]
    # start_s: make may first (re)install the project into .venv
    with jupyter_server(command, env, base / "make_lab.log", port, token, what="make lab", start_s=180) as server:
        yield server
    assert _digest() == before, "opening the notebooks in JupyterLab changed a committed notebook"


def test_make_lab_serves_the_repository_and_prints_the_link_to_the_english_index(made_lab):
    printed = re.findall(r"http://127\.0\.0\.1:\d+(/\S*)\?token=", made_lab["log"].read_text())
    assert printed, f"make lab printed no link:\n{made_lab['log'].read_text()[-2000:]}"
    assert printed[0] == "/lab/tree/notebooks/en/00_index.ipynb"
    with urllib.request.urlopen(f"{made_lab['url']}/api/contents/imgs?token={made_lab['token']}", timeout=10) as r:
        assert r.status == 200, "imgs/ is outside the server's root: the notebooks' diagrams cannot load"


def test_make_lab_language_switch_and_a_clear_error_for_an_unknown_language():
    dry = subprocess.run(["make", "--no-print-directory", "-n", "-C", str(ROOT), "lab", "LECTURE_LANG=ja"],
                         capture_output=True, text=True, check=True).stdout
    assert "--LabApp.default_url=/lab/tree/notebooks/ja/00_index.ipynb" in dry
    bad = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "lab", "LECTURE_LANG=fr"],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0
    assert "LECTURE_LANG must be en or ja, got 'fr'" in bad.stderr


def test_the_shipped_settings_switch_off_the_news_prompt(made_lab):
    """The overrides make installs are what this server reads (no user settings in its throwaway directories)."""
    import json

    plugin = "@jupyterlab/apputils-extension:notification"
    with urllib.request.urlopen(f"{made_lab['url']}/lab/api/settings/{plugin}?token={made_lab['token']}",
                                timeout=10) as r:
        schema = json.load(r)["schema"]["properties"]
    assert schema["fetchNews"]["default"] == "false"
    assert schema["checkForUpdates"]["default"] is False


@pytest.mark.parametrize("lang", LANGS)
def test_make_lab_opens_the_index_and_draws_every_picture_of_every_notebook(browser, made_lab, lang):  # noqa: F811
    expected = {path.stem: _pictures(path) for path in _notebooks(lang)}
    expected = {name: cells for name, cells in expected.items() if cells}
    assert expected, "no notebook shows a picture: nothing for this test to hold"
    SHOTS.mkdir(parents=True, exist_ok=True)
    watched = Watched(browser, viewport=(1400, 1000))
    page = watched.page
    page.set_default_timeout(60_000)
    url, token = made_lab["url"], made_lab["token"]
    try:
        # the link make prints (for LECTURE_LANG=ja the same server is opened on the Japanese index)
        landing = f"/lab/tree/notebooks/{lang}/00_index.ipynb" if lang != "en" else ""
        page.goto(f"{url}{landing or '/'}?token={token}")
        page.locator(".jp-Notebook .jp-Cell").first.wait_for()
        title = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first.inner_text()
        assert title == "00_index.ipynb", f"make lab opened {title!r}, not the index"
        page.wait_for_timeout(1500)
        toasts = page.locator(".Toastify__toast").all_inner_texts()
        assert not [t for t in toasts if "news" in t.lower()], f"a news prompt covers the notebook: {toasts}"
        _shut_down_kernel(made_lab, f"notebooks/{lang}/00_index.ipynb")
        for name, cells in expected.items():
            page.goto(f"{url}/lab/workspaces/pictures-{lang}-{name}/tree/notebooks/{lang}/{name}.ipynb"
                      f"?reset&token={token}")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for()
            nb_cells = page.locator(".jp-Notebook .jp-Cell")
            n_cells = len(nbformat.read(ROOT / "notebooks" / lang / f"{name}.ipynb", as_version=4).cells)
            page.wait_for_function("(n) => document.querySelectorAll('.jp-Notebook .jp-Cell').length === n",
                                   arg=n_cells)
            for k, n in cells.items():
                cell = nb_cells.nth(k)
                cell.scroll_into_view_if_needed()
                images = cell.locator(".jp-RenderedMarkdown img")
                assert images.count() == n, f"{lang}/{name} cell {k}: {images.count()} pictures shown, {n} expected"
                for j in range(n):
                    image = images.nth(j)
                    try:
                        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                                               arg=image.element_handle(), timeout=15_000)
                    except Exception as error:
                        page.screenshot(path=str(SHOTS / f"{lang}_{name}_failure.png"))
                        src = image.get_attribute("src")
                        raise AssertionError(f"{lang}/{name} cell {k}: picture {src!r} is not drawn") from error
            page.screenshot(path=str(SHOTS / f"{lang}_{name}.png"))
            _shut_down_kernel(made_lab, f"notebooks/{lang}/{name}.ipynb")
        assert watched.outside == [], f"JupyterLab asked another machine for: {watched.outside}"
    finally:
        watched.close()
