# make run   set up, load the bundled sample into DuckDB, start the dashboard
# make test  set up, run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test setup etl dashboard eval bench clean

run: etl dashboard

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

etl: setup
	$(BIN)/python -m etl run

dashboard: setup
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

test: setup
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/python -m etl eval --gold ../shared/gold

bench: setup
	$(BIN)/python -m etl bench

clean:
	rm -rf $(VENV) data/indicators.duckdb tests/output
