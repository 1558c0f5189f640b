# dragoman: `make demo` sets everything up and runs on the bundled examples; `make test` tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint bench clean chromium java postgresql

setup: $(VENV)/.installed

# Dependencies are pinned by constraints.txt (regenerate: pip freeze --exclude-editable).
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,web,spark]'
	touch $@

# Ends by serving the store (Ctrl-C stops); exit 1 from ingest (some articles failed) goes on.
demo: setup
	$(BIN)/dragoman ingest --db dragoman.db || test $$? -eq 1
	$(BIN)/dragoman serve --db dragoman.db

test: setup chromium java postgresql
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's chromium (never a browser downloaded by Playwright).
chromium:
	@test -x /usr/bin/chromium || { echo "installing chromium with apt-get for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The Spark tests (tests/run/test_spark.py) run PySpark in local mode, which needs Java 17.
java:
	@command -v java >/dev/null || { echo "installing Java 17 with apt-get for the Spark tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  openjdk-17-jre-headless >/dev/null; }
# The PostgreSQL tests start a throw-away server from the distribution's binaries.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || { \
	  echo "installing postgresql with apt-get for the PostgreSQL store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) dragoman.db dragoman.db-wal dragoman.db-shm dragoman.db-ingest
