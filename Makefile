# diplomatic-kg: the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
# the tool alone (make demo); the full install (make test) counts as one too
BASE_STAMP = $(VENV)/.installed-tool
OUT    ?= out

.PHONY: demo test install chromium lint bench clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "diplomatic-kg needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $(BASE_STAMP)

$(BASE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(BASE_STAMP)

install: $(STAMP)  ## create .venv and install the package with its test tools

chromium:  ## install Debian's chromium for the browser tests when it is missing
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: $(BASE_STAMP)  ## build the graph from seeds/ into out/ and print a summary (installs the tool only)
	$(BIN)/kg build seeds/ -o $(OUT)

test: $(STAMP) chromium  ## lint, then every test: unit, doctests, browser, notebook and server tests
	$(BIN)/ruff check kg tests benchmarks tools
	$(BIN)/python -m pytest -q --doctest-modules kg tests

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check kg tests benchmarks

bench: $(STAMP) chromium  ## run the benchmarks (slow; each prints its figures and ratios)
	$(BIN)/python benchmarks/bench_extract.py --docs 2000
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_viz.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_serve.py

clean:  ## remove .venv and out/
	rm -rf $(VENV) $(OUT)
