# Two commands for a newcomer: `make run` and `make test`.
# Django 6.1 needs Python 3.12+. We look on PATH first, then in pyenv, and take the newest.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

PYTHON ?= $(shell scripts/find-python)

.PHONY: run test venv install install-dev lint migrate catalog worker serve clean bench check-deploy messages

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python 3.12 or newer found (looked on PATH and in pyenv)."; \
	  echo "Install one, e.g. 'pyenv install 3.13' or your system's python3.13 package, then run make again."; \
	  exit 1; \
	fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP) $@

venv: $(PY)
install: $(STAMP)
install-dev: $(DEV_STAMP)

migrate: $(STAMP)
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput

catalog: migrate
	DJANGO_DEBUG=true $(PY) manage.py load_catalog

run: catalog
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

worker: $(STAMP)
	$(VENV)/bin/celery -A config worker --loglevel=INFO

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

check-deploy: $(STAMP)
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$(openssl rand -hex 32) DJANGO_ALLOWED_HOSTS=example.com \
	  $(PY) manage.py check --deploy --fail-level WARNING

bench: $(DEV_STAMP)
	$(PY) bench/import_offer.py
	$(PY) bench/estimator.py
	$(PY) bench/engine.py
	$(PY) bench/comparison.py
	bench/http.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# Translations: refresh the question strings and the catalog, then compile it (needs GNU gettext).
# django.mo is committed, so `make run` needs no gettext; a unit test fails when it lags the .po.
messages: $(STAMP)
	DJANGO_DEBUG=true $(PY) manage.py questionnaire_strings
	DJANGO_DEBUG=true $(PY) manage.py makemessages -l ko --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*"
	DJANGO_DEBUG=true $(PY) manage.py compilemessages -l ko --ignore ".venv/*"
