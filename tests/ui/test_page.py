"""The page without a browser: the form, the answers (the same as the case path's), errors at their fields."""

import copy
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ui_helpers import form_data, parse_page

from enplan_rules import regimes
from enplan_rules.case import compare
from enplan_rules.scenarios import load, parse
from enplan_rules.ui import create_app

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def client():
    app = create_app()
    return app.test_client()


BASE = "http://127.0.0.1/ui/"  # mounted at /ui, as in `enplan serve`


def post(client, data, path="/"):
    return client.post(path, data=data, base_url=BASE)


def get(client, path="/"):
    return client.get(path, base_url=BASE)


def scenario_case(name):
    return load(os.path.join(ROOT, "scenarios", name)).case


def test_the_form_is_danish_by_default_and_english_on_request(client):
    da = get(client).get_data(as_text=True)
    assert '<html lang="da">' in da and "Vis svarene" in da
    en = get(client, "/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in en and "Show the answers" in en
    assert 'href="/ui/?lang=da"' in en


def test_urls_are_relative_to_the_mount_point(client):
    html = get(client).get_data(as_text=True)
    assert 'action="/ui/#results"' in html
    assert 'href="/ui/static/ui.css"' in html and 'src="/ui/static/ui.js"' in html
    assert get(client, "/static/ui.css").status_code == 200


def test_every_control_has_a_label_and_fields_are_grouped(client):
    page = parse_page(get(client).get_data(as_text=True))
    assert page.controls
    unlabelled = [c.get("id") for c in page.controls if c.get("id") not in page.labels]
    assert unlabelled == []
    html = get(client).get_data(as_text=True)
    assert html.count("<fieldset") >= 2 + 2 * 5 and html.count("<legend>") == html.count("<fieldset")


@pytest.mark.parametrize("name", ["ballerup-family.yaml", "hilleroed-ressourceforloeb.yaml", "mayors-letter.yaml",
                                  "helsingoer-brain-injury-november-2018.yaml"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_page_gives_the_case_paths_answers(client, name, lang):
    case = scenario_case(name)
    response = post(client, form_data(case, lang))
    assert response.status_code == 200
    page = parse_page(response.get_data(as_text=True))
    expected = compare(case, lang)
    for regime in regimes.NAMES:
        for person_id, person in expected["regimes"][regime]["persons"].items():
            for question_id, answer in person["answers"].items():
                assert page.answers[(person_id, question_id, regime)] == answer["answer_text"]
    assert any(link.startswith("https://www.retsinformation.dk/") for link in page.links)


def test_differences_and_uncertainty_flags_are_shown(client):
    html = post(client, form_data(scenario_case("ballerup-family.yaml"), "en")).get_data(as_text=True)
    assert '<tr id="mother-plan_sel_141" class="differs"' in html
    assert '<tr id="child-plan_sel_140" class=""' in html
    assert 'href="#register-R1"' in html and 'id="register-R1"' in html
    assert "Unverified values" in html and "one_plan_law.minimum_plans_for_coordination_need" in html
    assert "Request sha256" in html


def test_invalid_input_is_shown_at_the_field_with_everything_typed_kept(client):
    data = form_data(scenario_case("ballerup-family.yaml"), "en")
    data["p0-meetings_held"] = "three"
    data["month"] = "2019-3"
    page = parse_page(post(client, data).get_data(as_text=True))
    assert "must be a whole number" in page.errors["p0-meetings_held"]
    assert "wrong format" in page.errors["month"]
    data = form_data(scenario_case("ballerup-family.yaml"), "en")
    data["p1-birth_date"] = "2019-06-01"
    data["p0-meetings_held"] = "three"
    response = post(client, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    page = parse_page(html)
    assert "the person is born after the month asked about" in page.errors["p1-birth_date"]
    assert "must be a whole number" in page.errors["p0-meetings_held"]
    assert page.attrs_by_id["p1-birth_date"]["aria-invalid"] == "true"
    assert "p1-birth_date-error" in page.attrs_by_id["p1-birth_date"]["aria-describedby"]
    assert page.attrs_by_id["p1-birth_date"]["value"] == "2019-06-01"
    assert page.attrs_by_id["p0-meetings_held"]["value"] == "three"
    assert 'href="#p1-birth_date">Person 2, date of birth:' in html
    assert "Traceback" not in html and 'id="results-title"' not in html


def test_missing_facts_are_named(client):
    response = post(client, {"lang": "da", "slots": "2", "p0-id": "a", "p1-id": ""})
    page = parse_page(response.get_data(as_text=True))
    assert response.status_code == 422
    assert set(page.errors) >= {"municipality", "month", "persons"}
    response = post(client, {"lang": "en", "slots": "1", "municipality": "ballerup", "month": "2019-03",
                             "p0-id": "", "p0-has_mentor": "on"})
    assert parse_page(response.get_data(as_text=True)).errors["p0-id"] == "Error: give the person a label"


def test_adding_a_person_keeps_the_facts(client):
    data = form_data(scenario_case("ballerup-family.yaml"))
    data["action"] = "add"
    html = post(client, data).get_data(as_text=True)
    page = parse_page(html)
    assert "p2-id" in page.attrs_by_id and page.attrs_by_id["p0-id"]["value"] == "mother"
    assert 'name="slots" value="3"' in html and 'id="results-title"' not in html


def test_the_case_can_be_downloaded_as_a_scenario_file(client):
    case = scenario_case("ballerup-family.yaml")
    response = post(client, form_data(case), "/scenario.yaml")
    assert response.status_code == 200 and response.mimetype == "application/yaml"
    scenario = parse(response.get_data(as_text=True), "download.yaml")
    assert scenario.case == case


def test_security_headers_and_friendly_errors(client, monkeypatch):
    response = get(client)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    missing = get(client, "/nowhere")
    assert missing.status_code == 404 and "Siden findes ikke" in missing.get_data(as_text=True)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("enplan_rules.ui.compare", broken)
    response = post(client, form_data(scenario_case("ballerup-family.yaml")))
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Der opstod en fejl" in html and "secret internals" not in html and "Traceback" not in html


def test_an_oversized_form_is_refused_politely(client):
    response = post(client, {"lang": "da", "p0-id": "x" * 70000})
    assert response.status_code == 413 and "for stor" in response.get_data(as_text=True)


FIELD_NAMES = ["municipality", "month", "slots", "action", "lang", "p0-id", "p0-role", "p0-birth_date",
               "p0-employment_target_group", "p0-meetings_held", "p0-has_mentor", "p1-id", "p1-departments_with_case",
               "p1-helsingoer_solution", "p19-id", "p0-unknown"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(FIELD_NAMES),
                       st.one_of(st.text(max_size=30), st.sampled_from(["ballerup", "2019-03", "on", "-1", "1e9",
                                                                        "2019-02-30", "child", "add", "en"])),
                       max_size=12))
def test_any_form_gives_a_page_never_a_crash(client, data):
    response = post(client, copy.deepcopy(data))
    assert response.status_code in (200, 422)
    assert "Traceback" not in response.get_data(as_text=True)
