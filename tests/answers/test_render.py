"""Contingent answers where people read them: the `enplan check` report prints a line per dependency."""

from enplan_rules.answers import check
from enplan_rules.answers.render import branch_lines, dependency_lines
from enplan_rules.answers.unrecorded import at_defaults
from enplan_rules.scenarios import parse, run
from enplan_rules.scenarios.report import render

CASE = at_defaults({
    "municipality": "hilleroed", "month": "2019-03",
    "persons": [{"id": "youth", "birth_date": "1996-04-20", "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
                 "benefit_start_date": "2018-06-10", "has_complex_problems": True, "consents_to_one_plan": True,
                 "assessed_not_to_benefit_from_offers": False}],
})


def test_a_dependency_reads_as_who_decides_the_condition_and_the_answer_there():
    answer = check(CASE, "trial", "da")["persons"]["youth"]["answers"]["right_and_duty_offer"]
    assert ("Afhænger af sagsbehandleren: hvis en faglig vurdering finder, at borgeren ikke vil have gavn af "
            "tilbuddene → Nej") in dependency_lines(answer, "da")
    english = check(CASE, "trial", "en")["persons"]["youth"]["answers"]["right_and_duty_offer"]
    assert ("Depends on the caseworker: if a professional assessment finds the citizen will not benefit from the "
            "offers → No") in dependency_lines(english, "en")


def test_the_check_report_prints_the_dependencies():
    import yaml

    scenario = parse(yaml.safe_dump(CASE, allow_unicode=True), "da", "case.yaml")
    outcome = run(scenario, "trial", "da")
    report = render(scenario, outcome, "da", "text")
    assert "Afhænger af sagsbehandleren: hvis en faglig vurdering" in report


UNKNOWN = """\
title: Samtykke og kommunens tilbud ikke oplyst
municipality: other
month: 2019-03
persons:
  - id: adult
    employment_target_group: kontanthjaelp_aktivitetsparat
    benefit_start_date: 2018-01-01
    has_complex_problems: true
    consents_to_one_plan: null
    municipality_offers_holistic_plan: null
    receives_adult_social_support: true
    has_coordination_need: true
"""
SENTENCE = "Ja, medmindre kommunen tilbyder en helhedsorienteret plan og borgeren samtykker"
YES_BRANCH = ("Ja, hvis borgeren ikke samtykker eller kommunen ikke tilbyder en helhedsorienteret plan: borgeren er i "
              "en målgruppe efter LAB § 2, der skal have »Min Plan«; ingen helhedsorienteret plan træder i stedet")
NO_BRANCH = ("Nej, hvis kommunen tilbyder en helhedsorienteret plan og borgeren samtykker: borgeren er i en målgruppe "
             "efter LAB § 2, der skal have »Min Plan«; en helhedsorienteret plan træder i stedet (LAB § 30 b)")


def _enplan_check(tmp_path, *args):
    import io

    from enplan_rules import cli

    path = tmp_path / "unknown.yaml"
    path.write_text(UNKNOWN, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.main(["check", str(path), *args])
        except SystemExit:
            pass
    return out.getvalue()


def test_enplan_check_prints_a_depends_answer_as_its_sentence_with_each_branch_and_its_reasoning(tmp_path):
    for fmt in ("text", "markdown"):
        report = _enplan_check(tmp_path, "--regime", "one_plan_law", "--format", fmt)
        assert f"Svar: {SENTENCE}\n" in report or f"— **{SENTENCE}**" in report, fmt
        assert YES_BRANCH in report and NO_BRANCH in report, fmt
        assert "Svar: Afhænger af\n" not in report
    side_by_side = _enplan_check(tmp_path, "--regime", "all", "--format", "markdown")
    assert f"| **Ja** | **{SENTENCE}** | **{SENTENCE}** |" in side_by_side  # sector law knows no holistic plan
    assert f"Lov om én plan: {NO_BRANCH}" in side_by_side


def test_enplan_check_json_carries_the_status_the_sentence_and_the_branches(tmp_path):
    import json

    report = json.loads(_enplan_check(tmp_path, "--regime", "one_plan_law", "--format", "json"))
    answer = report["scenarios"][0]["result"]["persons"]["adult"]["answers"]["plan_lab_min_plan"]
    assert (answer["status"], answer["value"], answer["answer_text"]) == ("depends", None, SENTENCE)
    assert {(b["value"], b["default"]) for b in answer["branches"]} == {(True, True), (False, False)}
    assert all(b["reasoning"] for b in answer["branches"])


def test_the_history_report_prints_a_depends_answer_as_its_sentence_with_its_branches():
    import copy
    import os

    from enplan_rules.history import review
    from enplan_rules.history.files import load
    from enplan_rules.history.report import render as history_render

    root = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
    history = copy.deepcopy(load(os.path.join(root, "scenarios", "histories", "ballerup-family-whole-trial.yaml"),
                                 "da").history)
    history["persons"][0]["consents_to_one_plan"] = None
    result = review(history, "trial", "da")
    points = [p for p in result["timeline"]["regimes"]["trial"]["change_points"] if p["status"] == "depends"]
    assert points, "a change point into a depends-answer"
    report = history_render(result, "da")
    for point in points:
        assert point["value"] is None and point["answer_text"][:3] in ("Ja,", "Nej")
        assert f"{point['from_text']} → {point['answer_text']}" in report
        assert all(line in report for line in branch_lines(point, "da"))
    months = result["timeline"]["regimes"]["trial"]["months"]
    statuses = {a["status"] for m in months for answers in m["persons"].values() for a in answers.values()}
    assert "depends" in statuses
    assert all(a["value"] is None for m in months for answers in m["persons"].values() for a in answers.values()
               if a["status"] == "depends")
