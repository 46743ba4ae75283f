# The README's two commands: `make site` (build and open the example site) and `make test`
# (the whole suite, as CI runs it). Both install what they need on a fresh machine.

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve lint typecheck unit system-deps clean

site: $(STAMP) system-deps
	$(BIN)/opmodel build --open

serve: $(STAMP) system-deps
	$(BIN)/opmodel serve

check: $(STAMP)
	$(BIN)/opmodel check

test: $(STAMP) system-deps lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider

# A virtual environment with the package (editable) and its test extra.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Graphviz's `dot` draws the diagrams; Debian's Chromium runs the browser tests (Playwright
# drives it; its own browser builds are never downloaded). Installed with apt-get when we may
# (root, Debian or Ubuntu); otherwise we say how.
system-deps:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "Graphviz is missing: install it with 'sudo apt-get install graphviz' or 'brew install graphviz'."; exit 1; \
	  fi; }
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: the browser tests (tests/browser) will be skipped; install it with 'sudo apt-get install chromium'."; \
	  fi; }

clean:
	rm -rf site .cache
