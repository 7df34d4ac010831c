# Two commands do all the set-up on a fresh machine (needs python3 with venv, and make):
#   make run   - install what the app needs, then serve it on http://127.0.0.1:8501 (PORT=... to change)
#   make test  - install the app plus the test tools, then lint, validate the data and run every test
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check
RUN_STAMP  := $(VENV)/.run-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP  := $(VENV)/.dev-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | cksum | cut -d' ' -f1)
PORT   ?= 8501

.PHONY: run test lint validate soak bench screenshots clean messages

$(VENV)/bin/python:
	python3 -m venv $(VENV)

# The app alone: runtime requirements and this project (editable, so `analysis` and `ui` import from here).
$(RUN_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) -r requirements.txt
	$(PIP) --no-deps --no-build-isolation -e . 2>/dev/null || $(PIP) --no-deps -e .
	rm -f $(VENV)/.run-* && touch $(RUN_STAMP)

# Tests add the development tools on top.
$(DEV_STAMP): $(RUN_STAMP) requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	rm -f $(VENV)/.dev-* && touch $(DEV_STAMP)

run: $(RUN_STAMP)
	$(PY) -m ui.serve app.py --server.address 127.0.0.1 --server.port $(PORT)

lint: $(DEV_STAMP)
	$(PY) -m ruff check .

test: lint
	$(PY) -m analysis.validate
	$(PY) -m pytest

soak: $(DEV_STAMP)
	$(PY) -m pytest -m soak

validate: $(RUN_STAMP)
	$(PY) -m analysis.validate

bench: $(DEV_STAMP)
	$(PY) -m bench.run

# The README's pictures, taken from the running app in headless Chromium (Debian's chromium package).
# `make screenshots ARGS=--all` writes every page at every size to test-artifacts/screens/ and checks each.
screenshots: $(DEV_STAMP)
	$(PY) docs/screenshots.py $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis test-artifacts *.egg-info

# Translations: pull every _()/N_()/ngettext()/pgettext() message from the code into the Spanish catalog
# (new ones empty, changed ones fuzzy), for translating in locale/es/LC_MESSAGES/messages.po.
messages: $(DEV_STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k pgettext:1c,2 --no-location --sort-output --omit-header -o $(VENV)/messages.pot .
	$(VENV)/bin/pybabel update -i $(VENV)/messages.pot -d locale -D messages --ignore-obsolete
