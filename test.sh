#!/usr/bin/env bash
# Runs every test: sets up the virtual environment (first run), lints, then the YAML scenarios and pytest.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/setup-env.sh
if [ -f scripts/install-browser.sh ]; then bash scripts/install-browser.sh; fi
existing() { for path in "$@"; do [ -e "$path" ] && echo "$path"; done; }
echo "== ruff"; .venv/bin/ruff check $(existing enplan_rules tests scripts benchmarks)
echo "== yamllint"; .venv/bin/yamllint -s $(existing enplan_rules tests scenarios .yamllint.yaml)
echo "== openfisca test (YAML scenarios, per regime)"
ONE_PLAN=enplan_rules.reforms.one_plan_law.one_plan_law
TRIAL=enplan_rules.reforms.trial.trial
run_yaml() {  # folder, then the reforms that make up the regime
  local folder=$1; shift
  if [ -n "$(find "$folder" -name '*.yaml' 2>/dev/null | head -n 1)" ]; then
    .venv/bin/openfisca test "$folder" -c enplan_rules ${1:+-r "$@"}
  fi
}
run_yaml tests/regimes/sector_law
run_yaml tests/regimes/one_plan_law "$ONE_PLAN"
run_yaml tests/regimes/trial "$ONE_PLAN" "$TRIAL"
echo "== pytest"
.venv/bin/python -m pytest -q "$@"
