"""Unknown facts: a deciding fact given as null makes the answer `depends`, with conditions built from the branches;
each branch equals the answer with the fact given; no unknown fact is silently taken as false."""

import copy
import itertools

import pytest

from enplan_rules.answers import check, contingent
from enplan_rules.answers.unrecorded import at_defaults
from enplan_rules.case import CaseError

# every judgement the tests do not make unknown is recorded (at its documented default): only the nulls vary
ADULT = at_defaults({
    "municipality": "other",
    "month": "2019-03",
    "persons": [
        {"id": "adult", "birth_date": "1985-04-01",  # 33: past every age group of the trial (Hillerød's 18–30)
         "employment_target_group": "kontanthjaelp_aktivitetsparat", "benefit_start_date": "2018-01-01",
         "has_complex_problems": True, "consents_to_one_plan": True, "receives_adult_social_support": True},
    ],
})


def with_facts(case, **facts):
    case = copy.deepcopy(case)
    case["persons"][0].update(facts)
    return case


def test_min_plan_is_required_unless_the_municipality_offers_the_holistic_plan_and_the_citizen_consents():
    case = with_facts(ADULT, municipality_offers_holistic_plan=None, consents_to_one_plan=None)
    da = check(case, "one_plan_law", "da")["persons"]["adult"]["answers"]["plan_lab_min_plan"]
    en = check(case, "one_plan_law", "en")["persons"]["adult"]["answers"]["plan_lab_min_plan"]
    assert da["status"] == en["status"] == "depends"
    assert da["value"] is en["value"] is None  # never a word in the value field
    assert da["answer_text"] == "Ja, medmindre kommunen tilbyder en helhedsorienteret plan og borgeren samtykker"
    assert en["answer_text"] == "Yes, unless the municipality offers a holistic plan and the citizen consents"
    assert {(u["fact"]) for u in en["unknown_facts"]} == {"municipality_offers_holistic_plan", "consents_to_one_plan"}
    # each branch carries its own reasoning: the no-branch says the holistic plan replaces the Min Plan, the
    # yes-branch that none does
    reasons = {branch["value"]: branch["reasoning"] for branch in en["branches"]}
    assert reasons.keys() == {True, False}
    assert reasons[True].endswith("no holistic plan takes its place"), reasons
    assert reasons[False].endswith("a holistic plan takes its place (LAB § 30 b)"), reasons


@pytest.mark.parametrize("regime", ["sector_law", "one_plan_law", "trial"])
@pytest.mark.parametrize("municipality", ["other", "ballerup", "hilleroed"])
@pytest.mark.parametrize("unknown", [
    ("consents_to_one_plan",),
    ("has_complex_problems", "municipality_offers_holistic_plan"),
    ("assessed_not_to_benefit_from_offers", "has_complex_problems"),
    ("employment_target_group",),
    ("receives_adult_social_support", "has_coordination_need", "consents_to_one_plan"),
])
def test_each_branch_equals_the_answer_with_the_fact_given(regime, municipality, unknown):
    case = with_facts(ADULT, **{name: None for name in unknown})
    case["municipality"] = municipality
    result = check(case, regime, "en")
    domains = {name: contingent._domain(__import__("enplan_rules").regimes.load(regime), name) for name in unknown}
    given = {}
    for values in itertools.product(*(domains[name] for name in unknown)):
        answers = check(with_facts(case, **dict(zip(unknown, values, strict=True))), regime, "en")
        given[values] = answers["persons"]["adult"]["answers"]
    for qid, answer in result["persons"]["adult"]["answers"].items():
        values = {v[qid]["value"] for v in given.values()}
        if len(values) == 1:
            assert answer["value"] == values.pop(), qid
            assert not [d for d in answer["dependencies"] if d["kind"] == "unknown_fact"]
            continue
        assert answer["status"] == "depends", qid
        deciding = {u["fact"] for u in answer["unknown_facts"]}
        for dependency in [d for d in answer["dependencies"] if d["kind"] == "unknown_fact"]:
            assert dependency["fact"] in deciding
            # the branch for one value = the answer with that value given and the other unknowns still unknown
            partial = check(with_facts(case, **{dependency["fact"]: dependency["alternative"]}), regime, "en")
            branch = partial["persons"]["adult"]["answers"][qid]
            assert dependency["alternative_value"] == branch["value"], (qid, dependency["fact"])
            assert dependency["alternative_answer_text"] == branch["answer_text"]
        # every value of every combination is among the branches the answer names
        assert {b["value"] for b in answer["branches"]} == values


def test_an_unknown_fact_is_never_shown_as_false():
    case = with_facts(ADULT, consents_to_one_plan=None)
    answer = check(case, "one_plan_law", "da")["persons"]["adult"]["answers"]["plan_lab_min_plan"]
    assert answer["status"] == "depends"
    assert "deltager i/samtykker til én plan: ved ikke" in answer["reasoning"]
    assert "deltager i/samtykker til én plan: nej" not in answer["reasoning"]


def test_an_unknown_fact_that_decides_nothing_leaves_the_answer_as_it_is():
    case = with_facts(ADULT, has_mentor=None)
    answers = check(case, "one_plan_law", "en")["persons"]["adult"]["answers"]
    plain = check(ADULT, "one_plan_law", "en")["persons"]["adult"]["answers"]
    for qid, answer in answers.items():
        if qid != "mentor_form":
            assert answer["value"] == plain[qid]["value"]
    assert answers["mentor_form"]["status"] == "depends"


def test_too_many_unknown_facts_are_refused_naming_them():
    case = with_facts(ADULT, employment_target_group=None, sickness_benefit_category=None, has_mentor=None)
    with pytest.raises(CaseError) as error:
        check(case, "trial", "en")
    pointers = {e["pointer"] for e in error.value.errors}
    assert pointers == {"/persons/0/employment_target_group", "/persons/0/sickness_benefit_category",
                        "/persons/0/has_mentor"}


def test_a_large_family_with_many_unknown_facts_is_refused_rather_than_left_to_run():
    adults = [{"id": f"p{i}", "employment_target_group": "kontanthjaelp_aktivitetsparat", "has_complex_problems": True,
               "consents_to_one_plan": True} for i in range(2)]
    children = [{"id": f"c{i}", "role": "child", "birth_date": "2010-01-01", "receives_child_special_support": None}
                for i in range(6)] + [{"id": f"d{i}", "role": "child", "birth_date": "2010-01-01"} for i in range(12)]
    case = at_defaults({"municipality": "ballerup", "month": "2019-03", "persons": adults + children})
    with pytest.raises(CaseError) as error:
        check(case, "trial", "en")
    assert {e["pointer"] for e in error.value.errors} == {f"/persons/{2 + i}/receives_child_special_support"
                                                          for i in range(6)}
