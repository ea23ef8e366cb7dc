"""The case path: validation with pointers, answers with citations, reasoning, uncertainty and a receipt."""

import copy
import hashlib
import json

import pytest

from enplan_rules import regimes
from enplan_rules.answers import check, compare
from enplan_rules.case import CaseError
from enplan_rules.variables.sector_law.inputs.judgements import TRIAL_EXEMPTIONS

BALLERUP_FAMILY = {
    "municipality": "ballerup",
    "month": "2019-03",
    "persons": [
        {"id": "mother", "role": "parent", "birth_date": "1988-05-01",
         "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2018-06-10",
         "has_complex_problems": True, "consents_to_one_plan": True, "receives_adult_social_support": True,
         "has_mentor": True,
         # the judgements this worked case records: the municipality offers the one plan and uses every exemption
         # it adopted; the caseworker finds a coordination need and no assessment against right-and-duty offers
         "municipality_offers_holistic_plan": True, "has_coordination_need": True,
         "assessed_not_to_benefit_from_offers": False,
         **{f"municipality_uses_exemption_{key}": True for key in TRIAL_EXEMPTIONS}},
        {"id": "child", "role": "child", "birth_date": "2012-01-01", "receives_child_special_support": True,
         "parental_authority_consents_to_holistic_plan": False},
    ],
}


def errors_of(case, lang="en", regime="trial"):
    with pytest.raises(CaseError) as raised:
        check(case, regime, lang)
    return raised.value.errors


def test_ballerup_family_in_march_2019_gets_no_separate_plans_but_the_child_keeps_its_own():
    result = check(BALLERUP_FAMILY, "trial", "en")
    mother = result["persons"]["mother"]["answers"]
    child = result["persons"]["child"]["answers"]
    assert mother["in_trial"]["value"] is True
    assert mother["plan_sel_141"]["value"] is False
    assert mother["plan_lab_min_plan"]["value"] is False
    assert mother["mentor_form"]["value"] is False
    assert child["plan_sel_140"]["value"] is True
    assert [a["id"] for a in child["plan_sel_140"]["ambiguities"]] == ["R1"]
    assert any("BEK" in c["text"] for c in mother["plan_lab_min_plan"]["citations"])
    assert "the trial's one plan replaces it" in mother["plan_lab_min_plan"]["reasoning"]
    assert "municipality: Ballerup" in mother["plan_lab_min_plan"]["reasoning"]
    assert "Uddannelseshjælp, aktivitetsparat" in mother["plan_lab_min_plan"]["reasoning"]


def test_every_question_carries_citations_with_links():
    result = check(BALLERUP_FAMILY, "sector_law", "da")
    for person in result["persons"].values():
        for answer in person["answers"].values():
            assert answer["citations"], answer["variable"]
            assert all(c["url"].startswith("https://") for c in answer["citations"])
            assert answer["question"] and answer["answer_text"] in {"Ja", "Nej"} | {str(answer["value"])} or isinstance(answer["value"], float)


