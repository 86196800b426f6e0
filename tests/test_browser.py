"""Real-browser checks: Debian's Chromium, driven by Playwright, opens every exported deck and page offline and
uses JupyterLab like a learner on every notebook (run all, use the explorer, answer a quiz).

Chromium is never downloaded: the tests use /usr/bin/chromium (or $CHROMIUM) and skip with the reason when it
is missing, or fail instead when REQUIRE_BROWSER=1 (as in CI). Only the page's own requests are routed, so the
browser's background traffic is neither blocked nor counted; anything the page asks of another machine is
blocked and recorded, and must not happen. Screenshots land in build/screenshots/ for people to look at.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from bs4 import BeautifulSoup
from test_slides_export import SAMPLE, exported_tree, sample_notebook, skip_or_fail

from helpers.quiz import BANK
from helpers.quiz.messages import CHOICE_LABELS, message
from helpers.quiz.questions import numeric_correct
from helpers.quiz.session import draw, section_link

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]
SHOTS = ROOT / "build" / "screenshots"
SHOWCASE = "02_sigmoid_derivative_quiz"  # the deck and the notebook whose screenshots are kept
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$|\\\(.+?\\\)|\\\[.+?\\\]|\\begin\{", re.DOTALL)
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _deck_ids() -> list[str]:
    names = [f"{lang}/{p.stem}" for lang in ("en", "ja")
             for p in sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))]
    return names + [f"en/{SAMPLE}", f"ja/{SAMPLE}"]


def _lab_names() -> list[str]:
    """The notebooks JupyterLab runs: every one of the series, or the sample while there are none."""
    return [p.stem for p in sorted((ROOT / "notebooks" / "en").glob("[0-9][0-9]_*.ipynb"))] or [SAMPLE]


def _showcase_name() -> str:
    return SHOWCASE if (ROOT / "notebooks" / "en" / f"{SHOWCASE}.ipynb").exists() else SAMPLE


# --- the browser -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium; or set $CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return exported_tree(tmp_path_factory)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


class Watched:
    """A page whose outside requests are blocked and recorded, and whose console errors are kept."""

    def __init__(self, browser, viewport=(1280, 800)):
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("request", lambda r: None if _is_local(r.url) else self.outside.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("requestfailed", self._failed)

    def _route(self, route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _failed(self, request):
        if _is_local(request.url):
            self.errors.append(f"failed to load {request.url}: {request.failure}")

    def close(self):
        self.page.close()


# --- decks and pages -------------------------------------------------------------------------------------------

READY_JS = ("() => window.Reveal && Reveal.isReady() && window.MathJax && MathJax.startup && MathJax.startup.promise"
            " && window.lectureLayoutDone === true")
# A slide still taller than the screen after the deck's own layout (split, then shrink to 80%) must be
# one cell that cannot be split: a slide with two or more cells left overflowing means the split failed.
SPLITTABLE_OVERFLOW_JS = """() => {
  const s = Reveal.getCurrentSlide();
  const parts = [...s.children].filter(el => el.tagName !== "ASIDE" && !el.classList.contains("lecture-continued"));
  return s.scrollHeight > s.clientHeight + 1 && parts.length > 1 ? JSON.stringify(Reveal.getIndices()) : null;
}"""
# A "(continued)" slide must show more than its repeated heading when one arrives on it.
BARE_CONTINUED_JS = """() => {
  const s = Reveal.getCurrentSlide();
  const parts = [...s.children].filter(el => el.tagName !== "ASIDE" && !el.classList.contains("lecture-continued"));
  const shown = parts.filter(el => !el.classList.contains("fragment") || el.classList.contains("visible"));
  return s.querySelector(".lecture-continued") && shown.length === 0 ? JSON.stringify(Reveal.getIndices()) : null;
}"""
# A cell the deck cut into pieces (on "(continued)" slides) is read together with its pieces.
MATH_STATE_JS = """(selector) => {
  const skip = "mjx-container, pre, code, script, style, textarea";
  return [...document.querySelectorAll(selector)].map(el => {
    const of = el.dataset.lecturePieceOf;
    const parts = [el, ...(of ? document.querySelectorAll(`.lecture-piece[data-lecture-piece-of="${of}"]`) : [])];
    const raw = [];
    let typeset = 0, errors = 0;
    for (const part of parts) {
      const walk = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        const node = walk.currentNode;
        if (!node.parentElement.closest(skip)) raw.push(node.textContent);
      }
      typeset += part.querySelectorAll("mjx-container").length;
      errors += part.querySelectorAll("mjx-merror, [data-mjx-error]").length;
    }
    return {typeset: typeset, errors: errors, text: raw.join("")};
  });
}"""


def _static_math(path: Path, selector: str) -> list[bool]:
    """Per element matched by `selector`, whether its HTML (outside code) holds TeX for MathJax to typeset."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    flags = []
    for el in soup.select(selector):
        for junk in el.select("pre, code, script, style"):
            junk.decompose()
        flags.append(bool(MATH.search(el.get_text())))
    return flags


