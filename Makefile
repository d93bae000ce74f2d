# Jixiao: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test loadtest install install-test init demo lint serve clean docs docs-screens

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Set up the embedded default (SQLite, Whoosh, files under instance/) with demo data and serve it.
run: install
	$(BIN)/jixiao init
	$(BIN)/jixiao demo
	@echo "预算绩效管理平台: http://$(HOST):$(PORT)/  (工作人员入口 http://$(HOST):$(PORT)/work/login)"
	$(BIN)/jixiao run --host $(HOST) --port $(PORT)

## Production: migrate (jixiao init), then gunicorn with the app preloaded and WORKERS workers on DATABASE_URL.
serve: install
	@test -n "$(DATABASE_URL)" || { echo "请设置 DATABASE_URL（例如 postgresql://jixiao:密码@127.0.0.1/jixiao）"; exit 1; }
	$(BIN)/jixiao init
	$(BIN)/gunicorn -c python:portal.gunicorn_conf -w $${WORKERS:-4} -b $${BIND:-127.0.0.1:8000} --access-logfile - portal.wsgi:app

## Run the whole test suite (Chromium from /usr/bin/chromium for the browser tests) on TEST_WORKERS
## pytest-xdist workers, whole files per worker (each worker has its own database and instance folders),
## the known-slow files first (SLOW_FILES in tests/conftest.py; --no-loadscope-reorder keeps that order).
TEST_WORKERS ?= 2
test: install-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

## Bounded load test (loopback, 60 s): 16 clients on public search and project pages, gunicorn 4 workers on
## PostgreSQL (JIXIAO_TEST_DATABASE_URL or DATABASE_URL); prints requests/s and p95, fails on any error.
loadtest: install-test
	$(BIN)/python tests/load/run.py $(LOADTEST_ARGS)

## Regenerate docs/cli.md (from `jixiao … --help`) and the hook reference in docs/plugins.md (from portal/hookspecs.py).
docs: install
	$(BIN)/python -m portal.docsgen all

## Retake the 用户手册's screenshots (docs/images/*.png) against the demo county in Chromium.
docs-screens: install-test
	JIXIAO_DOCS_SCREENS=$(CURDIR)/docs/images $(BIN)/python -m pytest -q -p no:cacheprovider tests/e2e/test_docs_screens.py

lint: install-test
	$(BIN)/ruff check portal plugins public_site tests

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
