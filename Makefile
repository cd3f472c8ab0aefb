# The portal's commands: `make run` (local demo), `make test` (the whole suite) and `make bench`.
# Prerequisites (README "Quick start"): Python 3.11, Node.js with npm, and Pango and HarfBuzz for
# the training record's PDF (Debian: libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

# make run: the embedded default (SQLite under var/, tasks in-process) unless the environment
# says otherwise. Two-factor for /admin/ is off so a newcomer can look around; never in production.
RUN_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-true} ADMIN_REQUIRE_2FA=$${ADMIN_REQUIRE_2FA:-false}

# make test: the real services. Override DATABASE_URL / TEST_REDIS_URL to use others. The suite
# runs in PYTEST_WORKERS processes (pytest-xdist), each with its own databases
# (tests/xdist_services.py), a test file at a time each; PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= 2
TEST_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=test-only-secret-key \
	DJANGO_SECURE_SSL_REDIRECT=false \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/edi_portal} \
	CELERY_BROKER_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/0}

.PHONY: run test bench install frontend lint format clean

# The portal's own dependencies are all `make run` needs; the test and lint tools (Playwright is
# large) come only with `make test`, `make lint` and `make install`.
$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/.built: node_modules/.installed scss/main.scss scripts/build-frontend.mjs
	node scripts/build-frontend.mjs
	touch $@

install: $(VENV)/.installed-dev static/build/.built

frontend: static/build/.built

run: $(VENV)/.installed static/build/.built
	mkdir -p var
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) createcachetable
	$(RUN_ENV) $(MANAGE) seed_demo
	$(RUN_ENV) $(MANAGE) ensure_demo_admin
	@echo "Serving the portal on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(RUN_ENV) exec $(MANAGE) runserver 127.0.0.1:8000

test: install
	$(TEST_ENV) $(PY) scripts/check_services.py
	$(TEST_ENV) $(PY) -m pytest -p tests.xdist_services -n $(PYTEST_WORKERS) --dist loadfile \
		$(PYTEST_ARGS)

# make bench: national-scale data in a fresh PostgreSQL database (BENCH_DATABASE_URL, dropped
# first), served by gunicorn under production settings and measured with wrk from Debian.
# BENCH_SCALE=0.1 for a quicker run; docs/performance.md says how to read the table.
bench: $(VENV)/.installed static/build/.built
	command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	$(PY) scripts/bench.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules static/build staticfiles var .pytest_cache
