# Everything runs from a local virtual environment that `make` creates on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
CHROMIUM := /usr/bin/chromium
AXE := .cache/axe-core-4.14.1/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build lint test bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Browser tests use Debian's chromium, never a downloaded browser.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The accessibility test's axe-core, from the npm registry (checked against npm's hash).
$(AXE): tests/tools/fetch_axe.py
	python3 tests/tools/fetch_axe.py

## serve: build the site from dumps/ and preview it at http://127.0.0.1:8000
serve: $(VENV)/.installed
	$(MKDOCS) serve

## build: generate the pages and build the site into site/, failing on any problem
# (the generator runs inside MkDocs as a hook, strict when the build is)
build: $(VENV)/.installed
	$(MKDOCS) build --strict

## lint: ruff over the code (rules in pyproject.toml)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check generator tests bench

## test: lint, then the whole test suite (one process per core, at most four)
test: lint $(CHROMIUM) $(AXE)
	$(PY) -m pytest --numprocesses auto --maxprocesses 4

## bench: scale, search and serve benchmarks (figures and ratios; about 100 minutes)
bench: $(VENV)/.installed $(CHROMIUM)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/scale.py
	$(PY) bench/search.py
	$(PY) bench/serve.py

clean:
	rm -rf site docs/index.md docs/papers docs/topics docs/dates docs/orgs docs/top docs/feeds docs/exports .cache/generator test-screenshots
