"""Contingent answers where people read them: the `enplan check` report prints a line per dependency."""

from enplan_rules.answers import check
from enplan_rules.answers.render import dependency_lines
from enplan_rules.scenarios import parse, run
from enplan_rules.scenarios.report import render

CASE = {
    "municipality": "hilleroed", "month": "2019-03",
    "persons": [{"id": "youth", "birth_date": "1996-04-20", "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
                 "benefit_start_date": "2018-06-10", "has_complex_problems": True, "consents_to_one_plan": True}],
}


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
