"""The exported pages' own copy of reveal.js, MathJax, their CSS and a Japanese font: nothing from a CDN.

reveal.js and MathJax come from the npm registry, pinned with their integrity hashes in
``helpers/export/package-lock.json`` and installed by ``npm ci`` into ``helpers/export/node_modules``
(git-ignored). :func:`copy_assets` copies the few files a page loads into ``<out>/assets``.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
LOCK_FILE = HERE / "package-lock.json"
NPM_CI = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"]

REVEAL = "reveal.js"  # assets/reveal.js/... keeps the package's own layout, as nbconvert's template expects
REVEAL_THEME = "white-offline"  # reveal's "white" without its @import of web fonts
MATHJAX = "mathjax/es5/tex-svg-full.js"  # every TeX extension built in, SVG output: no fonts, no later loads
FONT_CSS = "lecture-fonts.css"
FRAMES = ("lecture-frames.js", "lecture-frames.css")  # the sliders of explorers exported without a kernel

# destination under assets/ -> source under node_modules/
VENDOR_FILES = {
    f"{REVEAL}/dist/reveal.js": "reveal.js/dist/reveal.js",
    f"{REVEAL}/dist/reveal.css": "reveal.js/dist/reveal.css",
    f"{REVEAL}/plugin/notes/notes.js": "reveal.js/plugin/notes/notes.js",
    f"{REVEAL}/LICENSE": "reveal.js/LICENSE",
    MATHJAX: MATHJAX,
    "mathjax/LICENSE": "mathjax/LICENSE",
}
IMPORT_LINE = re.compile(r"@import\s+url\([^)]*\)\s*;\s*")


def pinned_versions() -> dict[str, str]:
    """{package: version} as pinned in package-lock.json."""
    lock = json.loads(LOCK_FILE.read_text())
    return {path.removeprefix("node_modules/"): entry["version"]
            for path, entry in lock["packages"].items() if path.startswith("node_modules/")}


def installed_version(package: str) -> str | None:
    manifest = NODE_MODULES / package / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.exists() else None


def ensure_node_modules() -> None:
    """Run ``npm ci`` unless node_modules already holds exactly the pinned versions."""
    if all(installed_version(p) == v for p, v in pinned_versions().items()):
        return
    if shutil.which("npm") is None:
        raise RuntimeError("the slides need reveal.js and MathJax from the npm registry, but `npm` was not found: "
                           "install Node.js (with npm) and run `make slides` again")
    done = subprocess.run(NPM_CI, cwd=HERE, capture_output=True, text=True)
    wrong = {p: installed_version(p) for p, v in pinned_versions().items() if installed_version(p) != v}
    if done.returncode != 0 or wrong:
        raise RuntimeError(f"`{' '.join(NPM_CI)}` in {HERE} failed (exit {done.returncode}); "
                           f"still missing or wrong: {wrong}\n{done.stderr[-2000:]}")


def offline_theme(css: str) -> str:
    """A reveal theme without its ``@import`` lines (web fonts); refuses one that still loads anything."""
    css = IMPORT_LINE.sub("", css)
    remote = [u for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) if not u.startswith("data:")]
    if remote or "@import" in css:
        raise ValueError(f"the reveal theme still loads {remote or '@import'}; pick a theme without web fonts")
    return css


def copy_assets(out: Path, slides: bool = True) -> Path:
    """Copy MathJax, lecture.css and (for `slides`) reveal.js into ``out/assets``, installing them if needed."""
    ensure_node_modules()
    assets = out / "assets"
    for dest, src in VENDOR_FILES.items():
        if slides or not dest.startswith(REVEAL):
            (assets / dest).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(NODE_MODULES / src, assets / dest)
    if slides:
        theme = assets / f"{REVEAL}/dist/theme/{REVEAL_THEME}.css"
        theme.parent.mkdir(parents=True, exist_ok=True)
        theme.write_text(offline_theme((NODE_MODULES / "reveal.js/dist/theme/white.css").read_text()))
    for name in ("lecture.css", *FRAMES):
        shutil.copyfile(HERE / "static" / name, assets / name)
    return assets


def _ipaex_gothic() -> Path:
    """IPAexGothic as shipped by matplotlib-fontja (located without importing it: importing sets rcParams)."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib-fontja (a dependency of the project) is not installed: pip install -e .")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"


def write_font_css(texts, assets: Path) -> Path:
    """Embed the glyphs of IPAexGothic that `texts` use as the font "Lecture JP" (a data: URL in a CSS file).

    A data: URL because Chromium refuses font files fetched from file:// pages; a subset because the
    whole font is 6 MB. The IPA Font License allows embedding; its text is copied next to the CSS.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font_path = _ipaex_gothic()
    wanted = "".join(sorted({ch for text in texts for ch in text if ord(ch) > 0x7F}))
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    font = TTFont(font_path)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted or "\u3042")
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    css = (f"/* IPAexGothic, the {len(wanted)} characters these pages use; IPA Font License "
           "(IPA_Font_License_Agreement_v1.0.txt) */\n"
           f'@font-face {{ font-family: "Lecture JP"; src: url(data:font/woff;base64,{data}) format("woff"); }}\n')
    (assets / FONT_CSS).write_text(css)
    license_file = font_path.parent / "IPA_Font_License_Agreement_v1.0.txt"
    if license_file.exists():
        shutil.copyfile(license_file, assets / license_file.name)
    return assets / FONT_CSS
