"""Scenario files: a case in YAML with its expected answers, and the `enplan check` report.

A scenario is the case document of `enplan_rules.case` (same fields, same JSON Schema) plus `title`,
`description`, `source`, `regime` and an `expect:` block. Its answers come from `enplan_rules.case.check`
and `compare`, the one path the API and the web page use too.
"""

from enplan_rules import regimes
from enplan_rules.case import check, compare
from enplan_rules.scenarios.expect import evaluate, regimes_needed
from enplan_rules.scenarios.loader import Scenario, ScenarioError, find, format_error, load, parse

__all__ = ["Scenario", "ScenarioError", "evaluate", "find", "format_error", "load", "parse", "run"]


def run(scenario, regime=None, lang="da", one_plan_law_variant=None, readings=None, overrides=None):
    """Compute the scenario under `regime` (a regime name or "all"; default: the scenario's own, else trial)
    and check its expectations. Returns {"regime", "result", "results", "outcomes"}: `result` is the
    `check` result (one regime) or the `compare` result ("all"); `results` maps every computed regime to its
    `check` result. `one_plan_law_variant` (default: the scenario's own, else the enacted law) names the text of
    the One Plan law."""
    regime = regime or scenario.regime or "trial"
    variant = one_plan_law_variant or scenario.one_plan_law_variant or regimes.DEFAULT_VARIANT
    if regime != "all" and regime not in regimes.NAMES:
        raise ValueError(f"unknown regime {regime!r}")
    needed = regimes_needed(scenario)
    if regime == "all" or len(set(needed) | {regime}) > 1:
        compared = compare(scenario.case, lang, variant, readings=readings, overrides=overrides)
        results = compared["regimes"]
        result = compared if regime == "all" else results[regime]
    else:
        result = check(scenario.case, regime, lang, variant, readings=readings, overrides=overrides)
        results = {regime: result}
    return {"regime": regime, "result": result, "results": results, "outcomes": evaluate(scenario, results)}
