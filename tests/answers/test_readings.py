"""Register readings as switches and per-request overrides of unverified values."""

import pytest

from enplan_rules import regimes
from enplan_rules.answers import check, readings, request
from enplan_rules.case import CaseError
from enplan_rules.legal import register
from enplan_rules.simulations import build_simulation

FAMILY = {
    "municipality": "ballerup",
    "month": "2019-03",
    "persons": [
        {"id": "mother", "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
         "benefit_start_date": "2018-06-10", "has_complex_problems": True, "consents_to_one_plan": True,
         "receives_adult_social_support": True, "parent_of_child_in_care": True},
        {"id": "child", "role": "child", "birth_date": "2012-01-01", "receives_child_special_support": True},
    ],
}


def test_every_register_entry_has_a_switch_and_a_parameter_leaf():
    system = readings.switched("trial")
    for entry in register.entries():
        if entry["id"] in ("R1", "R2", "R3", "R4", "R7", "R8", "R9", "R10", "R11", "U1", "U2", "U3"):
            assert entry["id"] in readings.SWITCHES
        if entry["id"] in readings.SWITCHES:
            leaf = system.parameters.readings.children[entry["id"]]
            assert leaf.metadata["status"] == "contested" and leaf.metadata["register_entry"] == entry["id"]
            assert system.parameters("2019-03").readings[entry["id"]] is False or not system.parameters(
                "2019-03").readings[entry["id"]]


@pytest.mark.parametrize("regime", regimes.NAMES)
@pytest.mark.parametrize("variant", regimes.VARIANTS)
def test_the_switched_regime_with_every_switch_off_answers_as_the_plain_regime(regime, variant):
    from enplan_rules.case.check import situation
    from enplan_rules.case.questions import QUESTIONS

    plain = build_simulation(regimes.load(regime, variant), situation(FAMILY, "2019-03"))
    switched = build_simulation(readings.switched(regime, variant), situation(FAMILY, "2019-03"))
    for question in QUESTIONS:
        if question.variable in plain.tax_benefit_system.variables:
            assert (plain.calculate(question.variable, "2019-03") == switched.calculate(question.variable, "2019-03")).all()


def test_r1_alternative_lifts_the_childs_own_plan_in_the_trial_and_the_receipt_says_so():
    engine = check(FAMILY, "trial", "en")
    alternative = check(FAMILY, "trial", "en", readings={"R1": "alternative"})
    assert engine["persons"]["child"]["answers"]["plan_sel_140"]["value"] is True
    assert alternative["persons"]["child"]["answers"]["plan_sel_140"]["value"] is False
    assert alternative["receipt"]["readings"]["R1"] == "alternative" and engine["receipt"]["readings"]["R1"] == "engine"
    assert alternative["receipt"]["request_sha256"] != engine["receipt"]["request_sha256"]
    [flag] = [a for a in alternative["persons"]["child"]["answers"]["plan_sel_140"]["ambiguities"] if a["id"] == "R1"]
    assert flag["reading_used"] == "alternative"


def test_r3_alternative_sets_the_sel_141_plan_aside_in_the_trial_before_lov_707():
    # No text sets SEL § 141 aside in the trial (lov 658 § 11 names § 54, § 140's parents' elements and § 70);
    # the seeds' reading (the alternative) does. Before lov 707 (March 2018) nothing else replaces the plan.
    spring_2018 = {**FAMILY, "month": "2018-03",
                   "persons": [{**FAMILY["persons"][0], "benefit_start_date": "2018-01-10",  # in the group by March
                                "municipality_uses_exemption_sel_141": True,
                                "municipality_uses_exemption_sel_54": True}, *FAMILY["persons"][1:]]}
    assert check(spring_2018, "trial", "en")["persons"]["mother"]["answers"]["plan_sel_141"]["value"] is True
    r3 = check(spring_2018, "trial", "en", readings={"R3": "alternative"})
    assert r3["persons"]["mother"]["answers"]["plan_sel_141"]["value"] is False
    assert check(spring_2018, "trial", "en")["persons"]["mother"]["answers"]["plan_sel_54"]["value"] is False


def test_readings_parse_from_query_and_command_line_form():
    assert request.parse_readings(["R1:alternative", "U1"]) == {"R1": "alternative", "U1": "alternative"}
    assert request.parse_readings(["R2:engine"]) == {"R2": "engine"}
    with pytest.raises(readings.ReadingError) as error:
        request.parse_readings(["R99:alternative"], "en")
    assert error.value.errors[0]["pointer"] == "/readings/R99"
    with pytest.raises(readings.ReadingError):
        request.parse_readings(["R1:maybe"])
    assert request.parse_overrides(["trial.meeting_parity_tolerance=0.2"]) == {"trial.meeting_parity_tolerance": 0.2}


