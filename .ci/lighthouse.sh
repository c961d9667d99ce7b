#!/usr/bin/env bash
# Lighthouse 12 (mobile defaults: simulated slow 4G and a slow CPU) against the
# optimized build with demo data, on the pages a citizen meets first: home, the
# petition list, a petition, the sign confirmation page and the propose form
# (signed in). Prints performance, accessibility and best-practices scores.
#
# Usage: bash .ci/lighthouse.sh   (`make lighthouse`; builds with .ci/release.sh first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/paths.sh

LH_VERSION="12.2.3"
ADDR="127.0.0.1:3200"
URL="http://$ADDR"
if [[ "$("$MINYI_TOOLS_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null || true)" != "$LH_VERSION" ]]; then
  echo "[lighthouse] npm install lighthouse@$LH_VERSION into $MINYI_TOOLS_DIR"
  npm install --prefix "$MINYI_TOOLS_DIR" --no-audit --no-fund --save-exact "lighthouse@$LH_VERSION" >/dev/null
fi
[[ -x "$CARGO_TARGET_DIR/release/minyi" && "${MINYI_LH_SKIP_BUILD:-0}" == 1 ]] || bash .ci/release.sh >/dev/null

tmp="$(mktemp -d "${TMPDIR:-/tmp}/minyi-lh.XXXXXX")"
mkdir -p "$tmp/mail"
env LEPTOS_SITE_ADDR="$ADDR" MINYI_BASE_URL="$URL" DATABASE_URL="sqlite://$tmp/lh.db?mode=rwc" \
  MINYI_MAIL_DIR="$tmp/mail" MINYI_LOG_KEY_FILE="$tmp/log-signing.key" MINYI_DEMO=1 LEPTOS_ENV=PROD RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/minyi" >"$tmp/server.log" 2>&1 </dev/null &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 60); do curl -fsS "$URL/healthz" >/dev/null 2>&1 && break; sleep 1; done

# An open demo petition, a real confirmation link (a visitor signs it), and a session.
id="$(curl -fsS "$URL/api/v1/petitions?state=open&sort=signatures" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
curl -fsS -o /dev/null -H "Origin: $URL" --data-urlencode "id=$id" --data-urlencode "name=燈塔測試" \
  --data-urlencode "email=lighthouse@example.tw" --data-urlencode "county=63000" "$URL/api/sign_guest" || true
confirm=""
for _ in $(seq 1 40); do
  confirm="$(grep -rhoE '/sign/confirm\?token=[0-9a-f]+' "$tmp/mail" 2>/dev/null | head -n1 || true)"
  [[ -n "$confirm" ]] && break
  sleep 0.5
done
cookie="$(curl -fsS -o /dev/null -D - -H "Origin: $URL" --data-urlencode "email=citizen@demo.minyi.tw" \
  --data-urlencode "password=minyi-demo-passphrase-2026" "$URL/api/login" | grep -i '^set-cookie: [^=]*minyi_session=' | head -n1 | sed -E 's/^[^:]*: ([^;]*).*/\1/')"

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
run() {
  local name="$1" path="$2"
  shift 2
  "$MINYI_TOOLS_DIR/node_modules/.bin/lighthouse" "$URL$path" --quiet --output=json --output-path="$tmp/$name.json" \
    --only-categories=performance,accessibility,best-practices --chrome-flags="--headless=new --no-sandbox" "$@" >/dev/null 2>&1 || true
  python3 - "$tmp/$name.json" "$name" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"{sys.argv[2]:<22} lighthouse failed: {e}")
    sys.exit(0)
c = r["categories"]; a = r["audits"]
s = lambda k: round((c[k]["score"] or 0) * 100)
v = lambda k: a.get(k, {}).get("displayValue", "?")
print(f"{sys.argv[2]:<22} {s('performance'):>5} {s('accessibility'):>5} {s('best-practices'):>5}   "
      f"LCP {v('largest-contentful-paint'):>7}  TBT {v('total-blocking-time'):>7}  "
      f"CLS {v('cumulative-layout-shift'):>5}  {v('total-byte-weight')}")
# What keeps a category below 100, so the table says why.
for k in ("accessibility", "best-practices"):
    for ref in c[k]["auditRefs"]:
        au = a.get(ref["id"], {})
        if ref.get("weight", 0) > 0 and au.get("score") is not None and au["score"] < 1:
            print(f"{'':<22} {k}: {ref['id']}")
PY
}
echo "page                    perf  a11y  best   (Lighthouse $LH_VERSION, mobile defaults)"
run home /
run petitions /petitions
run petition "/petitions/$id"
if [[ -n "$confirm" ]]; then run sign-confirm "$confirm"; else echo "sign-confirm           no confirmation email arrived"; fi
if [[ -n "$cookie" ]]; then
  run propose /petitions/new --extra-headers="{\"Cookie\": \"$cookie\"}"
else
  echo "propose                could not log in"
fi
