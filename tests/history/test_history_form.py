"""The guided form of the history page: it builds the history document the YAML path takes (one schema, one path),
a history fills it and comes back the same, and bad input is a 422 (the form again, as on /ui/) naming the field
in the user's language."""

import glob
import os
import re

import pytest
import requests
import yaml
from test_api_history import ROOT, TIMEOUT, base  # noqa: F401 - `base` is the server fixture

from enplan_rules.history import document
from enplan_rules.history import form as guided
from enplan_rules.history.files import load
from enplan_rules.ui.form import field_id

HISTORIES = sorted(glob.glob(os.path.join(ROOT, "scenarios", "histories", "*.yaml")))


def as_form(values):
    """The form's values as the browser posts them (the inverse of `guided.read`)."""
    data = {"municipality": values["municipality"], "from": values["from"], "to": values["to"],
            "slots": str(len(values["slots"])), "changes": str(len(values["changes"]))}
    for slot, raw in enumerate(values["slots"]):
        for field in guided.PERSON_FIELDS:
            value = raw.get(field.name)
            if field.kind == "bool":
                if value:
                    data[field_id(slot, field.name)] = "on"
            elif value not in (None, ""):
                data[field_id(slot, field.name)] = str(value)
        data[f"p{slot}-plans"] = str(len(raw["plans"]))
        for row, plan in enumerate(raw["plans"]):
            data[f"p{slot}-plan{row}-kind"] = plan.get("kind", "")
            data[f"p{slot}-plan{row}-date"] = plan.get("date", "")
        for name in guided.RECORD_DATES:
            data[f"p{slot}-{name}"] = raw[name]
    for row, change in enumerate(values["changes"]):
        for key in ("date", "person", "fact", "value", "other"):
            data[f"c{row}-{key}"] = change.get(key, "")
    return data


def month_by_month(history):
    """What a history says, month by month: the facts, the record's counts, the plans and offers."""
    first, last = document.validate(history)
    months = document.months(first, last)
    record = {p["id"]: {k: sorted(map(str, v)) for k, v in p.get("record", {}).items()} for p in history["persons"]}
    return document.month_cases(history, months), record


@pytest.mark.parametrize("path", HISTORIES, ids=os.path.basename)
def test_a_worked_history_fills_the_form_and_comes_back_the_same(path):
    history = load(path, "en").history
    values = guided.read(as_form(guided.from_history(history)), "da")
    built, errors, _ = guided.to_history(values, "da")
    assert errors == {}
    assert month_by_month(built) == month_by_month(history)


FORM = {"lang": "da", "mode": "form", "slots": "2", "changes": "3", "municipality": "ballerup", "from": "2019-01",
        "to": "2020-12", "p0-id": "mor", "p0-role": "parent", "p0-birth_date": "02.03.1990",
        "p0-employment_target_group": "kontanthjaelp_jobparat", "p0-benefit_start_date": "07.01.2019",
        "p0-has_complex_problems": "yes", "p0-consents_to_one_plan": "yes", "p0-assessed_not_to_benefit_from_offers": "no",
        "p0-plans": "2", "p0-plan0-kind": "plan_lab_min_plan", "p0-plan0-date": "15.07.2020", "p0-offers": "10.04.2019",
        "p0-meetings": "10.01.2019, 05.02.2019", "p1-id": "barn", "p1-role": "child", "p1-birth_date": "01.01.2012",
        "p1-plans": "2", "c0-date": "01.02.2019", "c0-person": "barn", "c0-fact": "receives_child_special_support",
        "c0-value": "yes", "c1-date": "01.03.2020", "c1-person": "mor", "c1-fact": "employment_target_group",
        "c1-value": "employment_target_group:ressourceforloeb", "action": "review"}


def findings_section(html):
    found = re.search(r'<section id="findings".*?</section>', html, re.S)
    assert found, html[:3000]
    return found.group(0)


def test_the_form_and_its_yaml_are_one_path_with_the_same_findings(base):  # noqa: F811
    form = requests.post(f"{base}/history/?lang=da", data=FORM, timeout=TIMEOUT)
    assert form.status_code == 200
    built, errors, _ = guided.to_history(guided.read(FORM, "da"), "da")
    assert errors == {} and built["changes"][1] == {"date": "2020-03-01", "person": "mor",
                                                    "employment_target_group": "ressourceforloeb"}
    text = yaml.safe_dump(built, allow_unicode=True, sort_keys=False)
    pasted = requests.post(f"{base}/history/?lang=da", data={"lang": "da", "history": text, "action": "review"},
                           timeout=TIMEOUT)
    assert pasted.status_code == 200
    assert findings_section(form.text) == findings_section(pasted.text)
    # a plan needed from the first offer (LAB § 29 stk. 1) and made 15 months later is late, in days; the child's
    # § 140 plan (SEL § 140 stk. 1: within 4 months of the support) is missing with its due date
    assert "462 dage for sent" in form.text and "frist 01.06.2019" in form.text


