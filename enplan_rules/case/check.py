"""Validate a case document, compute its answers under a regime and explain them."""

import hashlib
import json

import numpy

import enplan_rules
from enplan_rules import labels, memo, regimes
from enplan_rules.answers import contingent
from enplan_rules.answers import request as contingent_request
from enplan_rules.answers.readings import switched as switched_system
from enplan_rules.answers.readings import system as readings_system
from enplan_rules.case import unrecorded
from enplan_rules.case.questions import ANSWER_WORDS, QUESTIONS, SENTENCES
from enplan_rules.case.texts import FACTS, YES_NO
from enplan_rules.case.validation import (  # noqa: F401  (re-exported: CaseError, load_schema, validate)
    LANGS,
    SCHEMA_PATH,
    CaseError,
    _message,
    load_schema,
    validate,
)
from enplan_rules.legal import source_records, texts
from enplan_rules.legal.dependencies import Values, explain_values

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


@memo.on_first_argument
def _grounds(system, name, month):
    """What a citation of rule `name` rests on in `month`: its reference texts and addresses, and its source
    records (None: the rule has neither). The same for every case, so looked up once per system, rule and month."""
    if name not in system.variables:
        return None
    variable = system.variables[name]
    # a rule's paragraph; a case fact's reference (why the fact matters) is no citation of the answer
    reference = (variable.reference or []) if variable.formulas else []
    reference = [reference] if isinstance(reference, str) else list(reference)
    records = source_records.for_variable(system, name, month)
    if not reference and not records:
        return None
    texts = tuple(r for r in reference if not r.startswith("http"))
    urls = tuple(r for r in reference if r.startswith("http"))
    return texts, urls, tuple(records)


def _citations(system, names, month):
    """One citation per deciding rule: its paragraph reference, and the source records in force in `month` —
    the document, paragraph, version and address read, and the Danish words the rule encodes (`excerpt`)."""
    citations = []
    seen = set()
    shown = set()
    for name in names:
        grounds = _grounds(system, name, month)
        if grounds is None:
            continue
        texts, urls, records = grounds
        key = (texts, urls)
        if key in seen:
            continue
        seen.add(key)
        fresh = [record for record in records if record["id"] not in shown]  # each text once per answer
        worded = sorted((record for record in fresh if record.get("excerpt") or record["versions"]),
                        key=lambda record: source_records.CATEGORIES.index(source_records.category(record)))
        first = (worded or fresh or [None])[0]
        shown.update(record["id"] for record in records)
        citations.append({
            "text": "; ".join(texts),
            "url": urls[0] if urls else None,
            "urls": list(urls),
            "variable": name,
            "excerpt": source_records.summary(first, month)["excerpt"] if first else None,
            "source": source_records.summary(first, month) if first else None,
            "further_sources": [source_records.summary(record, month) for record in fresh if record is not first],
        })
    return citations


def _fact_text(system, values, name, index, lang):
    """'label: value' for an input fact of the person at `index` (`values`: the case's `Values`)."""
    if getattr(system.variables[name], "possible_values", None) is not None:
        value = labels.choice(name, values(name, decoded=True)[index], lang)
    else:
        value = values(name)[index]
    if isinstance(value, (bool, numpy.bool_)):
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
                          "expected": ("en af: " if lang == "da" else "one of: ") + ", ".join(regimes.NAMES)}])
    if one_plan_law_variant not in regimes.VARIANTS:
        raise CaseError([{"pointer": "", "message": "ukendt version af lov om én plan" if lang == "da"
                          else "unknown version of the One Plan law",
                          "expected": ("en af: " if lang == "da" else "one of: ") + ", ".join(regimes.VARIANTS)}])
    month = validate(case, lang)
    readings, overrides = contingent_request.prepare(readings, overrides, regime, one_plan_law_variant, lang)
    system = readings_system(regime, one_plan_law_variant, readings, overrides)
    # a judgement the case does not record is unknown where it can change an answer (never assumed)
    unrecorded_judgements, inert, touched = unrecorded.split_unrecorded(
        case, month, switched_system(regime, one_plan_law_variant, readings, overrides))
    given_case, case = case, unrecorded.with_unknown(case, unrecorded_judgements)
    # one simulation for the answers and their dependencies: the case as given is one of its copies
    evaluated = contingent.evaluate_case(case, month, regime, lang, one_plan_law_variant, readings, overrides,
                                         unrecorded_judgements, inert, touched)
    values = Values(evaluated["simulation"], month, evaluated["base_rows"], system)
    questions = [q for q in QUESTIONS if q.variable in system.variables]
    explanations = explain_values(values, [q.variable for q in questions])

    ids = [person["id"] for person in case["persons"]]
    i = 0 if lang == "da" else 1
    persons = {}
    used_parameters = {}
    person_facts = []
    for index, person in enumerate(case["persons"]):
        given = set(person) | {"municipality"}
        person_facts.append([
            (name, _fact_text(system, values, name, index, lang))
            for name in FACTS
            if name in given and name in system.variables and not system.variables[name].formulas
        ])
    for index, person_id in enumerate(ids):
        answers = {}
        for question in questions:
            explanation = explanations[question.variable][index]
            value = _json_value(values(question.variable)[index])

            def values_at(name, index=index):
                if name not in system.variables:
                    return False
                return bool(values(name)[index])

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
                "citations": _citations(system, [question.variable, *deciding], month),
                "reasoning": reasoning,
                "ambiguities": [_localised(entry, lang) for entry in explanation["ambiguities"]],
                "unverified_parameters": [
                    {k: p[k] for k in ("name", "value", "status", "description", "start")}
                    for p in explanation["unverified_parameters"]
                ],
            }
        persons[person_id] = {"answers": answers}

    request = {"case": given_case, "regime": regime, "lang": lang, "one_plan_law_variant": one_plan_law_variant}
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
        "texts": texts.cited_in(persons),  # the official texts, in the versions in force, the answers quote
        "unrecorded_judgements": [{"person": given_case["persons"][index]["id"], "fact": name}
                                  for index, name in unrecorded_judgements],
    }
    return contingent.annotate({
        "regime": regime,
        "period": month,
        "lang": lang,
        "package_version": enplan_rules.__version__,
        "persons": persons,
        "receipt": receipt,
        "note": MESSAGES_NOTE[i],
    }, case, regime, lang, one_plan_law_variant, readings, overrides, evaluated)


MESSAGES_NOTE = (
    "Svarene er en lovfortolkning med angivne usikkerheder, ikke en afgørelse.",
    "The answers are a reading of the law with its uncertainties marked, not a decision.",
)


def compare(case, lang="da", one_plan_law_variant="enacted", readings=None, overrides=None):
    """The same case under every regime, side by side; `differences` lists the answers that differ. Each override
    applies to every regime that has its parameter (each receipt lists those it used); one no regime has is
    refused."""
    per_regime = contingent_request.overrides_per_regime(overrides, regimes.NAMES, one_plan_law_variant, lang)
    results = {name: check(case, name, lang, one_plan_law_variant, readings, per_regime[name])
               for name in regimes.NAMES}
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
