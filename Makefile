# Two entry points: `make run` serves the app, `make test` runs every check.
# Both create .venv on first use and reinstall only when pyproject.toml or the engine changes.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch is installed first and pinned so nothing can pull a CUDA build. The install also
# compiles the bundled e5 engine (qa/engine), so a change to it reinstalls.
$(VENV)/.installed: pyproject.toml qa/engine/e5.c qa/engine/e5.h | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/qa index
	$(BIN)/python app.py

# The browser test drives Debian's Chromium (`playwright install` cannot download browsers).
test: $(VENV)/.installed-dev
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)
	$(BIN)/ruff check qa tests bench app.py
	$(BIN)/ruff format --check qa tests bench app.py
	$(BIN)/mypy qa app.py
	$(BIN)/python -m pytest
	$(BIN)/qa eval --fail-under eval/thresholds.json --no-charts

clean:
	rm -rf $(VENV) qa/engine/_e5engine*.so
	find index -mindepth 1 ! -name README.md -exec rm -rf {} +
