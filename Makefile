# ccaward developer commands. A newcomer needs two: `make run` and `make test`.
#
#   make run            set up .venv from the lock file, migrate, load the demo season
#                       when the database is empty, serve on http://127.0.0.1:8000
#   make test           the same set-up, the system packages the tests need (as root),
#                       lint, the whole suite on SQLite and on PostgreSQL at the same
#                       time (scripts/test-both.sh: each run is mostly one core's work)
#   make test-sqlite    the suite on SQLite only          (PYTEST_ARGS="-k name" to filter)
#   make test-postgres  the suite on a throw-away PostgreSQL on a loopback port
#   make test-engine    the engine tests only (no Django, no browser)
#   make lint           ruff check and ruff format --check
#   make format         ruff format and the safe fixes
#   make messages       extract the translatable strings into ccaward/locale (needs gettext)
#   make translations   compile the .po catalogues into .mo (part of every set-up)
#   make screenshots    pages in Chinese and English into var/screenshots/
#   make lock           re-resolve requirements.lock from pyproject.toml (needs uv)
#   make demo           create the demo season (does nothing if it exists)
#   make shell          a Django shell
#   make clean          remove .venv and var/ (the SQLite database, uploads, secret key)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres test-engine lint format messages translations \
        screenshots lock demo shell clean system-deps venv

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

venv: $(VENV)/.installed translations

translations: $(VENV)/.installed
	$(BIN)/python -m ccaward.core.i18n

run: venv
	$(BIN)/ccaward demo --if-empty
	$(BIN)/ccaward serve --host $(HOST) --port $(PORT)

demo: venv
	$(BIN)/ccaward demo

system-deps:
	bash scripts/system-deps.sh

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: venv system-deps lint
	bash scripts/test-both.sh

test-sqlite: venv
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: venv
	bash scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

test-engine: venv
	$(BIN)/pytest tests/engine $(PYTEST_ARGS)

messages: venv
	cd ccaward && ../$(BIN)/python ../manage.py makemessages -l zh_Hans --no-obsolete

screenshots: venv
	$(BIN)/python scripts/screenshots.py

lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

shell: venv
	$(BIN)/ccaward manage shell

clean:
	rm -rf $(VENV) var
