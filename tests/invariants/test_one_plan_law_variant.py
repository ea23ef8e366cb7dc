"""The One Plan law's three texts, by document: the consultation draft (February 2018: 'En person kan afvise'),
L 232 as tabled (26 Apr 2018: 'med personens samtykke') and lov 707 as enacted (the default). Every difference
is data in reforms/one_plan_law_versions.yaml, with its source record; these tests hold the reform to it.
"""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from enplan_rules import regimes
from enplan_rules.legal import provenance, source_records
from enplan_rules.reforms.one_plan_law_version import versions

# An adult outside the network on kontanthjælp as aktivitetsparat who also receives adult support under
# the Social Services Act (Min Plan and a § 141 plan: two plans), with complex and compound problems.
CITIZEN = {
    "employment_target_group": "kontanthjaelp_aktivitetsparat",
    "receives_adult_social_support": True,
    "has_complex_problems": True,
}
PLANS = ("separate_plan_required_lab_min_plan", "separate_plan_required_sel_141")


def compute(regime, period, variables, variant="enacted", **facts):
    system = regimes.load(regime, one_plan_law_variant=variant)
    person = {name: {period: value} for name, value in {**CITIZEN, **facts}.items()}
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"citizen": person}})
    return {name: simulation.calculate(name, period)[0] for name in variables}


def test_the_three_versions_are_named_by_document():
    assert regimes.VARIANTS == ("consultation_draft", "tabled_bill", "enacted")
    assert regimes.DEFAULT_VARIANT == "enacted"
    assert set(versions()) == set(regimes.VARIANTS)


@pytest.mark.parametrize(
    ("consents", "refuses", "draft_requires", "bill_and_law_require"),
    [
        # Silent citizen: the bill and the law need consent; the draft's LAB § 30 b only the absence of refusal —
        # its SEL part was not read and is taken as tabled, so SEL § 141 stk. 7 needs the citizen's own consent.
        (False, False, {"separate_plan_required_lab_min_plan": False, "separate_plan_required_sel_141": True},
         True),
        # Refusal: no holistic plan under any text.
        (False, True, {name: True for name in PLANS}, True),
        # Consent: a holistic plan under every text.
        (True, False, {name: False for name in PLANS}, False),
    ],
)
def test_march_2019_consent_versus_right_to_refuse(consents, refuses, draft_requires, bill_and_law_require):
    facts = {"consents_to_one_plan": consents, "refuses_one_plan": refuses}
    draft = compute("one_plan_law", "2019-03", PLANS, variant="consultation_draft", **facts)
    for variant in ("tabled_bill", "enacted"):
        answers = compute("one_plan_law", "2019-03", PLANS, variant=variant, **facts)
        for name in PLANS:
            assert bool(answers[name]) is bill_and_law_require, (variant, name)
    for name in PLANS:
        assert bool(draft[name]) is draft_requires[name], name


def test_under_the_draft_every_social_door_still_needs_its_own_consent():
    """SEL § 141 stk. 7 ('Borgeren skal give samtykke'), § 54 stk. 3 ('Forældrene skal give samtykke') and LSD
    § 13 e ('med den sygemeldtes samtykke'): the draft's SEL and LSD wording was not read, so they are taken as in the
    bill and the act under every version; only LAB § 30 b's consent follows the draft."""
    silent = {"consents_to_one_plan": False, "refuses_one_plan": False}
    parent = compute("one_plan_law", "2019-03", ("separate_plan_required_sel_54", "separate_plan_required_sel_141"),
                     variant="consultation_draft", parent_of_child_in_care=True, **silent)
    assert bool(parent["separate_plan_required_sel_54"]) and bool(parent["separate_plan_required_sel_141"])
    sick = compute("one_plan_law", "2019-03", ("separate_plan_required_lsd_13c", "separate_plan_required_lab_min_plan"),
                   variant="consultation_draft", employment_target_group="sygedagpenge",
                   sickness_benefit_category="category_2", receives_adult_social_support=False, **silent)
    assert bool(sick["separate_plan_required_lsd_13c"]) and not bool(sick["separate_plan_required_lab_min_plan"])


def test_june_2018_before_the_law_no_version_has_a_holistic_plan():
    for variant in regimes.VARIANTS:
        answers = compute("one_plan_law", "2018-06", PLANS, variant=variant, consents_to_one_plan=False)
        assert all(bool(answers[name]) for name in PLANS), variant


def test_the_draft_still_needs_complex_problems_and_several_plans():
    silent = {"consents_to_one_plan": False, "refuses_one_plan": False}
    no_complex = compute("one_plan_law", "2019-03", PLANS, variant="consultation_draft",
                         has_complex_problems=False, **silent)
    one_plan = compute("one_plan_law", "2019-03", PLANS, variant="consultation_draft",
                       receives_adult_social_support=False, **silent)
    assert bool(no_complex["separate_plan_required_lab_min_plan"])
    assert bool(one_plan["separate_plan_required_lab_min_plan"])


def test_each_version_changes_exactly_the_parameters_its_differences_name():
    enacted = regimes.load("one_plan_law").parameters
    for variant, version in versions().items():
        system = regimes.load("one_plan_law", one_plan_law_variant=variant)
        changed = {}
        for name, _leaf in source_records.parameter_leaves(system.parameters.one_plan_law, "one_plan_law"):
            base = provenance.describe(enacted, name, "2019-03-01")
            mine = provenance.describe(system.parameters, name, "2019-03-01")
            if (base["value"], base["status"]) != (mine["value"], mine["status"]):
                changed[name] = mine
        named = {difference["parameter"] for difference in version["differences"]}
        assert set(changed) == named, variant
        for difference in version["differences"]:
            assert difference["source"] in source_records.records(), difference
            if "value" in difference:
                assert changed[difference["parameter"]]["value"] == difference["value"]
            if "status" in difference:
                assert changed[difference["parameter"]]["status"] == difference["status"]


def test_no_version_touches_sector_law_or_the_trial_rules():
    for variant in regimes.VARIANTS:
        answers = compute("sector_law", "2019-03", PLANS, variant=variant, consents_to_one_plan=False)
        assert all(bool(answers[name]) for name in PLANS)
        trial = regimes.load("trial", one_plan_law_variant=variant)
        assert set(trial.variables) == set(regimes.load("trial").variables)


def test_under_the_draft_trial_membership_still_needs_the_citizens_participation():
    """The trial's participation rule is its own: a silent Hillerød citizen is not in the trial, but gets the
    consultation draft's holistic plan in place of Min Plan — not of the § 141 plan, whose door needs consent."""
    facts = {
        "municipality": "hilleroed",
        "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
        "consents_to_one_plan": False,
        "refuses_one_plan": False,
    }
    period = "2019-03"
    system = regimes.load("trial", one_plan_law_variant="consultation_draft")
    person = {name: {period: value} for name, value in {**CITIZEN, **facts}.items()}
    person["birth_date"] = {"ETERNITY": "1996-04-20"}
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"citizen": person}})
    answers = {name: bool(simulation.calculate(name, period)[0]) for name in ("in_en_plan_trial",) + PLANS}
    assert answers == {"in_en_plan_trial": False, "separate_plan_required_lab_min_plan": False,
                       "separate_plan_required_sel_141": True}


def test_unknown_regimes_and_variants_are_refused_by_name():
    with pytest.raises(ValueError, match="unknown regime 'trail'"):
        regimes.load("trail")
    with pytest.raises(ValueError, match="unknown One Plan law variant 'draft'"):
        regimes.load("one_plan_law", one_plan_law_variant="draft")
    assert regimes.NAMES == ("sector_law", "one_plan_law", "trial")
