"""The case form: its fields and when each can matter, reading a submitted form into a case document, the case
in a link (a compact encoding of the case document), and placing errors at their fields.

Nothing is lost: the page is always re-rendered from what was typed, every error names its field, and a field
is hidden only while it is empty and cannot matter for the person."""

import base64
import json
import re
import zlib
from dataclasses import dataclass
from datetime import date
from functools import cache

from enplan_rules import labels, regimes
from enplan_rules.case import CaseError, load_schema, validate
from enplan_rules.ui.texts import t
from enplan_rules.variables.sector_law.inputs.judgements import TRIAL_EXEMPTIONS

TRIAL_MUNICIPALITIES = ("alleroed", "ballerup", "fredensborg", "frederikssund", "furesoe", "gribskov", "halsnaes",
                        "helsingoer", "hilleroed")

MAX_PERSONS = 20
MAX_LINK = 6000  # characters of the encoded case in a link (gunicorn takes request lines up to 4 KiB by default)
MAX_CASE_BYTES = 64 * 1024
RIGHT_AND_DUTY_GROUPS = ("dagpenge", "kontanthjaelp_jobparat", "kontanthjaelp_aktivitetsparat",
                         "uddannelseshjaelp_uddannelsesparat", "uddannelseshjaelp_aktivitetsparat")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, select, date, bool (a check box), fact (yes / no / not known), int
    group: str  # person, benefits, services, assessment, municipal
    minimum: int | None = None
    maximum: int | None = None
    roles: tuple = ("parent", "child")  # the roles for which the field can matter
    target_groups: tuple | None = None  # None: any; else the target groups (employment_target_group) it needs
    municipalities: tuple | None = None  # None: any; else the municipalities whose own rules use it
    young_person: bool = False  # also for a child aged as SEL § 140 a's young person (16–22) in the month
    requires: str | None = None  # a check box that must be ticked for the field to matter


ADULT = ("parent",)
CHILD = ("child",)
ANY_GROUP = ("dagpenge", "kontanthjaelp_jobparat", "kontanthjaelp_aktivitetsparat", "uddannelseshjaelp_uddannelsesparat",
             "uddannelseshjaelp_aktivitetsparat", "revalidering", "sygedagpenge", "ledighedsydelse", "ressourceforloeb",
             "jobafklaringsforloeb", "foertidspension")

PERSON_FIELDS = (
    Field("id", "text", "person"),
    Field("role", "select", "person"),
    Field("birth_date", "date", "person"),
    Field("employment_target_group", "select", "benefits", roles=ADULT),
    Field("benefit_start_date", "date", "benefits", roles=ADULT, target_groups=ANY_GROUP),
    Field("sickness_benefit_category", "select", "benefits", roles=ADULT, target_groups=("sygedagpenge",)),
    Field("meetings_held", "int", "benefits", 0, 1000, roles=ADULT, target_groups=ANY_GROUP),
    Field("receives_adult_social_support", "bool", "services", roles=ADULT),
    Field("receives_child_special_support", "bool", "services", roles=CHILD),
    Field("parent_of_child_in_care", "bool", "services", roles=ADULT),
    Field("has_mentor", "bool", "services", roles=ADULT),
    Field("rehabilitation_team_case", "bool", "services", roles=ADULT, target_groups=ANY_GROUP),
    Field("has_complex_problems", "fact", "assessment", roles=ADULT, young_person=True),
    Field("consents_to_one_plan", "fact", "assessment", roles=ADULT, young_person=True),
    Field("parental_authority_consents_to_holistic_plan", "fact", "assessment", roles=CHILD,
          requires="receives_child_special_support"),
    Field("assessed_not_to_benefit_from_offers", "fact", "assessment", roles=ADULT, target_groups=RIGHT_AND_DUTY_GROUPS),
    # the municipality's and the caseworker's judgements (legal/judgements.yaml): not given is unknown, and an answer
    # that turns on one says so
    Field("municipality_offers_holistic_plan", "fact", "assessment", roles=ADULT, young_person=True),
    Field("has_coordination_need", "fact", "assessment", roles=ADULT, young_person=True),
    Field("several_plans_can_be_made", "fact", "assessment", roles=ADULT, young_person=True),
    Field("revalidering_vocational_goal_clarified", "fact", "assessment", roles=ADULT, target_groups=("revalidering",)),
    *(Field(f"municipality_uses_exemption_{key}", "fact", "municipal", roles=ADULT, municipalities=TRIAL_MUNICIPALITIES)
      for key in TRIAL_EXEMPTIONS),
    Field("municipal_visitation_to_trial", "fact", "municipal", municipalities=("alleroed", "gribskov", "halsnaes")),
    Field("has_adult_disability_or_rehabilitation_case", "fact", "municipal", roles=ADULT, municipalities=("furesoe",)),
    Field("helsingoer_solution", "select", "municipal", municipalities=("helsingoer",)),
    Field("departments_with_case", "int", "municipal", 0, 50, municipalities=("helsingoer",)),
    Field("en_plan_start_date", "date", "municipal", municipalities=("ballerup",)),
)
FIELDS = {f.name: f for f in PERSON_FIELDS}
GROUPS = ("benefits", "services", "assessment", "municipal")
DEFAULT_SELECT = {"role": "parent", "employment_target_group": "none", "sickness_benefit_category": "none",
                  "helsingoer_solution": "none"}
