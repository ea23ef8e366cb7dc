"""A birth date the case does not give is never assumed: where an answer changes with the age, the case is refused
with the field named and the ages at which the answers change; where no answer does, the case is answered."""

import pytest

from enplan_rules import regimes
from enplan_rules.answers import check
from enplan_rules.answers.birth_date import ages_that_change_answers, probe_ages
from enplan_rules.answers.unrecorded import at_defaults
from enplan_rules.case.check import CaseError

DAGPENGE = {"id": "a", "role": "parent", "employment_target_group": "dagpenge", "benefit_start_date": "2019-01-01"}
BALLERUP_MOTHER = {"id": "m", "role": "parent", "birth_date": "1988-05-01",
                   "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2018-06-10"}


def test_right_and_duty_under_30_and_from_50_needs_the_birth_date():
    """LAB § 21 b: the dagpenge recipient under 30 or from 50 gets the offer sooner (lab.right_and_duty)."""
    case = {"municipality": "other", "month": "2019-06", "persons": [DAGPENGE]}
    with pytest.raises(CaseError) as raised:
        check(case, "sector_law", "da")
    (error,) = raised.value.errors
    assert error["pointer"] == "/persons/0/birth_date"
    assert "skifter ved 30, 50 år" in error["message"]
    assert "afhænger af alderen i juni 2019" in error["message"]  # the month in words, not "2019-06"
    with pytest.raises(CaseError) as raised:
        check(case, "sector_law", "en")
    assert "change at age 30, 50" in raised.value.errors[0]["message"]
    assert "depend on the age in June 2019" in raised.value.errors[0]["message"]


@pytest.mark.parametrize("born, offer_due", [("1992-01-01", True), ("1980-01-01", False), ("1965-01-01", True)])
def test_given_the_birth_date_the_offer_is_due_after_5_months_under_30_and_from_50_only(born, offer_due):
    case = {"municipality": "other", "month": "2019-06", "persons": [{**DAGPENGE, "birth_date": born}]}
    answer = check(case, "sector_law", "en")["persons"]["a"]["answers"]["right_and_duty_offer"]
    assert answer["value"] is offer_due


def test_a_ballerup_childs_age_matters_where_the_family_may_be_in_the_trial():
    """Ballerup's family group: a child aged 0–15 (trial.target_groups.ballerup.child_max_age). The mother's
    judgements unrecorded, the child's age matters under some of their values; recorded so that the mother is
    not in the trial (no consent to the one plan), it does not; recorded with her consent, it does."""
    trial = regimes.load("trial")
    child = {"id": "c", "role": "child"}
    case = {"municipality": "ballerup", "month": "2019-03", "persons": [BALLERUP_MOTHER, child]}
    assert ages_that_change_answers(case, "2019-03", trial) == {1: [16]}
    assert ages_that_change_answers(case, "2019-03", regimes.load("sector_law")) == {}
    for consent, expected in ((False, {}), (True, {1: [16]})):
        recorded = at_defaults({**case, "persons": [{**BALLERUP_MOTHER, "consents_to_one_plan": consent}, child]},
                               trial)
        assert ages_that_change_answers(recorded, "2019-03", trial) == expected, consent


def test_an_age_that_changes_no_answer_is_not_asked():
    case = {"municipality": "other", "month": "2019-03",
            "persons": [{"id": "a", "role": "parent", "employment_target_group": "sygedagpenge",
                         "benefit_start_date": "2019-01-10", "sickness_benefit_category": "category_1"}]}
    assert ages_that_change_answers(case, "2019-03", regimes.load("sector_law")) == {}
    assert check(case, "sector_law", "en")["persons"]["a"]["answers"]["contact_process"]["status"] != "depends"


def test_the_probe_ages_straddle_every_age_limit_of_the_parameters():
    system = regimes.load("trial")
    ages = probe_ages(system, "2019-03")
    for limit in (15, 16, 18, 22, 30, 50):  # Ballerup's children, SEL § 140 a, majority, right and duty
        assert {limit - 1, limit, limit + 1} <= set(ages), limit


def test_a_history_without_the_birth_date_is_refused_where_a_month_turns_on_the_age():
    """The offer falls due in 2019-06 for the dagpenge recipient under 30 and from 50 only: the first and last
    month alone would not show it — every month is probed."""
    from enplan_rules.history import HistoryError, review

    history = {"municipality": "other", "from": "2019-01", "to": "2019-08",
               "persons": [{key: value for key, value in DAGPENGE.items()}]}
    with pytest.raises(HistoryError) as raised:
        review(history, "sector_law", "en")
    (error,) = raised.value.errors
    assert error["pointer"] == "/persons/0/birth_date" and "change at age 30, 50" in error["message"]
    assert "in January 2019 – August 2019 (the age in January 2019)" in error["message"]
    with pytest.raises(HistoryError) as raised:
        review(history, "sector_law", "da")
    assert "i januar 2019 – august 2019 (alderen i januar 2019)" in raised.value.errors[0]["message"]
    assert review({**history, "to": "2019-03"}, "sector_law", "en")["timeline"]  # no month turns on it yet


def test_a_birth_after_the_month_asked_about_names_the_month_in_words():
    from enplan_rules.case.validation import validate

    case = {"municipality": "other", "month": "2019-03", "persons": [{"id": "a", "role": "parent", "birth_date": "2019-06-01"}]}
    for lang, words in (("da", "en fødselsdato senest i marts 2019"), ("en", "a date of birth in March 2019 or before")):
        with pytest.raises(CaseError) as raised:
            validate(case, lang)
        assert [e["expected"] for e in raised.value.errors if e["pointer"] == "/persons/0/birth_date"] == [words], lang
