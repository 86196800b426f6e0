# Every target sets up what it needs first: a .venv made from the Python on PATH, the project installed
# into it (editable), re-installed whenever pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: lab test test-fast test-second-path test-lowest bench help clean

help:
	@echo "make lab    start JupyterLab on the repository, opening notebooks/en/00_index.ipynb (LECTURE_LANG=ja: the Japanese index; 127.0.0.1, with a token)"
	@echo "make test   run the whole test suite (pytest, nbval over every notebook), then the numeric part on a second numerical path"
	@echo "make test-fast   the edit-test loop: ruff and every test but the training runs, the export, the browser and the notebooks"
	@echo "make test-second-path   only the numeric tests and notebooks, on a second numerical path of this machine"
	@echo "make test-lowest   the numeric and export tests with every package we name at the lowest version we allow"
	@echo "make bench  measure the speed of helpers (medians, one run); with PyTorch installed (pip install -e .[bench]) also ours/torch ratios"
	@echo "make imgs   redraw the diagrams in imgs/ (python -m helpers.diagrams)"
	@echo "make slides offline reveal.js slides of every notebook in build/slides/ (open build/slides/index.html)"
	@echo "make html   every notebook as an offline static page in build/html/"

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python >= 3.10 is needed, found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# RISE's default reveal theme ("simple") loads two web fonts from the network; the JupyterLab settings default in
# helpers/lab_overrides.json picks "white", whose font comes with reveal.js, so a show needs no network. (An
# editable install leaves setuptools' data files out, hence the copy.)
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d

$(VENV)/.runtime: pyproject.toml helpers/lab_overrides.json | $(PY)
	$(PY) -m pip install --quiet -e .
	mkdir -p $(LAB_OVERRIDES)
	cp helpers/lab_overrides.json $(LAB_OVERRIDES)/lstm-from-the-gradient-up.json
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.runtime
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# Single-threaded BLAS (lab, test): the training cells multiply small matrices, where a second BLAS thread
# only spins, and on a loaded machine it made notebook 04 run 7x slower.
# Jupyter's own random token protects the server; --allow-root only where make itself runs as root
# (containers), because Jupyter refuses root otherwise.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

# The server's root is the repository itself, as on Binder and with conda, so that a notebook's diagrams
# (../../imgs/x.png) lie inside it; the link the server prints opens the index of LECTURE_LANG (en or ja).
# LAB_FLAGS adds JupyterLab options (the browser test gives a port, a token and --no-browser).
LECTURE_LANG ?= en
LAB_FLAGS ?=

lab: $(VENV)/.runtime
	@test -f notebooks/$(LECTURE_LANG)/00_index.ipynb || \
	  { echo "make lab: LECTURE_LANG must be en or ja, got '$(LECTURE_LANG)'" >&2; exit 2; }
	OPENBLAS_NUM_THREADS=1 $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/notebooks/$(LECTURE_LANG)/00_index.ipynb $(ROOT_FLAG) $(LAB_FLAGS)

# The whole suite, then every `numeric` test, docstring example and notebook again on a second numerical path of
# this machine (tests/numerical_path.py: NumPy's highest SIMD level switched off, OpenBLAS on an older core type),
# so that a claim that holds only on one CPU's last bits fails here too.
# The second path and test-fast use PYTEST_WORKERS pytest processes (pytest-xdist); tests/conftest.py keeps
# together what must share one (a notebook's cells, the export and browser tests, the users of one expensive
# fixture). The whole suite's first pass stays in one process for now: under xdist its export-and-browser group
# (two export kernels and Chromium) shares the two cores with the notebooks, and one run under heavy load ended
# with a browser failure nobody could reproduce; FIRST_PATH_WORKERS=2 tries it.
PYTEST_WORKERS ?= 2
FIRST_PATH_WORKERS ?= 0
PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup
FIRST_PATH := $(if $(filter-out 0,$(FIRST_PATH_WORKERS)),-n $(FIRST_PATH_WORKERS) --dist loadgroup,)

test: $(VENV)/.test
	$(BIN)/ruff check helpers tests benchmarks notebooks
	OPENBLAS_NUM_THREADS=1 $(PY) -m pytest $(FIRST_PATH)
	$(MAKE) --no-print-directory test-second-path

# The edit-test loop (README: Tests). Left to `make test`: the `slow` tests (training to a quoted result),
# the `export` ones (the slides and pages build every notebook; Chromium, JupyterLab) and the notebooks.
test-fast: $(VENV)/.test
	$(BIN)/ruff check helpers tests benchmarks notebooks
	OPENBLAS_NUM_THREADS=1 $(PY) -m pytest helpers tests -m "not slow and not browser and not export" $(PARALLEL)

test-second-path: $(VENV)/.test
	OPENBLAS_NUM_THREADS=1 $(PY) tests/numerical_path.py --run -m numeric $(PARALLEL)

bench: $(VENV)/.runtime
	$(PY) -m benchmarks

# The diagrams are drawn in code; tests/test_diagrams.py fails when the committed PNGs differ from what this draws.
.PHONY: imgs
imgs: $(VENV)/.runtime
	$(PY) -m helpers.diagrams

# Slides and pages: reveal.js and MathJax come from the npm registry, pinned by helpers/export/package-lock.json,
# installed into helpers/export/node_modules (git-ignored) and copied into build/; nothing is loaded from a CDN.
EXPORT_NODE := helpers/export/node_modules/.package-lock.json

$(EXPORT_NODE): helpers/export/package-lock.json
	cd helpers/export && npm ci --ignore-scripts --no-audit --no-fund

.PHONY: slides html
slides: $(VENV)/.runtime $(EXPORT_NODE)
	$(PY) -m helpers.export slides

html: $(VENV)/.runtime $(EXPORT_NODE)
	$(PY) -m helpers.export html

# The floors of pyproject.toml, held: a throwaway venv under build/ gets every package we name at the lowest version
# we allow (uv's --resolution lowest-direct; what those pull in comes at its newest, as a learner would get it),
# then the numeric tests (doctests and notebooks included) and the export tests run there. Both runs go to the end;
# the target fails if either failed. uv comes from PyPI into that venv first. Python 3.10 or 3.11 (PYTHON=...):
# NumPy 1.24.0 has no wheels for later ones.
LOWEST := build/lowest-venv
EXPORT_TESTS := tests/test_slides_export.py tests/test_slides_frames.py tests/test_export_a11y.py \
	tests/test_export_links.py

test-lowest: $(EXPORT_NODE)
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet uv
	$(LOWEST)/bin/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct -e ".[test]"
	$(LOWEST)/bin/uv pip list --python $(LOWEST)/bin/python
	status=0; \
	OPENBLAS_NUM_THREADS=1 $(LOWEST)/bin/python -m pytest -m numeric || status=1; \
	OPENBLAS_NUM_THREADS=1 $(LOWEST)/bin/python -m pytest $(EXPORT_TESTS) || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache .hypothesis
