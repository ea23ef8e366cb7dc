"""Every plan's deadline from its paragraph, on both sides: made on the last day is met, a day later is late by one
day; where the paragraph sets no deadline, a plan made within the first month it is required is met and one made
later is "after_required" (never "met" 17 months late). The periods are the law's words (read in the vendored texts)."""

import datetime

import pytest
from test_deadlines import history, parameter

from enplan_rules.history import duties, review
from enplan_rules.history.duties import add_months
from enplan_rules.legal import texts

ONE_DAY = datetime.timedelta(days=1)


def plan(result, kind, regime="sector_law"):
    [item] = [i for i in result["review"] if i["duty"] == "plan" and i.get("plan") == kind and i["regime"] == regime]
    return item


def child_history(made):
    """A child who receives special support from 1 February 2019 (SEL § 52): the § 140 action plan is required."""
    family = history({}, "2019-01", "2020-12")
    family["persons"].append({"id": "c", "role": "child", "birth_date": "2012-01-01",
                              "record": {"plans": [{"kind": "plan_sel_140", "date": d.isoformat()} for d in made]}})
    family["changes"] = [{"date": "2019-02-01", "person": "c", "receives_child_special_support": True}]
    return family


SEL_140_DUE = add_months(datetime.date(2019, 2, 1), 4)


def test_sel_140_a_child_plan_made_within_4_months_of_the_support_is_met():
    item = plan(review(child_history([SEL_140_DUE]), "sector_law", "en"), "plan_sel_140")
    assert item["due"] == SEL_140_DUE.isoformat() and item["status"] == "met" and item["deadline_rule"] == "period"


def test_sel_140_a_child_plan_made_a_day_after_4_months_is_one_day_late():
    item = plan(review(child_history([SEL_140_DUE + ONE_DAY]), "sector_law", "en"), "plan_sel_140")
    assert item["status"] == "late" and item["days_late"] == 1 and item["finding"]


def test_sel_140_a_child_plan_needed_from_february_2019_and_made_in_july_2020_is_late_not_met():
    item = plan(review(child_history([datetime.date(2020, 7, 15)]), "sector_law", "en"), "plan_sel_140")
    assert item["status"] == "late" and item["days_late"] == (datetime.date(2020, 7, 15) - SEL_140_DUE).days


def parent_history(made):
    """A parent whose child is placed outside the home from 1 March 2019 (SEL § 54, § 70 stk. 4)."""
    person = {"parent_of_child_in_care": False, "record": {"plans": [{"kind": "plan_sel_70", "date": d.isoformat()}
                                                                     for d in made]}}
    return history(person, "2019-01", "2019-12", changes=[{"date": "2019-03-01", "person": "p",
                                                             "parent_of_child_in_care": True}])


SEL_70_DUE = add_months(datetime.date(2019, 3, 1), 3)


@pytest.mark.parametrize(("made", "status"), [(SEL_70_DUE, "met"), (SEL_70_DUE + ONE_DAY, "late")])
def test_sel_70_stk_4_the_revision_offered_within_3_months_of_the_placement(made, status):
    item = plan(review(parent_history([made]), "sector_law", "en"), "plan_sel_70")
    assert item["due"] == SEL_70_DUE.isoformat() and item["status"] == status


START = datetime.date(2019, 3, 4)  # the first day of absence (the benefit start)


def sick_history(made):
    person = {"employment_target_group": "sygedagpenge", "sickness_benefit_category": "category_2",
              "benefit_start_date": START.isoformat(),
              "record": {"plans": [{"kind": "plan_lsd_13c", "date": d.isoformat()} for d in made]}}
    return history(person, "2019-03", "2019-12")


def lsd_13c_due():
    weeks = parameter("lsd.followup.first_followup_week", START.isoformat())
    return START + datetime.timedelta(days=7 * int(weeks) - 1)


