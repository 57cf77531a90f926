# Every target installs what it needs: a fresh machine with Python 3.11 is enough.
PYTHON ?= python3.11
# Two workers by default: the suite (browser tests included) takes half the time on 2 cores.
PYTEST_ARGS ?= -n 2
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.9.30
BIN := $(VENV)/bin
ESSAIM := $(BIN)/essaim
export UV_PROJECT_ENVIRONMENT := $(VENV)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: install install-dev pango browser demo test lint format bench bench-catalogue bench-agenda bench-consultations bench-procedures bench-synthesis bench-synthesis-baseline run worker clean messages

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv==$(UV_VERSION)"

# The stamp files make a second run skip the install (seconds, not minutes).
$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --no-dev --inexact --python $(PYTHON)
	@$(MAKE) --no-print-directory pango
	touch $@

# WeasyPrint (receipts, reports in PDF) needs Debian's Pango.
pango:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  echo "Installing Debian's Pango for the PDF documents…"; \
	  (apt-get update -qq || sudo apt-get update -qq) >/dev/null && \
	  (apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null || \
	   sudo apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null); }

$(VENV)/.installed-dev: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	@$(MAKE) --no-print-directory pango
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's Chromium for the browser tests (never a downloaded browser), axe-core from npm.
browser: node_modules/axe-core/axe.min.js
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  (apt-get update -qq || sudo apt-get update -qq) >/dev/null && \
	  (apt-get install -y -qq chromium >/dev/null || sudo apt-get install -y -qq chromium >/dev/null); }

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

demo: install
	$(BIN)/python -m essaim.demo

test: install-dev browser
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djlint essaim --lint
	$(BIN)/essaim makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The web pages and exports, then the synthesis engine on 10,000 and 100,000 real
# contributions and the labelled questions (SYNTHESIS_BENCH_ARGS for its own options).
bench: install-dev
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench synthesis $(SYNTHESIS_BENCH_ARGS)

# The synthesis engine on the real corpora of ../shared/corpora (or --labelled / --answers).
bench-synthesis: install-dev
	$(BIN)/python -m bench synthesis $(BENCH_ARGS)

# BERTopic and sentence-vector baselines of the synthesis engine (issue 6), in an environment
# of their own: never a dependency of the product. Long: see BENCHMARKS.md.
.venv-bertopic/.installed: bench/synthesis/baseline-requirements.txt
	$(PYTHON) -m venv .venv-bertopic
	.venv-bertopic/bin/pip install -r bench/synthesis/baseline-requirements.txt
	touch $@

bench-synthesis-baseline: .venv-bertopic/.installed
	HF_HUB_OFFLINE=1 .venv-bertopic/bin/python -m bench.synthesis.baseline $(BENCH_ARGS)

# The same plus the catalogue on 100,000 initiatives (issue 3): a few minutes more.
bench-catalogue: install-dev
	$(BIN)/python -m bench --initiatives 100000 $(BENCH_ARGS)

# The agenda on 20,000 events and 500,000 registrations (issue 4), in its own section of
# BENCHMARKS.md; add BENCH_ARGS="--keep-database", then "--existing", to re-measure.
bench-agenda: install-dev
	$(BIN)/python -m bench --events 20000 --database-url postgres://postgres@127.0.0.1:5432/essaim_bench_agenda --port 8131 $(BENCH_ARGS)

# Consultations on 100,000 proposals, 2,000,000 supports and a proposal with 20,000 comments
# (issue 5), in their own section of BENCHMARKS.md; "--keep-database" then "--existing" to
# re-measure.
bench-consultations: install-dev
	$(BIN)/python -m bench --proposals 100000 --database-url postgres://postgres@127.0.0.1:5432/essaim_bench_consult --port 8132 $(BENCH_ARGS)

# Démarches (issue 7): 1,000,000 dossiers, the 300-field form, exports; its own section.
bench-procedures: install-dev
	$(BIN)/python -m bench --dossiers 1000000 --database-url postgres://postgres@127.0.0.1:5432/essaim_bench_procedures --port 8133 $(BENCH_ARGS)

# Production-like: gunicorn, DEBUG off; refuses to start without a real SECRET_KEY.
run: install
	ESSAIM_PRODUCTION=true DEBUG=false $(ESSAIM) migrate --noinput
	ESSAIM_PRODUCTION=true DEBUG=false $(ESSAIM) collectstatic --noinput -v0
	ESSAIM_PRODUCTION=true DEBUG=false $(BIN)/gunicorn essaim.wsgi \
	  --bind $${BIND:-127.0.0.1:8000} --workers $${WEB_CONCURRENCY:-3} --access-logfile -

worker: install
	$(ESSAIM) worker

messages: install-dev
	cd essaim && ../$(ESSAIM) makemessages -l fr --no-location -i 'static/*' && ../$(ESSAIM) french_plurals && ../$(ESSAIM) compilemessages -l fr

clean:
	rm -rf $(VENV) $(TOOLS) node_modules var
