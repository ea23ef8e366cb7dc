# Sourced by run.sh and test.sh: create .venv and install the package with every extra, once per change of pyproject.toml.
set -euo pipefail
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: first run — creating the virtual environment in .venv ..."
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: installing enplan_rules and its dependencies into .venv (OpenFisca, Flask, gunicorn, WeasyPrint, ...)" \
       "— 1 to 5 minutes the first time, once after each change of pyproject.toml ..."
  started=$(date +%s)
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[dev,population]"
  rm -f .venv/.installed-*
  touch "$stamp"
  echo "setup: done in $(( $(date +%s) - started )) s."
fi
