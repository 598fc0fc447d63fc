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
# They reach the commands as environment variables (never split by the shell: a DATA_DIR with a
# space works), exported only when set.
SITE_URL ?=
DATA_DIR ?=
ifneq ($(SITE_URL),)
export SITE_URL
endif
ifneq ($(DATA_DIR),)
export DATA_DIR
endif
# Reading targets (report, explain): DATA_DIR, else the one the last command wrote, else datasets.
LAST_DATA_DIR := $(shell cat .last-data-dir 2>/dev/null)
READ_DIR = $(or $(DATA_DIR),$(LAST_DATA_DIR),datasets)
# make nightly FULL=1 (or yes/true): a full pass; FULL=0 (or no/false, or unset): as scheduled.
FULL ?=
FULL_FLAG = $(if $(filter 1 yes true,$(FULL)),--full)
# make mirror PORT=8800
PORT ?= 8800
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
	@echo "Variables: SITE_URL=... DATA_DIR=... (crawl, process, nightly, demo, import), FULL=1 (nightly), THEME=... SEED=... RESOURCES=... (demo), PORT=... (mirror), ID=... HTML=1 (explain), FILES=... (import), SIZES=... SYSTEMS=... (bench)"

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
demo: $(STAMP) ## The main job on the bundled offline mirror -> datasets/demo/ (THEME=, SEED=, RESOURCES=: another mirror)
	$(BIN)/rtes-pipeline demo $(if $(THEME),--theme $(THEME)) $(if $(SEED),--seed $(SEED)) $(if $(RESOURCES),--resources $(RESOURCES))

.PHONY: crawl
crawl: $(STAMP) ## Crawl the site (default https://www.rtes.fr) into DATA_DIR/raw/
	$(BIN)/rtes-pipeline crawl

.PHONY: process
process: $(STAMP) ## Clean the latest crawl and publish DATA_DIR/resources/
	$(BIN)/rtes-pipeline process

.PHONY: nightly
nightly: $(STAMP) ## The scheduled run: crawl what changed, process, check, publish (FULL=1: full pass)
	@case "$(FULL)" in ""|0|1|yes|no|true|false) ;; *) echo "make: FULL must be 0 or 1, not '$(FULL)'" >&2; exit 2;; esac
	$(BIN)/rtes-pipeline nightly $(FULL_FLAG)

.PHONY: report
report: $(STAMP) ## Show the newest run report, by time (DATA_DIR, default: the data directory the last command wrote)
	$(BIN)/rtes-pipeline report --data-dir "$(READ_DIR)"

.PHONY: import
import: $(STAMP) ## Import legacy text exports: make import FILES="a.txt b.txt" DATA_DIR=...
	$(BIN)/rtes-pipeline import-text $(FILES)

.PHONY: import-eval
import-eval: $(STAMP) ## Measure the text importer on generated exports with known truth
	$(BIN)/python -m mirror.legacy_export eval $(IMPORT_EVAL_ARGS)

.PHONY: explain
explain: $(STAMP) ## Show kept and removed text of one resource: make explain ID=node-1234 [HTML=1]
	@if [ -z "$(ID)" ]; then echo "make: give the resource: make explain ID=node-1234" >&2; exit 2; fi
	$(BIN)/rtes-pipeline explain "$(ID)" --data-dir "$(READ_DIR)" $(if $(filter 1 yes true,$(HTML)),--html)

.PHONY: mirror
mirror: $(STAMP) ## Serve the offline mirror on http://127.0.0.1:PORT (default 8800; Ctrl-C to stop)
	$(BIN)/rtes-pipeline mirror serve --port "$(PORT)"

.PHONY: eval
eval: $(STAMP) ## Measure dedup and merge accuracy vs baselines -> datasets/eval/report.json
	$(BIN)/python -m bench.eval

SIZES ?= 1000,10000,100000
SYSTEMS ?=
.PHONY: bench
bench: $(STAMP) ## Time the processing stage at SIZES=1000,10000,100000 -> datasets/bench/report.json
	$(BIN)/python -m bench.perf --sizes $(SIZES) --systems "$(SYSTEMS)"

.PHONY: bench-nightly
bench-nightly: $(STAMP) ## What nightly runs download, day after day, on the mirror -> datasets/bench/nightly.json
	$(BIN)/python -m bench.nightly_transfer

.PHONY: test
test: $(STAMP) ## Run the whole test suite (unit, spider, end-to-end on the mirror; about 20 min)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: $(STAMP) ## The fast lane: unit and in-process tests, no server, crawl or browser (under a minute)
	RTES_PROPERTY_EXAMPLES=15 $(BIN)/python -m pytest -q -m "not e2e and not slow" $(PYTEST_ARGS)

.PHONY: lint
lint: $(STAMP) ## ruff (format and rules) and the import contracts (lint-imports)
	$(BIN)/ruff format --check --quiet .
	$(BIN)/ruff check --quiet .
	$(BIN)/lint-imports --no-cache

.PHONY: clean
clean: ## Remove what the project generates: build files, caches, datasets/{demo,demo-*,bench,eval} (never a real dataset)
	rm -rf build *.egg-info .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +
	rm -rf datasets/demo datasets/demo-* datasets/bench datasets/eval

.PHONY: clean-data
clean-data: ## Delete a real dataset: make clean-data DATA_DIR=... CONFIRM=1 (asks nothing, refuses without CONFIRM=1)
	@if [ -z "$(DATA_DIR)" ]; then echo "clean-data: name the dataset to delete: make clean-data DATA_DIR=... CONFIRM=1" >&2; exit 2; fi
	@if [ "$(CONFIRM)" != "1" ]; then echo "clean-data: this deletes every crawl, version and report under $(DATA_DIR); run again with CONFIRM=1" >&2; exit 1; fi
	find "$(DATA_DIR)" -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