FACT_VALUES = ("yes", "no", "unknown")  # "unknown" is "ikke oplyst"; nothing ticked means the same: not given


DANISH_DATE = re.compile(r"^\s*(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})\s*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_date(text):
    """A date as typed the Danish way ("01.05.1988", "1.5.1988") as ISO "1988-05-01"; an ISO date unchanged;
    anything else unchanged (the form then says how to write it). Never read the American way round."""
    found = DANISH_DATE.match(text or "")
    if found:
        day, month, year = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return (text or "").strip()


def is_date(text):
    """Whether `text` is a real date written YYYY-MM-DD (what `read_date` makes of a Danish date)."""
    if not ISO_DATE.match(text or ""):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def null_accepted(name):
    """Whether the case schema takes null ("not known") for the fact `name` (the engine's contingent answers)."""
    spec = load_schema()["properties"]["persons"]["items"]["properties"].get(name, {})
    kinds = spec.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "null" in kinds or any(option.get("type") == "null" for option in spec.get("anyOf", spec.get("oneOf", [])))


def field_id(slot, name):
    return f"p{slot}-{name}"


def empty_slot(slot, lang):
    """A fresh person slot: the first an adult, the others children, with a ready label."""
    role = "parent" if slot == 0 else "child"
    label = ("voksen" if role == "parent" else "barn") if lang == "da" else ("adult" if role == "parent" else "child")
    return {"id": f"{label}{slot + (1 if role == 'parent' else 0)}", "role": role}


def blank_form(lang):
    return {"municipality": "", "month": "", "slots": [empty_slot(0, lang), empty_slot(1, lang)]}


def has_value(field, raw):
    value = raw.get(field.name)
    if field.kind == "bool":
        return bool(value)
    if field.kind == "fact":
        return value in FACT_VALUES
    return bool(value) and value != DEFAULT_SELECT.get(field.name)


@cache
def young_person_ages():
    """SEL § 140 a's ages of a young person whose whole § 140 plan a holistic plan may replace (the parameter)."""
    ages = regimes.load("one_plan_law").parameters("2018-07-01").one_plan_law.sel_140a_young_person_age
    return int(ages.minimum), int(ages.maximum)


def age_in(birth_date, month):
    """Age in whole years on the first day of `month` (YYYY-MM), as the engine takes it; None if either is unknown."""
    try:
        born = date.fromisoformat(birth_date or "")
        first = date.fromisoformat(f"{month}-01")
    except ValueError:
        return None
    return first.year - born.year - ((first.month, first.day) < (born.month, born.day))


def is_young_person(raw, month):
    age = age_in(raw.get("birth_date"), month)
    youngest, oldest = young_person_ages()
    return age is not None and youngest <= age <= oldest


def matters(field, raw, municipality, month=""):
    """Whether `field` can matter for a person with the facts `raw` in `municipality` in `month` (an empty
    municipality or target group: not decided yet, so the field is shown). A child's own consent and complex
    problems matter once the child is a young person of SEL § 140 a in the month; the holder of parental authority's
    consent only where the child receives special support (there is a § 140 plan for a holistic plan to replace)."""
    role = raw.get("role") or "parent"
    if role not in field.roles and not (role == "child" and field.young_person and is_young_person(raw, month)):
        return False
    group = raw.get("employment_target_group") or "none"
    if field.target_groups is not None and group not in field.target_groups:
        return False
    if field.municipalities is not None and municipality not in field.municipalities:
        return False  # a municipality's own field waits until that municipality is chosen
    if field.requires and not raw.get(field.requires):
        return False
    return True


def shown(field, raw, municipality, month=""):
    """A field is shown where it can matter, and always when it holds a value (nothing typed is ever hidden)."""
    return (field.name in ("id", "role", "birth_date") or matters(field, raw, municipality, month)
            or has_value(field, raw))


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
            elif field.kind == "fact":
                values[field.name] = raw if raw in FACT_VALUES else ""  # nothing ticked: not given
            elif field.kind == "date" and raw is not None:
                values[field.name] = read_date(raw[:40])
            elif raw is not None:
                values[field.name] = raw.strip()[:200]
        values.setdefault("role", "parent" if slot == 0 else "child")
        values.setdefault("id", "")
        slots.append(values)
    return {"municipality": (form.get("municipality") or "").strip()[:40],
            "month": (form.get("month") or "").strip()[:40], "slots": slots}


def unknown_marks(values, case):
    """"person.field,…" of the facts marked "ved ikke" that the case document cannot carry yet (left out of it):
    kept beside the case in the link so the page can say which facts were not known."""
    ids = {slot: raw.get("id") for slot, raw in enumerate(values["slots"])}
    included = {p["id"]: p for p in case["persons"]}
    marks = [f"{ids[slot]}.{name}" for slot, name in unknown_facts(values)
             if ids[slot] in included and name not in included[ids[slot]]]
    return ",".join(marks)


def from_case(case, unknown=""):
    """The form's values for a (valid) case document: the inverse of `to_case` (`unknown`: see unknown_marks)."""
    marked = {tuple(mark.split(".", 1)) for mark in unknown.split(",") if "." in mark}
    values = {"municipality": case.get("municipality", ""), "month": case.get("month") or case.get("date", "")[:7],
              "slots": []}
    for person in case["persons"]:
        raw = {"id": person["id"], "role": person.get("role", "parent")}
        for field in PERSON_FIELDS:
            if field.name in ("id", "role") or field.name not in person:
                continue
            value = person[field.name]
            if field.kind == "bool":
                raw[field.name] = bool(value)
            elif field.kind == "fact":
                raw[field.name] = "unknown" if value is None else "yes" if value else "no"
            else:
                raw[field.name] = "" if value is None else str(value)
        for field in PERSON_FIELDS:
            if field.kind == "fact" and field.name not in person and (person["id"], field.name) in marked:
                raw[field.name] = "unknown"
        values["slots"].append(raw)
    if len(values["slots"]) < 2:
        values["slots"].append({"id": "", "role": "child"})
    return values


def _has_facts(values):
    return any(has_value(field, values) for field in PERSON_FIELDS if field.name not in ("id", "role"))


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
            elif field.kind == "fact":
                if value in ("yes", "no"):
                    person[field.name] = value == "yes"
                elif value == "unknown" and null_accepted(field.name):
                    person[field.name] = None  # "ikke oplyst": the engine answers what it depends on
            elif field.kind == "int":
                try:
                    person[field.name] = int(value)
                except ValueError:
                    errors[field_id(slot, field.name)] = t("not_whole_number", lang)
            elif field.kind == "select" and value == DEFAULT_SELECT.get(field.name):
                continue
            elif field.kind == "date" and not is_date(value):
                errors[field_id(slot, field.name)] = t("bad_date", lang)
            else:
                person[field.name] = value
        persons.append(person)
        slot_of.append(slot)
    case["persons"] = persons
    if not persons:
        errors["persons"] = t("need_person", lang)
    return case, errors, slot_of


def unknown_facts(values):
    """[(slot, field name)] of the facts not given ("ikke oplyst" ticked, or nothing ticked where the fact can
    matter) of the persons filled in."""
    return [(slot, field.name) for slot, raw in enumerate(values["slots"]) if _has_facts(raw)
            for field in PERSON_FIELDS if field.kind == "fact" and (
                raw.get(field.name) == "unknown" or (not raw.get(field.name) and matters(
                    field, raw, values.get("municipality", ""), values.get("month", ""))))]


def place_errors(case_error, slot_of, lang):
    """{field id: message} for the errors of a CaseError (the message, then what to enter)."""
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
        if expected and len(expected) <= 140:
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


def encode_case(case):
    """The case document as a short, URL-safe text (JSON, deflated, base64url)."""
    data = json.dumps(case, separators=(",", ":"), ensure_ascii=False, sort_keys=False).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(data, 9)).decode("ascii").rstrip("=")


class LinkError(ValueError):
    """The case in a link cannot be read."""


def decode_case(text):
    """The case document of `encode_case` (not yet validated); LinkError when it cannot be read."""
    if not text or len(text) > MAX_LINK or not all(c.isalnum() or c in "-_" for c in text):
        raise LinkError(text)
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(packed, MAX_CASE_BYTES)
        if inflater.unconsumed_tail:
            raise LinkError("too large")
        return _strict_json(data)
    except (ValueError, zlib.error, UnicodeDecodeError) as exc:
        raise LinkError(str(exc)) from None


def _strict_json(data):
    """The JSON document in `data`, read as the API reads a body (no key twice, no lone surrogate, bounded depth
    and numbers); LinkError otherwise."""
    from enplan_rules.api.body import parse_json
    from enplan_rules.api.errors import ApiError

    try:
        return parse_json(data, "en")
    except ApiError as error:
        raise LinkError("; ".join(item["message"] for item in error.items)) from None
