# PolicyLens: `make demo` runs the main job on the bundled corpus; `make test` installs and tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export POLICYLENS_HOME ?= $(CURDIR)/workspace
export HF_HUB_OFFLINE := 1

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser postgres demo test lint bench clean

$(BIN)/policylens: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e . --group dev
	touch $@

install: $(BIN)/policylens

# Debian's Chromium and a CJK font for the end-to-end browser test (skipped, with the reason,
# where they cannot be installed).
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "wqy\|noto.*cjk"; then \
	  $(SUDO) apt-get install -y -q chromium fonts-wqy-microhei >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -q >/dev/null 2>&1 && \
	    $(SUDO) apt-get install -y -q chromium fonts-wqy-microhei >/dev/null 2>&1; } || \
	  echo "warning: could not install chromium; the browser test will be skipped"; \
	fi

# Debian's PostgreSQL server, for the tests that run on both store backends (.ci/run starts a
# throw-away cluster with .ci/pg-cluster; those tests are skipped, with the reason, without one).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  $(SUDO) apt-get install -y -q postgresql >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -q >/dev/null 2>&1 && \
	    $(SUDO) apt-get install -y -q postgresql >/dev/null 2>&1; } || \
	  echo "warning: could not install postgresql; the PostgreSQL tests will be skipped"; \
	fi

# The demo: a workspace with a first admin (password printed once), the sample corpus ingested
# and indexed, the two sample plans' tasks in the ledger, then the app on http://127.0.0.1:8501.
demo: install
	$(BIN)/policylens setup
	$(BIN)/policylens ingest corpus
	$(BIN)/policylens tasks extract 示例省安全生产专项整治重点工作分工方案 >/dev/null
	$(BIN)/policylens tasks extract illustrative-work-plan-on-strengthening-work-safety-in >/dev/null
	$(BIN)/policylens app

# Lint, format and type checks first (mypy settings: [tool.mypy] in pyproject.toml), then the tests.
test: install browser postgres lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check ingest nlp index ui tests bench
	$(BIN)/ruff format --check ingest nlp index ui tests bench
	$(BIN)/mypy ingest nlp index

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
	$(BIN)/python bench/bench_app.py
	$(BIN)/python bench/bench_tasks.py
	$(BIN)/python bench/bench_review_planted.py
	$(BIN)/python bench/bench_norm_conflicts.py
	$(BIN)/python bench/bench_review_speed.py
	$(BIN)/python bench/bench_study.py
	$(BIN)/python bench/bench_ledger_concurrency.py --search

clean:
	rm -rf $(VENV) workspace .pytest_cache
