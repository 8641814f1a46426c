# Every target sets up what it needs on a fresh machine (a .venv with the packages), then does its job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

.PHONY: run demo test lint bench clean fonts

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# DejaVu covers Spanish, Latin-extended, Greek and Cyrillic names in the PDFs (Debian packages). Without it the
# reports fall back to the Vera font that ships inside ReportLab, which covers less.
fonts:
	@if [ ! -f $(FONT) ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core fonts-dejavu-extra >/dev/null; } \
	      || echo "note: could not install DejaVu fonts; PDFs will use ReportLab's Vera font"; \
	  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	    { sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core fonts-dejavu-extra >/dev/null; } \
	      || echo "note: could not install DejaVu fonts; PDFs will use ReportLab's Vera font"; \
	  else echo "note: DejaVu fonts not installed; PDFs will use ReportLab's Vera font"; fi; \
	fi

run: $(STAMP) fonts
	$(BIN)/workshop-bot run

demo: $(STAMP) fonts
	$(BIN)/workshop-bot demo --out out

test: $(STAMP) fonts
	PTB_TIMEDELTA=1 $(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP) fonts
	PTB_TIMEDELTA=1 $(BIN)/python -m bench

clean:
	rm -rf $(VENV) out
