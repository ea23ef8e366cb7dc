"""A validated case as a simulation's input, and its computed values as plain JSON values.

The answers themselves are built by `enplan_rules.answers.engine` (`enplan_rules.answers.check`): the case layer
validates and simulates, it never imports the layer that builds answers.
"""

import numpy

from enplan_rules.case.questions import ANSWER_WORDS
from enplan_rules.case.validation import (  # noqa: F401  (re-exported: CaseError, load_schema, validate)
    LANGS,
    SCHEMA_PATH,
    CaseError,
    _message,
    load_schema,
    validate,
)

ETERNITY_INPUTS = ("birth_date", "en_plan_start_date")


def situation(case, month):
    """The OpenFisca situation for a validated case: the persons, one family, one cohort."""
    persons = {}
    for person in case["persons"]:
        inputs = {"municipality": {month: case["municipality"]}}
        for name, value in person.items():
            if name in ("id", "role"):
                continue
            inputs[name] = {"ETERNITY": value} if name in ETERNITY_INPUTS else {month: value}
        persons[person["id"]] = inputs
    ids = [person["id"] for person in case["persons"]]
    parents = [p["id"] for p in case["persons"] if p.get("role", "parent") == "parent"]
    children = [p["id"] for p in case["persons"] if p.get("role") == "child"]
    family = {"parents": parents}
    if children:
        family["children"] = children
    return {"persons": persons, "families": {"family": family}, "cohorts": {"case": {"members": ids}}}


def _json_value(value):
    if isinstance(value, (numpy.bool_, bool)):
        return bool(value)
    if isinstance(value, (numpy.integer,)):
        return int(value)
    if isinstance(value, (numpy.floating, float)):
        return round(float(value), 4)
    return str(value)


def _answer_text(question, value, lang):
    """An answer value in words: ja/nej, yes/no, or the number."""
    if isinstance(value, bool):
        return ANSWER_WORDS[lang][0 if value else 1]
    return f"{value:g}" if isinstance(value, float) else str(value)
