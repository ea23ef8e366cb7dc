"""Validate a case document: the JSON Schema and the rules across fields, every problem in one round, each
naming the field as the page labels it and saying in plain words (Danish or English) what to enter.

An error is {"pointer", "message", "expected", "label"} (+ "suggestion" when a value looks like a typo of an
allowed one): `pointer` is the JSON pointer, `label` the field's name on the page ("Person 2 (barn),
fødselsdato"), `expected` what to enter — never a regular expression or a schema keyword.
"""

import datetime
import difflib
import json
import os
import re
from functools import cache

import jsonschema

from enplan_rules import labels
from enplan_rules.case.texts import EXPECTED, FIELD_LABELS, MESSAGES, TYPE_WORDS
from enplan_rules.month_names import month_words

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), "case.schema.json")
LANGS = ("da", "en")
FIRST_MONTH = "2015-01"
LAST_MONTH = "2030-12"
DATE_FIELDS = ("birth_date", "benefit_start_date", "en_plan_start_date")
MAX_PARENTS = 2
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


class DocumentError(ValueError):
    """A document (a case, a case history) is invalid. `errors`: [{"pointer", "message", "expected", ...}], in
    the request's language."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{e['pointer'] or '/'}: {e['message']}" for e in errors))
        self.errors = errors


class CaseError(DocumentError):
    """The case document is invalid. `errors`: [{"pointer", "message", "expected", "label"}], in the request's
    language."""


@cache
def json_document(path):
    """The JSON document at `path` (a schema), read once."""
    with open(path, encoding="utf-8") as file:
        return json.load(file)


@cache
def schema_validator(path):
    """A checked Draft 2020-12 validator of the JSON Schema at `path`, made once."""
    schema = json_document(path)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def load_schema():
    return json_document(SCHEMA_PATH)


def _validator():
    return schema_validator(SCHEMA_PATH)


def _message(key, lang):
    return labels.pick(MESSAGES[key], lang)


def json_pointer(path):
    """The JSON pointer (RFC 6901) of `path`, a list of keys and indices."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # fromisoformat alone also takes 20190315 and 2019-W11-5
FIRST_DATE, LAST_DATE = "1900-01-01", "2099-12-31"  # a date outside them is a typing error (year 0001, 9999)


def is_date(text):
    """Whether `text` is a date written YYYY-MM-DD, from FIRST_DATE to LAST_DATE."""
    try:
        datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return _DATE.fullmatch(text) is not None and FIRST_DATE <= text <= LAST_DATE


def field_label(path, case, lang):
    """The field as the page labels it: "Kommune", "Person 2 (barn), fødselsdato"."""
    path = list(path)
    if not path:
        return labels.pick(FIELD_LABELS["case"], lang)
    if path[0] != "persons" or len(path) < 2 or not isinstance(path[1], int):
        name = path[0] if isinstance(path[0], str) else ""
        return labels.pick(FIELD_LABELS.get(name, (name, name)), lang) if name in FIELD_LABELS else name
    index = path[1]
    person = f"{labels.pick(FIELD_LABELS['person_n'], lang).format(n=index + 1)}"
    persons = case.get("persons") if isinstance(case, dict) else None
    if isinstance(persons, list) and index < len(persons) and isinstance(persons[index], dict):
        given = persons[index].get("id")
        if isinstance(given, str) and ID_PATTERN.fullmatch(given):  # never echo what may be a name
            person += f" ({given})"
    if len(path) == 2:
        return person
    name = path[2]
    word = labels.pick(FIELD_LABELS[name], lang) if name in FIELD_LABELS else str(name)
    return f"{person}, {word}"


def _choices(path):
    """The allowed values of an enumerated field at `path` (the schema's enum)."""
    schema = load_schema()["properties"]
    if path and path[0] == "persons":
        schema = schema["persons"]["items"]["properties"]
        name = path[2] if len(path) > 2 else None
    else:
        name = path[0] if path else None
    return list(schema.get(name, {}).get("enum", [])) if isinstance(name, str) else []


