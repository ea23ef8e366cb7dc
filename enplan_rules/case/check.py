"""Validate a case document, compute its answers under a regime and explain them."""

import datetime
import hashlib
import json
import os
from functools import cache

import jsonschema
import numpy
from openfisca_core import periods

import enplan_rules
from enplan_rules import labels, regimes
from enplan_rules.answers import contingent
from enplan_rules.answers import request as contingent_request
from enplan_rules.answers.readings import system as readings_system
from enplan_rules.case.questions import ANSWER_WORDS, QUESTIONS, SENTENCES
from enplan_rules.case.texts import FACTS, MESSAGES, YES_NO
from enplan_rules.legal.dependencies import explain_static
from enplan_rules.simulations import build_simulation

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "case.schema.json")
LANGS = ("da", "en")
FIRST_MONTH = "2015-01"
LAST_MONTH = "2030-12"
ETERNITY_INPUTS = ("birth_date", "en_plan_start_date")
DATE_FIELDS = ("birth_date", "benefit_start_date", "en_plan_start_date")


class CaseError(ValueError):
    """The case document is invalid. `errors`: [{"pointer", "message", "expected"}], in the request's language."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{e['pointer'] or '/'}: {e['message']}" for e in errors))
        self.errors = errors


@cache
def load_schema():
    with open(SCHEMA_PATH, encoding="utf-8") as file:
        return json.load(file)


@cache
def _validator():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _message(key, lang):
    da, en = MESSAGES[key]
    return da if lang == "da" else en


def _pointer(path):
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


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
        return "only the fields of the case schema: " + ", ".join(sorted(schema.get("properties", {})))
    if error.validator == "oneOf":
        return "exactly one of month, date"
    return json.dumps(error.validator_value, ensure_ascii=False)[:200]


def _schema_errors(case, lang):
    errors = []
    for error in sorted(_validator().iter_errors(case), key=lambda e: list(e.absolute_path)):
        path = list(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            path = path + [missing]
        if error.validator == "oneOf" and not path:
            path = ["date" if "date" in error.instance and "month" in error.instance else "month"]
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            for name in extra:
                errors.append({"pointer": _pointer(path + [name]), "message": _message("additionalProperties", lang),
                               "expected": _expected(error)})
            continue
        key = error.validator if error.validator in MESSAGES else "type"
        errors.append({"pointer": _pointer(path), "message": _message(key, lang), "expected": _expected(error)})
    return errors


def _is_date(text):
    try:
        datetime.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def validate(case, lang="da"):
    """Raise CaseError unless `case` is a valid case document; return its month (YYYY-MM)."""
    if not isinstance(case, dict):
        raise CaseError([{"pointer": "", "message": _message("not_an_object", lang), "expected": "object"}])
    errors = _schema_errors(case, lang)
    if errors:
        raise CaseError(errors)
    month = case.get("month") or case["date"][:7]
    if "date" in case and not _is_date(case["date"]):
        errors.append({"pointer": "/date", "message": _message("not_a_date", lang), "expected": "YYYY-MM-DD"})
    if not FIRST_MONTH <= month <= LAST_MONTH:
        errors.append({"pointer": "/month" if "month" in case else "/date", "message": _message("month_out_of_range", lang),
                       "expected": f"{FIRST_MONTH} … {LAST_MONTH}"})
    seen = set()
    parents = 0
    for index, person in enumerate(case["persons"]):
        if person["id"] in seen:
            errors.append({"pointer": f"/persons/{index}/id", "message": _message("duplicate_id", lang),
                           "expected": "an id not used before in this case"})
        seen.add(person["id"])
        parents += person.get("role", "parent") == "parent"
        for field in DATE_FIELDS:
            if field in person and not _is_date(person[field]):
                errors.append({"pointer": f"/persons/{index}/{field}", "message": _message("not_a_date", lang),
                               "expected": "YYYY-MM-DD"})
        birth = person.get("birth_date")
        if birth and _is_date(birth) and birth[:7] > month:
            errors.append({"pointer": f"/persons/{index}/birth_date", "message": _message("born_after_month", lang),
                           "expected": f"a date before the end of {month}"})
    if parents > 2:
        errors.append({"pointer": "/persons", "message": _message("too_many_parents", lang),
                       "expected": "at most 2 persons with role parent"})
    if errors:
        raise CaseError(errors)
    return month


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


def _citations(system, names):
    citations = []
    seen = set()
    for name in names:
        reference = system.variables[name].reference or []
        reference = [reference] if isinstance(reference, str) else list(reference)
        if not reference:
            continue
        texts = [r for r in reference if not r.startswith("http")]
        urls = [r for r in reference if r.startswith("http")]
        key = (tuple(texts), tuple(urls))
        if key in seen:
            continue
        seen.add(key)
        citations.append({"text": "; ".join(texts), "url": urls[0] if urls else None, "urls": urls, "variable": name})
    return citations


def _fact_text(system, simulation, name, month, index, lang):
    variable = system.variables[name]
    values = simulation.calculate(name, periods.period("ETERNITY") if variable.definition_period == "eternity" else month)
    value = values[index]
    if hasattr(values, "decode"):
        value = labels.choice(name, values.decode()[index].name, lang)
    elif isinstance(value, (bool, numpy.bool_)):
        value = YES_NO[lang][0 if value else 1]
    label = FACTS.get(name, (name, name))[0 if lang == "da" else 1]
    return f"{label}: {value}"


def _active_in(name, regime):
    """Whether a set-aside variable carries a law in `regime` (in the regimes below it, it is plainly false)."""
    if name.endswith("_by_trial"):
        return regime == "trial"
    if "holistic_plan" in name or name.endswith("_by_one_plan_law"):
        return regime in ("one_plan_law", "trial")
    return True


def _reasoning(question, values_at, lang, regime):
    """The sentences that decide the answer, and the variables they rest on."""
    i = 0 if lang == "da" else 1
    parts = []
    deciding = []
    for name in question.trigger:
        holds = values_at(name)
        if name in SENTENCES:
            parts.append(SENTENCES[name][0 if holds else 1][i])
        deciding.append(name)
        if not holds:
            return parts, deciding
    active = [name for name in question.set_asides if _active_in(name, regime)]
    lifted = [name for name in active if values_at(name)]
    for name in lifted:
        parts.append(SENTENCES[name][0][i])
        deciding.append(name)
    if not lifted:
        parts.extend(SENTENCES[name][1][i] for name in active)
        deciding.extend(active)
    return parts, deciding


def _localised(entry, lang):
    """A register entry in the request's language (the register keeps both)."""
    keys = ("title", "reading", "alternative")
    if lang == "da":
        return {"id": entry["id"], **{key: entry.get(key + "_da", entry[key]) for key in keys}}
    return {"id": entry["id"], **{key: entry[key] for key in keys}}