def test_receipt_names_version_regime_period_parameters_and_request_hash():
    result = check(BALLERUP_FAMILY, "trial", "da")
    receipt = result["receipt"]
    assert receipt["regime"] == "trial" and receipt["period"] == "2019-03"
    assert receipt["package_version"]
    canonical = json.dumps({"case": BALLERUP_FAMILY, "regime": "trial", "lang": "da", "one_plan_law_variant": "enacted"},
                           sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert receipt["request_sha256"] == hashlib.sha256(canonical.encode()).hexdigest()
    statuses = {p["status"] for p in receipt["parameters"]}
    assert statuses <= {"sourced", "seeds", "unverified"} and "sourced" in statuses
    assert all(p["start"] for p in receipt["parameters"])


def test_unknown_fields_such_as_names_are_refused_with_a_pointer():
    case = copy.deepcopy(BALLERUP_FAMILY)
    case["persons"][0]["name"] = "Hanne"
    case["persons"][0]["cpr"] = "0101011234"
    pointers = [e["pointer"] for e in errors_of(case)]
    assert pointers == ["/persons/0/cpr", "/persons/0/name"]


@pytest.mark.parametrize("mutate, pointer", [
    (lambda c: c.pop("municipality"), "/municipality"),
    (lambda c: c.update(municipality="copenhagen"), "/municipality"),
    (lambda c: c.pop("month"), "/month"),
    (lambda c: c.update(month="2019-13"), "/month"),
    (lambda c: c.update(month="2040-01"), "/month"),
    (lambda c: c.update(date="2019-03-01"), "/date"),
    (lambda c: c["persons"][0].update(birth_date="2019-02-30"), "/persons/0/birth_date"),
    (lambda c: c["persons"][1].update(birth_date="2019-05-01"), "/persons/1/birth_date"),
    (lambda c: c["persons"][0].update(meetings_held=10**12), "/persons/0/meetings_held"),
    (lambda c: c["persons"][0].update(has_mentor="yes"), "/persons/0/has_mentor"),
    (lambda c: c["persons"][0].update(has_mentor=[True]), "/persons/0/has_mentor"),
    (lambda c: c["persons"][1].update(id="mother"), "/persons/1/id"),
    (lambda c: c["persons"][1].update(id="../x"), "/persons/1/id"),
    (lambda c: c.update(persons=[]), "/persons"),
])
def test_bad_input_is_refused_naming_the_field(mutate, pointer):
    case = copy.deepcopy(BALLERUP_FAMILY)
    mutate(case)
    errors = errors_of(case, "da")
    assert pointer in [e["pointer"] for e in errors]
    assert all(e["message"] and e["expected"] for e in errors)


def test_not_an_object_and_unknown_regime_or_language_are_refused():
    assert errors_of([BALLERUP_FAMILY])[0]["pointer"] == ""
    assert errors_of(BALLERUP_FAMILY, regime="trial2")[0]["expected"].startswith("one of")
    assert errors_of(BALLERUP_FAMILY, lang="fr")[0]["expected"] == "da or en"


def test_danish_is_the_default_and_english_is_available():
    assert check(BALLERUP_FAMILY)["persons"]["mother"]["answers"]["in_trial"]["answer_text"] == "Ja"
    assert check(BALLERUP_FAMILY, lang="en")["persons"]["mother"]["answers"]["in_trial"]["answer_text"] == "Yes"


def test_compare_marks_the_differences_between_regimes():
    result = compare(BALLERUP_FAMILY, "en")
    assert set(result["regimes"]) == set(regimes.NAMES)
    changed = {(d["person"], d["question"]) for d in result["differences"]}
    assert ("mother", "plan_sel_141") in changed
    assert ("child", "plan_sel_140") not in changed
    trial = result["regimes"]["trial"]["persons"]["mother"]["answers"]
    assert trial["plan_sel_141"]["differs_between_regimes"] is True
    assert trial["plan_lab_30a_action_part"]["differs_between_regimes"] is False


def test_outside_the_network_trial_answers_as_one_plan_law():
    case = copy.deepcopy(BALLERUP_FAMILY)
    case["municipality"] = "other"
    result = compare(case, "en")
    differing = {d["question"] for d in result["differences"] if d["values"]["one_plan_law"] != d["values"]["trial"]}
    assert differing == set()


def test_reasoning_speaks_of_the_right_and_duty_regime_before_its_deadline():
    result = check(BALLERUP_FAMILY, "trial", "en")
    child = result["persons"]["child"]["answers"]["right_and_duty_offer"]
    assert child["value"] is False
    assert "not under the right-and-duty regime" in child["reasoning"]
    assert "deadline" not in child["reasoning"]


def test_sector_law_reasoning_does_not_mention_laws_the_regime_lacks():
    result = check(BALLERUP_FAMILY, "sector_law", "en")
    for answer in result["persons"]["mother"]["answers"].values():
        assert "trial" not in answer["reasoning"] and "holistic" not in answer["reasoning"], answer["variable"]


def test_register_entries_are_given_in_the_request_language():
    da = check(BALLERUP_FAMILY, "trial", "da")["persons"]["child"]["answers"]["plan_sel_140"]["ambiguities"][0]
    en = check(BALLERUP_FAMILY, "trial", "en")["persons"]["child"]["answers"]["plan_sel_140"]["ambiguities"][0]
    assert da["id"] == en["id"] == "R1"
    assert da["title"] != en["title"] and "fritaget" in da["title"]


def test_every_public_person_output_is_a_question():
    from enplan_rules.case.questions import QUESTIONS
    from enplan_rules.outputs import PERSON_OUTPUTS

    assert {q.variable for q in QUESTIONS} == set(PERSON_OUTPUTS)