def _check_math(page, path: Path, selector: str, live_selector: str | None = None) -> None:
    """Each element of `selector` in the exported file, matched in order with `live_selector` in the page."""
    page.evaluate("() => MathJax.startup.promise")
    states = page.evaluate(MATH_STATE_JS, live_selector or selector)
    expected = _static_math(path, selector)
    assert len(states) == len(expected) > 0
    for n, (state, has_math) in enumerate(zip(states, expected), start=1):
        leftover = MATH.findall(state["text"])
        assert not leftover, f"{path.name} part {n}: raw TeX left untypeset: {leftover[:3]}"
        assert state["errors"] == 0, f"{path.name} part {n}: MathJax reported a TeX error"
        if has_math:
            assert state["typeset"] > 0, f"{path.name} part {n}: has math but nothing was typeset"


def _check_japanese_font(page) -> None:
    if CJK.search(page.evaluate("() => document.body.innerText")):
        status = page.evaluate("() => document.fonts.ready.then(fs => [...fs].filter(f => "
                               "f.family.includes('Lecture JP')).map(f => f.status))")
        assert "loaded" in status, f"Japanese text but the embedded font was not used: {status}"


def _walk_to_the_end(page, shots: Path | None, overflowing: list | None = None) -> int:
    """Press Space until the last fragment of the last slide; return the number of presses.

    Slides that overflow although they could have been split, and "(continued)" slides that show only their
    heading, are appended to `overflowing`.
    """
    limit = page.evaluate("() => Reveal.getTotalSlides() + document.querySelectorAll('.fragment').length + 2")
    for presses in range(limit):
        if shots:
            page.wait_for_timeout(350)  # let a fragment finish fading in
            page.screenshot(path=shots / f"{presses:02d}.png")
        if overflowing is not None:
            for check in (SPLITTABLE_OVERFLOW_JS, BARE_CONTINUED_JS):
                where = page.evaluate(check)
                if where and where not in overflowing:
                    overflowing.append(where)
        if page.evaluate("() => Reveal.isLastSlide() && !Reveal.availableFragments().next"):
            return presses
        before = page.evaluate("() => JSON.stringify(Reveal.getIndices())")
        page.keyboard.press("Space")
        page.wait_for_function("(b) => JSON.stringify(Reveal.getIndices()) !== b", arg=before, timeout=5000)
    pytest.fail(f"the last slide was not reached after {limit} presses of Space")


@pytest.mark.parametrize("deck", _deck_ids())
def test_deck_opens_offline_from_a_file_and_reaches_its_last_slide(browser, tree, deck):
    lang, name = deck.split("/")
    path = tree["slides"] / lang / f"{name}.slides.html"
    shots = None
    if name == _showcase_name():
        shots = SHOTS / "slides" / lang / name
        shutil.rmtree(shots, ignore_errors=True)
        shots.mkdir(parents=True)
    watched = Watched(browser)
    try:
        page = watched.page
        page.goto(path.as_uri())
        page.wait_for_function(READY_JS, timeout=20_000)
        # Cell by cell: the deck splits tall slides, so its sections no longer match the file's, but its cells
        # do (the repeated "(continued)" headings aside, and a cell cut in pieces read with its pieces).
        _check_math(page, path, ".jp-Cell", ".jp-Cell:not(.lecture-continued):not(.lecture-piece)")
        _check_japanese_font(page)
        overflowing = []
        presses = _walk_to_the_end(page, shots, overflowing)
        assert presses >= page.evaluate("() => Reveal.getTotalSlides()") - 1
        assert overflowing == [], f"slides too tall although splittable, or showing only a heading: {overflowing}"
        assert watched.errors == [], f"console errors: {watched.errors}"
        assert watched.outside == [], f"requests that would leave the machine: {watched.outside}"
    finally:
        watched.close()


