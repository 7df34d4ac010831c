# Two commands do all the set-up on a fresh machine (needs python3 with venv, and make):
#   make run   - install what the app needs, then serve it on http://127.0.0.1:8501 (PORT=... to change)
#   make test  - install the app plus the test tools, then lint, validate the data and run every test
# The first run installs into .venv (pip shows each package as it goes); later runs start at once.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install --disable-pip-version-check --progress-bar on
# Both groups run in parallel (pytest-xdist). The tests that need no browser spread test by test over every core;
# the browser and nginx tests file by file (`--dist loadfile`) on at most BROWSER_WORKERS workers, each with its
# own app server on its own port and its own Chromium (tests/conftest.py), so a file keeps its module fixtures.
# `-m` replaces pyproject's "not soak", so each group says it again. pytest exits 5 when a group collects no
# test, and make stops on it: a group that silently ran nothing cannot pass.
BROWSER_WORKERS ?= 4
UNIT    := -n auto -m "not browser and not deploy and not soak"
BROWSER := -n auto --maxprocesses $(BROWSER_WORKERS) --dist loadfile -m "(browser or deploy) and not soak"
RUN_STAMP  := $(VENV)/.run-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP  := $(VENV)/.dev-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | cksum | cut -d' ' -f1)
PORT   ?= 8501

.PHONY: run test test-unit test-browser nightly lint validate soak bench screenshots clean messages

$(VENV)/bin/python:
	@echo "==> Creating the virtual environment in $(VENV)"
	python3 -m venv $(VENV)

# The app alone: runtime requirements and this project (editable, so `analysis` and `ui` import from here).
$(RUN_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	@echo "==> Installing what the app needs into $(VENV) (first time only: about 2.5 minutes)"
	$(PIP) -r requirements.txt
	@echo "==> Installing this project (editable)"
	$(PIP) --quiet --no-deps --no-build-isolation -e . 2>/dev/null || $(PIP) --quiet --no-deps -e .
	rm -f $(VENV)/.run-* && touch $(RUN_STAMP)

# Tests add the development tools on top.
$(DEV_STAMP): $(RUN_STAMP) requirements-dev.txt
	@echo "==> Installing the test tools into $(VENV) (first time only)"
	$(PIP) -r requirements-dev.txt
	rm -f $(VENV)/.dev-* && touch $(DEV_STAMP)

run: $(RUN_STAMP)
	@echo "==> Serving the app on http://127.0.0.1:$(PORT) (Ctrl+C stops it)"
	$(PY) -m ui.serve app.py --server.address 127.0.0.1 --server.port $(PORT)

lint: $(DEV_STAMP)
	@echo "==> Lint and format check (ruff)"
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint
	@echo "==> Validating the bundled data"
	$(PY) -m analysis.validate
	@echo "==> Tests without a browser, on every core"
	$(PY) -m pytest $(UNIT)
	@echo "==> Browser and deployment tests, file by file on every core"
	$(PY) -m pytest $(BROWSER)

# Either group alone: the tests that need no browser, or real Chromium and the nginx deployment.
test-unit: $(DEV_STAMP)
	$(PY) -m pytest $(UNIT)

test-browser: $(DEV_STAMP)
	$(PY) -m pytest $(BROWSER)

# The property tests with ten times the everyday example budget and fresh examples (tests/conftest.py).
nightly: $(DEV_STAMP)
	HYPOTHESIS_PROFILE=nightly $(PY) -m pytest $(UNIT)

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
