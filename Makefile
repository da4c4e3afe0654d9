# One entry point for every task. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system-packages.sh
	scripts/install-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Until the web system exists: read every seed report and print its checked result.
run: install
	$(BIN)/gongkai check tests/fixtures/seeds/*.txt; test $$? -le 1

lint: install
	$(BIN)/ruff check gongkai tests bench
	$(BIN)/ruff format --check gongkai tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest
	$(BIN)/python bench/parse.py --smoke
	$(BIN)/python bench/formats.py --smoke

test-fast: install
	$(BIN)/python -m pytest -x

bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/formats.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
