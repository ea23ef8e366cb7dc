"""The One Plan law's two variants: lov 707 as enacted (the holistic plan needs the citizen's consent) and
bill L 232 as the brief describes it when tabled (the plan is made unless the citizen refuses). The
tabled-bill variant is a separate reform, loaded with `regimes.load(name, one_plan_law_variant="tabled_bill")`.
"""

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from enplan_rules import regimes

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


@pytest.mark.parametrize(
    ("consents", "refuses", "enacted_requires", "tabled_requires"),
    [
        # Silent citizen: the enacted law needs consent, the tabled bill only the absence of refusal.
        (False, False, True, False),
        # Refusal: no holistic plan under either.
        (False, True, True, True),
        # Consent: a holistic plan under both.
        (True, False, False, False),
    ],
)
def test_march_2019_consent_versus_right_to_refuse(
    consents, refuses, enacted_requires, tabled_requires
):
    facts = {"consents_to_one_plan": consents, "refuses_one_plan": refuses}
    enacted = compute("one_plan_law", "2019-03", PLANS, **facts)
    tabled = compute("one_plan_law", "2019-03", PLANS, variant="tabled_bill", **facts)
    for name in PLANS:
        assert bool(enacted[name]) is enacted_requires, name
        assert bool(tabled[name]) is tabled_requires, name


def test_june_2018_before_the_law_neither_variant_has_a_holistic_plan():
    for variant in ("enacted", "tabled_bill"):
        answers = compute(
            "one_plan_law", "2018-06", PLANS, variant=variant, consents_to_one_plan=False
        )
        assert all(bool(answers[name]) for name in PLANS), variant


def test_the_tabled_bill_still_needs_complex_problems_and_several_plans():
    silent = {"consents_to_one_plan": False, "refuses_one_plan": False}
    no_complex = compute(
        "one_plan_law",
        "2019-03",
        PLANS,
        variant="tabled_bill",
        has_complex_problems=False,
        **silent,
    )
    one_plan = compute(
        "one_plan_law",
        "2019-03",
        PLANS,
        variant="tabled_bill",
        receives_adult_social_support=False,
        **silent,
    )
    assert bool(no_complex["separate_plan_required_lab_min_plan"])
    assert bool(one_plan["separate_plan_required_lab_min_plan"])


def test_the_parameter_records_which_variant_is_loaded():
    enacted = regimes.load("one_plan_law").parameters("2019-03-01").one_plan_law.requires_consent
    tabled = (
        regimes.load("one_plan_law", one_plan_law_variant="tabled_bill")
        .parameters("2019-03-01")
        .one_plan_law.requires_consent
    )
    assert bool(enacted) and not bool(tabled)


def test_under_the_tabled_bill_trial_membership_still_needs_the_citizens_participation():
    """The trial's participation rule is its own: a silent Hillerød citizen is not in the trial, but gets
    the tabled bill's holistic plan."""
    facts = {
        "municipality": "hilleroed",
        "birth_date": "1996-04-20",
        "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
        "consents_to_one_plan": False,
        "refuses_one_plan": False,
    }
    variables = ("in_en_plan_trial",) + PLANS
    period = "2019-03"
    system = regimes.load("trial", one_plan_law_variant="tabled_bill")
    person = {
        name: {period: value}
        for name, value in {**CITIZEN, **facts}.items()
        if name != "birth_date"
    }
    person["birth_date"] = {"ETERNITY": facts["birth_date"]}
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"citizen": person}})
    answers = {name: bool(simulation.calculate(name, period)[0]) for name in variables}
    assert answers == {"in_en_plan_trial": False, **{name: False for name in PLANS}}


def test_sector_law_has_no_one_plan_variant_to_change():
    for variant in ("enacted", "tabled_bill"):
        answers = compute(
            "sector_law", "2019-03", PLANS, variant=variant, consents_to_one_plan=False
        )
        assert all(bool(answers[name]) for name in PLANS)


def test_unknown_regimes_and_variants_are_refused_by_name():
    with pytest.raises(ValueError, match="unknown regime 'trail'"):
        regimes.load("trail")
    with pytest.raises(ValueError, match="unknown One Plan law variant 'draft'"):
        regimes.load("one_plan_law", one_plan_law_variant="draft")
    assert regimes.NAMES == ("sector_law", "one_plan_law", "trial")
