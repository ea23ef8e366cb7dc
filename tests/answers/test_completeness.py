"""Completeness of the contingent answers, checked against independent runs.

For a sweep of cases (municipality × target group × month, both sides of each date) and every regime, every
judgement fact and every register reading is flipped one at a time and the case checked again on its own: every
flip that changes an answer must be listed with exactly that alternative answer, and no listed dependency may leave
the answer unchanged. The listing comes from one vectorised simulation; the independent runs are plain check()
calls (facts) and check(..., readings=...) runs (readings), so the two paths are compared.
"""

import copy
import itertools

import pytest

from enplan_rules import regimes
from enplan_rules.answers import check, contingent
from enplan_rules.answers.readings import ALTERNATIVE, ENGINE, SWITCHES
from enplan_rules.answers.unrecorded import at_defaults

MUNICIPALITIES = ("ballerup", "helsingoer", "furesoe", "frederikssund", "other")
GROUPS = ("uddannelseshjaelp_aktivitetsparat", "kontanthjaelp_jobparat", "ressourceforloeb", "sygedagpenge")
# both sides of the trial's start (Nov 2017 / Jan 2018), the One Plan law (Jul 2018), LBA (Jan 2020), the end (Jul 2020)
MONTHS = ("2017-10", "2017-11", "2018-06", "2018-07", "2019-12", "2020-01", "2020-06", "2020-07")


def family(municipality, group, month):
    """Every judgement recorded (at its documented default), so that each one is a flip the answers list."""
    return at_defaults({
        "municipality": municipality,
        "month": month,
        "persons": [
            {"id": "mother", "role": "parent", "birth_date": "1990-02-01", "employment_target_group": group,
             "benefit_start_date": "2016-01-01", "has_complex_problems": True, "consents_to_one_plan": True,
             "receives_adult_social_support": True, "has_mentor": True, "parent_of_child_in_care": True,
             "sickness_benefit_category": "category_2" if group == "sygedagpenge" else "none",
             "has_adult_disability_or_rehabilitation_case": True, "helsingoer_solution": "families",
             "departments_with_case": 3, "en_plan_start_date": "2017-12-01"},
            {"id": "child", "role": "child", "birth_date": "2008-05-01", "receives_child_special_support": True},
        ],
    })


# A deterministic sample of the full product: every municipality, group and month occurs, with each regime.
SWEEP = [
    (m, g, month, regime)
    for index, (m, g, month) in enumerate(itertools.product(MUNICIPALITIES, GROUPS, MONTHS))
    for regime in [regimes.NAMES[index % 3]]
    if index % 8 == 0
]


def answers_of(result):
    return {(pid, qid): answer for pid, person in result["persons"].items() for qid, answer in person["answers"].items()}


def flipped_values(case, regime, system_variables, variant="enacted"):
    """(kind, id, person, fact, alternative) -> the case's answers under that flip, from independent check() runs."""
    runs = {}
    for index, person in enumerate(case["persons"]):
        for fact, (entry, _when) in contingent.judgement_facts().items():
            if fact not in system_variables:
                continue
            given = person.get(fact, system_variables[fact].default_value)
            other = copy.deepcopy(case)
            other["persons"][index][fact] = not given
            runs[("judgement", entry["id"], person["id"], fact, not given)] = answers_of(
                check(other, regime, "en", variant))
    for reading_id in SWITCHES:
        runs[("reading", reading_id, None, None, ALTERNATIVE)] = answers_of(
            check(case, regime, "en", variant, readings={reading_id: ALTERNATIVE})
        )
    return runs


CONSULTATION_DRAFT = [("ballerup", "uddannelseshjaelp_aktivitetsparat", "2019-03", regime, "consultation_draft")
                      for regime in ("one_plan_law", "trial")]


@pytest.mark.parametrize(("municipality", "group", "month", "regime", "variant"),
                         [(*row, "enacted") for row in SWEEP] + CONSULTATION_DRAFT)
def test_every_flip_that_changes_an_answer_is_listed_with_that_answer(municipality, group, month, regime, variant):
    case = family(municipality, group, month)
    if variant == "consultation_draft":
        case["persons"][0]["consents_to_one_plan"] = False  # the draft's right to refuse: no refusal suffices
    result = check(case, regime, "en", variant)
    base = answers_of(result)
    variables = regimes.load(regime, variant).variables
    for key, answers in flipped_values(case, regime, variables, variant).items():
        kind, ident, person_id, fact, alternative = key
        for (pid, qid), answer in base.items():
            listed = [
                d for d in answer["dependencies"]
                if d["kind"] == kind and d["id"] == ident and d["person"] == person_id and d["fact"] == fact
                and d["alternative"] == alternative
            ]
            changed = answers[(pid, qid)]["value"] != answer["value"]
            assert len(listed) == (1 if changed else 0), (key, pid, qid, answer["value"], answers[(pid, qid)]["value"])
            if changed:
                assert listed[0]["alternative_value"] == answers[(pid, qid)]["value"]
                assert listed[0]["alternative_answer_text"] == answers[(pid, qid)]["answer_text"]


@pytest.mark.parametrize("regime", regimes.NAMES)
def test_no_listed_dependency_leaves_the_answer_unchanged(regime):
    case = family("ballerup", "uddannelseshjaelp_aktivitetsparat", "2019-03")
    result = check(case, regime, "en")
    listed = 0
    for (pid, _qid), answer in answers_of(result).items():
        for dependency in answer["dependencies"]:
            listed += 1
            assert dependency["alternative_value"] != answer["value"]
            if dependency["kind"] == "judgement":
                other = copy.deepcopy(case)
                index = [p["id"] for p in case["persons"]].index(dependency["person"])
                other["persons"][index][dependency["fact"]] = dependency["alternative"]
                again = check(other, regime, "en")
            else:
                again = check(case, regime, "en", readings={dependency["id"]: dependency["alternative"]})
            assert again["persons"][pid]["answers"][_qid]["value"] == dependency["alternative_value"]
    assert listed > 0 or regime == "sector_law"  # sector law leaves none of these judgements a role


def test_a_reading_already_turned_lists_the_engine_reading_as_its_alternative():
    case = family("ballerup", "uddannelseshjaelp_aktivitetsparat", "2019-03")
    result = check(case, "trial", "en", readings={"R1": ALTERNATIVE})
    child = result["persons"]["child"]["answers"]["plan_sel_140"]
    assert child["value"] is False
    [dependency] = [d for d in child["dependencies"] if d["id"] == "R1"]
    assert dependency["alternative"] == ENGINE and dependency["alternative_value"] is True
    assert result["receipt"]["readings"]["R1"] == ALTERNATIVE
