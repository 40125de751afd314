# Two commands on a fresh machine: `make serve` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint pytest bench clean constraints

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml constraints.txt $(VENV)/.site-installed
	$(PIP) -e '.[dev,pdf]'
	touch $@

# --dirty: after an edit only the pages it changed are rebuilt; the plugin keeps navigation, search and deleted
# pages right (see plugins/mkdocs_pathways/render/preview.py).
serve: $(VENV)/.site-installed  ## build and serve the guide at http://127.0.0.1:8000, reloading on edits
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr $(ADDR)

build: $(VENV)/.site-installed  ## build the static site into site/
	$(BIN)/mkdocs build --strict

check: $(VENV)/.site-installed  ## check every pathway and lesson
	$(BIN)/pathways check

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check plugins tests bench
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint pytest  ## the whole suite: lint, types, unit, golden, build and browser tests

constraints: $(VENV)/.dev-installed  ## re-pin constraints.txt from the dev environment
	{ head -n 2 constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e'; } > constraints.new
	mv constraints.new constraints.txt

bench: $(VENV)/.dev-installed  ## benchmark against plain MkDocs and write bench/RESULTS.md (about 40 minutes)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
