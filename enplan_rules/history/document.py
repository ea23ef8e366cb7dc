"""The case-history document: validation, the facts of each month, and the month case documents.

A history holds the municipality and the persons at the start, dated changes of facts (each holds from the month
of its date until the next change of the same fact) and a record of what was done. The facts of a month are the
facts as they stand at the end of the month: a change dated in a month applies to that whole month, as the engine
counts the month of entry into a target group as month 0 in the group. A change of `employment_target_group` that
does not give `benefit_start_date` sets it to the change's date (the citizen enters the new group that day).
"""

import json
import os
import re
from functools import cache

from enplan_rules import labels
from enplan_rules.case import CaseError, load_schema
from enplan_rules.case.validation import (
    FIRST_MONTH,
    LAST_MONTH,
    DocumentError,
    is_date,
    json_document,
    json_pointer,
    schema_validator,
)

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "history.schema.json")
DEFAULT_FROM = "2017-10"
DEFAULT_TO = "2020-12"
STATIC_FACTS = ("birth_date", "en_plan_start_date")
DERIVED_FACTS = ("meetings_held",)  # from the record: meetings and follow-ups dated in the month
RECORD_LISTS = ("meetings", "offers", "followups")
LANGS = ("da", "en")
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])\Z")  # \Z: "$" would let a trailing newline through

MESSAGES = {
    "required": ("feltet mangler", "the field is missing"),
    "additionalProperties": ("ukendt felt (sagsforløbet må ikke indeholde andre felter, fx navne eller CPR-numre)",
                             "unknown field (the case history takes no other fields, e.g. no names or CPR numbers)"),
    "enum": ("ugyldig værdi", "invalid value"),
    "type": ("forkert type", "wrong type"),
    "pattern": ("forkert format", "wrong format"),
    "minimum": ("værdien er for lille", "the value is too small"),
    "maximum": ("værdien er for stor", "the value is too large"),
    "minItems": ("for få elementer", "too few items"),
    "maxItems": ("for mange elementer", "too many items"),
    "not_an_object": ("sagsforløbet skal være et JSON-objekt", "the case history must be a JSON object"),
    "not_a_date": ("ikke en gyldig dato", "not a valid date"),
    "duplicate_id": ("personens id er brugt før i sagen", "the person id is used twice in the case"),
    "too_many_parents": ("en familie har højst to forældre", "a family has at most two parents"),
    "month_out_of_range": ("måneden ligger uden for den periode, motoren dækker",
                           "the month lies outside the period the engine covers"),
    "range_reversed": ("første måned ligger efter sidste måned", "the first month lies after the last month"),
    "born_in_range": ("personen er født efter tidslinjens første måned; lad tidslinjen begynde ved fødslen",
                      "the person is born after the first month of the timeline; start the timeline at the birth"),
    "unknown_person": ("ukendt person (ikke et id i persons)", "unknown person (not an id in persons)"),
    "person_missing": ("ændringen af en persons oplysninger skal angive person",
                       "a change of a person's facts must name the person"),
    "empty_change": ("ændringen ændrer ingen oplysninger", "the change changes no fact"),
    "municipality_only": ("person angivet, men kun kommunen ændres", "a person is named, but only the municipality changes"),
}


class HistoryError(DocumentError):
    """The history is invalid. `errors`: [{"pointer", "message", "expected"}], in the request's language."""


def message(key, lang):
    return labels.pick(MESSAGES[key], lang)


def load_history_schema():
    return json_document(SCHEMA_PATH)


def _validator():
    return schema_validator(SCHEMA_PATH)


@cache
def changeable_facts():
    """The facts of a person in the case schema that a dated change may set (all but id, role, static, derived)."""
    person = load_schema()["properties"]["persons"]["items"]["properties"]
    return tuple(name for name in person if name not in ("id", "role", *STATIC_FACTS, *DERIVED_FACTS))


