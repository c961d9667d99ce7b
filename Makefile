# minyi: `make run` serves the app (demo data) at http://127.0.0.1:3000,
# `make test` runs every test (clippy, Rust tests, Playwright).

SHELL := /bin/bash
.DEFAULT_GOAL := run

export PATH := $(HOME)/.cargo/bin:$(PATH)
# Keep build output outside the clone so it is reused across clones/checkouts.
# (The site itself still goes to target/site in the repo: see .ci/test.sh.)
export CARGO_TARGET_DIR ?= $(HOME)/.cache/minyi-target

.PHONY: run test bench clean-data

run:
	bash .ci/install-deps.sh run
	MINYI_DEMO=1 cargo leptos serve

test:
	bash .ci/install-deps.sh test
	bash .ci/test.sh

# Release server + benchmark on SQLite and PostgreSQL (prints a table; takes a few minutes).
bench:
	bash .ci/install-deps.sh test
	cargo build --release --features ssr --bins
	cargo run --release --features ssr --bin bench

clean-data:
	rm -rf data
