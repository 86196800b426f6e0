# Every target sets up what it needs first: a .venv made from the Python on PATH, the project installed
# into it (editable), re-installed whenever pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: lab test test-second-path bench help clean

help:
	@echo "make lab    start JupyterLab on notebooks/ (127.0.0.1, with a token)"
	@echo "make test   run the whole test suite (pytest, nbval over every notebook), then the numeric part on a second numerical path"
	@echo "make test-second-path   only the numeric tests and notebooks, on a second numerical path of this machine"
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

lab: $(VENV)/.runtime
	OPENBLAS_NUM_THREADS=1 $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(ROOT_FLAG)

# The whole suite, then every `numeric` test, docstring example and notebook again on a second numerical path of
# this machine (tests/numerical_path.py: NumPy's highest SIMD level switched off, OpenBLAS on an older core type),
# so that a claim that holds only on one CPU's last bits fails here too.
test: $(VENV)/.test
	$(BIN)/ruff check helpers tests benchmarks notebooks
	OPENBLAS_NUM_THREADS=1 $(PY) -m pytest
	$(MAKE) --no-print-directory test-second-path

test-second-path: $(VENV)/.test
	OPENBLAS_NUM_THREADS=1 $(PY) tests/numerical_path.py --run -m numeric

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

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache .hypothesis
