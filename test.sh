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
.venv/bin/openfisca test tests/regimes/sector_law -c enplan_rules
.venv/bin/openfisca test tests/regimes/one_plan_law -c enplan_rules -r "$ONE_PLAN"
.venv/bin/openfisca test tests/regimes/trial -c enplan_rules -r "$ONE_PLAN" "$TRIAL"
echo "== pytest"
.venv/bin/python -m pytest -q "$@"
