#!/usr/bin/env bash
# Installs what `make run` (mode "run") or `make test` (mode "test") needs.
#
# Idempotent and quick when everything is already there: every item is checked
# by looking for the command or file it provides, and only what is missing is
# installed. Everything that gets installed is announced on stdout.
#
# Usage: bash .ci/install-deps.sh run|test
set -euo pipefail

MODE="${1:-run}"
case "$MODE" in
  run | test) ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

export PATH="$HOME/.cargo/bin:$PATH"
# Playwright must use the system Chromium; its own browser download needs GitHub/CDN access.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

CARGO_LEPTOS_VERSION="0.3.10"
PG_BIN="/usr/lib/postgresql/15/bin"

say() { printf '[install-deps] %s\n' "$*"; }
die() {
  printf '[install-deps] ERROR: %s\n' "$*" >&2
  exit 1
}

# --- Debian packages --------------------------------------------------------
apt_pkgs=()
command -v npm >/dev/null 2>&1 || apt_pkgs+=(npm)
command -v pkg-config >/dev/null 2>&1 || apt_pkgs+=(pkg-config)
command -v cc >/dev/null 2>&1 || apt_pkgs+=(build-essential)
if [[ "$MODE" == test ]]; then
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || apt_pkgs+=(postgresql-15)
  [[ -x /usr/bin/chromium ]] || apt_pkgs+=(chromium)
  command -v curl >/dev/null 2>&1 || apt_pkgs+=(curl)
  # schemathesis goes into a virtual environment (below); Debian's python3 needs -venv for it.
  command -v python3 >/dev/null 2>&1 || apt_pkgs+=(python3)
  python3 -c 'import ensurepip' >/dev/null 2>&1 || apt_pkgs+=(python3-venv)
fi
if ((${#apt_pkgs[@]} > 0)); then
  sudo_cmd=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install: ${apt_pkgs[*]}"
    sudo_cmd=(sudo)
  fi
  say "apt-get install ${apt_pkgs[*]}"
  "${sudo_cmd[@]}" apt-get update
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${apt_pkgs[@]}"
fi

# --- Rust toolchain ---------------------------------------------------------
# rustup honours rust-toolchain.toml here (we are in the repo root).
command -v rustup >/dev/null 2>&1 || die "rustup not found (expected in ~/.cargo/bin)"
if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! cargo clippy --version >/dev/null 2>&1; then
  say "rustup component add clippy"
  rustup component add clippy
fi
if ! cargo fmt --version >/dev/null 2>&1; then
  say "rustup component add rustfmt"
  rustup component add rustfmt
fi

# `cargo install` must not build into the project's CARGO_TARGET_DIR.
cargo_install() {
  say "cargo install --locked $*"
  env -u CARGO_TARGET_DIR cargo install --locked "$@"
}

# succeeds if "$1" (a command's output) mentions version "$2" as a whole word
has_version() {
  grep -Eq "(^|[^0-9.])${2//./\\.}([^0-9.]|$)" <<<"$1"
}

# --- cargo-leptos -----------------------------------------------------------
if ! has_version "$(cargo leptos --version 2>/dev/null || true)" "$CARGO_LEPTOS_VERSION"; then
  cargo_install cargo-leptos --version "$CARGO_LEPTOS_VERSION"
fi

# --- wasm-bindgen-cli (must match the wasm-bindgen crate in Cargo.lock) ------
[[ -f Cargo.lock ]] || die "Cargo.lock not found in $REPO_ROOT"
WASM_BINDGEN_VERSION="$(
  awk '
    /^\[\[package\]\]/ { in_wb = 0; next }
    /^name = "wasm-bindgen"$/ { in_wb = 1; next }
    in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock
)"
[[ -n "$WASM_BINDGEN_VERSION" ]] || die "could not find the wasm-bindgen version in Cargo.lock"
if ! has_version "$(wasm-bindgen --version 2>/dev/null || true)" "$WASM_BINDGEN_VERSION"; then
  cargo_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# --- wasm-opt -----------------------------------------------------------------
# Debian's binaryen 108 emits a wasm that fails at run time
# ("WebAssembly.Table.grow(): failed to grow table by 4"), so the project pins
# the npm build of binaryen and puts it first on PATH (see the Makefile).
BINARYEN_VERSION="132.0.0"
TOOLS_DIR="${MINYI_TOOLS_DIR:-$HOME/.cache/minyi-tools}"
if ! has_version "$("$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null || true)" "${BINARYEN_VERSION%%.*}"; then
  say "npm install binaryen@$BINARYEN_VERSION (wasm-opt) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION"
fi

# --- Playwright (test mode) -------------------------------------------------
if [[ "$MODE" == test ]]; then
  command -v npm >/dev/null 2>&1 || die "npm not found (Node.js >= 20 is required for Playwright)"
  cd "$REPO_ROOT/end2end"
  if [[ -f package-lock.json ]]; then
    if [[ ! -d node_modules || package-lock.json -nt node_modules || package.json -nt node_modules ]]; then
      say "npm ci (end2end)"
      npm ci --no-audit --no-fund
      touch node_modules
    fi
  elif [[ ! -d node_modules || package.json -nt node_modules ]]; then
    say "npm install (end2end; no package-lock.json yet)"
    npm install --no-audit --no-fund
    touch node_modules
  fi
  cd "$REPO_ROOT"
fi

# --- schemathesis (test mode): fuzzes the public API against its OpenAPI document ---
SCHEMATHESIS_VERSION="4.32.5"
if [[ "$MODE" == test ]]; then
  VENV="$TOOLS_DIR/venv"
  if ! has_version "$("$VENV/bin/schemathesis" --version 2>/dev/null || true)" "$SCHEMATHESIS_VERSION"; then
    say "pip install schemathesis==$SCHEMATHESIS_VERSION into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
fi

say "all dependencies for '$MODE' are present"
