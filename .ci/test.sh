#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions run indirectly through step()
# Runs every minyi test in order: the layer check (.ci/layers.py), cargo fmt --check, clippy (server and WASM builds), the Rust
# unit + server tests (SQLite and a throw-away PostgreSQL), then the Playwright
# end-to-end tests against the optimized build (release server and WASM), the one
# `make run` serves and a deployment ships.
#
# All steps run even if an earlier one fails; the exit status is non-zero if
# any failed. Set MINYI_TEST_FAIL_FAST=1 to stop at the first failure.
# Dependencies are installed by `bash .ci/install-deps.sh test` (see `make test`).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

source .ci/paths.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# A one-off build gains nothing from incremental caches, and they grow without bound
# (40+ GB once filled the disk and every later step failed): none for the test run.
export CARGO_INCREMENTAL=0

# The shared target dir outlives clones; if the disk is nearly full, drop what is
# rebuilt anyway (incremental caches, old test binaries of this crate) first.
mkdir -p "$CARGO_TARGET_DIR"
free_kb="$(df -Pk "$CARGO_TARGET_DIR" | awk 'NR == 2 { print $4 }')"
if ((free_kb < 15 * 1024 * 1024)); then
  echo "less than 15 GB free: pruning incremental caches and old test binaries in $CARGO_TARGET_DIR"
  rm -rf "$CARGO_TARGET_DIR"/*/incremental "$CARGO_TARGET_DIR"/*/*/incremental
  rm -f "$CARGO_TARGET_DIR"/debug/deps/minyi-* "$CARGO_TARGET_DIR"/debug/deps/chaos-* "$CARGO_TARGET_DIR"/debug/deps/bench-*
  df -h "$CARGO_TARGET_DIR"
fi

E2E_ADDR="127.0.0.1:3100"
E2E_URL="http://$E2E_ADDR"
SERVER_BIN="$CARGO_TARGET_DIR/release/minyi"

passed=()
failed=()

header() {
  printf '\n==================== %s ====================\n' "$*"
}

# step NAME COMMAND...: runs one step and records the outcome.
step() {
  local name="$1"
  shift
  header "$name"
  printf '$ %s\n' "$*"
  local rc=0
  "$@" || rc=$?
  if ((rc == 0)); then
    passed+=("$name")
    printf -- '---- %s: ok\n' "$name"
  else
    failed+=("$name")
    printf -- '---- %s: FAILED (exit %d)\n' "$name" "$rc"
    if [[ "${MINYI_TEST_FAIL_FAST:-0}" == 1 ]]; then
      summary
    fi
  fi
}

