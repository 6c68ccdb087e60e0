# sitroom: `make demo` sets up and runs the main job on the bundled corpus; `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sitroom.db
OUT ?= out

.PHONY: setup demo test lint bench browser clean fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/sitroom --db $(DB) ingest corpus/demo
	$(BIN)/sitroom --db $(DB) stats --format table
	$(BIN)/sitroom --db $(DB) brief --format md -o $(OUT)/brief.md
	$(BIN)/sitroom --db $(DB) brief --format html -o $(OUT)/brief.html

test: $(STAMP)
	$(BIN)/ruff check sitroom tests
	$(BIN)/pytest -q

fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz_readers.py --seconds $(or $(FUZZ_SECONDS),60)

lint: $(STAMP)
	$(BIN)/ruff check sitroom tests
	$(BIN)/ruff format --check sitroom tests

bench: $(STAMP)
	$(BIN)/sitroom bench ingest
	$(BIN)/sitroom bench speed
	$(BIN)/sitroom eval claims tests/fixtures/gold/voa-dev.jsonl --texts corpus/demo/voa/voa_stories.jsonl
	$(BIN)/sitroom eval claims tests/fixtures/gold/voa-dev2.jsonl tests/fixtures/gold/heldout.jsonl tests/fixtures/gold/other-dev.jsonl tests/fixtures/gold/other-heldout.jsonl --texts corpus/demo/voa/voa_stories.jsonl --texts tests/fixtures/gold/other-articles.jsonl --format text
	$(BIN)/sitroom eval time tests/fixtures/bench/time-dev.jsonl --baseline
	$(BIN)/sitroom eval places tests/fixtures/bench/geo-dev.jsonl --baseline
	$(BIN)/sitroom eval places tests/fixtures/bench/geovirus-tune.jsonl --baseline
	$(BIN)/sitroom eval places tests/fixtures/bench/geovirus-heldout.jsonl --baseline
	$(BIN)/sitroom eval quantities tests/fixtures/bench/quantities-dev.jsonl --baseline
	$(BIN)/sitroom eval picture tests/fixtures/picture

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(OUT)
