# The two set-up commands of the README: `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: demo test install install-dev lint eval quality baselines load bench bench-batch load-hostile bench-hostile

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first: the pinned CPU wheel; anything else pulls several GB of CUDA packages
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev,ct2,ray]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/summarizer digest samples/ --out digest-out/digest.md --out digest-out/digest.html --out digest-out/digest.json
	cat digest-out/digest.md

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check summarizer tests eval

eval: install
	$(BIN)/summarizer eval ../shared/eval/seeds.jsonl --out eval/results/seeds_eval.json

# key figures, Chinese summaries and English entries on the seeds and the development set
quality: install
	$(BIN)/python eval/quality.py ../shared/eval/seeds.jsonl ../shared/eval/dev.jsonl --out eval/results/quality.json

baselines: install
	$(BIN)/pip install -q -e '.[baselines]'
	$(BIN)/python -W ignore eval/baselines.py ../shared/eval/seeds.jsonl --out eval/results/summarizer_baselines.json
	$(BIN)/python -W ignore eval/baselines.py ../shared/eval/dev.jsonl --out eval/results/summarizer_baselines_dev.json

load: install-dev
	$(BIN)/python eval/load.py --requests 64 --out eval/results/load.json

bench: install-dev
	$(BIN)/pip install -q -e '.[baselines]'
	$(BIN)/python -W ignore eval/bench_pipeline.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl --digest-articles 120 --repeat 3 --with-tiny-model --out eval/results/bench_pipeline.json
	$(BIN)/python -W ignore eval/bench_scale.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl --batches 1000 10000 --out eval/results/bench_scale.json
	$(BIN)/python -W ignore eval/bench_start.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl --out eval/results/bench_start.json
	$(BIN)/python -W ignore eval/bench_digest_write.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl --entries 2000 --out eval/results/bench_digest_write.json

# the local and Ray engines on 10,000 articles, and a simulated two-node cluster (about 25 minutes)
bench-batch: install-dev
	$(BIN)/python -W ignore eval/bench_batch.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl --articles 10000 --small 1000 --cluster-articles 400 --out eval/results/bench_batch.json

load-hostile: install-dev
	$(BIN)/python eval/load_hostile.py --workers 1 2 --out eval/results/load_hostile.json

bench-hostile: install-dev
	$(BIN)/python eval/bench_hostile.py --out eval/results/bench_hostile.json
