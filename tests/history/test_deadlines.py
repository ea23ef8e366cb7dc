"""Each deadline on both sides: done on the last day is met, a day later is late (by one day), not done is missing.

The deadlines are computed here from the regime's own parameters (never from a number copied into the test), so
the tests follow the parameters when they change.
"""

import datetime

import pytest

from enplan_rules import regimes
from enplan_rules.answers.unrecorded import at_defaults
from enplan_rules.history import review
from enplan_rules.history.duties import add_months, month_end

ONE_DAY = datetime.timedelta(days=1)


def parameter(name, at, regime="sector_law"):
    node = regimes.load(regime).parameters(at)
    for part in name.split("."):
        node = node[part]
    return node


def items(result, duty, regime="sector_law", person="p"):
    return [i for i in result["review"] if i["duty"] == duty and i["regime"] == regime and i["person"] == person]


def history(person, first, last, municipality="other", changes=()):
    """A one-person history that records every judgement (at its documented default) unless `person` gives it."""
    recorded = at_defaults({"persons": [{"id": "p"}]})["persons"][0]
    return {"municipality": municipality, "from": first, "to": last,
            "persons": [{**recorded, "birth_date": "1980-01-01", **person}], "changes": list(changes)}


# -- right and duty: the first offer ---------------------------------------------------------------------

START = datetime.date(2019, 3, 15)
GROUP = "kontanthjaelp_jobparat"


def first_offer_due():
    months = parameter(f"lab.right_and_duty.first_offer_deadline_months.{GROUP}", START.isoformat())
    return add_months(START, int(months))


def offer_review(offers):
    person = {"employment_target_group": GROUP, "benefit_start_date": START.isoformat(),
              "record": {"offers": [d.isoformat() for d in offers]}}
    return review(history(person, "2019-03", "2020-06"), "sector_law", "en")


def test_first_offer_on_the_last_day_is_met():
    due = first_offer_due()
    [item] = items(offer_review([due]), "right_and_duty_first_offer")
    assert item["status"] == "met" and item["due"] == due.isoformat() and not item["finding"]
    assert item["paragraph"].startswith("LAB §§ 85")
    assert item["parameters"][0]["name"] == f"lab.right_and_duty.first_offer_deadline_months.{GROUP}"
    assert item["parameters"][0]["status"] in ("sourced", "seeds", "unverified")


def test_first_offer_a_day_late_is_late_by_one_day():
    due = first_offer_due()
    [item] = items(offer_review([due + ONE_DAY]), "right_and_duty_first_offer")
    assert item["status"] == "late" and item["days_late"] == 1 and item["finding"]


def test_first_offer_not_given_is_missing():
    result = offer_review([])
    [item] = items(result, "right_and_duty_first_offer")
    assert item["status"] == "missing" and item["finding"] and result["findings"] >= 1


def test_an_offer_before_entry_does_not_count():
    [item] = items(offer_review([START - ONE_DAY]), "right_and_duty_first_offer")
    assert item["status"] == "missing"


def test_the_trial_without_a_recorded_assessment_depends_on_it():
    person = {"employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2019-03-15",
              "has_complex_problems": True, "consents_to_one_plan": True, "birth_date": "1995-06-10",
              "record": {"offers": []}}
    unrecorded = history(person, "2019-03", "2019-12", "hilleroed")
    del unrecorded["persons"][0]["assessed_not_to_benefit_from_offers"]
    result = review(unrecorded, "trial", "en")
    [item] = items(result, "right_and_duty_first_offer", "trial")
    assert item["status"] == "depends" and item["depends_on"] == ["assessed_not_to_benefit_from_offers"]
    assert item["status_if_required"] == "missing"
    # recorded: the assessment found the citizen would benefit -> the offer is owed
    person["assessed_not_to_benefit_from_offers"] = False
    [item] = items(review(history(person, "2019-03", "2019-12", "hilleroed"), "trial", "en"),
                   "right_and_duty_first_offer", "trial")
    assert item["status"] == "missing"
    # given as unknown (null, "Ved ikke"): not recorded either -> depends, as when it is left out
    person["assessed_not_to_benefit_from_offers"] = None
    [item] = items(review(history(person, "2019-03", "2019-12", "hilleroed"), "trial", "en"),
                   "right_and_duty_first_offer", "trial")
    assert item["status"] == "depends" and item["depends_on"] == ["assessed_not_to_benefit_from_offers"]
    # recorded: will not benefit -> the trial sets the offers aside; an offer given is informational
    person["assessed_not_to_benefit_from_offers"] = True
    person["record"]["offers"] = ["2019-04-01"]
    [item] = items(review(history(person, "2019-03", "2019-12", "hilleroed"), "trial", "en"),
                   "right_and_duty_first_offer", "trial")
    assert item["status"] == "not_required_done" and not item["finding"]


# -- sickness-benefit follow-up ----------------------------------------------------------------------------

SICK = datetime.date(2019, 2, 4)


def followup_dues(count):
    week = int(parameter("lsd.followup.first_followup_week", SICK.isoformat()))
    interval = int(parameter("lsd.followup.interval_weeks", SICK.isoformat()))
    first = SICK + datetime.timedelta(days=7 * week - 1)  # the entry date is day 1 of week 1
    return [first + datetime.timedelta(days=7 * interval * k) for k in range(count)]


