# PeerHaven's shared vocabulary. A newcomer needs two targets: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-dev lint format check-deploy bench bench-http bench-directory bench-groups bench-discussion bench-risk risk-report messages clean schemathesis prod-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# axe-core for the accessibility check in the browser tests; skipped where npm is missing.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: the accessibility browser test will be skipped"; fi

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev node_modules/.installed

## run: install, migrate SQLite, load demo data, serve on http://127.0.0.1:8000 (pages and websockets)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "  PeerHaven is running at http://$(HOST):$(PORT)/"
	@echo "  Demo login: river / peerhaven-demo-2026   (Ctrl-C to stop)"
	@echo ""
	$(BIN)/python -m peerhaven.serve --host $(HOST) --port $(PORT)

## test: install and run the whole suite (exits non-zero on any failure)
test: install-dev
	$(BIN)/pytest -n 2 --dist loadfile

## lint: ruff, the import contracts (lint-imports) and mypy, as configured in pyproject.toml
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	DEBUG=0 SECRET_KEY=check-deploy-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEF ALLOWED_HOSTS=example.org \
		DATA_ENCRYPTION_KEYS=Y2hlY2stZGVwbG95LW9ubHktMDEyMzQ1Njc4OWFiY2Q= \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

## schemathesis: fuzz /api/v1 as one member holding another's ids (DB=sqlite|postgres, SCHEMATHESIS_MAX_EXAMPLES)
schemathesis: install-dev
	DB=$(or $(DB),sqlite) PORT=$(or $(SCHEMATHESIS_PORT),18310) bash tests/schemathesis/run.sh
## prod-smoke: the production stack of README.md and deploy/ (nginx, granian x2, uvicorn, worker; PostgreSQL,
## Redis db 1) from a clean copy of HEAD on loopback, driven by chromium through nginx (tests/prod/test_prod_smoke.py)
prod-smoke: install-dev
	PROD_SMOKE=1 $(BIN)/pytest -s tests/prod/test_prod_smoke.py

## messages: extract and compile translations (needs GNU gettext)
messages: install
	$(BIN)/python manage.py makemessages -l es --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

## bench: the benchmarks in bench/ (HTTP handlers; the worldwide directory, see bench/README.md)
bench: bench-http bench-directory bench-groups bench-discussion bench-risk

bench-http: install-dev
	DEBUG=0 SECRET_KEY=bench-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ SECURE_SSL_REDIRECT=0 \
		ALLOWED_HOSTS=testserver DATA_ENCRYPTION_KEYS=YmVuY2gtb25seS1rZXktMDEyMzQ1Njc4OWFiY2RlZmc= SQLITE_PATH=$(CURDIR)/var/bench.sqlite3 STATIC_ROOT=$(CURDIR)/var/bench-static \
		$(BIN)/python bench/http_handlers.py

# The first run generates the synthetic directory: make bench-directory BENCH_DIRECTORY_ARGS="--generate 500000"
bench-directory: install-dev
	$(BIN)/python bench/directory_bench.py $(BENCH_DIRECTORY_ARGS)

## bench-groups / bench-discussion: a group of 20,000 members; a thread of 2,000 replies (pages and API)
bench-groups: install-dev
	$(BIN)/python bench/groups_bench.py --members 20000 --requests 50

bench-discussion: install-dev
	$(BIN)/python bench/discussion_bench.py --replies 2000 --requests 50

bench-risk: install-dev
	$(BIN)/python bench/risk_bench.py --repeat 5

risk-report: install-dev
	$(BIN)/python manage.py risk_report --half report

clean:
	rm -rf $(VENV) node_modules staticfiles var .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
