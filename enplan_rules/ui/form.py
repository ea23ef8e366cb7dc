"""The case form: its fields, reading a submitted form into a case document, and placing errors at fields.

Nothing is lost: the page is always re-rendered from what was typed, and every error names its field."""

from dataclasses import dataclass

from enplan_rules import labels
from enplan_rules.case import CaseError, validate
from enplan_rules.ui.texts import t

MAX_PERSONS = 20


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, select, date, bool, int
    group: str  # person, benefits, services, assessment, municipal
    minimum: int | None = None
    maximum: int | None = None


PERSON_FIELDS = (
    Field("id", "text", "person"),
    Field("role", "select", "person"),
    Field("birth_date", "date", "person"),
    Field("employment_target_group", "select", "benefits"),
    Field("benefit_start_date", "date", "benefits"),
    Field("sickness_benefit_category", "select", "benefits"),
    Field("receives_adult_social_support", "bool", "services"),
    Field("receives_child_special_support", "bool", "services"),
    Field("parent_of_child_in_care", "bool", "services"),
    Field("has_mentor", "bool", "services"),
    Field("rehabilitation_team_case", "bool", "services"),
    Field("has_complex_problems", "bool", "assessment"),
    Field("consents_to_one_plan", "bool", "assessment"),
    Field("assessed_not_to_benefit_from_offers", "bool", "assessment"),
    Field("meetings_held", "int", "assessment", 0, 1000),
    Field("municipal_visitation_to_trial", "bool", "municipal"),
    Field("has_adult_disability_or_rehabilitation_case", "bool", "municipal"),
    Field("helsingoer_solution", "select", "municipal"),
    Field("departments_with_case", "int", "municipal", 0, 50),
    Field("en_plan_start_date", "date", "municipal"),
)
FIELDS = {f.name: f for f in PERSON_FIELDS}
GROUPS = ("benefits", "services", "assessment", "municipal")
DEFAULT_SELECT = {"role": "parent", "employment_target_group": "none", "sickness_benefit_category": "none",
                  "helsingoer_solution": "none"}


def field_id(slot, name):
    return f"p{slot}-{name}"


def empty_slot(slot, lang):
    """A fresh person slot: the first an adult, the others children, with a ready label."""
    role = "parent" if slot == 0 else "child"
    label = ("voksen" if role == "parent" else "barn") if lang == "da" else ("adult" if role == "parent" else "child")
    return {"id": f"{label}{slot + (1 if role == 'parent' else 0)}", "role": role}


def blank_form(lang):
    return {"municipality": "", "month": "", "slots": [empty_slot(0, lang), empty_slot(1, lang)]}


def read_form(form, lang):
    """The submitted values as typed: {"municipality", "month", "slots": [{field: raw value}]}."""
    try:
        count = int(form.get("slots", "2"))
    except ValueError:
        count = 2
    count = max(1, min(count, MAX_PERSONS))
    slots = []
    for slot in range(count):
        values = {}
        for field in PERSON_FIELDS:
            raw = form.get(field_id(slot, field.name))
            if field.kind == "bool":
                values[field.name] = raw in ("on", "true", "1")
            elif raw is not None:
                values[field.name] = raw.strip()[:200]
        values.setdefault("role", "parent" if slot == 0 else "child")
        values.setdefault("id", "")
        slots.append(values)
    return {"municipality": (form.get("municipality") or "").strip()[:40],
            "month": (form.get("month") or "").strip()[:40], "slots": slots}


def _has_facts(values):
    for field in PERSON_FIELDS:
        if field.name in ("id", "role"):
            continue
        value = values.get(field.name)
        if field.kind == "bool" and value:
            return True
        if field.kind != "bool" and value and value != DEFAULT_SELECT.get(field.name):
            return True
    return False


def to_case(values, lang):
    """(case document, errors {field id: message}, slot of each case person)."""
    errors = {}
    case = {}
    if values["municipality"]:
        case["municipality"] = values["municipality"]
    if values["month"]:
        case["month"] = values["month"]
    persons = []
    slot_of = []
    for slot, raw in enumerate(values["slots"]):
        if not _has_facts(raw):
            continue
        person = {"id": raw.get("id", ""), "role": raw.get("role") or "parent"}
        if not person["id"]:
            errors[field_id(slot, "id")] = t("id_missing", lang)
        for field in PERSON_FIELDS:
            value = raw.get(field.name)
            if field.name in ("id", "role") or not value:
                continue
            if field.kind == "bool":
                person[field.name] = True
            elif field.kind == "int":
                try:
                    person[field.name] = int(value)
                except ValueError:
                    errors[field_id(slot, field.name)] = t("not_whole_number", lang)
            elif field.kind == "select" and value == DEFAULT_SELECT.get(field.name):
                continue
            else:
                person[field.name] = value
        persons.append(person)
        slot_of.append(slot)
    case["persons"] = persons
    if not persons:
        errors["persons"] = t("need_person", lang)
    return case, errors, slot_of


def place_errors(case_error, slot_of, lang):
    """{field id: message} for the errors of a CaseError."""
    placed = {}
    for error in case_error.errors:
        parts = error["pointer"].split("/")[1:]
        if not parts:
            key = "case"
        elif parts[0] in ("month", "date"):
            key = "month"
        elif parts[0] == "persons" and len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(slot_of):
            key = field_id(slot_of[int(parts[1])], parts[2] if len(parts) > 2 else "id")
        elif parts[0] == "persons":
            key = "persons"
        else:
            key = parts[0]
        message = error["message"]
        expected = error.get("expected") or ""
        if expected and len(expected) <= 60 and not expected.startswith("one of"):
            message += f" ({t('expected', lang)}: {expected})"
        placed.setdefault(key, message)
    return placed


def check_form(values, lang):
    """(case, errors): the case document of the form, or the errors at their fields (all of them at once)."""
    case, errors, slot_of = to_case(values, lang)
    try:
        validate(case, lang)
    except CaseError as exc:
        for key, message in place_errors(exc, slot_of, lang).items():
            errors.setdefault(key, message)
    return case, errors


def select_options(name, lang):
    """[(value, label)] of an enumerated field."""
    return [(value, labels.pick(pair, lang)) for value, pair in labels.CHOICES[name].items()]
