"""A benefit start after the month asked is refused, naming the field in the request's language: on /check,
/check/compare, the page and `enplan check` (once answered as if the person had entered the target group). In a
case history it is no contradiction — a start dated after a month means "not yet on the benefit" that month — so
a history's month cases go through."""

import argparse
import base64
import io
import json
import zlib

import pytest
from werkzeug.test import Client

from enplan_rules.api.app import create_app
from enplan_rules.case import CaseError, validate
from enplan_rules.history import review
from enplan_rules.scenarios import cli as scenarios_cli
from enplan_rules.ui import create_app as create_page

FIELD = "/persons/0/benefit_start_date"
SAYS = {"da": "personen kom i målgruppen efter den måned, der spørges om",
        "en": "the person entered the target group after the month asked about"}


def case(start="2019-04-02", **asked):
    return {"municipality": "ballerup", **(asked or {"month": "2019-03"}),
            "persons": [{"id": "a", "role": "parent", "birth_date": "1980-01-01",
                         "employment_target_group": "kontanthjaelp_jobparat", "benefit_start_date": start}]}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_case_validation_names_the_field(lang):
    with pytest.raises(CaseError) as refused:
        validate(case(), lang)
    [error] = refused.value.errors
    assert error["pointer"] == FIELD and error["message"] == SAYS[lang]
    assert {"da": "senest i marts 2019", "en": "in March 2019 or before"}[lang] in error["expected"]  # the month in words


def test_a_start_in_the_month_asked_or_before_it_is_taken():
    for start in ("2019-03-31", "2019-03-01", "2015-01-01"):
        assert validate(case(start), "en") == "2019-03"
    assert validate(case("2019-03-20", date="2019-03-10"), "en") == "2019-03"  # a day: the month counts
    with pytest.raises(CaseError):
        validate(case("2019-04-01", date="2019-03-10"), "en")


@pytest.fixture(scope="module")
def api():
    return Client(create_app())


@pytest.mark.parametrize("path", ["/check", "/check/compare"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_api_answers_400_naming_the_field(api, path, lang):
    response = api.post(f"{path}?lang={lang}", data=json.dumps(case()), content_type="application/json")
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert FIELD in json.dumps(body) and SAYS[lang] in json.dumps(body, ensure_ascii=False)


def link(document):
    text = json.dumps(document)
    return base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).decode().rstrip("=")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_page_shows_the_refusal_at_the_field(lang):
    response = Client(create_page()).get(f"/?lang={lang}&case={link(case())}")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert SAYS[lang] in html and 'id="p0-benefit_start_date-error"' in html


def test_enplan_check_exits_with_its_input_error_code(tmp_path):
    scenario = tmp_path / "late-start.yaml"
    scenario.write_text(
        "title: a start after the month\nregime: trial\nmunicipality: ballerup\nmonth: \"2019-03\"\n"
        "persons:\n  - id: a\n    birth_date: \"1980-01-01\"\n    employment_target_group: kontanthjaelp_jobparat\n"
        "    benefit_start_date: \"2019-05-01\"\nexpect:\n  trial:\n    a:\n      plan_lab_min_plan: false\n",
        encoding="utf-8")
    parser = argparse.ArgumentParser()
    scenarios_cli.add_arguments(parser)
    out, err = io.StringIO(), io.StringIO()
    status = scenarios_cli.run(parser.parse_args([str(scenario), "--lang", "en"]), out, err)
    assert status == scenarios_cli.EXIT_INVALID
    assert "benefit_start_date" in err.getvalue() and SAYS["en"] in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_a_history_may_start_the_benefit_after_its_first_months():
    history = {"municipality": "ballerup", "from": "2019-01", "to": "2019-04",
               "persons": [{"id": "a", "role": "parent", "birth_date": "1980-01-01",
                            "employment_target_group": "kontanthjaelp_jobparat", "benefit_start_date": "2019-03-04"}]}
    result = review(history, "trial", "en")
    assert result["timeline"]["months"] == ["2019-01", "2019-02", "2019-03", "2019-04"]
