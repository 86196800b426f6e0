"""The repository keeps the layout DESIGN.md and the README promise, and the code keeps its import rules."""

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP_LEVEL = {"notebooks", "helpers", "imgs", "tests", "environment.yml", "README.md", "pyproject.toml",
             "Makefile", "benchmarks", "LICENSE"}
NUMERIC_CORE = {"activations", "rnn", "lstm", "lstm_paths", "gru", "gradient_flow", "clipping", "gradcheck", "tasks",
                "models", "train", "_checks", "cliff", "experiments", "charlm", "charlm_probe"}


def _tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:  # not a git checkout (e.g. an unpacked archive): look at the files themselves
        return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    return out.stdout.split()


def test_top_level_is_exactly_the_documented_layout():
    visible = {p.split("/")[0] for p in _tracked() if not p.startswith(".")}
    assert visible <= TOP_LEVEL, f"unexpected top-level entries: {sorted(visible - TOP_LEVEL)}"
    for required in ("notebooks", "helpers", "tests", "environment.yml", "README.md", "pyproject.toml",
                     "Makefile", "benchmarks"):
        assert (ROOT / required).exists(), required
    assert (ROOT / "notebooks" / "en").is_dir() and (ROOT / "notebooks" / "ja").is_dir()
    assert (ROOT / ".ci" / "run").exists()


def test_nothing_edits_sys_path():
    needle = "sys" + ".path"
    offenders = [p for p in _tracked() if p.endswith((".py", ".ipynb")) and needle in (ROOT / p).read_text()]
    assert offenders == [], f"{offenders}: install the package (pip install -e .) instead"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_numeric_core_imports_neither_matplotlib_nor_ipywidgets():
    for name in NUMERIC_CORE:  # a module, or a package of modules (helpers/experiments/, helpers/charlm/)
        paths = [ROOT / "helpers" / f"{name}.py"] + sorted((ROOT / "helpers" / name).glob("*.py"))
        paths = [p for p in paths if p.exists()]
        assert paths, f"helpers/{name} is neither a module nor a package"
        for path in paths:
            bad = {m for m in _imports(path) if m.split(".")[0] in ("matplotlib", "ipywidgets", "IPython")}
            assert not bad, f"{path.relative_to(ROOT)} imports {bad}: the numeric core must stay NumPy-only"


def test_importing_helpers_changes_no_global_state():
    code = (
        "import matplotlib, numpy as np; before = dict(matplotlib.rcParams); s = np.random.get_state()[1].copy();"
        "import helpers, helpers.activations, helpers.rnn, helpers.lstm, helpers.gru, helpers.clipping,"
        " helpers.gradcheck, helpers.tasks, helpers.models, helpers.train;"
        "assert dict(matplotlib.rcParams) == before; assert (np.random.get_state()[1] == s).all(); print('ok')"
    )
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "ok" and out.stderr == "", out.stderr
