#!/usr/bin/env bash
# Headless-browser check of the liqopt dashboard page.
#
# Usage: scripts/check-dashboard.sh URL OUT_DIR
#   URL      the dashboard, e.g. http://127.0.0.1:7070/ (the service or scripts/mock-dashboard-api.py)
#   OUT_DIR  where dashboard.png (full-page screenshot, 1400 px wide) is written
#
# Opens URL in Debian's chromium (headless, via puppeteer-core), waits for the first
# refresh to finish, and FAILS (exit 1, one line "FAIL: reason") on any console error,
# uncaught exception, failed request or HTTP error (except /ready answering 503, a state
# the page shows), a visible error banner, no asset cards, or an asset card whose chart
# is empty (canvas data-points = 0, or no pixel differing from the background); when
# /health's features say the position book is on, a book panel without a non-empty
# health-factor histogram; when live prices are on, a live-prices table without rows;
# a panel shown while its feature is off.
# On success prints one line: "OK: N assets, P points drawn (...); book: ...; live prices: ..."
# and exits 0.
#
# Needs: chromium (installed with apt-get when missing and run as root), node >= 18, npm.
# puppeteer-core is installed once into $DASHBOARD_CHECK_DIR
# (default ~/.cache/liqopt-dashboard-check).
#
# Try it without the service:
#   python3 scripts/mock-dashboard-api.py 8765 & scripts/check-dashboard.sh http://127.0.0.1:8765/ /tmp/dash
# (the mock's --no-book / --no-live-prices turn the live engine's panels off)
set -euo pipefail

PUPPETEER_VERSION=24.43.1

if [[ $# -ne 2 ]]; then
  echo "usage: $0 URL OUT_DIR" >&2
  exit 2
fi
url=$1
out_dir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deps=${DASHBOARD_CHECK_DIR:-$HOME/.cache/liqopt-dashboard-check}

fail() { echo "FAIL: $*"; exit 1; }

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z $chromium ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 \
      || fail "could not install chromium with apt-get"
    chromium=$(command -v chromium) || fail "chromium missing after apt-get install"
  else
    fail "chromium not found (apt-get install -y chromium, or set CHROMIUM)"
  fi
fi
command -v node >/dev/null || fail "node not found"

if [[ ! -f $deps/node_modules/puppeteer-core/package.json ]] \
  || [[ $(node -p "require('$deps/node_modules/puppeteer-core/package.json').version") != "$PUPPETEER_VERSION" ]]; then
  mkdir -p "$deps"
  npm install --prefix "$deps" --no-audit --no-fund --loglevel=error "puppeteer-core@$PUPPETEER_VERSION" >&2 \
    || fail "npm install puppeteer-core@$PUPPETEER_VERSION failed"
fi

CHECK_URL=$url CHECK_OUT_DIR=$out_dir CHROMIUM=$chromium PUPPETEER_DIR=$deps \
  exec node "$here/check-dashboard.cjs"
