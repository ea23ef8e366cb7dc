"""A judgement the case does not record is unknown: the answer says what it depends on, it never assumes a 'kan'.

The municipality's choices (to offer a holistic plan, to use a trial exemption for the case), the caseworker's
findings (coordination need, the professional assessment) and the consents are judgements (legal/judgements.yaml).
The OpenFisca variables keep a documented default, but in the case path an unrecorded judgement that can change an
answer makes the answer `depends`, with the judgement in its conditions; recording it decides the answer.
"""

import copy
import glob
import json
import os

import pytest
import yaml

from enplan_rules.answers import contingent
from enplan_rules.answers.contingent import judgement_facts
from enplan_rules.case import check
from enplan_rules.case.check import CaseError

MOTHER = {"id": "mother", "role": "parent", "birth_date": "1988-05-01",
          "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2018-06-10",
          "has_complex_problems": True, "consents_to_one_plan": True, "receives_adult_social_support": True}
CHILD = {"id": "child", "role": "child", "birth_date": "2012-01-01", "receives_child_special_support": True}
CASE = {"municipality": "ballerup", "month": "2019-03", "persons": [MOTHER, CHILD]}  # in Ballerup's family group


def _answer(case, question, regime="trial", lang="da"):
    return check(case, regime, lang)["persons"]["mother"]["answers"][question]


def _with(**facts):
    case = copy.deepcopy(CASE)
    case["persons"][0].update(facts)
    return case


def test_an_unrecorded_choice_to_use_the_trials_exemption_makes_the_min_plan_answer_depend_on_it():
    answer = _answer(CASE, "plan_lab_min_plan")
    assert answer["value"] == "depends"
    result = check(CASE, "trial", "da")
    unrecorded = {item["fact"] for item in result["receipt"]["unrecorded_judgements"]}
    assert "municipality_uses_exemption_lab_min_plan" in unrecorded
    assert "kommunen" in answer["answer_text"] and "»Min Plan«" in answer["answer_text"]


def test_recording_the_choices_decides_the_answer_both_ways():
    used = _answer(_with(municipality_uses_exemption_lab_min_plan=True), "plan_lab_min_plan")
    assert used["value"] is False
    not_used = _answer(_with(municipality_uses_exemption_lab_min_plan=False, municipality_offers_holistic_plan=False),
                       "plan_lab_min_plan")
    assert not_used["value"] is True


def test_a_case_that_records_every_judgement_has_no_answer_that_depends():
    case = copy.deepcopy(CASE)
    for person in case["persons"]:
        for name in judgement_facts():
            person.setdefault(name, True)
    result = check(case, "trial", "en")
    assert result["receipt"]["unrecorded_judgements"] == []
    assert all(answer["value"] != "depends" for person in result["persons"].values()
               for answer in person["answers"].values())


def test_sector_law_leaves_nothing_to_an_unrecorded_judgement_of_the_one_plan_law_or_the_trial():
    result = check(CASE, "sector_law", "en")
    assert result["receipt"]["unrecorded_judgements"] == []
    assert all(answer["value"] != "depends" for answer in result["persons"]["mother"]["answers"].values())


def test_the_one_plan_law_asks_for_the_municipalitys_offer_and_the_coordination_need_when_unrecorded():
    result = check({**CASE, "municipality": "other"}, "one_plan_law", "en")
    unrecorded = {item["fact"] for item in result["receipt"]["unrecorded_judgements"]}
    assert {"municipality_offers_holistic_plan", "has_coordination_need"} <= unrecorded
    assert result["persons"]["mother"]["answers"]["plan_lab_min_plan"]["value"] == "depends"


def test_the_receipt_hashes_the_case_as_given_not_the_engines_copy():
    given = check(CASE, "trial", "en")["receipt"]["request_sha256"]
    again = check(copy.deepcopy(CASE), "trial", "en")["receipt"]["request_sha256"]
    assert given == again
    assert "municipality_uses_exemption_lab_min_plan" not in CASE["persons"][0]  # the request is not changed


@pytest.mark.parametrize("regime", ["one_plan_law", "trial"])
def test_every_unrecorded_judgement_listed_is_absent_from_the_case_and_changes_some_answer(regime):
    result = check(CASE, regime, "en")
    given = {person["id"]: person for person in CASE["persons"]}
    for item in result["receipt"]["unrecorded_judgements"]:
        assert item["fact"] not in given[item["person"]]
        assert item["fact"] in judgement_facts()
    depends = [a for p in result["persons"].values() for a in p["answers"].values() if a["value"] == "depends"]
    assert bool(depends) == bool(result["receipt"]["unrecorded_judgements"])


def test_too_many_unknowns_given_by_the_request_are_still_refused_at_their_fields():
    case = copy.deepcopy(CASE)
    for name in list(judgement_facts())[:8]:
        case["persons"][0][name] = None
    with pytest.raises(CaseError) as error:
        check(case, "trial", "en")
    assert all(item["pointer"].startswith("/persons/0/") for item in error.value.errors)


SCENARIOS = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "*.yaml")))


@pytest.mark.parametrize("path", SCENARIOS[:6], ids=os.path.basename)
def test_evaluating_the_unrecorded_judgements_in_groups_gives_the_answers_of_one_product(path, monkeypatch):
    """The groups (judgements that change a common answer) are an optimisation: every answer, dependency and
    branch equals what one product of all the unrecorded judgements' values gives."""
    with open(path, encoding="utf-8") as file:
        scenario = yaml.safe_load(file)
    case = {key: scenario[key] for key in ("municipality", "month", "persons")}
    grouped = check(case, "trial", "en")

    def one_product(case_, month, regime, variant, readings, overrides, unrecorded, inert, _touched):
        return contingent.evaluate(case_, month, regime, variant, readings, overrides,
                                   unrecorded=frozenset(unrecorded), inert=inert)

    monkeypatch.setattr(contingent, "_evaluate_groups", one_product)
    single = check(case, "trial", "en")
    for result in (grouped, single):
        result["receipt"].pop("contingent_copies")
    assert json.dumps(grouped, sort_keys=True) == json.dumps(single, sort_keys=True)
