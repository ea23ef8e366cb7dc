"""The timeline of any history equals, month by month, what `check` answers for that month's facts; and its change
points are exactly the months whose answer differs from the month before (property tests over generated histories).
"""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enplan_rules import regimes
from enplan_rules.answers import check
from enplan_rules.answers.unrecorded import at_defaults
from enplan_rules.history import document, timeline
from enplan_rules.history.document import changeable_facts, load_history_schema

PERSON_SCHEMA = load_history_schema()["properties"]["persons"]["items"]["properties"]
MUNICIPALITIES = load_history_schema()["properties"]["municipality"]["enum"]


def _dates(low, high):
    return st.dates(min_value=low, max_value=high).map(datetime.date.isoformat)


def _fact_value(name):
    schema = PERSON_SCHEMA[name]
    types = schema.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if "enum" in schema:  # a known value (unknown facts, null, are the contingent answers' subject)
        return st.sampled_from([value for value in schema["enum"] if value is not None])
    if "boolean" in types:
        return st.booleans()
    if "integer" in types:
        return st.integers(0, 4)
    return _dates(datetime.date(2016, 1, 1), datetime.date(2020, 12, 31))


FACTS = changeable_facts()


RECORDED = at_defaults({"persons": [{"id": "p"}]})["persons"][0]


@st.composite
def histories(draw):
    start = draw(st.dates(min_value=datetime.date(2017, 6, 1), max_value=datetime.date(2020, 9, 1)))
    length = draw(st.integers(2, 7))
    first = f"{start.year:04d}-{start.month:02d}"
    last = document.months(first, "2021-12")[length - 1]
    persons = []
    count = draw(st.integers(1, 3))
    for index in range(count):
        role = "parent" if index == 0 else draw(st.sampled_from(["parent", "child"]))
        if role == "parent" and sum(p["role"] == "parent" for p in persons) >= 2:
            role = "child"
        born = draw(_dates(datetime.date(1955, 1, 1) if role == "parent" else datetime.date(2001, 1, 1),
                           datetime.date(2000, 12, 31) if role == "parent" else start.replace(day=1)))
        # the judgements recorded (at their documented defaults, some drawn below): unrecorded ones make a month
        # depend on them, which tests/case covers; here the timeline is compared with the case path month by month
        person = {**RECORDED, "id": f"p{index}", "role": role, "birth_date": born}
        for name in draw(st.lists(st.sampled_from(FACTS), max_size=6, unique=True)):
            person[name] = draw(_fact_value(name))
        if draw(st.booleans()):
            person["en_plan_start_date"] = draw(_dates(datetime.date(2017, 1, 1), datetime.date(2020, 12, 31)))
        if draw(st.booleans()):
            person["record"] = {"meetings": draw(st.lists(_dates(start, start + datetime.timedelta(days=200)), max_size=4))}
        persons.append(person)
    changes = []
    for _ in range(draw(st.integers(0, 5))):
        date = draw(_dates(start - datetime.timedelta(days=60), start + datetime.timedelta(days=31 * length)))
        if draw(st.integers(0, 4)) == 0:
            changes.append({"date": date, "municipality": draw(st.sampled_from(MUNICIPALITIES))})
            continue
        change = {"date": date, "person": draw(st.sampled_from([p["id"] for p in persons]))}
        for name in draw(st.lists(st.sampled_from(FACTS), min_size=1, max_size=3, unique=True)):
            change[name] = draw(_fact_value(name))
        changes.append(change)
    return {"municipality": draw(st.sampled_from(MUNICIPALITIES)), "from": first, "to": last,
            "persons": persons, "changes": changes}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(histories(), st.sampled_from(regimes.NAMES))
def test_the_timeline_equals_check_month_by_month(history, regime):
    first, last = document.validate(history, "en")
    month_list = document.months(first, last)
    cases = document.month_cases(history, month_list)
    line = timeline.RegimeTimeline(history, regime, month_list, cases)
    for month in month_list:
        answered = check(cases[month], regime, "en", month_of_history=True)
        for person_id, person in answered["persons"].items():
            for question_id, answer in person["answers"].items():
                assert line.values[month][person_id][question_id] == answer["value"], (month, person_id, question_id)
                ambiguities, unverified = line.flags[month][person_id][question_id]
                assert list(ambiguities) == sorted(a["id"] for a in answer["ambiguities"]), (month, question_id)
                assert unverified == bool(answer["unverified_parameters"]), (month, question_id)
    # change points: each listed month differs from the one before, and every such month is listed
    listed = {(m, p, q): (before, after) for m, p, q, before, after in line.change_points()}
    for previous, month in zip(month_list, month_list[1:], strict=False):
        for person_id in line.ids:
            for question_id, value in line.values[month][person_id].items():
                before = line.values[previous][person_id][question_id]
                if before != value:
                    assert listed.pop((month, person_id, question_id)) == (before, value)
    assert not listed


