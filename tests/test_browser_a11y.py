"""Every exported deck, page and index page, in Chromium with the network cut: its internal links lead to a file that
exists and to the element their anchor names, and axe-core finds no WCAG 2 A/AA violation in it.

axe-core comes from the npm registry, pinned in helpers/export/package-lock.json with reveal.js and MathJax and
installed by the same ``npm ci``; it is injected into the page by the test, never shipped in build/. A deck shows
one slide at a time, so axe looks at the whole document once (structure, names, language) and then at every slide
as the presenter shows it, all its fragments in, for what depends on what is drawn (contrast, links in text).

The helpers take a build folder and a browser, so that a build made by hand can be checked too::

    cd tests && ../.venv/bin/python -c "import test_browser_a11y as t; t.report('../build')"
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, READY_JS, Watched, _deck_ids, browser, tree  # noqa: F401 (fixtures)

from helpers.export import assets

pytestmark = pytest.mark.browser

AXE = assets.NODE_MODULES / "axe-core" / "axe.min.js"
WCAG2_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DRAWN_RULES = ["color-contrast", "link-in-text-block"]  # what axe can only judge on a slide that is shown
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important }"
AXE_JS = """async ([context, options]) => {
  const found = await axe.run(context === null ? document : context, options);
  return found.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
}"""
SLIDES_JS = "() => Reveal.getSlides().map(s => Reveal.getIndices(s))"
LINKS_JS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"


def _files(out: Path) -> list[Path]:
    """Every HTML file of one build folder (decks or pages, and the index pages)."""
    return sorted(out.rglob("*.html"))


def _open(watched: Watched, path_or_url: str) -> bool:
    """Load a deck or a page and wait until it is laid out; True for a deck."""
    page = watched.page
    page.goto(path_or_url)
    deck = page.evaluate("() => !!document.querySelector('.reveal .slides')")
    if deck:
        page.wait_for_function(READY_JS, timeout=30_000)
    elif page.evaluate("() => !!window.MathJax"):
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
    return deck


# --- axe-core --------------------------------------------------------------------------------------------------

def _axe(page, context=None, rules=None, skip=()) -> list[dict]:
    """axe's violations in `context` (a selector or {include, exclude}; None: the document): of `rules`, or of
    every WCAG 2 A/AA rule but those in `skip`."""
    options = {"runOnly": {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG2_TAGS},
               "rules": {rule: {"enabled": False} for rule in skip}, "resultTypes": ["violations"]}
    return page.evaluate(AXE_JS, [context, options])


def axe_violations(chromium, path: Path) -> list[dict]:
    """axe-core's WCAG 2 A/AA violations in `path`; on a deck, each slide's drawn ones carry its indices."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed at {AXE}: run `npm ci --ignore-scripts` in {AXE.parents[2]}")
    watched = Watched(chromium)
    try:
        page = watched.page
        deck = _open(watched, path.as_uri())
        page.add_style_tag(content=NO_MOTION)
        page.add_script_tag(path=str(AXE))
        if not deck:
            found = _axe(page)
        else:  # the document but what is drawn, the drawn outside the slides (controls, switch), each slide
            found = _axe(page, skip=DRAWN_RULES) + _axe(page, {"exclude": [[".reveal .slides"]]}, DRAWN_RULES)
            for where in page.evaluate(SLIDES_JS):
                page.evaluate("([h, v]) => Reveal.slide(h, v, 10000)", [where["h"], where["v"] or 0])
                page.wait_for_timeout(50)
                for violation in _axe(page, "section.present:not(.stack)", DRAWN_RULES):
                    found.append({**violation, "slide": f"{where['h']}/{where['v'] or 0}"})
        assert watched.outside == [], f"requests that would leave the machine: {watched.outside}"
        return found
    finally:
        watched.close()


def describe(violations: list[dict], limit: int = 5) -> str:
    """The violations as lines a person can act on: rule, impact, slide, which elements and why."""
    lines = []
    for v in violations:
        slide = f" on slide {v['slide']}" if "slide" in v else ""
        lines.append(f"{v['id']} ({v['impact']}){slide}: {v['help']} - {len(v['nodes'])} element(s)")
        for node in v["nodes"][:limit]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


def count_by_rule(violations: list[dict]) -> dict[str, int]:
    """{rule: number of failing elements}."""
    counts: dict[str, int] = {}
    for v in violations:
        counts[v["id"]] = counts.get(v["id"], 0) + len(v["nodes"])
    return counts


# --- links -----------------------------------------------------------------------------------------------------

def _internal(url: str) -> bool:
    return urlsplit(url).scheme == "file"


