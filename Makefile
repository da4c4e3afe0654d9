# One entry point for every task. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Docs with sections generated from the code (`make docs` regenerates them; lint checks them).
COGGED := docs/rules.md docs/permissions.md docs/audit.md docs/deploy.md docs/cli.md
PO := gongkai/web/locale/zh_Hans/LC_MESSAGES/django.po

.PHONY: install run test test-fast lint docs messages bench corpus fuzz clean

install: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system-packages.sh
	scripts/install-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[web,dev]'
	touch $(STAMP)

# The web system on SQLite in ./data: migrations, the demo region with the seed reports,
# an administrator (password printed once), a worker for uploads, the server on
# http://127.0.0.1:8000 — with development settings (scripts/run-dev.sh).
run: install
	scripts/run-dev.sh

lint: install
	$(BIN)/ruff check gongkai tests bench
	$(BIN)/ruff format --check gongkai tests bench
	$(BIN)/mypy
	$(BIN)/cog --check -I . $(COGGED)
	msgfmt --check-format -o - $(PO) | cmp -s - $(PO:.po=.mo) || { echo "$(PO:.po=.mo) is stale: make messages"; exit 1; }

docs: install
	$(BIN)/cog -r -I . $(COGGED)

messages:
	msgfmt --check-format -o $(PO:.po=.mo) $(PO)

test: lint
	$(BIN)/python -m pytest
	scripts/with-postgres.sh $(BIN)/python -m pytest -q -p no:cacheprovider tests/web
	$(BIN)/python bench/parse.py --smoke
	$(BIN)/python bench/silent.py --smoke
	$(BIN)/python bench/staircase.py --smoke
	$(BIN)/python bench/formats.py --smoke
	$(BIN)/python bench/pdf.py --smoke
	$(BIN)/python bench/reading.py --smoke
	$(BIN)/python bench/workdays.py --smoke
	$(BIN)/python bench/accuracy.py --smoke
	$(BIN)/python bench/altered.py --smoke
	$(BIN)/python bench/hostile.py --smoke
	$(BIN)/python bench/longinputs.py --smoke
	$(BIN)/python bench/uploads.py --smoke
	$(BIN)/python -W ignore -m tests.support.fuzz --smoke --out .fuzz-findings
	scripts/with-postgres.sh $(BIN)/python bench/web.py --smoke
	scripts/with-postgres.sh $(BIN)/python bench/cases.py --smoke
	$(BIN)/python bench/cases.py --smoke --recompute
	scripts/with-postgres.sh $(BIN)/python bench/load.py --smoke
	scripts/with-postgres.sh $(BIN)/python bench/ingest.py --smoke
	scripts/with-postgres.sh $(BIN)/python bench/ingest.py --smoke --machines 2
	$(BIN)/python bench/analytics.py --smoke
	scripts/with-postgres.sh $(BIN)/python bench/copies_web.py --smoke
	$(BIN)/python bench/opendata.py --smoke
	$(BIN)/python bench/redaction.py --smoke
	scripts/with-postgres.sh $(BIN)/python bench/collect.py --smoke
	scripts/with-postgres.sh $(BIN)/python bench/supervision.py --smoke

test-fast: install
	$(BIN)/python -m pytest -x -m "not browser"

bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/formats.py
	$(BIN)/python bench/workdays.py
	$(BIN)/python bench/accuracy.py --json build/accuracy.json
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/uploads.py
	scripts/with-postgres.sh $(BIN)/python bench/web.py --reports 1000
	scripts/with-postgres.sh $(BIN)/python bench/web.py --reports 100000
	scripts/with-postgres.sh $(BIN)/python bench/cases.py --applications 1000000 --agencies 1000
	scripts/with-postgres.sh $(BIN)/python bench/load.py --reports 100000 --seconds 30
	scripts/with-postgres.sh $(BIN)/python bench/ingest.py --n 10000
	$(BIN)/python bench/analytics.py --reports 1000 10000 100000
	scripts/with-postgres.sh $(BIN)/python bench/copies_web.py --reports 10000
	scripts/with-postgres.sh $(BIN)/python bench/opendata.py --reports 2000 10000
	$(BIN)/python bench/redaction.py
	scripts/with-postgres.sh $(BIN)/python bench/collect.py --reports 10000
	scripts/with-postgres.sh $(BIN)/python bench/supervision.py --reports 100000

# The accuracy corpus (tests/support/corpus): build/corpus, converted files cached by content.
corpus: install
	$(BIN)/python -m tests.support.corpus

# Mutated inputs of every format through every reader, for FUZZ_SECONDS (default 600) on
# both cores at the lowest priority; findings (crashes, hangs, > 1 GiB) go to fuzz-findings/.
fuzz: install
	nice -n 19 $(BIN)/python -W ignore -m tests.support.fuzz --workers 2 \
		--seconds $${FUZZ_SECONDS:-600} $${FUZZ_INPUTS:+--inputs $$FUZZ_INPUTS} --out fuzz-findings

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .fuzz-findings fuzz-findings
