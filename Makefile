# The two commands: `make demo` and `make test`. Everything they need is installed here.
# `make test-fast` runs the unit tier only; `make wheel-check` tests an installed wheel.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= claimgraph-store
OUT    ?= out
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test test-fast wheel-check install browser virtuoso score clean

demo: install
	@mkdir -p $(OUT)
	$(BIN)/claimgraph build seeds --store $(STORE)
	$(BIN)/claimgraph stats --store $(STORE)
	$(BIN)/claimgraph export --store $(STORE) --format nquads -o $(OUT)/seeds.nq
	$(BIN)/claimgraph view --store $(STORE) -o $(OUT)/seeds.html
	@echo "graph: $(STORE)/  export: $(OUT)/seeds.nq  view: $(OUT)/seeds.html (open it in a browser)"

# Both tiers on two workers (pytest-xdist); each worker builds the shared Wikinews store once.
test: install browser virtuoso
	$(BIN)/python -m pytest -n 2

# Unit tests: no spaCy model, browser, built store or server (see tests/conftest.py).
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow" -n 2

# Build a wheel, install it in a fresh venv, build the seeds and validate them.
wheel-check:
	bash scripts/check_wheel.sh

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@mkdir -p $(OUT)
	touch $@

# Headless Chromium from Debian's packages, for the browser tests of the HTML views.
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's Virtuoso 7, the second SPARQL server the remote-store tests start (never as a
# service). Without root or sudo its tests skip and say why (on CI, where $$CI is set, they fail).
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource-7 >/dev/null; } || \
		echo "make virtuoso: could not install virtuoso-opensource-7 (needs root or sudo): its tests will skip"

# Build the seeds into a scratch store and score them against the gold.
score: install
	bash scripts/score.sh

clean:
	rm -rf $(VENV) $(STORE) $(OUT) *.egg-info
