# Every target sets up what it needs on a fresh machine (a .venv with the packages), then does its job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

.PHONY: run demo test soak lint bench clean fonts browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Fonts for participants' names and texts in the PDFs (Debian packages): DejaVu (Latin, Greek, Cyrillic,
# Arabic, Hebrew), WenQuanYi Micro Hei (Chinese, Japanese, Korean), Symbola (symbols, emoji). Whatever cannot be
# installed, the reports fall back to the Vera font inside ReportLab and print "�" for what it lacks.
FONT_FILES := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/wqy/wqy-microhei.ttc \
	/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
FONT_PACKAGES := fonts-dejavu-core fonts-dejavu-extra fonts-wqy-microhei fonts-symbola

fonts:
	@missing=0; for f in $(FONT_FILES); do [ -f "$$f" ] || missing=1; done; \
	if [ $$missing = 1 ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then SUDO="sudo"; \
	  else SUDO="none"; fi; \
	  if [ "$$SUDO" = none ]; then echo "note: cannot install $(FONT_PACKAGES); PDFs will use fewer fonts"; \
	  else { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	           $(FONT_PACKAGES) >/dev/null; } || echo "note: could not install $(FONT_PACKAGES); PDFs will use fewer fonts"; \
	  fi; \
	fi

# A real browser for the room screen's tests (tests/test_room_screen.py): Debian's chromium, installed when
# missing (as root, or through sudo). CI runs on a fresh machine, so it must get one; a local run without it
# skips those tests and says why.
CHROMIUM := /usr/bin/chromium

browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then SUDO="sudo -n"; \
	  else SUDO="none"; fi; \
	  if [ "$$SUDO" = none ]; then echo "note: cannot install chromium; the room screen's browser tests will skip"; \
	  else { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	           chromium >/dev/null; } || echo "note: could not install chromium; the room screen's browser tests will skip"; \
	  fi; \
	fi

run: $(STAMP) fonts
	$(BIN)/workshop-bot run

demo: $(STAMP) fonts
	$(BIN)/workshop-bot demo --out out

test: $(STAMP) fonts browser
	PTB_TIMEDELTA=1 $(BIN)/pytest -q -n 2

# The resilience suite at length (a few minutes): more people under random faults, 25 kill-and-restart cycles,
# 10,000 fuzzed updates, each run with a fresh seed (printed; RESILIENCE_SEED=<n> repeats one).
soak: $(STAMP) fonts
	SOAK=1 FUZZ_UPDATES=10000 PTB_TIMEDELTA=1 $(BIN)/pytest -q tests/test_resilience.py tests/test_resilience_kill.py \
		tests/test_fuzz_updates.py -s

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP) fonts
	PTB_TIMEDELTA=1 $(BIN)/python -m bench

clean:
	rm -rf $(VENV) out
