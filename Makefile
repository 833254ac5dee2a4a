# Every target works on a fresh clone: the first one that needs Python builds .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
# `make demo` alone installs only what the demo runs (runtime + server + cli extras), not the dev set.
DEMO_STAMP := $(VENV)/.installed-demo
SPEC_URL ?=
HANDWRITTEN := $(wildcard synth_pools synth_pools_server scripts tests benchmarks examples)

.PHONY: install harbor-models chromium regen unasync check check-generated lint typecheck test test-fast demo bench bench-quick bench-peers reliability sandbox clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(MAKE) --no-print-directory harbor-models
	touch $(STAMP)

# the dev set, and bubblewrap for the local backend's sandbox where this machine allows it
install: $(STAMP) sandbox

$(DEMO_STAMP): pyproject.toml
	@echo "make demo: installing synth-pools with its server and cli extras (httpx, starlette, uvicorn, typer, rich...) into $(VENV); first run only"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --progress-bar on -e '.[server,cli]'
	@touch $(DEMO_STAMP)

# Harbor's ATIF models (harbor.models.trajectories), which the tests validate trajectories with.
# Harbor needs Python >=3.12 as a whole, but its trajectory models need only pydantic: its wheel
# goes --no-deps into a directory of its own that only tests/exports puts on sys.path.
HARBOR := $(VENV)/harbor-atif
HARBOR_VERSION := 0.26.0
harbor-models:
	test -f $(HARBOR)/harbor/models/trajectories/trajectory.py || $(PY) -m pip install --quiet --no-deps \
		--target $(HARBOR) --python-version 3.12 --only-binary=:all: "harbor==$(HARBOR_VERSION)"

# The browser test (tests/exports/test_viewer_browser.py) drives headless Chromium from the OS
# packages; CI installs it here (as root, Debian/Ubuntu).
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium) || echo "chromium not installed: the viewer browser test will fail"; }

# bubblewrap sandboxes the local backend's rollout commands; without it `serve` refuses to run them
# unless started with `--sandbox none`. Installed from the OS packages (apt, dnf, apk) as root or
# with password-less sudo; otherwise this says what to install and does not fail.
sandbox:
	@command -v bwrap >/dev/null 2>&1 || [ -x /usr/bin/bwrap ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "bubblewrap is not installed: install the OS package 'bubblewrap' (or serve with --sandbox none)"; exit 0; fi; \
	echo "installing bubblewrap (OS package) for the local backend's sandbox"; \
	if command -v apt-get >/dev/null 2>&1; then $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq bubblewrap; \
	elif command -v dnf >/dev/null 2>&1; then $$SUDO dnf install -y -q bubblewrap; \
	elif command -v apk >/dev/null 2>&1; then $$SUDO apk add -q bubblewrap; \
	else echo "bubblewrap is not installed and no known package manager was found: install 'bubblewrap'"; fi \
	|| echo "installing bubblewrap failed: install the OS package 'bubblewrap' (or serve with --sandbox none)"

# Rebuild the spec and generated/ from openapi/upstream.json + openapi/overlay.yaml; with SPEC_URL,
# refresh the upstream first and print a drift report (exit 1, nothing written, when it refuses).
regen: $(STAMP)
	$(PY) scripts/regen.py $(if $(SPEC_URL),--spec-url $(SPEC_URL))

# Sync modules written from their async twins (scripts/unasync.py): edit the async one, then this.
unasync: $(STAMP)
	$(PY) scripts/unasync.py

# Fails when openapi/synth-pools.yaml is not apply(upstream.json, overlay.yaml), generated/ differs
# from a fresh generation of it (check-generated: old name), or a sync module from what its async
# twin gives, or an import crosses the layers of pyproject's [tool.importlinter].
check: $(STAMP)
	$(PY) scripts/regen.py --check
	$(PY) scripts/unasync.py --check
	$(BIN)/lint-imports --no-cache

check-generated: check

lint: $(STAMP)
	$(BIN)/ruff check $(HANDWRITTEN)
	$(BIN)/ruff format --check $(HANDWRITTEN)

typecheck: $(STAMP)
	$(BIN)/mypy

# The README's test command: bubblewrap (the sandbox tests) and chromium (the viewer browser test),
# installed from the OS packages where this machine allows it,
# lint, types, spec and drift checks, then every test.
test: sandbox chromium lint typecheck check
	$(BIN)/pytest -q

test-fast: $(STAMP)
	$(BIN)/pytest -q -x

# With the dev set already installed (and current) the demo needs no install step of its own.
# sandbox: bubblewrap where this machine allows it (the demo says so and runs unsandboxed otherwise)
demo: $(if $(wildcard $(STAMP)),$(STAMP),$(DEMO_STAMP)) sandbox
	$(PY) examples/demo.py

bench: $(STAMP)
	$(PY) benchmarks/run.py

bench-quick: $(STAMP)
	$(PY) benchmarks/run.py --quick

# The public SDKs side by side: synth-ai 0.9.11 (environment pools) and 0.17.0 (container pools),
# each --no-deps in its own --target directory of one separate virtualenv, with the few packages
# their pools modules import; synth-containers 0.4.6 (Synth's current client, A1) in its own
# --target directory *with* its dependencies (its package import pulls in FastAPI and more);
# then the full bench with their rows added (benchmarks/peers.py).
PEERS := .venv-peers
PEER_VERSIONS := 0.9.11 0.17.0
CONTAINERS_VERSION := 0.4.6
$(PEERS)/.installed:
	test -x $(PEERS)/bin/python || $(PYTHON) -m venv $(PEERS)
	$(PEERS)/bin/python -m pip install --quiet 'httpx>=0.27,<0.29' 'pydantic>=2,<3'
	for v in $(PEER_VERSIONS); do \
		$(PEERS)/bin/python -m pip install --quiet --no-deps --upgrade --target $(PEERS)/synth-ai-$$v "synth-ai==$$v" || exit 1; \
	done
	$(PEERS)/bin/python -m pip install --quiet --upgrade --target $(PEERS)/synth-containers-$(CONTAINERS_VERSION) "synth-containers==$(CONTAINERS_VERSION)"
	touch $@

bench-peers: $(STAMP) $(PEERS)/.installed
	$(PY) benchmarks/run.py --peers $(PEERS)

# Long variants of the proof suites (R1 10,000 events / 100 cuts, R2 100 creations, 10 batch kill trials, crash with
# 50 rollouts), two randomly seeded Schemathesis runs, and their table; `make test` runs the short
# variants and Schemathesis with one fixed seed.
reliability: $(STAMP)
	$(PY) scripts/reliability_report.py

clean:
	rm -rf $(VENV) $(PEERS) .mypy_cache .pytest_cache .ruff_cache
