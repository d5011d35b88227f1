# Công Sở — the two commands are `make run` and `make test`; both bootstrap .venv.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements/lock.txt
STAMP := $(VENV)/.installed-$(shell sha256sum $(LOCK) pyproject.toml 2>/dev/null | sha256sum | cut -c1-16)
MANAGE := $(BIN)/python manage.py
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-sqlite test-postgres lint fmt typecheck messages compilemessages \
        schema bench lock venv sysdeps-run sysdeps-test migrate demo worker clean

run: sysdeps-run venv compilemessages ## set up and start web + worker with demo data
	$(MANAGE) migrate --noinput
	$(MANAGE) demo_load
	$(MANAGE) demo_logins
	@scripts/run.sh

test: sysdeps-test venv compilemessages ## set up and run the whole suite
	scripts/check_messages.sh
	$(MANAGE) makemigrations --check --dry-run --settings=congso.conf.settings.test
	$(BIN)/lint-imports
	$(BIN)/pytest
	$(BIN)/pytest tests/browser -o addopts="--strict-markers -p no:cacheprovider" \
	  -W "ignore::pytest.PytestRemovedIn10Warning"

lint: venv ## ruff check + format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: venv
	$(BIN)/mypy congso

messages: venv ## refresh the Vietnamese catalogue
	$(MANAGE) makemessages -l vi --no-obsolete --ignore=.venv --ignore=var --ignore=bench \
	  --ignore=scripts
	$(MANAGE) makemessages -d djangojs -l vi --no-obsolete --ignore=.venv --ignore=var \
	  --ignore=congso/static/vendor --ignore=bench

compilemessages: venv
	@$(MANAGE) compilemessages -l vi --ignore=.venv --ignore=var >/dev/null

schema: venv ## regenerate the committed OpenAPI schema
	$(MANAGE) spectacular --validate --lang en --file docs/api/openapi.yaml

bench: venv ## calendar, signing (no DB), intake, queues, lookup, documents, search (CONGSO_DATABASE_URL; PostgreSQL for 1M)
	$(BIN)/python -m bench.calendar
	$(BIN)/python -m bench.signing
	$(BIN)/python -m bench.intake
	$(BIN)/python -m bench.queues --n 200000 --requests 100
	$(BIN)/python -m bench.lookup --n 200000
	$(BIN)/python -m bench.documents --existing 100000
	$(BIN)/python -m bench.search --n 200000

lock: ## re-pin requirements/lock.txt from pyproject.toml
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --extra dev --strip-extras --no-header --no-annotate -o $(LOCK) pyproject.toml

venv: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r $(LOCK)
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $@

sysdeps-run:
	@scripts/system-deps.sh run

sysdeps-test:
	@scripts/system-deps.sh test

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
