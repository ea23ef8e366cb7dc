"""`POST /check/history` and the /history/ page have a budget: months × regimes and unknown facts are bounded
before anything is computed (a 400 saying what to shrink), and a review still running after its wall-time budget
is stopped and answered 503. (Once an 82-byte history spanning 2015–2030 cost 4.8 s, and four at once ran ~100 s
each past the worker timeout.)"""

import json
import time

import pytest
from werkzeug.test import Client

from enplan_rules.api import budget
from enplan_rules.api.app import create_app

SMALL = {"municipality": "ballerup", "from": "2019-01", "to": "2019-03",
         "persons": [{"id": "a", "role": "parent", "birth_date": "1980-01-01",
                      "employment_target_group": "kontanthjaelp_jobparat", "benefit_start_date": "2018-06-01"}]}


@pytest.fixture(scope="module")
def client():
    return Client(create_app())


def post(client, document, query="lang=en"):
    response = client.post(f"/check/history?{query}", data=json.dumps(document),
                           headers={"Content-Type": "application/json"})
    return response.status_code, json.loads(response.get_data())


def test_a_long_range_over_all_regimes_is_refused_before_computing(client):
    started = time.monotonic()
    status, body = post(client, {**SMALL, "from": "2015-01", "to": "2030-12"})
    assert status == 400 and time.monotonic() - started < 2
    item = body["errors"][0]
    assert item["pointer"] == "/to"
    assert "576 months × regimes" in item["message"] and f"at most {budget.MAX_MONTH_REGIMES}" in item["expected"]
    assert "one regime" in item["expected"]


def test_the_query_range_counts_too(client):
    status, body = post(client, SMALL, "lang=en&from=2015-01&to=2030-12&regime=trial")
    assert status == 400 and "192 months × regimes" in body["errors"][0]["message"]
    assert body["errors"][0]["parameter"] == "to"


def test_unknown_facts_count(client):
    person = {**SMALL["persons"][0], "has_complex_problems": None, "consents_to_one_plan": None,
              "receives_adult_social_support": None, "has_mentor": None, "receives_child_special_support": None}
    status, body = post(client, {**SMALL, "persons": [person], "from": "2017-10", "to": "2020-12"})
    assert status == 400
    assert "unknown facts" in body["errors"][0]["message"]
    assert [item["pointer"] for item in body["errors"]] == [
        f"/persons/0/{name}" for name in ("has_complex_problems", "consents_to_one_plan",
                                          "receives_adult_social_support", "has_mentor",
                                          "receives_child_special_support")]


def test_within_the_budget_it_is_answered(client):
    status, body = post(client, SMALL)
    assert status == 200, body
    assert budget.history_cost(SMALL, 3, "2019-01", "2019-03") == (9, 9)


def test_a_review_past_its_time_budget_is_stopped_with_a_503(client, monkeypatch):
    monkeypatch.setattr(budget, "CPU_SECONDS", 0.05)
    status, body = post(client, {**SMALL, "from": "2017-10", "to": "2020-12"})
    assert status == 503, body
    assert body["error"] == "over_time_budget" and "shorter range" in body["errors"][0]["expected"]
    monkeypatch.setattr(budget, "CPU_SECONDS", 10.0)
    assert post(client, SMALL)[0] == 200  # the worker goes on


def test_the_deadline_stops_pure_python_work_in_its_thread():
    started = time.monotonic()
    with pytest.raises(budget.BudgetExceeded):
        with budget.deadline(cpu_seconds=0.2):
            while time.monotonic() - started < 10:
                pass
    assert time.monotonic() - started < 2
    with budget.deadline(cpu_seconds=5):  # finished in time: nothing raised later
        pass
    time.sleep(0.1)
    started = time.monotonic()
    with pytest.raises(budget.BudgetExceeded):
        with budget.deadline(cpu_seconds=5, wall_seconds=0.2):
            for _ in range(500):  # sleeping: no CPU, but the wall clock runs
                time.sleep(0.01)
    assert time.monotonic() - started < 2


def test_the_page_refuses_it_too(client):
    import yaml

    response = client.post("/history/", data={"history": yaml.safe_dump({**SMALL, "from": "2015-01", "to": "2030-12"}),
                                              "lang": "en"})
    assert response.status_code == 422
    assert "576 months × regimes" in response.get_data(as_text=True)
