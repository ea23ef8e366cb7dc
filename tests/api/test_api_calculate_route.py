"""`POST /{regime}/calculate` is answered before Flask (regime_app.CalculateRoute): it answers exactly as the
Flask route does (reached through `/calculate/`), for good and bad requests, and turns an unexpected error
into the same logged JSON 500."""

import json

import pytest
from api_cases import family_situation
from werkzeug.test import Client

from enplan_rules.api import compute
from enplan_rules.api.app import Config, create_app

JSON = "application/json"
SITUATION = json.dumps(family_situation())
REQUESTS = [
    (JSON, SITUATION),
    (JSON, json.dumps(family_situation(("in_en_plan_trial", "separate_plan_required_sel_141")))),
    ("text/plain", SITUATION),
    (None, SITUATION),
    (JSON, ""),
    (JSON, "{"),
    (JSON, '{"persons": {"a": {}, "a": {}}}'),
    (JSON, '{"persons": {"\\ud800": {"in_en_plan_trial": {"2019-03": null}}}}'),
    (JSON, '{"persons": {"a": {"x": {"2019-03": null}}}}'),
    (JSON, '{"persons": {"a": {"in_en_plan_trial": {"2019": null}}}}'),
    (JSON, "[1, 2]"),
]
IGNORED_HEADERS = {"x-request-id"}


@pytest.fixture(scope="module")
def client():
    return Client(create_app(Config()))


def answer(client, path, content_type, body):
    headers = {"X-Request-ID": "route-test"}
    if content_type:
        headers["Content-Type"] = content_type
    response = client.post(path, data=body.encode(), headers=headers)
    headers = sorted((name.lower(), value) for name, value in response.headers.items()
                     if name.lower() not in IGNORED_HEADERS)
    return response.status_code, headers, response.get_data()


@pytest.mark.parametrize("regime", ["trial", "sector_law"])
@pytest.mark.parametrize(("content_type", "body"), REQUESTS)
def test_the_route_answers_as_the_flask_route(client, regime, content_type, body):
    assert answer(client, f"/{regime}/calculate", content_type, body) == \
        answer(client, f"/{regime}/calculate/", content_type, body)


def test_an_unexpected_error_is_a_logged_json_500(client, monkeypatch, caplog):
    def broken(*_):
        raise RuntimeError("a bug")

    monkeypatch.setattr(compute, "calculate", broken)
    fast = answer(client, "/trial/calculate", JSON, SITUATION)
    assert fast == answer(client, "/trial/calculate/", JSON, SITUATION)
    status, _, body = fast
    assert status == 500 and json.loads(body)["error"] == "internal_error"
    assert "a bug" not in body.decode()
    assert any("unexpected RuntimeError" in record.getMessage() and "route /trial/calculate" in record.getMessage()
               for record in caplog.records)
