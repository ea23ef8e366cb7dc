"""LAS § 50: the revalidend's »Min Plan« is made "når det erhvervsmæssige sigte er afklaret" — a caseworker's
finding (judgement register J11). Not recorded, the plan answer depends on it; recorded, it decides the answer;
for a citizen who is not a revalidend it is never asked and never in the conditions."""

import copy

from enplan_rules.answers import check

REVALIDEND = {"id": "citizen", "role": "parent", "birth_date": "1980-02-01",
              "employment_target_group": "revalidering", "benefit_start_date": "2017-01-01",
              "has_complex_problems": False}
CASE = {"municipality": "other", "month": "2017-09", "persons": [REVALIDEND]}


def _case(**facts):
    case = copy.deepcopy(CASE)
    case["persons"][0].update(facts)
    return case


def _plan_answer(case, lang="da"):
    return check(case, "sector_law", lang)["persons"]["citizen"]["answers"]["plan_las_50"]


def test_an_unrecorded_vocational_goal_makes_the_las_50_plan_depend_on_it():
    result = check(_case(), "sector_law", "da")
    answer = result["persons"]["citizen"]["answers"]["plan_las_50"]
    assert answer["status"] == "depends"
    assert "erhvervsmæssige sigte er afklaret" in answer["answer_text"]
    unrecorded = {item["fact"] for item in result["receipt"]["unrecorded_judgements"]}
    assert "revalidering_vocational_goal_clarified" in unrecorded


def test_a_clarified_goal_calls_for_the_plan_and_forrevalidering_does_not():
    assert _plan_answer(_case(revalidering_vocational_goal_clarified=True))["value"] is True
    assert _plan_answer(_case(revalidering_vocational_goal_clarified=False))["value"] is False


def test_a_citizen_on_another_benefit_is_not_asked():
    case = _case(employment_target_group="kontanthjaelp_jobparat")
    result = check(case, "sector_law", "en")
    unrecorded = {item["fact"] for item in result["receipt"]["unrecorded_judgements"]}
    assert "revalidering_vocational_goal_clarified" not in unrecorded
    assert result["persons"]["citizen"]["answers"]["plan_las_50"]["value"] is False
