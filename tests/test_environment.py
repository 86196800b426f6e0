"""The set-up files agree with each other, and Binder would build the project as we expect."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_yml_lists_the_runtime_packages_of_pyproject():
    runtime = {_name(s): s.replace(" ", "") for s in _pyproject()["project"]["dependencies"]}
    deps = _environment()["dependencies"]
    conda = [d for d in deps if isinstance(d, str) and _name(d) not in ("python", "pip")]
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    listed = {_name(s): s.replace(" ", "") for s in conda + [p for p in pip if not p.startswith("-e")]}
    assert listed == runtime, "environment.yml and pyproject.toml must name the same packages and versions"


def test_environment_yml_pins_python_and_installs_the_project():
    env = _environment()
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip  # without it a Binder image lacks `helpers` (jupyterhub/repo2docker#1265)


def test_no_postbuild_or_requirements_that_would_change_the_build_pack():
    for name in ("postBuild", "requirements.txt", "Pipfile", "runtime.txt", "binder", ".binder"):
        assert not (ROOT / name).exists(), f"{name} would change or duplicate what environment.yml says"


def test_repo2docker_picks_the_conda_build_pack_with_python_311(tmp_path):
    exe = shutil.which("jupyter-repo2docker") or str(Path(sys.executable).parent / "jupyter-repo2docker")
    if not Path(exe).exists():
        pytest.fail("jupyter-repo2docker is not installed; `make test` installs it with the [test] extra")
    # --no-build only writes the Dockerfile it would use; no Docker daemon is needed.
    out = subprocess.run([exe, "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300,
                         cwd=tmp_path)
    text = out.stdout + out.stderr
    assert out.returncode == 0, text[-3000:]
    assert "Building conda environment for python=3.11" in text, text[-3000:]
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in text


def test_pyproject_declares_the_package_and_its_test_extra():
    project = _pyproject()["project"]
    assert project["requires-python"] == ">=3.10"
    test_extra = {_name(s) for s in project["optional-dependencies"]["test"]}
    assert {"pytest", "nbval", "hypothesis", "playwright", "jupyter-repo2docker"} <= test_extra


def test_a_plain_install_ships_every_subpackage_and_the_export_assets(tmp_path):
    """An editable install hides a missing package; a built wheel shows it."""
    import zipfile

    # Build from a clean copy: setuptools reuses ./build/lib, where stale files from an earlier build (or
    # the slides in build/) would hide a missing package.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "helpers"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, src / name, **({"ignore": shutil.ignore_patterns("__pycache__", "node_modules")}
                                         if (ROOT / name).is_dir() else {}))
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(src)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in ROOT.joinpath("helpers").rglob("*.py"):
        if "node_modules" in module.parts:
            continue
        assert str(module.relative_to(ROOT)) in names, f"{module.relative_to(ROOT)} is missing from the wheel"
    for asset in ("helpers/export/package-lock.json", "helpers/export/static/lecture.css",
                  "helpers/export/templates/lecture_slides/index.html.j2"):
        assert asset in names, f"{asset} is missing from the wheel"


def test_every_way_of_opening_the_series_uses_one_blas_thread():
    """conda and Binder (environment.yml's variables) and `make lab` (the Makefile) start with one BLAS thread."""
    variables = _environment().get("variables", {})
    assert variables.get("OPENBLAS_NUM_THREADS") == "1", variables
    assert variables.get("OMP_NUM_THREADS") == variables.get("MKL_NUM_THREADS") == "1", variables
    lab = re.search(r"^lab:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert lab and "OPENBLAS_NUM_THREADS=1" in lab.group(1), "make lab must start Jupyter with one BLAS thread"
