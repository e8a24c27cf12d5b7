# prof123: two commands from a fresh clone — `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app

.PHONY: run test lint
.DEFAULT_GOAL := run

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(VENV)/.app-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.app-installed

# A random secret key for this checkout, written once and never committed.
instance/config.py:
	@$(BIN)/python -c "import secrets; print(f'SECRET_KEY = {secrets.token_hex(32)!r}')" > $@
	@echo "Wrote a new SECRET_KEY to $@"

run: $(VENV)/.app-installed instance/config.py
	PROF123_ENV=development $(BIN)/flask db upgrade
	PROF123_ENV=development $(BIN)/flask prof123 seed-demo
	PROF123_ENV=development $(BIN)/flask run --host 127.0.0.1 --port 5000

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Every test on SQLite; then, when TEST_DATABASE_URL names a PostgreSQL database, every test again on it.
test: lint
	env -u TEST_DATABASE_URL $(BIN)/pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the whole suite again on PostgreSQL =="; \
		$(BIN)/pytest; \
	fi