summary() {
  local total=$((${#passed[@]} + ${#failed[@]}))
  echo
  if ((${#failed[@]} == 0)); then
    echo "SUMMARY: all ${total} test steps passed (${passed[*]})"
    echo "steps: ${#passed[@]} passed, 0 failed"
    exit 0
  fi
  echo "SUMMARY: ${#failed[@]} of ${total} test steps FAILED: ${failed[*]}"
  echo "steps: ${#passed[@]} passed, ${#failed[@]} failed"
  exit 1
}

# --- Playwright end-to-end tests ------------------------------------------------

E2E_TMP=""
SERVER_PID=""
PW_PID=""

# stop_process PID SIGNAL: asks politely, waits up to 10 s, then kills.
stop_process() {
  local pid="$1" signal="$2"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

stop_playwright() {
  stop_process "$PW_PID" INT
  PW_PID=""
}

# The server shuts down gracefully on TERM.
stop_server() {
  stop_process "$SERVER_PID" TERM
  SERVER_PID=""
}
trap 'stop_playwright; stop_server' EXIT
trap 'stop_playwright; stop_server; exit 130' INT
trap 'stop_playwright; stop_server; exit 143' TERM

show_log() {
  local lines="$1"
  echo "---- last $lines lines of $E2E_TMP/server.log ----"
  tail -n "$lines" "$E2E_TMP/server.log" 2>/dev/null || echo "(no server log)"
  echo "---- end of server log ----"
}

# start_server ADDR DIR [VAR=VALUE...]: the optimized server on a fresh SQLite database
# with demo data in DIR, until it answers /healthz (the log goes to DIR/server.log).
start_server() {
  local addr="$1" dir="$2"
  shift 2
  local output_name
  output_name="$(leptos_meta output-name)"
  mkdir -p "$dir/mail" || return 1
  echo "server: $SERVER_BIN on $addr (site root $(site_root), scratch dir $dir)"
  env \
    LEPTOS_OUTPUT_NAME="${output_name:-minyi}" \
    LEPTOS_SITE_ROOT="$(site_root)" \
    LEPTOS_SITE_ADDR="$addr" \
    MINYI_BASE_URL="http://$addr" \
    DATABASE_URL="sqlite://$dir/e2e.db?mode=rwc" \
    MINYI_MAIL_DIR="$dir/mail" \
    MINYI_LOG_KEY_FILE="$dir/log-signing.key" \
    MINYI_DEMO=1 \
    LEPTOS_ENV=PROD \
    MINYI_TRUST_PROXY=1 \
    RUST_LOG=info \
    "$@" \
    "$SERVER_BIN" >"$dir/server.log" 2>&1 </dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server exited before becoming healthy; its log:"
      cat "$dir/server.log"
      return 1
    fi
    if curl -fsS --max-time 2 "http://$addr/healthz" >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  echo "server did not answer http://$addr/healthz within 60 s; its log:"
  cat "$dir/server.log"
  stop_server
  return 1
}

# Runs in an `if` context (set -e is off there), so every failure returns explicitly.
e2e() {
  echo "\$ bash .ci/release.sh"
  bash .ci/release.sh || return 1

  local site pkg_dir
  site="$(site_root)"
  [[ -x "$SERVER_BIN" ]] || {
    echo "server binary $SERVER_BIN not found after cargo leptos build"
    return 1
  }
  pkg_dir="$(leptos_meta site-pkg-dir)"
  pkg_dir="${pkg_dir:-pkg}"
  [[ -d "$site/$pkg_dir" ]] || {
    echo "site directory $site/$pkg_dir not found after cargo leptos build"
    return 1
  }
  if curl -fsS --max-time 2 "$E2E_URL/healthz" >/dev/null 2>&1; then
    echo "something is already serving $E2E_URL; stop it first"
    return 1
  fi

  E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/minyi-e2e.XXXXXX")" || return 1
  start_server "$E2E_ADDR" "$E2E_TMP" || return 1
  echo "server is up at $E2E_URL"

  # Run in the background and `wait`, so that an INT/TERM trap fires at once.
  local rc=0
  (
    cd "$REPO_ROOT/end2end" &&
      CI=1 MINYI_E2E_BASE_URL="$E2E_URL" MINYI_E2E_MAIL_DIR="$E2E_TMP/mail" \
        exec ./node_modules/.bin/playwright test
  ) &
  PW_PID=$!
  wait "$PW_PID" || rc=$?
  PW_PID=""
  stop_server
  if ((rc != 0)); then
    show_log 50
    echo "e2e scratch files kept in $E2E_TMP"
    return "$rc"
  fi
  rm -rf "$E2E_TMP"
  return 0
}

# --- the public API against its own OpenAPI document ----------------------------
# schemathesis (every check) on the optimized build that `e2e` built: every operation,
# examples derived from the document, negative data, undeclared methods, stateful links.
API_ADDR="127.0.0.1:3101"
api_fuzz() {
  [[ -x "$SERVER_BIN" ]] || bash .ci/release.sh || return 1
  local dir rc=0
  dir="$(mktemp -d "${TMPDIR:-/tmp}/minyi-api.XXXXXX")" || return 1
  # The fuzzer sends far more than a person's 300 reads a minute from one address.
  start_server "$API_ADDR" "$dir" MINYI_API_PER_MINUTE=100000 || return 1
  (
    cd "$dir" &&
      exec "${MINYI_TOOLS_DIR:-$HOME/.cache/minyi-tools}/venv/bin/schemathesis" run "http://$API_ADDR/api/v1/openapi.json" \
        --checks all --max-examples 25 --request-timeout 10 --exclude-path /api/v1/stream --suppress-health-check too_slow \
        --seed 20261128 --no-color
  ) || rc=$?
  stop_server
  if ((rc != 0)); then
    tail -n 30 "$dir/server.log"
    return "$rc"
  fi
  rm -rf "$dir"
}

# --- the steps ------------------------------------------------------------------
echo "CARGO_TARGET_DIR=$CARGO_TARGET_DIR"
step "layers" python3 .ci/layers.py
step "fmt" cargo fmt --check
step "clippy-ssr" cargo clippy --features ssr,throwaway-pg --all-targets -- -D warnings
step "clippy-wasm" cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings
step "cargo-test" cargo test --features ssr,throwaway-pg
step "playwright" e2e
step "schemathesis" api_fuzz

summary