@pytest.mark.parametrize(("lang", "changes", "words"), [
    ("da", {"p0-birth_date": "1990-13-45"}, ("Person 1, Fødselsdato", "dd.mm.åååå")),
    ("en", {"p0-birth_date": "31.02.1990"}, ("Person 1, Date of birth", "dd.mm.yyyy")),
    ("da", {"c0-date": "32.13.2019"}, ("Ændring 1, Fra dato", "dd.mm.åååå")),
    ("en", {"c0-value": "employment_target_group:nope"}, ("Change 1, New value", "choose a value")),
    ("da", {"c0-fact": "cpr_number"}, ("Ændring 1, Oplysning", "vælg hvilken oplysning")),
    ("da", {"p0-meetings": "10.01.2019 igår"}, ("Person 1, Samtaler holdt", "igår")),
    ("en", {"p0-plan0-kind": "plan_of_my_own"}, ("Person 1", "invalid value")),
    ("da", {"p0-plan0-kind": ""}, ("Person 1, planer lavet 1, Plan", "vælg planen")),
    ("da", {"municipality": ""}, ("Kommune", "feltet mangler")),
    ("en", {"p0-id": "mor mor"}, ("Person 1, Label", "wrong format")),
    ("da", {"from": "2021-01"}, ("Sidste måned", "første måned ligger efter sidste måned")),
    ("da", {"c0-person": "ukendt"}, ("Ændring 1, Person", "ukendt person")),
    ("en", {"slots": "x", "changes": "-4", "p0-plans": "999999"}, None),
])
def test_bad_input_is_a_422_naming_the_field_in_the_users_language(base, lang, changes, words):  # noqa: F811
    response = requests.post(f"{base}/history/?lang={lang}", data={**FORM, "lang": lang, **changes}, timeout=TIMEOUT)
    if words is None:  # nonsense counts are read as bounds, never a 500
        assert response.status_code in (200, 422)
        return
    assert response.status_code == 422, response.text[:2000]
    summary = re.search(r'<div class="error-summary".*?</div>', response.text, re.S).group(0)
    assert all(word in summary for word in words), summary


def test_rows_are_added_without_javascript(base):  # noqa: F811
    data = {**FORM, "action": "add_change"}
    page = requests.post(f"{base}/history/?lang=da", data=data, timeout=TIMEOUT).text
    assert 'id="c3-date"' in page and 'value="01.02.2019"' in page  # a fourth row, the first kept
    page = requests.post(f"{base}/history/?lang=da", data={**FORM, "action": "add_plan:1"}, timeout=TIMEOUT).text
    assert 'id="p1-plan2-kind"' in page
    page = requests.post(f"{base}/history/?lang=da", data={**FORM, "action": "add_person"}, timeout=TIMEOUT).text
    assert 'id="p2-id"' in page


def test_a_case_with_meetings_held_starts_a_valid_history():
    """A case from /ui/ gives its meetings held as a count; a history counts them from its record, so the history it
    starts (the YAML and the form) leaves the count out and validates."""
    from enplan_rules.history.page import history_from_case
    from enplan_rules.scenarios import load as load_scenario

    case = load_scenario(os.path.join(ROOT, "scenarios", "ballerup-family.yaml")).case
    case["persons"][0]["meetings_held"] = 2
    history = yaml.safe_load(history_from_case(case, "da"))
    history.pop("title")
    document.validate(history)
    built, errors, _ = guided.to_history(guided.read(as_form(guided.from_history(history)), "da"), "da")
    assert errors == {} and document.validate(built) and "meetings_held" not in built["persons"][0]


def test_every_plan_a_record_can_hold_is_named_in_both_languages():
    kinds = [kind for kind, _ in guided.plan_kinds("da")]
    assert set(kinds) == set(guided.PLAN_NAMES) and len(kinds) == 12
    for lang in ("da", "en"):
        assert all("_" not in words and "?" not in words for _, words in guided.plan_kinds(lang))