@pytest.mark.parametrize("page_id", _deck_ids())
def test_static_page_opens_offline_with_typeset_math(browser, tree, page_id):
    lang, name = page_id.split("/")
    path = tree["html"] / lang / f"{name}.html"
    watched = Watched(browser)
    try:
        watched.page.goto(path.as_uri())
        watched.page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        _check_math(watched.page, path, ".jp-Cell")
        _check_japanese_font(watched.page)
        assert watched.errors == [], f"console errors: {watched.errors}"
        assert watched.outside == [], f"requests that would leave the machine: {watched.outside}"
    finally:
        watched.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served_slides(tree):
    """build/slides served on 127.0.0.1 by Python's http.server, for the file:// versus http:// comparison."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(tree["slides"])))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _pictures(browser, url: str) -> list[bytes]:
    watched = Watched(browser)
    try:
        watched.page.goto(url)
        watched.page.wait_for_function(READY_JS, timeout=20_000)
        watched.page.evaluate("() => MathJax.startup.promise")
        # reveal's progress bar and arrows animate; stop that so two screenshots can be compared pixel for pixel
        watched.page.add_style_tag(content="*, *::before, *::after { transition: none !important; "
                                           "animation: none !important }")
        pictures = []
        for h in range(min(4, watched.page.evaluate("() => Reveal.getHorizontalSlides().length"))):
            watched.page.evaluate(f"() => Reveal.slide({h}, 0, 99)")
            watched.page.wait_for_timeout(350)
            pictures.append(watched.page.screenshot())
        assert watched.errors == [] and watched.outside == [], (watched.errors, watched.outside)
        return pictures
    finally:
        watched.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_deck_looks_the_same_from_a_file_and_from_a_web_server(browser, tree, served_slides, lang):
    name = f"{_showcase_name()}.slides.html"
    from_file = _pictures(browser, (tree["slides"] / lang / name).as_uri())
    from_server = _pictures(browser, f"{served_slides}/{lang}/{name}")
    assert len(from_file) == len(from_server) >= 1
    for n, (a, b) in enumerate(zip(from_file, from_server)):
        assert a == b, f"{lang}/{name}: slide {n + 1} renders differently from file:// and from http://"


# --- JupyterLab ------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(settings: Path) -> None:
    """Throwaway user settings: every cell in the DOM (no windowing), no news or update checks."""
    wanted = {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
              "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False}}
    for plugin, values in wanted.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


def _lab_notebook(lang: str, name: str) -> nbformat.NotebookNode:
    real = ROOT / "notebooks" / lang / f"{name}.ipynb"
    return nbformat.read(real, as_version=4) if real.exists() else sample_notebook(lang)


@contextlib.contextmanager
def jupyter_server(command: list[str], env: dict, log_path: Path, port: int, token: str, what: str,
                   start_s: float = 60):
    """Run `command` (a Jupyter server on 127.0.0.1:`port`, or make starting one) in a process group of its own,
    wait until the server answers, yield {"url", "token", "log"}, and stop the group by its process id."""
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + start_s
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"{what} did not start:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.3)
            yield {"url": url, "token": token, "log": log_path}
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the server and the kernels it started, by its process group
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token, throwaway config/data/settings/runtime dirs and copied notebooks.

    These tests run every cell, and JupyterLab saves what runs, so they work on copies; how `make lab` itself
    starts the server (its root, its landing page, its settings, every picture drawn) is held by test_make_lab.py.
    """
    if not CHROMIUM.exists():  # no point starting a server that no browser will visit
        skip_or_fail(f"Chromium not found at {CHROMIUM}")
    base = tmp_path_factory.mktemp("lab")
    work = base / "work"
    for lang in ("en", "ja"):  # copies: running them must not touch the committed notebooks
        (work / "notebooks" / lang).mkdir(parents=True)
        for name in _lab_names():
            nbformat.write(_lab_notebook(lang, name), work / "notebooks" / lang / f"{name}.ipynb")
    if (ROOT / "imgs").is_dir():
        (work / "imgs").symlink_to(ROOT / "imgs", target_is_directory=True)
    _write_settings(base / "settings")
    dirs = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data", "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "settings", "JUPYTERLAB_WORKSPACES_DIR": "workspaces", "IPYTHONDIR": "ipython"}
    env = {**os.environ, **{k: str(base / v) for k, v in dirs.items()}}
    env.pop("LECTURE_STATIC", None)  # the learner's mode: live widgets
    port, token = _free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={work}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.news_url=None"]
    if os.geteuid() == 0:  # containers and CI run as root, where Jupyter refuses to start without this
        command.append("--allow-root")
    with jupyter_server(command, env, base / "server.log", port, token, what="JupyterLab") as server:
        yield server


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _answer_first_quiz(page, lang: str, nb, shots_prefix: Path) -> None:
    """Answer the notebook's first quiz wrong, then right, and read the feedback each time."""
    qid = re.search(r"""quiz\.ask\(\s*["']([^"']+)["']""", "\n".join(c.source for c in nb.cells))[1]
    q = BANK[qid]
    box = page.locator(".widget-vbox").filter(
        has=page.get_by_role("button", name=message(lang, "check"), exact=True)).first
    box.scroll_into_view_if_needed()
    check = box.get_by_role("button", name=message(lang, "check"), exact=True)
    if q["kind"] == "numeric":
        wrong = q["answer"] * 3 + 1
        assert not numeric_correct(q, wrong)
        tries = [(f"{wrong:g}", "wrong"), (repr(float(q["answer"])), "correct")]
    else:
        labels = CHOICE_LABELS[lang]
        tries = [(labels[(q["answer"] + 1) % len(q["options"])], "wrong_choice"), (labels[q["answer"]], "correct")]
    for typed, verdict in tries:
        if q["kind"] == "numeric" and verdict == "wrong":  # Enter checks, as in the practice test
            box.locator("input[type=text]").fill(typed)
            box.locator("input[type=text]").press("Enter")
        elif q["kind"] == "numeric":
            box.locator("input[type=text]").fill(typed)
            check.click()
        else:
            box.get_by_role("button", name=typed, exact=True).click()
            check.click()
        expected = _plain(message(lang, verdict))
        page.wait_for_function("([el, text]) => el.innerText.includes(text)", arg=[box.element_handle(), expected],
                               timeout=10_000)
        page.screenshot(path=f"{shots_prefix}_quiz_{verdict}.png")


