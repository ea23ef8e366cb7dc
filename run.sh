#!/usr/bin/env bash
# Main job: set up the virtual environment (first run), serve the engine on 127.0.0.1, and say where it is once it
# answers: the page for legal staff, the case-history page and the API contract.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/setup-env.sh
host=${ENPLAN_HOST:-127.0.0.1}
port=${ENPLAN_PORT:-5000}
previous=""
for argument in "$@"; do  # the address the server will use (the options pass on to `enplan serve` unchanged)
  case "$previous" in --host) host=$argument ;; --port) port=$argument ;; esac
  case "$argument" in --host=*) host=${argument#--host=} ;; --port=*) port=${argument#--port=} ;; esac
  previous=$argument
done
echo "run: starting the server on $host:$port — loading the three regimes and every version of the One Plan law" \
     "takes about 20–40 s ..."
.venv/bin/enplan serve "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' INT TERM
base="http://$host:$port"
for _ in $(seq 1 600); do  # up to 5 minutes on a slow machine
  if ! kill -0 "$server" 2>/dev/null; then
    wait "$server"
    exit $?
  fi
  if .venv/bin/python - "$base/health" <<'PY' 2>/dev/null; then
import sys
import urllib.request

with urllib.request.urlopen(sys.argv[1], timeout=2) as response:
    sys.exit(0 if response.status == 200 else 1)
PY
    echo "run: ready."
    echo "  the page for legal staff:  $base/ui/"
    echo "  the case history page:     $base/history/"
    echo "  the law on the page:       $base/lov/"
    echo "  the API contract (OpenAPI): $base/spec"
    echo "  stop with Ctrl-C"
    break
  fi
  sleep 0.5
done
wait "$server"