def nearest(value, allowed, field=None, lang="da"):
    """The allowed value a typo most likely meant, or None: exact up to case or spaces, the reader's word for a
    value ("Hillerød" → hilleroed), else the closest spelling (difflib)."""
    allowed = [choice for choice in allowed or () if isinstance(choice, str)]  # a nullable enum lists None too
    if not isinstance(value, str) or not allowed:
        return None
    folded = value.strip().casefold().replace(" ", "_").replace("-", "_")
    for choice in allowed:
        if choice.casefold() == folded:
            return choice
    words = {}
    for choice in allowed:
        for language in LANGS:
            word = labels.choice(field, choice, language) if field else choice
            words.setdefault(word.casefold(), choice)
    if value.strip().casefold() in words:
        return words[value.strip().casefold()]
    plain = folded.replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    close = difflib.get_close_matches(plain, allowed, n=1, cutoff=0.75)
    if close:
        return close[0]
    close = difflib.get_close_matches(value.strip().casefold(), list(words), n=1, cutoff=0.75)
    return words[close[0]] if close else None


def _field_name(path):
    if path and path[0] == "persons":
        return path[2] if len(path) > 2 and isinstance(path[2], str) else None
    return path[0] if path and isinstance(path[0], str) else None


def _expected(error, lang="da"):
    """What to enter instead, in plain words."""
    path = list(error.absolute_path)
    name = _field_name(path)
    validator = error.validator
    if validator == "enum":
        values = ", ".join(map(str, error.validator_value))
        if name == "municipality":
            return labels.pick(EXPECTED["municipality"], lang).format(values=", ".join(
                v for v in error.validator_value if v != "other"))
        return labels.pick(EXPECTED["one_of"], lang).format(values=values)
    if validator == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return labels.pick(EXPECTED["or"], lang).join(labels.pick(TYPE_WORDS.get(k, (k, k)), lang) for k in kinds)
    if validator in ("pattern", "format"):
        if name in ("month",):
            return labels.pick(EXPECTED["month"], lang)
        if name == "id":
            return labels.pick(EXPECTED["id"], lang)
        return labels.pick(EXPECTED["date"], lang)
    if validator in ("minimum", "maximum"):
        return labels.pick(EXPECTED[validator], lang).format(value=error.validator_value)
    if validator in ("minItems", "maxItems"):
        return labels.pick(EXPECTED[validator], lang).format(value=error.validator_value)
    if validator == "required":
        return labels.pick(EXPECTED["required_id" if path and path[0] == "persons" else "required"], lang)
    if validator == "additionalProperties":
        return labels.pick(EXPECTED["fields"], lang)  # the nearest field name is suggested beside it
    if validator == "oneOf":
        return labels.pick(EXPECTED["month_or_date"], lang)
    return labels.pick(EXPECTED["valid"], lang)