def followup_review(followups, regime="sector_law", municipality="other", extra=None):
    person = {"employment_target_group": "sygedagpenge", "sickness_benefit_category": "category_2",
              "benefit_start_date": SICK.isoformat(), "record": {"followups": [d.isoformat() for d in followups]},
              **(extra or {})}
    return review(history(person, "2019-02", "2019-07", municipality), regime, "en")


def test_the_first_followup_is_due_at_the_end_of_week_8_and_then_every_4_weeks():
    dues = followup_dues(5)
    found = items(followup_review(dues), "sickness_followup")
    assert [i["due"] for i in found] == [d.isoformat() for d in dues if d <= datetime.date(2019, 7, 31)]
    assert all(i["status"] == "met" for i in found)
    assert [p["name"] for p in found[0]["parameters"]] == ["lsd.followup.first_followup_week", "lsd.followup.interval_weeks"]
    assert found[0]["paragraph"] == "LSD § 13 b stk. 1–2"


def test_a_followup_a_day_late_is_late_and_a_missing_one_is_missing():
    dues = followup_dues(5)
    held = [dues[0] + ONE_DAY, *dues[2:]]  # the first a day late; the second not held at all
    found = items(followup_review(held), "sickness_followup")
    assert (found[0]["status"], found[0]["days_late"]) == ("late", 1)
    assert found[1]["status"] == "met"  # the late first one falls in the second window
    held = [dues[0], *dues[2:]]
    found = items(followup_review(held), "sickness_followup")
    assert found[0]["status"] == "met"
    assert found[1]["status"] == "late" and found[1]["days_late"] == (dues[2] - dues[1]).days
    found = items(followup_review([dues[0]]), "sickness_followup")
    assert [i["status"] for i in found[1:]] == ["missing"] * (len(found) - 1)


def test_in_the_trial_the_municipality_sets_the_followup():
    dues = followup_dues(5)
    extra = {"has_complex_problems": True, "consents_to_one_plan": True, "receives_adult_social_support": True,
             "helsingoer_solution": "brain_injury", "departments_with_case": 2}
    result = followup_review(dues, "trial", "helsingoer", extra)
    found = items(result, "sickness_followup", "trial")
    assert found and all(i["status"] == "not_required_done" and not i["finding"] for i in found)
    assert result["meeting_parity"] and result["meeting_parity"][0]["note"] == "target_group_question"
    assert items(followup_review([], "trial", "helsingoer", extra), "sickness_followup", "trial") == []


# -- the contact process --------------------------------------------------------------------------------------

# Kontanthjælp jobparat under LAB: 3 interviews in the first 3 calendar months (§ 20), then 4 per 12 (§ 17 stk. 1);
# the whole record lies before LBA (1 Jan 2020), whose § 32 sets no yearly number.
ENTRY = datetime.date(2018, 3, 15)
CONTACT_GROUP = "kontanthjaelp_jobparat"


def contact(meetings, last="2019-12"):
    person = {"employment_target_group": CONTACT_GROUP, "benefit_start_date": ENTRY.isoformat(),
              "record": {"meetings": [d.isoformat() for d in meetings]}}
    return review(history(person, ENTRY.strftime("%Y-%m"), last), "sector_law", "en")


def first_phase():
    months = int(parameter(f"lab.contact_process.first_months.{CONTACT_GROUP}", ENTRY.isoformat()))
    meetings = int(parameter(f"lab.contact_process.meetings_in_first_months.{CONTACT_GROUP}", ENTRY.isoformat()))
    due = month_end(add_months(ENTRY.replace(day=1), months - 1).strftime("%Y-%m"))
    return due, meetings, months


def test_the_first_phase_with_its_last_meeting_on_the_last_day_is_met():
    due, needed, _ = first_phase()
    meetings = [ENTRY + datetime.timedelta(days=10 * k) for k in range(needed - 1)] + [due]
    [item] = items(contact(meetings), "contact_process_first_phase")
    assert item["status"] == "met" and item["due"] == due.isoformat() and item["required_count"] == needed


def test_the_first_phase_a_day_late_and_missing():
    due, needed, _ = first_phase()
    early = [ENTRY + datetime.timedelta(days=10 * k) for k in range(needed - 1)]
    [item] = items(contact([*early, due + ONE_DAY]), "contact_process_first_phase")
    assert item["status"] == "late" and item["days_late"] == 1
    [item] = items(contact(early), "contact_process_first_phase")
    assert item["status"] == "missing" and item["finding"]


