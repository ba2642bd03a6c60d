# One command to set up and run the app, one to set up and run the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup bench eval browser-deps clean screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/werkagenda serve

# Debian's Chromium drives the browser test; installed only when missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium niet beschikbaar: de browsertest wordt overgeslagen (onder CI=true faalt hij)"

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

# The README's pictures (chat, Overzicht, action list at 390x844 and 1366x900) into docs/: the
# browser tests take them anyway (into a temporary directory during `make test`).
screenshots: $(STAMP) browser-deps
	WERKAGENDA_SCREENSHOT_DIR=$(CURDIR)/docs $(BIN)/python -m pytest -q tests/test_browser.py -k screenshots

bench: $(STAMP)
	$(BIN)/werkagenda bench --repeat 3

eval: $(STAMP)
	$(BIN)/werkagenda eval

clean:
	rm -rf $(VENV) var