def _answer_practice_test(page, lang: str, nb, shots_prefix: Path) -> None:
    """Start notebook 12's practice test, answer its first question wrong and its second right, each with the
    keyboard's path where there is one (Enter in a number's text box), and read the log line each time."""
    n, seed = map(int, re.search(r"practice_test\(LANG, n=(\d+), seed=(\d+)\)",
                                 "\n".join(c.source for c in nb.cells)).groups())
    qids = draw(None, n, seed)
    start = page.get_by_role("button", name=message(lang, "start"), exact=True).first
    start.scroll_into_view_if_needed()
    start.click()
    for k, verdict in ((0, "recorded_wrong"), (1, "recorded_right")):
        q = BANK[qids[k]]
        box = page.locator(".widget-vbox").filter(has_text=_plain(message(lang, "question_k", k=k + 1, n=n))).last
        box.wait_for()
        if q["kind"] == "numeric":
            typed = repr(float(q["answer"])) if verdict == "recorded_right" else f"{q['answer'] * 3 + 1:g}"
            field = box.locator("input[type=text]")
            field.fill(typed)
            field.press("Enter")
        else:
            choice = q["answer"] if verdict == "recorded_right" else (q["answer"] + 1) % len(q["options"])
            box.get_by_role("button", name=CHOICE_LABELS[lang][choice], exact=True).click()
            box.get_by_role("button", name=message(lang, "submit"), exact=True).click()
        expected = _plain(message(lang, verdict, k=k + 1))
        page.wait_for_function("(text) => document.body.innerText.includes(text)", arg=expected, timeout=10_000)
        page.screenshot(path=f"{shots_prefix}_practice_{verdict}.png")