def test_the_interviews_of_each_later_year():
    due, needed, months = first_phase()
    per_year = int(parameter(f"lab.contact_process.meetings_per_year_after.{CONTACT_GROUP}", ENTRY.isoformat()))
    block_start = add_months(ENTRY.replace(day=1), months)
    block_due = month_end(add_months(block_start, 11).strftime("%Y-%m"))
    first = [ENTRY + datetime.timedelta(days=k) for k in range(needed)]
    year = [block_start + datetime.timedelta(days=30 * k) for k in range(per_year - 1)]
    [item] = [i for i in items(contact([*first, *year, block_due]), "contact_process_year") if i["due"] == block_due.isoformat()]
    assert item["status"] == "met" and item["required_count"] == per_year
    [item] = [i for i in items(contact([*first, *year, block_due + ONE_DAY]), "contact_process_year")
              if i["due"] == block_due.isoformat()]
    assert item["status"] == "late" and item["days_late"] == 1
    [item] = [i for i in items(contact([*first, *year]), "contact_process_year") if i["due"] == block_due.isoformat()]
    assert item["status"] == "missing" and item["held_count"] == per_year - 1


# -- plans ------------------------------------------------------------------------------------------------------

def plan_items(result, plan, regime):
    return [i for i in items(result, "plan", regime) if i["plan"] == plan]


def test_a_required_plan_made_is_met_and_one_not_made_is_missing():
    person = {"employment_target_group": "dagpenge", "benefit_start_date": "2019-01-10", "record": {"plans": []}}
    [item] = plan_items(review(history(person, "2019-02", "2019-06"), "sector_law", "en"), "plan_lab_min_plan", "sector_law")
    assert item["status"] == "missing"
    person["record"]["plans"] = [{"kind": "plan_lab_min_plan", "date": "2019-02-28"}]  # within the first month
    [item] = plan_items(review(history(person, "2019-02", "2019-06"), "sector_law", "en"), "plan_lab_min_plan", "sector_law")
    assert item["status"] == "met" and item["deadline_rule"] == "before_first_offer" and item["due"] is None  # no offer


def test_a_separate_plan_the_one_plan_replaced_is_informational():
    person = {"employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2018-01-10",
              "has_complex_problems": True, "consents_to_one_plan": True, "receives_adult_social_support": True,
              "record": {"plans": [{"kind": "one_plan", "date": "2018-02-01"},
                                   {"kind": "plan_lab_min_plan", "date": "2018-03-01"}]}}
    # BEK 1255 § 16 sets Min Plan aside in the trial for a § 2 person with complex problems (the § 141 plan, which
    # no trial text sets aside, is no example: it is owed in spring 2018 and its record is 'met')
    family = history(person, "2018-02", "2018-06", "ballerup")
    family["persons"].append({"id": "c", "role": "child", "birth_date": "2012-01-01"})
    result = review(family, "trial", "en")
    found = {i["status"] for i in plan_items(result, "plan_lab_min_plan", "trial")}
    assert found == {"met", "not_required_done"}
    assert {i["status"] for i in plan_items(result, "plan_sel_141", "trial")} == {"missing"}
    without = family["persons"][0]["record"]["plans"] = []
    assert without == []
    [item] = plan_items(review(family, "trial", "en"), "plan_lab_min_plan", "trial")
    assert item["status"] == "missing" and item["note"] == "no_plan_made"


@pytest.mark.parametrize("regime", regimes.NAMES)
def test_deadlines_list_the_paragraph_and_parameter_status(regime):
    result = offer_review([first_offer_due()]) if regime == "sector_law" else review(
        history({"employment_target_group": GROUP, "benefit_start_date": START.isoformat()}, "2019-03", "2019-12"),
        regime, "en")
    assert result["deadlines"]
    for deadline in result["deadlines"]:
        assert deadline["paragraph"] and deadline["due"]
        assert all(p["status"] in ("sourced", "seeds", "unverified") for p in deadline["parameters"])


def test_a_deadline_not_reviewed_says_why_in_the_request_language_with_a_code():
    """No benefit start date: the first offer's deadline cannot be computed — said in Danish for a Danish review,
    in English for an English one, with the same code."""
    case = history({"employment_target_group": GROUP}, "2019-03", "2019-06")
    notes = {lang: [n for n in review(case, "sector_law", lang)["notes"] if n["duty"] == "right_and_duty_first_offer"]
             for lang in ("da", "en")}
    assert [n["code"] for n in notes["da"]] == [n["code"] for n in notes["en"]] == ["no_start_date"]
    assert notes["da"][0]["note"].startswith("ingen startdato") and notes["en"][0]["note"].startswith("no benefit")


@pytest.mark.parametrize(("birth_date", "months"), [
    ("1990-01-01", 3),  # 29: LAB § 85 stk. 1, 13 weeks
    ("1988-01-01", 6),  # 31: LAB § 87, 6 months
    ("1968-01-01", 3),  # 51: LAB § 88, 13 weeks
])
def test_a_dagpenge_recipients_first_offer_falls_due_by_the_age_band_of_lab(birth_date, months):
    start = datetime.date(2019, 1, 15)
    person = {"birth_date": birth_date, "employment_target_group": "dagpenge", "benefit_start_date": start.isoformat(),
              "record": {"offers": [add_months(start, 3).isoformat()]}}
    result = review({**history(person, "2019-01", "2019-12"), "persons": [{"id": "p", **person}]}, "sector_law", "en")
    [item] = items(result, "right_and_duty_first_offer")
    assert item["due"] == add_months(start, months).isoformat()
    assert item["status"] == "met"
