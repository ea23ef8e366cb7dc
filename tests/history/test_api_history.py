"""`POST /check/history` and `GET /schemas/history.json` on a real server (`enplan serve`: gunicorn, loopback),
started by the test and stopped (its own process group) at the end."""

import os
import re

import pytest
import requests
import served

from enplan_rules.history.files import load

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HISTORY = load(os.path.join(ROOT, "scenarios", "histories", "helsingoer-brain-injury-from-october-2018.yaml")).history
TIMEOUT = 60


START_TIMEOUT = 90


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    drop = ("ENPLAN_API_TOKEN", "ENPLAN_CORS_ORIGINS", "ENPLAN_MAX_BODY_BYTES")
    with served.enplan_server(tmp_path_factory.mktemp("server"), start_timeout=START_TIMEOUT, drop_env=drop) as url:
        yield url


def test_a_history_is_reviewed(base):
    response = requests.post(f"{base}/check/history?lang=en", json=HISTORY, timeout=TIMEOUT)
    assert response.status_code == 200 and response.headers["Content-Language"] == "en"
    body = response.json()
    assert body["regimes"] == ["sector_law", "one_plan_law", "trial"]
    # the follow-up two days late under two regimes, and the Min Plan (LAB § 27 stk. 1) made after the month it was
    # first required under all three (no offer recorded to be before)
    assert body["findings"] == 5
    assert {(i["regime"], i["plan"]) for i in body["review"] if i["status"] == "after_required"} == {
        (regime, "plan_lab_min_plan") for regime in body["regimes"]}
    late = [i for i in body["review"] if i["status"] == "late"]
    assert {(i["regime"], i["due"], i["days_late"]) for i in late} == {
        ("sector_law", "2018-10-28", 2), ("one_plan_law", "2018-10-28", 2)}
    points = body["timeline"]["regimes"]["trial"]["change_points"]
    assert any(p["month"] == "2018-10" and p["question_id"] == "in_trial" and p["to"] is True for p in points)
    assert body["receipt"]["request_sha256"]


def test_one_regime_and_a_month_range(base):
    response = requests.post(f"{base}/check/history?regime=trial&from=2018-09&to=2018-11&lang=da", json=HISTORY,
                             timeout=TIMEOUT)
    body = response.json()
    assert response.status_code == 200 and body["regimes"] == ["trial"]
    assert body["timeline"]["months"] == ["2018-09", "2018-10", "2018-11"]


def test_the_version_of_the_one_plan_law_is_chosen_as_on_check(base):
    """`one_plan_law_variant` as on /check: the consultation draft (a right to refuse) or the enacted law."""
    answers = {}
    for variant in ("consultation_draft", "enacted"):
        response = requests.post(f"{base}/check/history?regime=one_plan_law&lang=en&one_plan_law_variant={variant}",
                                 json=HISTORY, timeout=TIMEOUT)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["receipt"]["one_plan_law_variant"] == variant
        answers[variant] = body["receipt"]["request_sha256"]
    assert answers["consultation_draft"] != answers["enacted"]


@pytest.mark.parametrize(("query", "document", "where"), [
    ("lang=en&one_plan_law_variant=draft", HISTORY, {"parameter": "one_plan_law_variant"}),
    ("lang=en", {**HISTORY, "name": "Jane"}, {"pointer": "/name"}),
    ("lang=en", {**HISTORY, "persons": [{"id": "a", "cpr": "0101901234"}]}, {"pointer": "/persons/0/cpr"}),
    ("lang=en", [1, 2], {"pointer": ""}),
    ("lang=en&regime=trail", HISTORY, {"parameter": "regime"}),
    ("lang=en&from=2018-13", HISTORY, {"parameter": "from"}),
    ("lang=en&from=2019-01&to=2018-01", HISTORY, {"parameter": "to"}),
    ("lang=en&colour=red", HISTORY, {"parameter": "colour"}),
])
def test_bad_input_is_a_400_naming_the_field(base, query, document, where):
    response = requests.post(f"{base}/check/history?{query}", json=document, timeout=TIMEOUT)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any(all(e.get(k) == v for k, v in where.items()) for e in errors), errors


def test_danish_messages_and_other_refusals(base):
    response = requests.post(f"{base}/check/history", json={**HISTORY, "navn": "x"}, timeout=TIMEOUT)
    assert response.status_code == 400 and "CPR-numre" in response.json()["errors"][0]["message"]
    response = requests.post(f"{base}/check/history", data="{", headers={"Content-Type": "application/json"},
                             timeout=TIMEOUT)
    assert response.status_code == 400
    response = requests.post(f"{base}/check/history", data="x", headers={"Content-Type": "text/plain"},
                             timeout=TIMEOUT)
    assert response.status_code == 415
    assert requests.get(f"{base}/check/history", timeout=TIMEOUT).status_code == 405


def test_schema_and_spec(base):
    schema = requests.get(f"{base}/schemas/history.json", timeout=TIMEOUT)
    assert schema.status_code == 200 and schema.json()["title"] == "En Plan case history"
    spec = requests.get(f"{base}/spec", timeout=TIMEOUT).json()
    assert "/check/history" in spec["paths"] and "History" in spec["components"]["schemas"]


# -- the history page (/history/), in headless Chromium ---------------------------------------------------------

ARTIFACTS = os.path.join(ROOT, "artifacts", "history")


def test_the_page_reviews_a_pasted_history_in_chromium(base):
    playwright = pytest.importorskip("playwright.sync_api")
    os.makedirs(ARTIFACTS, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None,
                                    args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.set_default_timeout(TIMEOUT * 1000)
            page.goto(f"{base}/history/?lang=en")
            assert "ballerup" in page.locator("#history").input_value()
            page.select_option("#regime", "trial")
            page.click(".history-form button[value=review]")
            page.wait_for_selector("#timeline svg")
            findings = page.locator("#findings").inner_text()
            assert re.search(r"Findings \(\d+\)", findings)
            assert "6 days late" in findings and "due 14.09.2017" in findings
            assert page.locator("#timeline svg rect").count() > 100
            assert "November 2017" in page.locator("#changes").inner_text()  # months in words
            page.screenshot(path=os.path.join(ARTIFACTS, "history-page.png"))
            page.locator("#timeline").screenshot(path=os.path.join(ARTIFACTS, "history-timeline.png"))
            # an invalid history: 400 and the line and pointer of the fault
            page.goto(f"{base}/history/?lang=da")
            page.fill("#history", "municipality: ballerup\npersons:\n  - id: mor\n    cpr: '0101901234'\n")
            page.click(".history-form button[value=review]")
            summary = page.locator(".error-summary").inner_text()
            assert "linje 4: /persons/0/cpr" in summary and "CPR-numre" in summary
        finally:
            browser.close()