def _expected(error):
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "enum":
        return "one of: " + ", ".join(map(str, error.validator_value))
    if error.validator == "type":
        return str(error.validator_value)
    if error.validator == "pattern":
        return "a string matching " + error.validator_value + (" (" + schema["format"] + ")" if "format" in schema else "")
    if error.validator in ("minimum", "maximum", "minItems", "maxItems"):
        return f"{error.validator} {error.validator_value}"
    if error.validator == "required":
        return "required"
    if error.validator == "additionalProperties":
        return "only the fields of the history schema: " + ", ".join(sorted(schema.get("properties", {})))
    return json.dumps(error.validator_value, ensure_ascii=False)[:200]


def _schema_errors(history, lang):
    errors = []
    for error in sorted(_validator().iter_errors(history), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            path = path + [missing]
        if error.validator == "additionalProperties":
            for name in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                errors.append({"pointer": json_pointer(path + [name]), "message": message("additionalProperties", lang),
                               "expected": _expected(error)})
            continue
        key = error.validator if error.validator in MESSAGES else "type"
        errors.append({"pointer": json_pointer(path), "message": message(key, lang), "expected": _expected(error)})
    return errors


def validate(history, lang="da", first=None, last=None):
    """Raise HistoryError unless `history` is a valid case history; return its month range (first, last).

    `first`/`last` (YYYY-MM) override the document's own `from`/`to`."""
    if lang not in LANGS:
        lang = "en"
    if not isinstance(history, dict):
        raise HistoryError([{"pointer": "", "message": message("not_an_object", lang), "expected": "object"}])
    errors = _schema_errors(history, lang)
    if errors:
        raise HistoryError(errors)
    first = first or history.get("from") or DEFAULT_FROM
    last = last or history.get("to") or DEFAULT_TO
    for key, month in (("from", first), ("to", last)):
        if not FIRST_MONTH <= month <= LAST_MONTH:
            errors.append({"pointer": "/" + key, "message": message("month_out_of_range", lang),
                           "expected": f"{FIRST_MONTH} … {LAST_MONTH}"})
    if first > last:
        errors.append({"pointer": "/to", "message": message("range_reversed", lang), "expected": f"a month from {first}"})
    ids = set()
    parents = 0
    for index, person in enumerate(history["persons"]):
        base = f"/persons/{index}"
        if person["id"] in ids:
            errors.append({"pointer": base + "/id", "message": message("duplicate_id", lang),
                           "expected": "an id not used before in this case"})
        ids.add(person["id"])
        parents += person.get("role", "parent") == "parent"
        for name in ("birth_date", "benefit_start_date", "en_plan_start_date"):
            if name in person and not is_date(person[name]):
                errors.append({"pointer": f"{base}/{name}", "message": message("not_a_date", lang), "expected": "YYYY-MM-DD"})
        birth = person.get("birth_date")
        if birth and is_date(birth) and birth[:7] > first:
            errors.append({"pointer": base + "/birth_date", "message": message("born_in_range", lang),
                           "expected": f"a date before the end of {first}"})
        record = person.get("record", {})
        for kind in RECORD_LISTS:
            for position, date in enumerate(record.get(kind, [])):
                if not is_date(date):
                    errors.append({"pointer": f"{base}/record/{kind}/{position}", "message": message("not_a_date", lang),
                                   "expected": "YYYY-MM-DD"})
        for position, plan in enumerate(record.get("plans", [])):
            if not is_date(plan["date"]):
                errors.append({"pointer": f"{base}/record/plans/{position}/date", "message": message("not_a_date", lang),
                               "expected": "YYYY-MM-DD"})
    if parents > 2:
        errors.append({"pointer": "/persons", "message": message("too_many_parents", lang),
                       "expected": "at most 2 persons with role parent"})
    facts = set(changeable_facts())
    for index, change in enumerate(history.get("changes", [])):
        base = f"/changes/{index}"
        if not is_date(change["date"]):
            errors.append({"pointer": base + "/date", "message": message("not_a_date", lang), "expected": "YYYY-MM-DD"})
        if "benefit_start_date" in change and not is_date(change["benefit_start_date"]):
            errors.append({"pointer": base + "/benefit_start_date", "message": message("not_a_date", lang),
                           "expected": "YYYY-MM-DD"})
        person_facts = facts & set(change)
        if not person_facts and "municipality" not in change:
            errors.append({"pointer": base, "message": message("empty_change", lang),
                           "expected": "a date and at least one fact: municipality, " + ", ".join(sorted(facts))})
        if person_facts and "person" not in change:
            errors.append({"pointer": base + "/person", "message": message("person_missing", lang),
                           "expected": "one of: " + ", ".join(p["id"] for p in history["persons"])})
        if "person" in change:
            if change["person"] not in ids:
                errors.append({"pointer": base + "/person", "message": message("unknown_person", lang),
                               "expected": "one of: " + ", ".join(p["id"] for p in history["persons"])})
            elif not person_facts:
                errors.append({"pointer": base + "/person", "message": message("municipality_only", lang),
                               "expected": "a fact of the person, or no person"})
    if errors:
        raise HistoryError(errors)
    return first, last


def months(first, last):
    """Every month from `first` to `last` (YYYY-MM), both included."""
    year, month = int(first[:4]), int(first[5:])
    result = []
    while f"{year:04d}-{month:02d}" <= last:
        result.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def _ordered_changes(history):
    """The changes in date order (document order among equal dates), with the target-group rule applied."""
    changes = []
    for index, change in enumerate(history.get("changes", [])):
        change = dict(change)
        if "employment_target_group" in change and "benefit_start_date" not in change:
            change["benefit_start_date"] = change["date"]
        changes.append((change["date"], index, change))
    return [change for _, _, change in sorted(changes, key=lambda item: item[:2])]


def facts_by_month(history, month_list):
    """For each month: (municipality, {person id: {fact: value}}) as the facts stand at the end of the month."""
    facts = set(changeable_facts())
    municipality = history["municipality"]
    state = {p["id"]: {k: v for k, v in p.items() if k in facts} for p in history["persons"]}
    changes = _ordered_changes(history)
    position = 0
    result = {}
    for month in month_list:
        while position < len(changes) and changes[position]["date"][:7] <= month:
            change = changes[position]
            if "municipality" in change:
                municipality = change["municipality"]
            if "person" in change:
                state[change["person"]].update({k: v for k, v in change.items() if k in facts})
            position += 1
        result[month] = (municipality, {pid: dict(values) for pid, values in state.items()})
    return result


def record_counts(history):
    """{person id: {month: meetings and follow-ups held that month}} from the record."""
    counts = {}
    for person in history["persons"]:
        record = person.get("record", {})
        by_month = counts.setdefault(person["id"], {})
        for date in [*record.get("meetings", []), *record.get("followups", [])]:
            by_month[date[:7]] = by_month.get(date[:7], 0) + 1
    return counts


def month_cases(history, month_list):
    """The case document (enplan_rules.case) of each month: its municipality, its facts, its meetings held."""
    states = facts_by_month(history, month_list)
    counts = record_counts(history)
    cases = {}
    for month in month_list:
        municipality, state = states[month]
        persons = []
        for person in history["persons"]:
            document = {"id": person["id"], "role": person.get("role", "parent")}
            document.update({k: person[k] for k in STATIC_FACTS if k in person})
            document.update(state[person["id"]])
            held = counts[person["id"]].get(month, 0)
            if held:
                document["meetings_held"] = min(held, 1000)
            persons.append(document)
        cases[month] = {"municipality": municipality, "month": month, "persons": persons}
    return cases


def check_month_case(case, lang):
    """Validate a month case with the case path (it should never fail for a valid history)."""
    from enplan_rules.case import validate as validate_case

    try:
        validate_case(case, lang, month_of_history=True)
    except CaseError as error:  # pragma: no cover - a bug in the month-case builder
        raise RuntimeError(f"month case {case['month']} invalid: {error}") from None
