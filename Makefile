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

# Until the app exists, the demo ingests and indexes the sample corpus, lists it and searches it.
demo: install
	$(BIN)/policylens ingest corpus
	$(BIN)/policylens docs
	$(BIN)/policylens search "事故发生后多长时间内报告" -k 3
	$(BIN)/policylens search "Article 8 of the Work Safety Act" -k 2
	$(BIN)/policylens verify

test: install
	$(BIN)/ruff check ingest nlp index ui tests bench
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check ingest nlp index ui tests bench
	$(BIN)/ruff format --check ingest nlp index ui tests bench

SHARED ?= ../shared/data

bench: install
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_search_speed.py
	$(BIN)/python bench/bench_retrieval.py --format obliqa --corpus $(SHARED)/obliqa/corpus.jsonl \
		--queries $(SHARED)/obliqa/ObliQA_dev.json --embedders e5,use,minilm
	$(BIN)/python bench/bench_retrieval.py --format stard --corpus $(SHARED)/stard/corpus.jsonl \
		--queries $(SHARED)/stard/queries.jsonl --qrels $(SHARED)/stard/qrels.tsv --embedders e5,use
	$(BIN)/python bench/bench_index_update.py

clean:
	rm -rf $(VENV) workspace .pytest_cache