def link_problems(chromium, path: Path, root: Path, checked: dict) -> list[str]:
    """Every internal link of `path` that leads nowhere: a missing file, or an anchor naming no element or slide.

    A link within the same file is checked in it; a link to another file opens that file at the anchor, once:
    `checked` remembers each target already followed (url -> problem or None), so that fifty links to the index
    load it once.
    """
    watched = Watched(chromium)
    problems = []
    try:
        deck = _open(watched, path.as_uri())
        here = urldefrag(watched.page.url)[0]
        for url in dict.fromkeys(watched.page.evaluate(LINKS_JS)):
            if not _internal(url):
                continue
            file_url, anchor = urldefrag(url)
            if file_url == here:
                problem = _anchor_problem(watched.page, anchor, deck, opened=False)
            else:
                if url not in checked:
                    checked[url] = _follow(chromium, url, root)
                problem = checked[url]
            if problem:
                problems.append(f"{path.relative_to(root)}: {unquote(url)}: {problem}")
        assert watched.outside == [], f"requests that would leave the machine: {watched.outside}"
    finally:
        watched.close()
    return problems


def _anchor_problem(page, anchor: str, deck: bool, opened: bool) -> str | None:
    """None when `anchor` names something in the loaded page: an element by id, or in a deck also a slide by its
    indices (``#/3/1``, as reveal.js writes the slide number's link). `opened`: the page was opened at the anchor,
    so a deck must also show that slide."""
    if not anchor:
        return None
    if deck and not anchor.strip("/"):
        return None  # "#/": the first slide
    if deck and re.fullmatch(r"/?\d+(/\d+)?", anchor):
        h, v = (int(n) for n in (anchor.strip("/").split("/") + ["0"])[:2])
        if not page.evaluate("([h, v]) => !!Reveal.getSlide(h, v)", [h, v]):
            return f"the deck has no slide {h}/{v}"
        shown = page.evaluate("() => Reveal.getIndices()")
        return None if not opened or (shown["h"], shown["v"] or 0) == (h, v) else f"the deck opened on {shown}"
    # a browser looks the fragment up as it is, then decoded; reveal.js only decoded
    raw = anchor.removeprefix("/") if deck else anchor
    element_id = unquote(raw)
    shown = page.evaluate("([ids, deck]) => { const el = ids.map(id => document.getElementById(id)).find(e => e); "
                          "if (!el) return null; return deck ? Reveal.getCurrentSlide().contains(el) : true }",
                          [[element_id] if deck else [raw, element_id], deck])
    if shown is None:
        return f"no element with id {element_id!r}"
    return None if shown or not opened else f"the deck did not open on the slide holding #{element_id}"


def _follow(chromium, url: str, root: Path) -> str | None:
    """Open `url`; None when its file is under `root` and its anchor (if any) names something there."""
    file_url, anchor = urldefrag(url)
    target = Path(unquote(urlsplit(file_url).path))
    if not target.resolve().is_relative_to(root.resolve()):
        return "leads out of the build folder"
    if not target.is_file():
        return "no such file"
    watched = Watched(chromium)
    try:
        deck = _open(watched, url)
        problem = _anchor_problem(watched.page, anchor, deck, opened=True)
        assert watched.outside == [], f"requests that would leave the machine: {watched.outside}"
        return problem
    finally:
        watched.close()


# --- the tests -------------------------------------------------------------------------------------------------

def _exported(built: dict, kind: str, page_id: str) -> Path:
    lang, name = page_id.split("/") if "/" in page_id else (None, page_id)
    if name == "index":
        return built[kind] / (f"{lang}/index.html" if lang else "index.html")
    return built[kind] / lang / f"{name}{'.slides.html' if kind == 'slides' else '.html'}"


PAGE_IDS = _deck_ids() + ["en/index", "ja/index", "index"]
_FOLLOWED: dict[str, str | None] = {}


@pytest.mark.parametrize("page_id", PAGE_IDS)
@pytest.mark.parametrize("kind", ["slides", "html"])
def test_every_internal_link_leads_to_its_target(browser, tree, kind, page_id):  # noqa: F811
    path = _exported(tree, kind, page_id)
    problems = link_problems(browser, path, tree[kind], _FOLLOWED)
    assert problems == [], "links that lead nowhere:\n" + "\n".join(problems)


@pytest.mark.parametrize("page_id", PAGE_IDS)
@pytest.mark.parametrize("kind", ["slides", "html"])
def test_axe_finds_no_wcag2_a_or_aa_violation(browser, tree, kind, page_id):  # noqa: F811
    path = _exported(tree, kind, page_id)
    violations = axe_violations(browser, path)
    assert violations == [], f"{path.relative_to(tree[kind])}: axe-core {count_by_rule(violations)}\n" + describe(
        violations)


def report(build: str = "build") -> None:
    """Print axe's counts (failing elements per rule) for every deck and page of a build folder."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for kind in ("slides", "html"):
            out = Path(build) / kind
            for path in _files(out):
                counts = count_by_rule(axe_violations(chromium, path))
                print(f"{kind}/{path.relative_to(out)}: {sum(counts.values())} {counts}", flush=True)
        chromium.close()
