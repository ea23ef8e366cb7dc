"""Every worked example in scenarios/ meets its expectations; the scenario format reports errors by file and line."""

import glob
import json
import os

import pytest

from enplan_rules.legal import register
from enplan_rules.scenarios import ScenarioError, load, parse, run
from enplan_rules.scenarios.report import as_json, render

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))
REQUIRED = {  # the worked examples the issue asks for, by the file that holds each
    "mayors' letter": "mayors-letter.yaml",
    "Ballerup family": "ballerup-family.yaml",
    "Frederikssund youth": "frederikssund-youth.yaml",
    "Hillerød youth": "hilleroed-youth.yaml",
    "Hillerød ressourceforløb": "hilleroed-ressourceforloeb.yaml",
    "Furesø adult": "furesoe-adult.yaml",
    "Helsingør brain injury before 1 Oct 2018": "helsingoer-brain-injury-september-2018.yaml",
    "Helsingør brain injury after 1 Oct 2018": "helsingoer-brain-injury-november-2018.yaml",
    "outside the trial period": "ballerup-family-before-the-trial.yaml",
}


def test_the_required_worked_examples_exist():
    names = {os.path.basename(path) for path in SCENARIOS}
    assert set(REQUIRED.values()) <= names


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_scenario_meets_its_expectations(path):
    scenario = load(path)
    assert scenario.title and scenario.source and scenario.description
    outcome = run(scenario)
    unmet = [o for o in outcome["outcomes"] if not o["met"]]
    assert not unmet, unmet
    assert len(outcome["outcomes"]) >= 8, "a worked example states its expected answers"


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_scenario_reports_in_every_format_and_language(path):
    scenario = load(path, "en")
    for regime in ("trial", "all"):
        outcome = run(scenario, regime, "en")
        text = render(scenario, outcome, "en", "text")
        assert "https://www.retsinformation.dk/" in text
        assert "request sha256" in text
        markdown = render(scenario, outcome, "en", "markdown")
        assert "](https://www.retsinformation.dk/" in markdown
        document = json.loads(json.dumps(as_json(scenario, outcome)))
        assert document["status"] == "ok"


CASE = """\
title: test
municipality: ballerup
month: "2019-03"
persons:
  - id: mother
    birth_date: 1988-05-01
    employment_target_group: uddannelseshjaelp_aktivitetsparat
    has_complex_problems: true
    consents_to_one_plan: true
    receives_adult_social_support: true
  - id: child
    role: child
    birth_date: 2012-01-01
    receives_child_special_support: true
"""
# the same case with the judgements its answers turn on recorded
RECORDED = CASE.replace("    receives_adult_social_support: true\n", "    receives_adult_social_support: true\n"
                        "    municipality_offers_holistic_plan: true\n    has_coordination_need: true\n"
                        "    municipality_uses_exemption_lab_min_plan: true\n").replace(
    "    receives_child_special_support: true\n",
    "    receives_child_special_support: true\n    parental_authority_consents_to_holistic_plan: false\n")


def error_of(text, path="x.yaml"):
    with pytest.raises(ScenarioError) as raised:
        parse(text, path, "en")
    return raised.value.errors[0]


def test_unquoted_dates_stay_dates_as_text():
    scenario = parse(CASE)
    assert scenario.case["persons"][0]["birth_date"] == "1988-05-01"
    assert "title" not in scenario.case


@pytest.mark.parametrize("old, new, line, field", [
    ("birth_date: 2012-01-01", "birth_date: 2012-02-30", 13, "persons/1/birth_date"),
    ("birth_date: 2012-01-01", "birth_date: 2019-06-01", 13, "persons/1/birth_date"),
    ("    has_complex_problems: true", "    has_complex_problems: yes please", 8, "persons/0/has_complex_problems"),
    ("  - id: mother", "  - id: mother\n    name: Hanne", 6, "persons/0/name"),
    ("title: test", "titel: test", 1, "titel"),
    ("municipality: ballerup", "municipality: copenhagen", 2, "municipality"),
    ("municipality: ballerup\n", "", 1, "municipality"),
    ('month: "2019-03"', 'month: "2019-13"', 3, "month"),
    ("  - id: child", "  - id: mother", 11, "persons/1/id"),
    ("    role: child", "    role: child\n    role: parent", 13, "persons/1/role"),
])
def test_an_invalid_scenario_names_file_line_and_field(old, new, line, field):
    assert old in CASE
    error = error_of(CASE.replace(old, new, 1))
    assert (error["file"], error["line"], error["field"]) == ("x.yaml", line, field), error
    assert error["message"]


