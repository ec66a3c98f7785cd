# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING = 1
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: install serve build test lint typecheck pytest eval bench browser clean

install: $(STAMP)

# The venv is rebuilt whenever the lock or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

lint: install
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

browser: install
	$(BIN)/python -m pytest -q -m browser

eval: install
	$(BIN)/python -m newsroom.evaluation glossary tests/fixtures/eval
	$(BIN)/python -m newsroom.evaluation dates
	$(BIN)/python -m newsroom.evaluation claims --quiet
	$(BIN)/python -m newsroom.evaluation glossary --dev ../shared/eval/dev

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf site .cache
