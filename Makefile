# Two commands do all set-up: `make run` starts the dashboard, `make test` runs every test.
# Both create .venv on first use and reinstall when a requirements file changes; safe to run twice.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test validate

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

test: $(STAMP)
	$(PY) -m pytest

validate: $(STAMP)
	$(PY) -m turan.validate data
