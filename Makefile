# Every target sets up what it needs on a fresh machine (a .venv with the packages), then does its job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/workshop-bot run

demo: $(STAMP)
	$(BIN)/workshop-bot demo --out out

test: $(STAMP)
	PTB_TIMEDELTA=1 $(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	PTB_TIMEDELTA=1 $(BIN)/python -m bench

clean:
	rm -rf $(VENV) out
