"""The three texts of the One Plan law are selectable in scenario files, `enplan check` and the page."""

import io
import sys

import pytest

from enplan_rules import cli
from enplan_rules.scenarios import parse
from enplan_rules.scenarios import run as run_scenario
from enplan_rules.ui import create_app

# A silent citizen (neither consent nor refusal) with two plans: the consultation draft makes the holistic plan
# unless the person refuses; L 232 as tabled and lov 707 need consent.
SCENARIO = """
title: "A silent citizen with Min Plan and a § 141 plan, outside the network (March 2019)"
regime: one_plan_law
municipality: other
month: "2019-03"
persons:
  - id: citizen
    employment_target_group: kontanthjaelp_aktivitetsparat
    receives_adult_social_support: true
    has_complex_problems: true
    consents_to_one_plan: false  # silent: neither consent
    refuses_one_plan: false  # nor refusal
    municipality_offers_holistic_plan: true
    has_coordination_need: true
"""


def test_the_scenario_file_names_its_version_and_the_answer_follows_it(tmp_path):
    draft = parse(SCENARIO + "one_plan_law_variant: consultation_draft\n", "draft.yaml", "en")
    enacted = parse(SCENARIO, "enacted.yaml", "en")
    answer = lambda outcome: outcome["result"]["persons"]["citizen"]["answers"]["plan_lab_min_plan"]["value"]  # noqa: E731
    assert answer(run_scenario(draft)) is False
    assert answer(run_scenario(enacted)) is True
    assert answer(run_scenario(enacted, one_plan_law_variant="consultation_draft")) is False
    assert run_scenario(draft)["result"]["receipt"]["one_plan_law_variant"] == "consultation_draft"


def _enplan(*args):
    out, err = io.StringIO(), io.StringIO()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = cli.main(["check", *args])
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("variant", "expected"), [("consultation_draft", "Nej"), ("tabled_bill", "Ja"), ("enacted", "Ja")])
def test_enplan_check_takes_the_version_on_the_command_line(tmp_path, variant, expected):
    path = tmp_path / "case.yaml"
    required = "true" if expected == "Ja" else "false"
    path.write_text(SCENARIO + f"expect:\n  one_plan_law:\n    citizen:\n      plan_lab_min_plan: {required}\n",
                    encoding="utf-8")
    status, out, err = _enplan(str(path), "--one-plan-law-variant", variant, "--format", "json")
    assert status == 0, (out, err)


def test_an_unknown_version_in_a_scenario_file_is_refused_at_its_line(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO + "one_plan_law_variant: draft\n", encoding="utf-8")
    status, _out, err = _enplan(str(path))
    assert status == 2
    assert "one_plan_law_variant" in err and "case.yaml:" in err


def test_the_page_answers_under_the_version_chosen_and_keeps_it_in_the_link():
    client = create_app().test_client()
    base = "http://127.0.0.1/ui/"
    page = client.get("/?lang=en", base_url=base).get_data(as_text=True)
    assert 'name="version"' in page and "consultation_draft" in page
    form = {"lang": "en", "municipality": "other", "month": "2019-03", "version": "consultation_draft",
            "p0-id": "citizen", "p0-role": "parent", "p0-employment_target_group": "kontanthjaelp_aktivitetsparat",
            "p0-receives_adult_social_support": "yes", "p0-has_complex_problems": "yes", "action": "answers"}
    response = client.post("/", data=form, base_url=base)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    assert "version=consultation_draft" in response.headers["Location"]
    location = response.headers["Location"]
    assert location.startswith("/ui/?")
    answers = client.get(location[len("/ui"):], base_url=base).get_data(as_text=True)
    assert "Consultation draft (February 2018)" in answers
    assert 'name="version" value="consultation_draft"' in answers  # the download and the case note keep it
