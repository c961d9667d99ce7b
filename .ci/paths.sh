# Sourced by the .ci scripts: tool paths and where cargo-leptos puts things.
# shellcheck shell=bash
REPO_ROOT="${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# The project's pinned wasm-opt (npm binaryen, see install-deps.sh) comes first.
export MINYI_TOOLS_DIR="${MINYI_TOOLS_DIR:-$HOME/.cache/minyi-tools}"
export PATH="$MINYI_TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/minyi-target}"

# Reads a string value `key = "..."` from [package.metadata.leptos] in Cargo.toml.
leptos_meta() {
  awk -v key="$1" '
    /^\[/ { in_leptos = ($0 == "[package.metadata.leptos]"); next }
    in_leptos && $1 == key {
      sub(/^[^=]*=[ \t]*"/, ""); sub(/".*$/, ""); print; exit
    }
  ' "$REPO_ROOT/Cargo.toml"
}

# Where cargo-leptos writes the site. cargo-leptos 0.3.10 resolves a relative
# site-root against the workspace root (it does NOT follow CARGO_TARGET_DIR);
# only a site-root starting with "CARGO_TARGET_DIR" (or "CARGO_BUILD_TARGET_DIR")
# is placed under the cargo target directory, and that is also the default.
site_root() {
  local root
  root="$(leptos_meta site-root)"
  case "$root" in
    "") echo "$CARGO_TARGET_DIR/site" ;;
    CARGO_TARGET_DIR/* | CARGO_BUILD_TARGET_DIR/*) echo "$CARGO_TARGET_DIR/${root#*/}" ;;
    /*) echo "$root" ;;
    *) echo "$REPO_ROOT/$root" ;;
  esac
}