def test_unknown_reading_is_a_case_error_naming_it():
    with pytest.raises(CaseError) as error:
        check(FAMILY, "trial", "da", readings={"R42": "alternative"})
    assert error.value.errors[0]["pointer"] == "/readings/R42"
    assert error.value.errors[0]["message"] == "ukendt registerpost"


def test_an_unverified_value_can_be_overridden_and_the_answer_and_receipt_say_so():
    # Frederikssund's own start date (1 Jan 2018, a municipal page: unverified, register R7); with December 2017
    # covered too, a young person in its target group is in the trial that month.
    case = {"municipality": "frederikssund", "month": "2017-12", "persons": [
        {"id": "a", "role": "parent", "birth_date": "1999-01-01", "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
         "has_complex_problems": True, "consents_to_one_plan": True}]}
    name = "trial.municipalities.frederikssund.covered"
    plain = check(case, "trial", "en")["persons"]["a"]["answers"]["in_trial"]
    result = check(case, "trial", "en", overrides={name: True})
    answer = result["persons"]["a"]["answers"]["in_trial"]
    assert plain["value"] is False and answer["value"] is True
    assert answer["overridden_parameters"] == [name]
    assert [p["value"] for p in answer["unverified_parameters"] if p["name"] == name] == [True]
    [recorded] = result["receipt"]["overrides"]
    assert recorded["name"] == name and recorded["value"] is True and recorded["engine_value"] is False


def test_parity_tolerance_can_be_overridden_per_request():
    system = readings.switched("trial", overrides={"trial.meeting_parity_tolerance": 0.2})
    assert system.parameters("2019-03").trial.meeting_parity_tolerance == pytest.approx(0.2)
    assert regimes.load("trial").parameters("2019-03").trial.meeting_parity_tolerance == pytest.approx(0.1)


@pytest.mark.parametrize("name", ["lab.target_group_number.dagpenge", "trial.municipalities.ballerup.covered"])
def test_a_sourced_or_seeds_value_cannot_be_overridden(name):
    with pytest.raises(CaseError) as error:
        check(FAMILY, "trial", "en", overrides={name: True})
    assert error.value.errors[0]["pointer"] == f"/overrides/{name}"
    assert name in error.value.errors[0]["message"]


def test_an_override_of_an_unknown_parameter_or_of_the_wrong_type_is_refused():
    with pytest.raises(CaseError):
        check(FAMILY, "trial", "en", overrides={"trial.no_such_value": 1})
    with pytest.raises(CaseError):
        check(FAMILY, "trial", "en", overrides={"trial.meeting_parity_tolerance": "a lot"})


@pytest.mark.parametrize(("month", "owed"), [
    ("2019-08", False),  # 5 months in the group
    ("2019-09", True),   # 6 months: LAB § 92 stk. 2 (register R20, settled by the text)
    ("2020-02", True),   # from 2020: LBA § 102 stk. 1's 6 months
])
def test_kontanthjaelp_aktivitetsparat_first_offer_falls_due_after_six_months(month, owed):
    """R20 is settled: the text gives 6 months, so the reading is no longer a switch."""
    case = {"municipality": "other", "month": month, "persons": [
        {"id": "a", "employment_target_group": "kontanthjaelp_aktivitetsparat", "benefit_start_date": "2019-03-01"}]}
    assert check(case, "sector_law", "en")["persons"]["a"]["answers"]["right_and_duty_offer"]["value"] is owed
    with pytest.raises(readings.ReadingError):
        readings.normalise_readings({"R20": "alternative"}, "en")


def test_systems_made_for_overrides_are_not_kept_alive_by_the_caches():
    """Each distinct override makes a system of its own; a long-running server must not keep them all (the caches
    of explanations and dependencies are bounded, as the cache of systems is)."""
    import gc
    import weakref

    made = []
    for index in range(48):
        overrides = {"trial.meeting_parity_tolerance": 0.3 + index / 1000}
        check(FAMILY, "trial", "en", overrides=overrides)
        made.append(weakref.ref(readings.switched("trial", overrides=overrides)))
    gc.collect()
    alive = sum(reference() is not None for reference in made)
    assert alive <= readings._system.cache_info().maxsize, alive
