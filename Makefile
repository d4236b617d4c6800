# Readout: `make run` builds the warehouse from seeds/, `make test` runs the suite.
# Both install what they need into .venv on first use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANIFEST := dbt_project/target/manifest.json
DBT_INPUTS := $(shell find dbt_project/models dbt_project/macros dbt_project/seeds dbt_project/tests -type f 2>/dev/null) \
	dbt_project/dbt_project.yml dbt_project/profiles.yml
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: install manifest run test eval bench dev lint clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' \
		|| { echo "set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

# The dbt manifest is prepared at build time, never when the code location is imported.
manifest: $(MANIFEST)
$(MANIFEST): $(STAMP) $(DBT_INPUTS)
	cd dbt_project && ../$(BIN)/dbt parse --quiet --log-path target/logs
	@touch $@

run: $(MANIFEST)
	$(BIN)/python -m orchestration.cli run

test: $(MANIFEST)
	$(BIN)/python -m pytest -q

# Every labelled set scored alone and inside the whole shared corpus, plus invariance; writes EVAL.md.
eval: $(MANIFEST)
	$(BIN)/python -m evaluation.run

bench: $(MANIFEST)
	$(BIN)/python -m benchmarks.run

dev: $(MANIFEST)
	@echo "Dagster UI on http://127.0.0.1:3000 (Ctrl-C stops it)"
	$(BIN)/python -m orchestration.dev

lint: $(MANIFEST)
	$(BIN)/ruff check orchestration tests benchmarks evaluation
	$(BIN)/ruff format --check orchestration tests benchmarks evaluation
	cd dbt_project && ../$(BIN)/sqlfluff lint models tests --config ../pyproject.toml

clean:
	rm -rf dbt_project/target dbt_project/logs warehouse/.build .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
