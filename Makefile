# PolicyLens: `make demo` runs the main job on the bundled corpus; `make test` installs and tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export POLICYLENS_HOME ?= $(CURDIR)/workspace
export HF_HUB_OFFLINE := 1

.PHONY: install demo test lint bench clean

$(BIN)/policylens: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e . --group dev
	touch $@

install: $(BIN)/policylens

# Until the app exists, the demo ingests the sample corpus and lists what it holds.
demo: install
	$(BIN)/policylens ingest corpus
	$(BIN)/policylens docs

test: install
	$(BIN)/ruff check ingest nlp index ui tests bench
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check ingest nlp index ui tests bench
	$(BIN)/ruff format --check ingest nlp index ui tests bench

bench: install
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_pdf.py

clean:
	rm -rf $(VENV) workspace .pytest_cache
