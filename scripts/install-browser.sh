#!/usr/bin/env bash
# Set-up of the page's tests (tests/ui): Debian's Chromium (Playwright drives the system browser, never a downloaded
# build), the Debian libraries WeasyPrint needs for the case-note PDF (Pango), poppler-utils (pdftoppm turns the PDF
# into PNG in the tests), and axe-core from the npm registry (scripts/install-axe.sh). Installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: missing ${missing[*]} and apt-get is not available; those tests will be skipped" >&2
  else
    SUDO=""
    if [ "$(id -u)" != "0" ]; then
      if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "install-browser: not root and no sudo; missing ${missing[*]}, those tests will be skipped" >&2
        SUDO=skip
      fi
    fi
    if [ "$SUDO" != skip ]; then
      export DEBIAN_FRONTEND=noninteractive
      echo "install-browser: installing ${missing[*]} with apt-get"
      $SUDO apt-get update -qq
      $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
  fi
fi
bash scripts/install-axe.sh
