# The README's two commands: `make site` (build and open the example site) and `make test`
# (the whole suite, as CI runs it). Both install what they need on a fresh machine, from the
# lock (uv.lock), so the same commit installs the same software on every day.

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
UV      := $(BIN)/uv

# uv is itself locked (the `dev` group in pyproject.toml): bootstrap the version uv.lock names.
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;q;}' uv.lock)

# uv finds the interpreter we name and never downloads one.
export UV_PYTHON_DOWNLOADS := never
export NO_MKDOCS_2_WARNING := 1

PYTEST := pytest -p no:cacheprovider
# The suite runs on every core (pytest-xdist), a test file per worker at a time so that a
# file's module fixtures (a built site, say) are built once. `make test JOBS=0` runs it in
# one process.
JOBS ?= auto
PARALLEL := -n $(JOBS) --dist loadfile

.PHONY: site test check serve lint typecheck unit system-deps lock dist \
        test-latest test-oldest unresolved-test test-pythons clean

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
	$(BIN)/$(PYTEST) $(PARALLEL)

# The virtual environment: exactly what uv.lock says (opmodel editable, its test extra and
# the dev tools), nothing more. `--locked` refuses a uv.lock that no longer matches
# pyproject.toml (run `make lock`) and never rewrites it.
# Packages are compiled to bytecode as they are installed, as pip does (uv does not unless
# asked): where PYTHONDONTWRITEBYTECODE is set, every command would compile them again.
$(STAMP): pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(UV) || $(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --quiet --locked --extra test --compile-bytecode --python $(BIN)/python
	touch $(STAMP)

# Refresh the lock to the newest versions pyproject.toml's ranges allow; commit the result.
lock: $(STAMP)
	$(UV) lock --upgrade

# Drift on purpose: the suite against the newest and the oldest versions pyproject.toml allows
# (`lowest-direct`: every package opmodel names at its lower bound). Neither touches uv.lock.
test-latest: $(STAMP) system-deps
	$(MAKE) --no-print-directory unresolved-test ENV=.venv-latest RESOLUTION=highest

test-oldest: $(STAMP) system-deps
	$(MAKE) --no-print-directory unresolved-test ENV=.venv-oldest RESOLUTION=lowest-direct

unresolved-test:
	rm -rf $(ENV)
	$(UV) venv --quiet --python $(PYTHON) $(ENV)
	$(UV) pip install --quiet --python $(ENV)/bin/python --resolution $(RESOLUTION) -e '.[test]'
	$(UV) pip list --python $(ENV)/bin/python --format freeze > $(ENV)/versions.txt
	OPMODEL_TOOLS=$(abspath $(BIN)) $(ENV)/bin/$(PYTEST) $(PARALLEL)

# The locked suite on every Python we support. Each interpreter is `pythonX.Y` on PATH or,
# failing that, the newest pyenv build of it (our machines have all three through pyenv).
PYTHONS ?= 3.11 3.12 3.13
test-pythons: system-deps
	@for v in $(PYTHONS); do \
	  py=python$$v; $$py -c '' 2>/dev/null || \
	    py=$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v.*/bin/python$$v 2>/dev/null | sort -V | tail -1); \
	  [ -n "$$py" ] || { echo "Python $$v not found: install it (pyenv install $$v)"; exit 1; }; \
	  echo "== Python $$v ($$py)"; \
	  $(MAKE) --no-print-directory test PYTHON=$$py VENV=.venv-$$v || exit 1; \
	done

# The sdist and wheel a release would publish, checked as PyPI would check them.
dist: $(STAMP)
	rm -rf dist
	$(UV) build --quiet --out-dir dist
	$(BIN)/twine check --strict dist/*

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
	rm -rf site .cache dist .venv-latest .venv-oldest