@settings(max_examples=40, deadline=None)
@given(histories())
def test_the_facts_of_a_month_are_the_last_change_on_or_before_its_end(history):
    first, last = document.validate(history, "en")
    month_list = document.months(first, last)
    states = document.facts_by_month(history, month_list)
    for month in month_list:
        municipality, facts = states[month]
        moves = [c for c in history["changes"] if "municipality" in c and c["date"][:7] <= month]
        expected = sorted(moves, key=lambda c: c["date"])[-1]["municipality"] if moves else history["municipality"]
        assert municipality == expected
        for person in history["persons"]:
            for name in FACTS:
                dated = [(c["date"], i, c) for i, c in enumerate(history["changes"])
                         if c.get("person") == person["id"] and c["date"][:7] <= month
                         and (name in c or (name == "benefit_start_date" and "employment_target_group" in c))]
                if dated:
                    change = sorted(dated, key=lambda item: item[:2])[-1][2]
                    want = change.get(name, change["date"])
                    assert facts[person["id"]][name] == want
                elif name in person:
                    assert facts[person["id"]][name] == person[name]
                else:
                    assert name not in facts[person["id"]]


PLAN_KINDS = PERSON_SCHEMA["record"]["properties"]["plans"]["items"]["properties"]["kind"]["enum"]


@st.composite
def histories_with_records(draw):
    history = draw(histories())
    any_date = _dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31))  # every date a history takes (not 0001, 9999)
    near = _dates(datetime.date(2015, 1, 1), datetime.date(2021, 12, 31))
    for person in history["persons"]:
        if draw(st.booleans()):  # a fact of the case schema: dates 1900–2030, as /check takes them
            person["benefit_start_date"] = draw(st.one_of(_dates(datetime.date(1900, 1, 1), datetime.date(2030, 12, 31)), near))
        dates = st.lists(st.one_of(any_date, near), max_size=5)
        person["record"] = {
            "meetings": draw(dates), "offers": draw(dates), "followups": draw(dates),
            "plans": [{"kind": draw(st.sampled_from(PLAN_KINDS)), "date": d} for d in draw(dates)],
        }
    return history


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(histories_with_records(), st.sampled_from(["all", *regimes.NAMES]))
def test_any_valid_history_is_reviewed_without_error(history, regime):
    from enplan_rules.history import review

    result = review(history, regime, "en")
    for item in result["review"]:
        assert item["status"] in ("met", "late", "missing", "not_required_done", "depends", "after_required")
        assert item["finding"] == (item["status"] in ("late", "missing", "depends", "after_required"))
        if item["status"] == "late":
            assert item["days_late"] > 0
        if item.get("due") and item["status"] == "met" and item["duty"] != "plan":
            assert all(d <= item["due"] for d in item["done"])


def test_where_check_answers_otherwise_the_timeline_follows_check(monkeypatch):
    """E.g. a contingent answer ("depends") the simulation does not compute: every month then comes from check."""
    from enplan_rules.history import review
    from enplan_rules.history import timeline as timeline_module

    history = {"municipality": "hilleroed", "from": "2019-11", "to": "2020-02",
               "persons": [{**RECORDED, "id": "y", "birth_date": "1995-06-10",
                            "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
                            "benefit_start_date": "2019-11-04", "has_complex_problems": True, "consents_to_one_plan": True}]}
    assert review(history, "trial", "en")["timeline"]["regimes"]["trial"]["computed_by"] == "simulation"
    real = timeline_module.check

    def contingent(case, regime, lang, variant, month_of_history):
        result = real(case, regime, lang, variant, month_of_history=month_of_history)
        if case["month"] >= "2020-01":
            result["persons"]["y"]["answers"]["right_and_duty_offer"].update(
                status="depends", value=None, answer_text="Yes, unless the citizen does not consent")
        return result

    monkeypatch.setattr(timeline_module, "check", contingent)
    line = review(history, "trial", "en")["timeline"]["regimes"]["trial"]
    assert line["computed_by"] == "check"
    assert [(m["persons"]["y"]["right_and_duty_offer"]["status"], m["persons"]["y"]["right_and_duty_offer"]["value"])
            for m in line["months"]] == [("no", False), ("yes", True), ("depends", None), ("depends", None)]
    assert line["months"][2]["persons"]["y"]["right_and_duty_offer"]["answer_text"] == (
        "Yes, unless the citizen does not consent")
    assert [(p["month"], p["status"], p["to"], p["answer_text"]) for p in line["change_points"]
            if p["question_id"] == "right_and_duty_offer"] == [
        ("2019-12", "yes", True, "Yes"), ("2020-01", "depends", None, "Yes, unless the citizen does not consent")]
