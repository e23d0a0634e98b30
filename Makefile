# Everything installs from this repository's own files into .venv.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install assets browser run test lint format bench screenshots clean lock upgrade

# GraphiQL's browser files from pinned npm packages, served at /static/vendor (no CDN).
GRAPHIQL := 3.8.3
REACT := 18.2.0
VENDOR := src/interfaces/web/vendor

# Every installed package comes from the lock files, pinned with hashes (requirements/*.lock):
# the same tree on every machine, CI and the Dockerfile. `pip check` fails when pyproject.toml
# asks for something the lock lacks (then `make lock`). Re-installs when either changes.
LOCK := requirements/dev.lock
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check || { echo "requirements/*.lock is behind pyproject.toml: run make lock" >&2; exit 1; }
	touch $(STAMP)

# Re-lock after changing dependencies in pyproject.toml: keeps every other pin as it is.
# `make upgrade` moves everything to the newest releases pyproject.toml allows (review the diff).
UV_VERSION := 0.13.9
COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(COMPILE) $(UPGRADE) pyproject.toml requirements/build.in -o requirements/runtime.lock
	$(COMPILE) $(UPGRADE) pyproject.toml requirements/build.in --extra dev \
		-c requirements/runtime.lock -o requirements/dev.lock

upgrade:
	$(MAKE) lock UPGRADE=--upgrade

$(VENDOR)/.installed: Makefile
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/npm
	cd $(VENDOR)/npm && npm pack --silent graphiql@$(GRAPHIQL) react@$(REACT) react-dom@$(REACT) >/dev/null
	tar -xzf $(VENDOR)/npm/graphiql-$(GRAPHIQL).tgz -C $(VENDOR) --strip-components=1 \
		--transform 's,LICENSE,LICENSE.graphiql,' \
		package/graphiql.min.js package/graphiql.min.css package/LICENSE
	tar -xzf $(VENDOR)/npm/react-$(REACT).tgz -C $(VENDOR) --strip-components=2 \
		package/umd/react.production.min.js
	tar -xzf $(VENDOR)/npm/react-dom-$(REACT).tgz -C $(VENDOR) --strip-components=2 \
		package/umd/react-dom.production.min.js
	tar -xzf $(VENDOR)/npm/react-$(REACT).tgz -C $(VENDOR) --strip-components=1 \
		--transform 's,LICENSE,LICENSE.react,' package/LICENSE
	rm -rf $(VENDOR)/npm
	touch $@

assets: $(VENDOR)/.installed

$(VENV): $(STAMP)

install: $(STAMP) assets

# Headless Chromium for the console's browser tests (Debian packages; the network
# may be closed otherwise). Installed once: a second run finds the driver and does nothing.
CHROMEDRIVER := /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMEDRIVER):
	$(SUDO) apt-get update -q
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		chromium chromium-driver

browser: $(CHROMEDRIVER)

run: install
	$(BIN)/oms demo && $(BIN)/oms serve

# pytest exits 5 when it collected no tests; that is a failure here too.
# Full runs from several worktrees on one machine take turns (a machine-wide lock): two suites
# at once on 2 cores each run several times slower and their timing tests turn flaky.
TEST_LOCK ?= /tmp/oms-make-test.lock
test: install browser
	@flock -n $(TEST_LOCK) true || echo "make test: another full run holds $(TEST_LOCK); waiting for it"
	flock $(TEST_LOCK) $(BIN)/pytest -n 2

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format src tests

bench: install
	$(BIN)/oms bench

# Refresh the console screenshots the README shows (the browser tests take them).
screenshots: install browser
	OMS_SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest -q tests/e2e/test_console.py

clean:
	rm -rf $(VENV) $(VENDOR) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
