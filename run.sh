#!/usr/bin/env bash
# Main job: set up the virtual environment (first run) and serve the engine on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/setup-env.sh
exec .venv/bin/enplan serve "$@"
