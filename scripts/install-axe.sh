#!/usr/bin/env bash
# Installs axe-core (the accessibility engine the browser tests inject into the page) from the npm registry into
# .venv/axe (git-ignored with .venv), once. Called by scripts/install-browser.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .venv/axe/node_modules/axe-core/axe.min.js ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "install-axe: installing npm with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null; }
  else
    echo "install-axe: npm is missing; the accessibility tests will be skipped" >&2
    exit 0
  fi
fi
echo "install-axe: npm install axe-core@4"
npm install --prefix .venv/axe --no-audit --no-fund --silent axe-core@4 >/dev/null
test -f .venv/axe/node_modules/axe-core/axe.min.js