def _use_first_explorer(page, shots_prefix: Path) -> None:
    """Move the first explorer's first slider with the keyboard and see its figure change.

    An explorer with a Run button (notebook 08's training runs) changes its figure only when Run is pressed.
    """
    explorer = page.locator(".jp-OutputArea-output .widget-vbox").filter(
        has=page.locator(".widget-slider")).filter(has=page.locator("img")).first
    explorer.scroll_into_view_if_needed()
    image = explorer.locator("img").first
    before_src, before_png = image.get_attribute("src"), image.screenshot()
    readout = explorer.locator(".widget-readout").first
    before_value = readout.inner_text()
    explorer.locator(".noUi-handle").first.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    run = explorer.locator("button.mod-primary")
    if run.count():
        run.first.click()
    page.wait_for_function("([img, src]) => img.getAttribute('src') !== src && img.complete",
                           arg=[image.element_handle(), before_src], timeout=180_000 if run.count() else 10_000)
    page.wait_for_timeout(300)
    assert readout.inner_text() != before_value, "the slider did not move"
    assert image.screenshot() != before_png, "the figure did not change when the slider moved"
    page.screenshot(path=f"{shots_prefix}_explorer.png")


def _kernel_state(lab, path: str) -> str | None:
    """The server's view of the notebook's kernel: "starting", "idle", "busy" ... or None without a session."""
    with urllib.request.urlopen(f"{lab['url']}/api/sessions?token={lab['token']}", timeout=5) as r:
        sessions = json.load(r)
    return next((s["kernel"]["execution_state"] for s in sessions if s.get("path") == path), None)


def _open_notebook(page, lab, lang: str, name: str) -> None:
    """Open Lab on the folder, wait until it knows its kernels, then open the copy from the file browser.

    Opening the notebook's URL directly races Lab's kernel list: Lab then asks which kernel to start, or
    starts one and swaps it for another while cells are already running.
    """
    # a workspace of its own, reset, so nothing an earlier run left open is restored
    page.goto(f"{lab['url']}/lab/workspaces/{lang}-{name}/tree/notebooks/{lang}?reset&token={lab['token']}")
    page.locator(".jp-LauncherCard", has_text="Python 3").first.wait_for()
    page.locator(".jp-DirListing-item", has_text=f"{name}.ipynb").dblclick()
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    deadline = time.monotonic() + 60
    while _kernel_state(lab, f"notebooks/{lang}/{name}.ipynb") != "idle":
        assert time.monotonic() < deadline, "the notebook's kernel did not become idle within 60 s"
        page.wait_for_timeout(300)  # not time.sleep: the page's routed requests wait for Playwright's loop
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")


def _shut_down_kernel(lab, path: str) -> None:
    """End the notebook's session and kernel, so eighteen notebooks do not keep eighteen kernels alive."""
    with urllib.request.urlopen(f"{lab['url']}/api/sessions?token={lab['token']}", timeout=5) as r:
        sessions = [s for s in json.load(r) if s.get("path") == path]
    for session in sessions:
        request = urllib.request.Request(f"{lab['url']}/api/sessions/{session['id']}?token={lab['token']}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def _run_all(page, n_code: int) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    prompts_js = "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent)"
    deadline = time.monotonic() + 300  # notebook 08 trains for about 20 s on a quiet machine, 45 s under load
    while sum(bool(re.fullmatch(r"\[\d+\]:?", p.strip())) for p in page.evaluate(prompts_js)) != n_code:
        assert time.monotonic() < deadline, f"not every code cell ran within 300 s: {page.evaluate(prompts_js)}"
        page.wait_for_timeout(300)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0, f"a cell raised in JupyterLab: {errors.first.inner_text()[:1000]}"


def _lab_page(browser, shots: Path) -> Watched:
    """A watched page the size of a laptop screen, for JupyterLab; its screenshots go next to `shots`."""
    shots.parent.mkdir(parents=True, exist_ok=True)
    watched = Watched(browser, viewport=(1400, 1000))
    watched.page.set_default_timeout(60_000)
    return watched


def _open_and_run(page, lab, lang: str, name: str, nb) -> None:
    """Open the notebook's copy in Lab and run all its cells (every code cell gets its prompt number)."""
    _open_notebook(page, lab, lang, name)
    # A folded input (an exercise's worked answer: jupyter.source_hidden) shows no prompt number in Lab; it runs
    # before the visible cells after it, which check its result, so counting the visible prompts is enough.
    _run_all(page, sum(c.cell_type == "code" and bool(c.source.strip())
                       and not c.metadata.get("jupyter", {}).get("source_hidden") for c in nb.cells))


