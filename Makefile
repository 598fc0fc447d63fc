# rtes-pipeline — the front door. `make` lists the targets.
# Analysts, CI (.ci/run) and the nightly schedule all use these same targets.

.DEFAULT_GOAL := help
SHELL := /bin/bash

#################################################################################
# GLOBALS                                                                       #
#################################################################################

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Optional overrides, passed through to the commands: make crawl SITE_URL=... DATA_DIR=...
SITE_URL ?=
DATA_DIR ?=
SITE_ARGS = $(if $(SITE_URL),--site-url $(SITE_URL)) $(if $(DATA_DIR),--data-dir $(DATA_DIR))
PYTEST_ARGS ?=
# make import FILES="a.txt b.txt"; make import-eval IMPORT_EVAL_ARGS="--seeds 1 2 3 --resources 200"
FILES ?=
IMPORT_EVAL_ARGS ?=

#################################################################################
# COMMANDS                                                                      #
#################################################################################

.PHONY: help
help: ## List the targets
	@echo "rtes-pipeline — crawl rtes.fr's resource library into a clean Parquet dataset"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: SITE_URL=... DATA_DIR=... (crawl, process, nightly), FULL=1 (nightly), ID=... (explain), FILES=... (import), SIZES=... (bench)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

.PHONY: install
install: $(STAMP) ## Create .venv and install the project and its tools into it

.PHONY: probe
probe: $(STAMP) ## First look at the site before a real crawl: page kinds, extraction, verdict (MIRROR=1: the offline mirror)
	$(BIN)/rtes-pipeline probe $(if $(MIRROR),--mirror,$(if $(SITE_URL),--site-url $(SITE_URL))) $(if $(PAGES),--pages $(PAGES))

.PHONY: demo
demo: $(STAMP) ## The main job on the bundled offline mirror -> datasets/demo/
	$(BIN)/rtes-pipeline demo $(if $(DATA_DIR),--data-dir $(DATA_DIR))

.PHONY: crawl
crawl: $(STAMP) ## Crawl the site (default https://www.rtes.fr) into DATA_DIR/raw/
	$(BIN)/rtes-pipeline crawl $(SITE_ARGS)

.PHONY: process
process: $(STAMP) ## Clean the latest crawl and publish DATA_DIR/resources/
	$(BIN)/rtes-pipeline process $(SITE_ARGS)

.PHONY: nightly
nightly: $(STAMP) ## The scheduled run: crawl what changed, process, check, publish (FULL=1: full pass)
	$(BIN)/rtes-pipeline nightly $(SITE_ARGS) $(if $(FULL),--full)

.PHONY: report
report: ## Show the last run's report (DATA_DIR, default datasets)
	@last=$$(ls -d $(or $(DATA_DIR),datasets)/runs/*/ 2>/dev/null | sort | tail -1); \
	if [ -z "$$last" ]; then echo "no run report under $(or $(DATA_DIR),datasets)/runs/" >&2; exit 1; fi; \
	cat "$${last}report.md"

.PHONY: import
import: $(STAMP) ## Import legacy text exports: make import FILES="a.txt b.txt" DATA_DIR=...
	$(BIN)/rtes-pipeline import-text $(FILES) $(if $(DATA_DIR),--out $(DATA_DIR))

.PHONY: import-eval
import-eval: $(STAMP) ## Measure the text importer on generated exports with known truth
	$(BIN)/python -m mirror.legacy_export eval $(IMPORT_EVAL_ARGS)

.PHONY: explain
explain: $(STAMP) ## Show kept and removed text of one resource: make explain ID=node-1234
	$(BIN)/rtes-pipeline explain $(ID) --data-dir $(or $(DATA_DIR),datasets/demo)

.PHONY: mirror
mirror: $(STAMP) ## Serve the offline mirror on http://127.0.0.1:8800 (Ctrl-C to stop)
	$(BIN)/rtes-pipeline mirror serve --port 8800

.PHONY: eval
eval: $(STAMP) ## Measure dedup and merge accuracy vs baselines -> datasets/eval/report.json
	$(BIN)/python -m bench.eval

SIZES ?= 1000,10000,100000
.PHONY: bench
bench: $(STAMP) ## Time the processing stage at SIZES=1000,10000,100000 -> datasets/bench/report.json
	$(BIN)/python -m bench.perf --sizes $(SIZES)

.PHONY: test
test: $(STAMP) ## Run the test suite (unit, spider, end-to-end on the mirror)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

.PHONY: clean
clean: ## Remove build files, caches and outputs (keeps datasets/README.md and .venv)
	rm -rf build *.egg-info .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +
	find datasets -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
