# Every target bootstraps what it needs: a fresh machine with Python 3.11 is enough.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONPATH := src

.PHONY: run test test-sqlite test-postgres test-e2e lint bench load vendor messages system clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# System packages (gettext, PostgreSQL, Chromium, poppler) from Debian, installed only when missing.
system:
	bash scripts/install-system-packages.sh

run: $(STAMP)
	bash scripts/run.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# Extract the interface strings into the catalogues, then compile them (the .mo files are committed so
# that `make run` needs no gettext).
messages: $(STAMP)
	cd src/maillage && ../../$(BIN)/django-admin makemessages -l fr -l en --no-obsolete --ignore "analysis/*" --settings=maillage.settings
	for lang in fr en; do msgfmt --check -o src/maillage/locale/$$lang/LC_MESSAGES/django.mo src/maillage/locale/$$lang/LC_MESSAGES/django.po; done

test: $(STAMP) system
	$(MAKE) lint
	$(MAKE) test-sqlite
	if [ "$$CI" = "true" ] || [ -n "$$WITH_POSTGRES" ]; then $(MAKE) test-postgres; fi
	$(MAKE) test-e2e

test-sqlite: $(STAMP)
	$(BIN)/pytest -m "not e2e" -q

test-postgres: $(STAMP)
	bash scripts/with-postgres.sh $(BIN)/pytest -m "not e2e" -q

test-e2e: $(STAMP)
	$(BIN)/pytest -m e2e -q tests/e2e

bench: $(STAMP) system
	$(BIN)/python -m bench
	$(BIN)/python -m bench.browser
	$(BIN)/python -m bench.imports
	$(BIN)/python -m bench.indicators
	$(BIN)/python -m bench.reports

# A bounded load test (gunicorn + PostgreSQL, 20,000 organizations, 50 users, 2 minutes): bench/results-load.md.
load: $(STAMP) system
	bash bench/load/run.sh

vendor:
	bash scripts/vendor.sh

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
