"""The case-history document: its schema follows the case schema; invalid histories are refused field by field,
in Danish and English, with the JSON pointer (and, in files, the line)."""

import json

import pytest

from enplan_rules.case import load_schema
from enplan_rules.history import HistoryError, load_history_schema, validate
from enplan_rules.history.document import changeable_facts, month_cases
from enplan_rules.history.files import HistoryFileError, parse

BASE = {"municipality": "ballerup", "persons": [{"id": "mother", "birth_date": "1990-01-01"}]}


def errors(history, lang="en", first=None, last=None):
    with pytest.raises(HistoryError) as caught:
        validate(history, lang, first, last)
    return {e["pointer"]: e["message"] for e in caught.value.errors}


def test_every_changeable_fact_of_the_case_schema_can_change_and_means_the_same():
    case_person = load_schema()["properties"]["persons"]["items"]["properties"]
    history = load_history_schema()["properties"]
    change = history["changes"]["items"]["properties"]
    person = history["persons"]["items"]["properties"]
    assert set(changeable_facts()) == set(case_person) - {"id", "role", "birth_date", "en_plan_start_date", "meetings_held"}
    for name in changeable_facts():
        assert change[name] == case_person[name] == person[name]
    assert change["municipality"]["enum"] == load_schema()["properties"]["municipality"]["enum"]


def test_no_names_or_cpr_numbers_unknown_fields_are_refused_with_their_pointer():
    history = {**BASE, "name": "x", "persons": [{"id": "mother", "cpr": "010190-1234"}],
               "changes": [{"date": "2019-01-01", "person": "mother", "navn": "y"}]}
    found = errors(history)
    assert set(found) == {"/name", "/persons/0/cpr", "/changes/0/navn"}
    assert all("no names or CPR numbers" in message for message in found.values())
    assert "CPR-numre" in errors(history, "da")["/name"]


@pytest.mark.parametrize(("history", "pointer"), [
    ({**BASE, "changes": [{"date": "2019-02-30", "municipality": "other"}]}, "/changes/0/date"),
    ({**BASE, "changes": [{"date": "2019-02-01", "has_mentor": True}]}, "/changes/0/person"),
    ({**BASE, "changes": [{"date": "2019-02-01", "person": "father", "has_mentor": True}]}, "/changes/0/person"),
    ({**BASE, "changes": [{"date": "2019-02-01", "person": "mother"}]}, "/changes/0"),
    ({**BASE, "changes": [{"date": "2019-02-01", "person": "mother", "meetings_held": 2}]}, "/changes/0/meetings_held"),
    ({**BASE, "changes": [{"date": "2019-02-01", "person": "mother", "role": "child"}]}, "/changes/0/role"),
    ({**BASE, "persons": [{"id": "c", "birth_date": "2019-05-01"}]}, "/persons/0/birth_date"),
    ({**BASE, "persons": [{"id": "a"}, {"id": "a"}]}, "/persons/1/id"),
    ({**BASE, "persons": [{"id": "a", "record": {"offers": ["2019-13-01"]}}]}, "/persons/0/record/offers/0"),
    ({**BASE, "persons": [{"id": "a", "record": {"plans": [{"kind": "min_plan", "date": "2019-01-01"}]}}]},
     "/persons/0/record/plans/0/kind"),
    ({**BASE, "from": "2020-01", "to": "2019-01"}, "/to"),
    ({**BASE, "from": "2010-01"}, "/from"),
    ({"persons": [{"id": "a"}]}, "/municipality"),
])
def test_invalid_histories_name_the_field(history, pointer):
    assert pointer in errors(history)


def test_messages_in_both_languages():
    history = {**BASE, "changes": [{"date": "2019-02-01", "person": "father", "has_mentor": True}]}
    assert errors(history, "da")["/changes/0/person"].startswith("ukendt person")
    assert errors(history, "en")["/changes/0/person"].startswith("unknown person")


def test_month_cases_are_valid_case_documents_with_the_facts_of_each_month():
    history = {**BASE, "persons": [{"id": "mother", "birth_date": "1990-01-01", "has_mentor": False,
                                    "record": {"meetings": ["2019-02-03", "2019-02-20"]}}],
               "changes": [{"date": "2019-02-15", "person": "mother", "has_mentor": True,
                            "employment_target_group": "dagpenge"},
                           {"date": "2019-03-01", "municipality": "furesoe"}]}
    cases = month_cases(history, ["2019-01", "2019-02", "2019-03"])
    assert cases["2019-01"]["persons"][0] == {"id": "mother", "role": "parent", "birth_date": "1990-01-01",
                                              "has_mentor": False}
    assert cases["2019-02"]["persons"][0]["has_mentor"] is True
    assert cases["2019-02"]["persons"][0]["benefit_start_date"] == "2019-02-15"  # entry into the new group
    assert cases["2019-02"]["persons"][0]["meetings_held"] == 2
    assert cases["2019-02"]["municipality"] == "ballerup" and cases["2019-03"]["municipality"] == "furesoe"


def test_files_report_the_line_and_pointer():
    text = "municipality: ballerup\npersons:\n  - id: mother\n    cpr: '0101901234'\n"
    with pytest.raises(HistoryFileError) as caught:
        parse(text, "h.yaml", "en")
    [error] = caught.value.errors
    assert (error["line"], error["field"]) == (4, "/persons/0/cpr")
    with pytest.raises(HistoryFileError) as caught:
        parse("municipality: ballerup\nmunicipality: other\npersons: []\n", "h.yaml", "en")
    assert caught.value.errors[0]["line"] == 2
    with pytest.raises(HistoryFileError) as caught:
        parse("a: [\n", "h.yaml", "en")
    assert caught.value.errors[0]["line"]


def test_json_files_too():
    document = {**BASE, "title": "a JSON history", "expect": {"findings": {"trial": []}}}
    parsed = parse(json.dumps(document, indent=2), "h.json", "en")
    assert parsed.title == "a JSON history" and parsed.history == BASE
    with pytest.raises(HistoryFileError) as caught:
        parse(json.dumps({**BASE, "expect": {"findings": {"trail": []}}}), "h.json", "en")
    assert caught.value.errors[0]["field"] == "/expect/findings/trail"


def test_a_history_whose_months_have_too_many_unknown_facts_is_refused_naming_the_person():
    """check() refuses a case with too many unknown (null) deciding facts; a history giving such a month is refused
    as a history (the month and the person named), never a server error."""
    from enplan_rules.history import review

    unknown = dict.fromkeys(("consents_to_one_plan", "employment_target_group", "has_complex_problems",
                             "has_coordination_need", "has_mentor", "helsingoer_solution",
                             "has_adult_disability_or_rehabilitation_case", "municipal_visitation_to_trial",
                             "municipality_offers_holistic_plan"))
    history = {"municipality": "other", "persons": [{"id": "0", "birth_date": "2000-01-04", **unknown}]}
    with pytest.raises(HistoryError) as caught:
        review(history, "trial", "en", "2019-03", "2019-03")
    pointers = {e["pointer"] for e in caught.value.errors}
    assert pointers and pointers <= {f"/persons/0/{name}" for name in unknown}
    assert all(e["message"] == "too many unknown facts" for e in caught.value.errors)
