"""Validation messages of the case path (shared by `/check`, `enplan check` and the page): in the request's language,
naming the field as the page labels it, plain words instead of schema words, every problem in one round, and the
nearest allowed value for a typo."""

import copy
import re

import pytest

from enplan_rules.case import CaseError, validate
from enplan_rules.case.check import CaseError as CaseErrorFromCheck
from enplan_rules.case.validation import load_schema, nearest

FAMILY = {
    "municipality": "ballerup",
    "month": "2019-03",
    "persons": [
        {"id": "mother", "role": "parent", "birth_date": "1988-05-01",
         "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "has_complex_problems": True},
        {"id": "child", "role": "child", "birth_date": "2012-01-01", "receives_child_special_support": True},
    ],
}
SCHEMA_WORDS = re.compile(r"\^|\$|\\d|\[A-Z|matching|one of|string|required|minimum|maximum|minItems|maxItems|"
                          r"additionalProperties|oneOf|integer|boolean|array|object\b|pattern|expected|YYYY")
ENGLISH_WORDS = re.compile(r"\b(the|an|of|or|and|at least|at most|value|field|must|only)\b")


def errors_of(case, lang="da"):
    with pytest.raises(CaseError) as raised:
        validate(case, lang)
    return raised.value.errors


def wrong_values():
    """For every person field of the schema, a value of the wrong kind (and some of the wrong shape)."""
    fields = load_schema()["properties"]["persons"]["items"]["properties"]
    for name, spec in fields.items():
        if "enum" in spec:
            yield name, "nonsense"
        elif spec.get("type") == "boolean":
            yield name, "ja"
        elif spec.get("type") == "integer":
            yield name, -5 if "minimum" in spec else "x"
        else:
            yield name, "15/3 2019"


@pytest.mark.parametrize("name, value", list(wrong_values()))
def test_every_field_gets_a_danish_message_in_plain_words(name, value):
    case = copy.deepcopy(FAMILY)
    case["persons"][0][name] = value
    for error in errors_of(case, "da"):
        assert error["pointer"] == f"/persons/0/{name}"
        assert error["label"].startswith("Person 1, " if name == "id" else "Person 1 (mother), ")
        for text in (error["message"], error["expected"]):
            assert not SCHEMA_WORDS.search(text.replace("true eller false", "")), text
        if not error["expected"].startswith("en af: "):  # the allowed codes themselves are not words
            assert not ENGLISH_WORDS.search(error["expected"].replace("true eller false", "")), error["expected"]


@pytest.mark.parametrize("mutate", [
    lambda c: c.update(municipality=7),
    lambda c: c.update(month="marts 2019"),
    lambda c: c.update(month="2040-01"),
    lambda c: c.update(date="2019-03-01"),
    lambda c: c.update(persons=[]),
    lambda c: c.update(persons=[{"id": f"p{i}"} for i in range(21)]),
    lambda c: c.update(persons="mother"),
    lambda c: c.update(extra=1),
    lambda c: c["persons"][0].pop("id"),
    lambda c: c["persons"][1].update(id="mother"),
    lambda c: c["persons"].append({"id": "father"}) or c["persons"].append({"id": "uncle"}),
])
def test_case_level_problems_in_danish(mutate):
    case = copy.deepcopy(FAMILY)
    mutate(case)
    for error in errors_of(case, "da"):
        assert error["message"] and error["expected"] and error["label"]
        assert not SCHEMA_WORDS.search(error["expected"]), error


def test_every_problem_of_a_case_comes_in_one_round():
    case = copy.deepcopy(FAMILY)
    case["month"] = "2019-03"
    case["persons"][0]["meetings_held"] = -1           # a schema error
    case["persons"][1]["birth_date"] = "2019-06-01"    # a cross-field error (born after the month)
    case["persons"][1]["id"] = "mother"                # another cross-field error (the same label twice)
    case["persons"][0]["benefit_start_date"] = "2018-02-30"  # the right shape, not a date
    pointers = [e["pointer"] for e in errors_of(case, "en")]
    assert pointers == ["/persons/0/benefit_start_date", "/persons/0/meetings_held", "/persons/1/birth_date",
                        "/persons/1/id"]


def test_a_bad_month_does_not_hide_the_persons_problems_nor_invent_new_ones():
    case = copy.deepcopy(FAMILY)
    case["month"] = "2019-3"
    case["persons"][0]["birth_date"] = "1988-13-01"
    assert [e["pointer"] for e in errors_of(case)] == ["/month", "/persons/0/birth_date"]


@pytest.mark.parametrize("value, suggestion", [
    ("Ballerup", "ballerup"), ("hillerød", "hilleroed"), ("Hillerød", "hilleroed"), ("balerup", "ballerup"),
    ("Helsingor", "helsingoer"), ("furesø", "furesoe"), ("roskilde", "other"), ("Aarhus", "other"),
])
def test_a_municipality_typo_gets_the_nearest_allowed_value(value, suggestion):
    case = copy.deepcopy(FAMILY)
    case["municipality"] = value
    (error,) = errors_of(case, "da")
    assert error["suggestion"] == suggestion
    if suggestion == "other":
        assert f"»{value}« er ikke en af forsøgsnetværkets kommuner" in error["message"]
    else:
        assert error["message"].endswith(f"mente du »{suggestion}«?")


def test_other_typos():
    case = copy.deepcopy(FAMILY)
    case["persons"][0]["employment_target_group"] = "kontanthjælp_aktivitetsparat"
    case["persons"][1]["role"] = "Barn"
    case["persons"][1]["birth_dat"] = "2012-01-01"
    suggestions = {e["pointer"]: e.get("suggestion") for e in errors_of(case, "en")}
    assert suggestions == {"/persons/0/employment_target_group": "kontanthjaelp_aktivitetsparat",
                           "/persons/1/role": "child", "/persons/1/birth_dat": "birth_date"}
    assert nearest("zzz", ["ballerup"]) is None


def test_english_on_request_and_the_error_class_importable_from_both_places():
    assert CaseError is CaseErrorFromCheck
    case = copy.deepcopy(FAMILY)
    case["persons"][0]["has_mentor"] = "yes"
    (error,) = errors_of(case, "en")
    assert (error["label"], error["message"], error["expected"]) == (
        "Person 1 (mother), mentor support", "the wrong kind of value", "yes or no (true or false) or not known (null)")


def test_a_scenario_file_reports_all_its_problems_together():
    from enplan_rules.scenarios import ScenarioError, parse

    text = """title: 7
municipality: Ballerup
month: "2019-03"
persons:
  - id: mother
    has_mentor: maybe
expect:
  trail: {}
  trial:
    father: {in_trial: true}
    mother:
      plan_sel_142: true
      plan_sel_141: nej
      ambiguities: [R1, R99]
"""
    with pytest.raises(ScenarioError) as raised:
        parse(text, "x.yaml", "da")
    found = [(e["line"], e["field"]) for e in raised.value.errors]
    assert found == [(1, "title"), (2, "municipality"), (6, "persons/0/has_mentor"), (8, "expect/trail"),
                     (10, "expect/trial/father"), (12, "expect/trial/mother/plan_sel_142"),
                     (13, "expect/trial/mother/plan_sel_141"), (14, "expect/trial/mother/ambiguities/1")]
    messages = " ".join(e["message"] for e in raised.value.errors)
    assert "mente du »trial«?" in messages and "mente du »plan_sel_141«?" in messages


def test_a_key_of_digits_that_are_not_ascii_is_refused_as_a_field_not_a_crash():
    """"²" is a digit to str.isdigit but not a number to int: an unknown field so named is listed like any other (a
    link holding it gave the page a 500 before)."""
    case = copy.deepcopy(FAMILY)
    case["persons"][0]["²"] = 1
    case["persons"][1]["١"] = 1  # an Arabic-Indic one: also a name here, not an index
    pointers = [error["pointer"] for error in errors_of(case)]
    assert pointers == ["/persons/0/²", "/persons/1/١"]
