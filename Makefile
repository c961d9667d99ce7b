# minyi: `make run` builds and serves the optimized site with demo data at
# http://127.0.0.1:3000; `make test` runs every test (clippy, Rust tests, Playwright
# against the optimized build). Both install what is missing first.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# The project's pinned wasm-opt (npm binaryen; Debian's 108 breaks the WASM) comes first.
export MINYI_TOOLS_DIR ?= $(HOME)/.cache/minyi-tools
export PATH := $(MINYI_TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Keep build output outside the clone so it is reused across clones/checkouts.
# (The site itself still goes to target/site in the repo: see .ci/paths.sh.)
export CARGO_TARGET_DIR ?= $(HOME)/.cache/minyi-target

.PHONY: run dev release test bench chaos lighthouse clean-data

# The optimized build, as a deployment runs it, on SQLite (data/) with demo data.
run: release
	MINYI_DEMO=1 LEPTOS_ENV=PROD "$(CARGO_TARGET_DIR)/release/minyi"

# Development: debug build, rebuilt and reloaded on every change.
dev:
	bash .ci/install-deps.sh run
	MINYI_DEMO=1 cargo leptos watch

# Builds the optimized site and server only, and prints their sizes and paths.
release:
	bash .ci/install-deps.sh run
	bash .ci/release.sh

test:
	bash .ci/install-deps.sh test
	bash .ci/test.sh

# The optimized build (printing what a browser downloads), then the benchmark of its
# server on SQLite and PostgreSQL: signing, pages, discussion, the peak replay and
# downloads (prints tables; takes about 15 minutes).
bench:
	bash .ci/install-deps.sh test
	bash .ci/release.sh
	cargo build --release --features ssr,throwaway-pg --bin bench
	"$(CARGO_TARGET_DIR)/release/bench"

# Faults under load on the release build (several minutes; prints a table).
chaos:
	bash .ci/install-deps.sh test
	bash .ci/release.sh
	cargo build --release --features ssr,throwaway-pg --bin chaos
	"$(CARGO_TARGET_DIR)/release/chaos"

# Lighthouse 12 (mobile) scores of the optimized build's main pages.
lighthouse:
	bash .ci/install-deps.sh test
	bash .ci/lighthouse.sh

clean-data:
	rm -rf data