@pytest.mark.parametrize(("days", "status"), [(0, "met"), (1, "late")])
def test_lsd_13_c_the_agreement_made_at_the_first_follow_up_by_the_end_of_week_8(days, status):
    item = plan(review(sick_history([lsd_13c_due() + datetime.timedelta(days=days)]), "sector_law", "en"),
                "plan_lsd_13c")
    assert item["due"] == lsd_13c_due().isoformat() and item["status"] == status
    assert item["deadline_rule"] == "first_followup" and item["parameters"][0]["name"] == "lsd.followup.first_followup_week"


OFFER = datetime.date(2019, 4, 10)


@pytest.mark.parametrize(("made", "status"), [(OFFER, "met"), (OFFER + ONE_DAY, "late")])
def test_lab_29_the_min_plan_made_before_the_first_offer(made, status):
    person = {"employment_target_group": "kontanthjaelp_jobparat", "benefit_start_date": "2019-01-07",
              "record": {"offers": [OFFER.isoformat()], "plans": [{"kind": "plan_lab_min_plan", "date": made.isoformat()}]}}
    item = plan(review(history(person, "2019-01", "2019-12"), "sector_law", "en"), "plan_lab_min_plan")
    assert item["due"] == OFFER.isoformat() and item["status"] == status and item["deadline_rule"] == "before_first_offer"


@pytest.mark.parametrize(("made", "status"), [("2019-02-28", "met"), ("2019-03-01", "after_required")])
def test_sel_141_the_law_sets_no_deadline_a_plan_made_after_the_first_month_is_said_so(made, status):
    person = {"receives_adult_social_support": False, "record": {"plans": [{"kind": "plan_sel_141", "date": made}]}}
    case = history(person, "2019-01", "2019-12", changes=[{"date": "2019-02-01", "person": "p",
                                                            "receives_adult_social_support": True}])
    item = plan(review(case, "sector_law", "en"), "plan_sel_141")
    assert item["due"] is None and item["deadline_rule"] == "none" and item["status"] == status
    if status == "after_required":
        assert item["days_after"] == 28 and item["finding"]


@pytest.mark.parametrize(("kind", "statute", "section"), [
    ("plan_sel_140", "sel", "§ 140"), ("plan_sel_70", "sel", "§ 70"), ("plan_lsd_13c", "lsd", "§ 13 c")])
def test_the_deadlines_are_the_words_of_the_vendored_texts(kind, statute, section):
    """The words each deadline quotes stand in every vendored version of its section."""
    rule, months, law = duties.PLAN_DEADLINES[kind]
    quoted = law.split("»")[1].split("«")[0]
    rest = [part.split("«")[0] for part in law.split("»")[2:]]
    versions = [text_id for text_id in texts.ids() if texts.document(text_id).get("statute") == statute
                and section in texts.document(text_id)["sections"]]
    assert versions
    for text_id in versions:
        sections = texts.document(text_id)["sections"]  # the words quoted from a section the deadline refers to too
        words = texts.fold(" ".join(stk for entry in sections.values() for stk in entry["stk"].values()))
        assert all(part in words for part in [quoted, *rest]), (text_id, quoted, rest)
    if months:
        assert f"{months} måneder" in quoted


def test_the_min_plan_deadline_is_the_words_of_lab_29_and_lba_41():
    """LAB § 29 stk. 1 (LBK 1342/2016, to 2019) and LBA § 41 stk. 4 (lov 548/2019, from 2020), as quoted."""
    law = duties.PLAN_DEADLINES["plan_lab_min_plan"][2]
    lab_words, lba_words = (part.split("«")[0] for part in law.split("»")[1:])
    assert texts.contains("lbk-2016-1342", "§ 29, stk. 1", lab_words)
    assert texts.contains("lov-2019-548", "§ 41, stk. 4", lba_words)


def test_a_plan_finding_names_the_plan_as_a_caseworker_does_not_the_question():
    from enplan_rules.history.report import _duty

    item = {"duty": "plan", "plan": "plan_sel_140"}
    assert _duty(item, "da") == "Plan: Barnets handleplan (SEL § 140)"
    assert _duty(item, "en") == "Plan: The child's action plan (SEL § 140)"
