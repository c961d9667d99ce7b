#!/usr/bin/env bash
# Builds the optimized site (release server, size-optimised WASM run through the
# project's own wasm-opt), stores compressed copies of the build files and prints
# their sizes and where everything is. Used by `make release`, `make run` and `make test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/paths.sh

command -v wasm-opt >/dev/null || { echo "wasm-opt not found: run bash .ci/install-deps.sh run" >&2; exit 1; }
case "$(wasm-opt --version)" in
  *" 108"*) echo "refusing Debian's wasm-opt 108 (its output fails at run time): $(command -v wasm-opt)" >&2; exit 1 ;;
esac
pkg="$(site_root)/$(leptos_meta site-pkg-dir)"
# Lazy islands are split into their own files (--split); old chunks go first, as they
# carry no hash the cleanup below knows.
rm -f "$pkg"/split_* "$pkg"/__wasm_split*
cargo leptos build --release --split
# Old builds' files stay behind under other hashes: keep only this build's.
hashes="$CARGO_TARGET_DIR/release/hash.txt"
if [[ -f "$hashes" ]]; then
  keep=$(awk -F': *' '{print $2}' "$hashes" | paste -sd'|')
  find "$pkg" -maxdepth 1 -type f -regextype posix-extended -regex '.*/minyi\.[^.]+\.(js|wasm|css)(\.br|\.gz)?' \
    | { grep -Ev "\.(${keep})\." || true; } | xargs -r rm -f
fi
node .ci/precompress.mjs "$pkg"
echo
echo "server: $CARGO_TARGET_DIR/release/minyi"
echo "site:   $(site_root)"