def _schema_errors(case, lang):
    """Every schema error of the case, each at its field (an unknown field: one error per field)."""
    errors = []
    for error in sorted(_validator().iter_errors(case), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        validator = error.validator
        if validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            path = path + [missing]
        if validator == "oneOf" and not path:
            path = ["date" if "date" in error.instance and "month" in error.instance else "month"]
        if validator == "additionalProperties":
            known = sorted(error.schema.get("properties", {}))
            for name in sorted(set(error.instance) - set(known)):
                item = {"pointer": json_pointer(path + [name]), "message": _message("additionalProperties", lang),
                        "expected": _expected(error, lang), "label": field_label(path + [name], case, lang)}
                guess = nearest(name, known) if isinstance(name, str) else None
                if guess:
                    item["suggestion"] = guess
                    item["message"] += "; " + _message("did_you_mean", lang).format(value=guess)
                errors.append(item)
            continue
        key = validator if validator in MESSAGES else "type"
        item = {"pointer": json_pointer(path), "message": _message(key, lang), "expected": _expected(error, lang),
                "label": field_label(path, case, lang)}
        if validator == "enum":
            field = _field_name(path)
            guess = nearest(error.instance, list(error.validator_value), field, lang)
            if guess:
                item["suggestion"] = guess
                item["message"] += ": " + _message("did_you_mean", lang).format(value=guess)
            elif field == "municipality" and isinstance(error.instance, str):
                item["message"] = _message("not_in_network", lang).format(value=error.instance.strip()[:40])
                item["suggestion"] = "other"
        errors.append(item)
    return errors


def _cross_errors(case, lang, bad, month_of_history=False):
    """The rules across fields, on every field the schema let through (`bad`: pointers already in error).

    A benefit start after the month asked contradicts the case: the case says the person is in the target group in
    that month. In a month of a case history it does not (`month_of_history`): there the facts are those of the
    month's end, and a start dated later means the person is not yet on the benefit that month."""
    errors = []

    def add(path, key, expected):
        errors.append({"pointer": json_pointer(path), "message": _message(key, lang), "expected": expected,
                       "label": field_label(path, case, lang)})

    month = None
    for name in ("month", "date"):
        value = case.get(name)
        if isinstance(value, str) and json_pointer([name]) not in bad:
            if name == "date" and not is_date(value):
                add([name], "not_a_date", labels.pick(EXPECTED["date"], lang))
                continue
            month = value[:7]
            if not FIRST_MONTH <= month <= LAST_MONTH:
                add([name], "month_out_of_range", labels.pick(EXPECTED["month_range"], lang).format(
                    first=FIRST_MONTH, last=LAST_MONTH))
    persons = case.get("persons")
    if not isinstance(persons, list):
        return errors
    seen = set()
    parents = 0
    for index, person in enumerate(persons):
        if not isinstance(person, dict):
            continue
        pid = person.get("id")
        if isinstance(pid, str) and json_pointer(["persons", index, "id"]) not in bad:
            if pid in seen:
                add(["persons", index, "id"], "duplicate_id", labels.pick(EXPECTED["unique_id"], lang))
            seen.add(pid)
        parents += person.get("role", "parent") == "parent"
        for field in DATE_FIELDS:
            value = person.get(field)
            if not isinstance(value, str) or json_pointer(["persons", index, field]) in bad:
                continue
            if not is_date(value):
                add(["persons", index, field], "not_a_date", labels.pick(EXPECTED["date"], lang))
            elif field == "birth_date" and month and value[:7] > month:
                add(["persons", index, field], "born_after_month", labels.pick(EXPECTED["born_by"], lang).format(
                    month=month_words(month, lang)))
            elif field == "benefit_start_date" and month and value[:7] > month and not month_of_history:
                add(["persons", index, field], "started_after_month", labels.pick(EXPECTED["started_by"], lang).format(
                    month=month_words(month, lang)))
    if parents > MAX_PARENTS:
        add(["persons"], "too_many_parents", labels.pick(EXPECTED["parents"], lang).format(value=MAX_PARENTS))
    return errors


def _order(error):
    """Errors in the order of the document: an index (ASCII digits) by number, a key by name. A key of other digits
    ("²" is a digit to str.isdigit, not to int) is a name."""
    parts = error["pointer"].split("/")[1:]
    return [(0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p) for p in parts]


def validate(case, lang="da", month_of_history=False):
    """Raise CaseError with every problem of `case` (schema and cross-field together) unless it is a valid case
    document; return its month (YYYY-MM). `month_of_history`: the case is one month of a case history (built by
    `enplan_rules.history`), where a benefit start after the month is no contradiction."""
    if lang not in LANGS:
        lang = "da"
    if not isinstance(case, dict):
        raise CaseError([{"pointer": "", "message": _message("not_an_object", lang),
                          "expected": labels.pick(EXPECTED["object"], lang), "label": field_label([], case, lang)}])
    errors = _schema_errors(case, lang)
    bad = {e["pointer"] for e in errors}
    errors += _cross_errors(case, lang, bad, month_of_history)
    if errors:
        raise CaseError(sorted(errors, key=_order))
    return case.get("month") or case["date"][:7]
