# make run   set up, load the bundled sample into DuckDB, start the dashboard (PORT=8501;
#            when the port is taken it says so: make run PORT=8502)
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
	@$(BIN)/python -c "import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
	sys.exit(0) if not s.connect_ex(('127.0.0.1', $(PORT))) == 0 else \
	sys.exit('port $(PORT) is in use (another dashboard?); stop it, or choose another port: make run PORT=%d' % ($(PORT) + 1))"
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

test: setup
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/python -m etl eval --gold ../shared/gold

bench: setup
	$(BIN)/python -m etl bench

clean:
	rm -rf $(VENV) data/indicators.duckdb tests/output