@pytest.mark.parametrize("name", _lab_names())
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_jupyterlab_runs_the_notebook_and_its_widgets_answer(browser, lab, lang, name):
    nb = _lab_notebook(lang, name)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    shots = SHOTS / "lab" / lang / name
    watched = _lab_page(browser, shots)
    page = watched.page
    try:
        _open_and_run(page, lab, lang, name, nb)
        if "_explorer(" in source:
            _use_first_explorer(page, shots)
        if "quiz.ask(" in source:
            _answer_first_quiz(page, lang, nb, shots)
        if "practice_test(" in source:
            _answer_practice_test(page, lang, nb, shots)
        assert watched.outside == [], f"JupyterLab asked another machine for: {watched.outside}"
    except Exception:
        page.screenshot(path=f"{shots}_failure.png")  # what the page showed when it went wrong
        raise
    finally:
        watched.close()
        _shut_down_kernel(lab, f"notebooks/{lang}/{name}.ipynb")


# How far (px) below the top of its notebook's scrolled pane the heading with this id shows, in the notebook shown;
# JupyterLab 4 gives a rendered Markdown heading data-jupyter-id (older versions: id).
HEADING_JS = """([id]) => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) :is(h1, h2, h3, h4)')]
  .filter(h => h.id === id || h.dataset.jupyterId === id).map(h => {
    const pane = h.closest('.jp-WindowedPanel-outer') || h.closest('.jp-Notebook');
    return h.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  })"""


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_review_link_opens_its_section_in_the_same_jupyterlab(browser, lab, lang):
    """Hand in notebook 12's sheet empty, click the first review link: its notebook opens in a tab of the same
    JupyterLab window (no new browser tab, no new workspace); followed again once the notebook is open, it scrolls
    the notebook to the section: its heading at the top."""
    name = "12_practice_test"
    if name not in _lab_names():
        pytest.skip("no notebook 12 yet")
    nb = _lab_notebook(lang, name)
    n, seed = map(int, re.search(r"practice_test\(LANG, n=(\d+), seed=(\d+)\)",
                                 "\n".join(c.source for c in nb.cells)).groups())
    href = section_link(draw(None, n, seed)[0], lang)[0]
    target, anchor = href.split("#")
    shots = SHOTS / "lab" / lang / f"{name}_review_link"
    watched = _lab_page(browser, shots)
    page = watched.page
    try:
        _open_and_run(page, lab, lang, name, nb)
        page.get_by_role("button", name=message(lang, "sheet"), exact=True).first.click()
        page.get_by_role("button", name=message(lang, "start"), exact=True).first.click()
        page.get_by_role("button", name=message(lang, "hand_in"), exact=True).first.click()
        link = page.locator(".lecture-practice-review a").first
        link.wait_for()
        style = link.evaluate("a => [getComputedStyle(a).textDecorationLine, getComputedStyle(a).color]")
        assert "underline" in style[0] and style[1] == "rgb(0, 114, 178)"  # LINK_COLOR, #0072B2
        workspace = page.url.split("/tree/")[0]
        link.click()
        page.locator(".lm-TabBar-tab.lm-mod-current", has_text=target).first.wait_for()
        assert page.context.pages == [page], "the link opened another browser tab"
        assert page.url.startswith(workspace + "/tree/"), f"another workspace: {page.url}"
        # JupyterLab 4.6 applies the fragment only to a notebook already open (on the first opening it is looked
        # for before the notebook is laid out, and the notebook shows its top): back to the test, the same link
        # again, and the section's heading must come to the top of the pane.
        page.locator(".lm-TabBar-tab", has_text=name).first.click()
        link.click()
        page.wait_for_function(f"() => ({HEADING_JS})([{json.dumps(anchor)}]).some(d => d > -5 && d < 150)",
                               timeout=30_000)
        page.screenshot(path=f"{shots}.png")
        assert page.context.pages == [page] and page.url.startswith(workspace + "/tree/")
        assert watched.outside == []
    except Exception:
        page.screenshot(path=f"{shots}_failure.png")
        raise
    finally:
        watched.close()
        _shut_down_kernel(lab, f"notebooks/{lang}/{name}.ipynb")
        _shut_down_kernel(lab, f"notebooks/{lang}/{target}")
