# Two commands do all set-up: `make run` starts the dashboard, `make test` runs every test.
# Both create .venv on first use and reinstall when a requirements file changes; safe to run twice.
# `make serve` is the multi-process server for many users (deploy/serve.py: nginx in front of one process per core;
# it needs Debian's nginx): PORT (default 8080 for it) and PROCESSES (default: one per core); Ctrl-C stops it.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
PROCESSES ?=

.PHONY: run serve test validate

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

serve: PORT = 8080
serve: $(STAMP)
	$(PY) deploy/serve.py --port $(PORT) $(if $(PROCESSES),--processes $(PROCESSES))

test: $(STAMP)
	$(PY) -m pytest

validate: $(STAMP)
	$(PY) -m turan.validate data