def _answer_text(question, value, lang):
    if isinstance(value, bool):
        return ANSWER_WORDS[lang][0 if value else 1]
    return f"{value:g}" if isinstance(value, float) else str(value)


def check(case, regime="trial", lang="da", one_plan_law_variant="enacted", readings=None, overrides=None):
    """Every public question of the engine for each person in `case`, explained, with a provenance receipt."""
    if lang not in LANGS:
        raise CaseError([{"pointer": "", "message": _message("unknown_lang", "en"), "expected": "da or en"}])
    if regime not in regimes.NAMES:
        raise CaseError([{"pointer": "", "message": _message("unknown_regime", lang),
                          "expected": "one of: " + ", ".join(regimes.NAMES)}])
    month = validate(case, lang)
    readings, overrides = contingent_request.prepare(readings, overrides, regime, one_plan_law_variant, lang)
    system = readings_system(regime, one_plan_law_variant, readings, overrides)
    simulation = build_simulation(system, situation(case, month))
    questions = [q for q in QUESTIONS if q.variable in system.variables]
    explanations = explain_static(simulation, [q.variable for q in questions], month)
    period = periods.period(month)
    arrays = {}

    def array(name):
        if name not in arrays:
            arrays[name] = simulation.calculate(name, period)
        return arrays[name]

    ids = [person["id"] for person in case["persons"]]
    i = 0 if lang == "da" else 1
    persons = {}
    used_parameters = {}
    person_facts = []
    for index, person in enumerate(case["persons"]):
        given = set(person) | {"municipality"}
        person_facts.append([
            (name, _fact_text(system, simulation, name, period, index, lang))
            for name in FACTS
            if name in given and name in system.variables and not system.variables[name].formulas
        ])
    for index, person_id in enumerate(ids):
        answers = {}
        for question in questions:
            explanation = explanations[question.variable][index]
            value = _json_value(array(question.variable)[index])

            def values_at(name, index=index):
                if name not in system.variables:
                    return False
                return bool(array(name)[index])

            parts, deciding = _reasoning(question, values_at, lang, regime)
            used = set(explanation["variables"])
            facts = [text for name, text in person_facts[index] if name in used]
            reasoning = "; ".join(parts)
            if facts:
                reasoning += (". " if reasoning else "") + ("Afgørende oplysninger: " if lang == "da" else "Facts used: ") + "; ".join(facts)
            for parameter in explanation["parameters"]:
                used_parameters[parameter["name"]] = parameter
            answers[question.id] = {
                "question": question.da if lang == "da" else question.en,
                "variable": question.variable,
                "value": value,
                "answer_text": _answer_text(question, value, lang),
                "citations": _citations(system, [question.variable, *deciding]),
                "reasoning": reasoning,
                "ambiguities": [_localised(entry, lang) for entry in explanation["ambiguities"]],
                "unverified_parameters": [
                    {k: p[k] for k in ("name", "value", "status", "description", "start")}
                    for p in explanation["unverified_parameters"]
                ],
            }
        persons[person_id] = {"answers": answers}

    request = {"case": case, "regime": regime, "lang": lang, "one_plan_law_variant": one_plan_law_variant}
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    receipt = {
        "package": "enplan_rules",
        "package_version": enplan_rules.__version__,
        "regime": regime,
        "regime_description": regimes.DESCRIPTIONS[regime],
        "one_plan_law_variant": one_plan_law_variant,
        "period": month,
        "parameters": [
            {k: p[k] for k in ("name", "value", "start", "status")} for _, p in sorted(used_parameters.items())
        ],
        "request_sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    }
    return contingent.annotate({
        "regime": regime,
        "period": month,
        "lang": lang,
        "package_version": enplan_rules.__version__,
        "persons": persons,
        "receipt": receipt,
        "note": MESSAGES_NOTE[i],
    }, case, regime, lang, one_plan_law_variant, readings, overrides)


MESSAGES_NOTE = (
    "Svarene er en lovfortolkning med angivne usikkerheder, ikke en afgørelse.",
    "The answers are a reading of the law with its uncertainties marked, not a decision.",
)


def compare(case, lang="da", one_plan_law_variant="enacted", readings=None):
    """The same case under every regime, side by side; `differences` lists the answers that differ."""
    results = {name: check(case, name, lang, one_plan_law_variant, readings) for name in regimes.NAMES}
    differences = []
    first = results[regimes.NAMES[0]]
    for person_id, person in first["persons"].items():
        for question_id in person["answers"]:
            values = {name: results[name]["persons"][person_id]["answers"][question_id]["value"] for name in regimes.NAMES}
            if len({json.dumps(v) for v in values.values()}) > 1:
                differences.append({"person": person_id, "question": question_id, "values": values})
    for name in regimes.NAMES:
        for person_id, person in results[name]["persons"].items():
            for question_id, answer in person["answers"].items():
                answer["differs_between_regimes"] = any(
                    d["person"] == person_id and d["question"] == question_id for d in differences
                )
    return {
        "period": first["period"],
        "lang": lang,
        "package_version": enplan_rules.__version__,
        "regimes": results,
        "differences": differences,
    }