@pytest.mark.parametrize("expect, line, field", [
    ("expect:\n  trail: {}\n", 16, "expect/trail"),
    ("expect:\n  trial:\n    father: {in_trial: true}\n", 17, "expect/trial/father"),
    ("expect:\n  trial:\n    mother:\n      plan_sel_142: true\n", 18, "expect/trial/mother/plan_sel_142"),
    ("expect:\n  trial:\n    mother:\n      plan_sel_141: nej\n", 18, "expect/trial/mother/plan_sel_141"),
    ("expect:\n  trial:\n    mother:\n      ordinary_meetings: true\n", 18, "expect/trial/mother/ordinary_meetings"),
    ("expect:\n  all:\n    child:\n      ambiguities: [R1, R99]\n", 18, "expect/all/child/ambiguities/1"),
    ("expect:\n  all:\n    child:\n      plan_sel_140: {answr: true}\n", 18, "expect/all/child/plan_sel_140/answr"),
    ("expect:\n  all:\n    child:\n      plan_sel_140: {unverified: maybe}\n", 18, "expect/all/child/plan_sel_140/unverified"),
    ("regime: everything\n", 15, "regime"),
])
def test_an_invalid_expect_block_names_its_line(expect, line, field):
    error = error_of(CASE + expect)
    assert (error["line"], error["field"]) == (line, field), error


def test_yaml_problems_are_one_line_errors():
    assert error_of("municipality: [ballerup\n")["line"] == 2
    assert "several" in error_of(CASE + "---\n" + CASE)["message"]
    assert error_of("")["message"] == "the file is empty"
    assert error_of("- a\n- b\n")["line"] == 1
    with pytest.raises(ScenarioError) as raised:
        load(os.path.join(ROOT, "scenarios", "does-not-exist.yaml"), "en")
    assert "cannot be read" in str(raised.value)


def test_expectations_check_answers_flags_and_unverified_values():
    scenario = parse(RECORDED + """expect:
  trial:
    mother:
      plan_sel_141: true
      plan_lab_min_plan: {answer: false, unverified: true}
      ambiguities: [R8]
      no_ambiguities: [R3]
    child:
      plan_sel_140: {answer: true, ambiguities: [R1], no_ambiguities: [R2]}
""")
    outcomes = {(o["person"], o["question"], o["check"]): o for o in run(scenario)["outcomes"]}
    assert outcomes[("mother", "plan_sel_141", "answer")]["met"] is False
    assert outcomes[("mother", "plan_sel_141", "answer")]["actual"] is False
    assert outcomes[("mother", "plan_lab_min_plan", "answer")]["met"] is True
    assert outcomes[("mother", "plan_lab_min_plan", "unverified")]["met"] is False
    assert outcomes[("mother", "", "ambiguities")]["met"] is False
    assert outcomes[("mother", "", "no_ambiguities")]["met"] is False  # R3 is flagged on § 141
    assert outcomes[("child", "plan_sel_140", "ambiguities")]["met"] is True
    assert outcomes[("child", "plan_sel_140", "no_ambiguities")]["met"] is True
    assert all(o["line"] for o in outcomes.values())


def test_expect_all_checks_every_regime():
    scenario = parse(CASE + "expect:\n  all:\n    mother:\n      plan_sel_141: true\n")
    outcomes = run(scenario)["outcomes"]
    assert [(o["regime"], o["met"]) for o in outcomes] == [
        ("sector_law", True), ("one_plan_law", False), ("trial", False)]


def test_register_ids_in_the_scenarios_exist():
    known = set(register.by_id())
    for path in SCENARIOS:
        with open(path, encoding="utf-8") as file:
            text = file.read()
        for token in ("R1", "R3", "R7", "R8", "U1", "U3"):
            if f"[{token}" in text or f" {token}]" in text:
                assert token in known
