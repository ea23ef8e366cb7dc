"""The compact form (`?form=compact`) of /check, /check/compare and /check/history: the same answers as the full
form (expanded, equal), each citation, source, register entry and unverified value once, valid against the spec's
compact twins with no field undescribed, and smaller."""

import glob
import json
import os

import pytest
from jsonschema import Draft202012Validator

from enplan_rules.api.app import build_gateway
from enplan_rules.api.compact import compact, expand
from enplan_rules.api.spec import closed
from enplan_rules.history.files import load as load_history
from enplan_rules.scenarios import load as load_scenario

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JSON = {"Content-Type": "application/json"}
SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))
HISTORIES = sorted(glob.glob(os.path.join(ROOT, "scenarios", "histories", "*.yaml")))


@pytest.fixture(scope="module")
def client():
    return build_gateway().test_client()


@pytest.fixture(scope="module")
def spec(client):
    return client.get("/spec").json


def post(client, path, body, **params):
    response = client.post(path, data=json.dumps(body), headers=JSON, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(), response.json


def validate(spec, name, body):
    components = closed(spec["components"])
    Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": components}).validate(body)


def each_text_once(body):
    texts = [json.dumps(item, sort_keys=True) for table in body["references"].values() for item in table.values()]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("path", SCENARIOS[:4] + SCENARIOS[-2:], ids=os.path.basename)
def test_compact_check_and_compare_carry_the_full_answers(client, spec, path):
    case = load_scenario(path, "da").case
    for endpoint, name, params in (("/check", "CheckResult", {"regime": "trial"}),
                                   ("/check/compare", "CompareResult", {})):
        full_bytes, full = post(client, endpoint, case, **params)
        small_bytes, small = post(client, endpoint, case, form="compact", **params)
        assert small["form"] == "compact" and expand(small) == full
        validate(spec, name, full)
        validate(spec, "Compact" + name, small)
        each_text_once(small)
        assert len(small_bytes) < len(full_bytes)
    assert post(client, "/check", case, form="full")[1] == post(client, "/check", case)[1]


@pytest.mark.parametrize("path", HISTORIES, ids=os.path.basename)
def test_compact_history_carries_the_full_review(client, spec, path):
    history = load_history(path).history
    full_bytes, full = post(client, "/check/history", history)
    small_bytes, small = post(client, "/check/history", history, form="compact")
    assert expand(small) == full and len(small_bytes) < len(full_bytes)
    validate(spec, "CompactHistoryResult", small)
    each_text_once(small)


def test_a_parameter_s_new_value_gets_its_own_id():
    body = {"a": {"question": "?", "unverified_parameters": [{"name": "p", "value": 1}]},
            "b": {"question": "?", "unverified_parameters": [{"name": "p", "value": 2}, {"name": "p", "value": 1}]}}
    small = compact(body)
    assert small["a"]["unverified_parameters"] == small["b"]["unverified_parameters"][1:]
    assert len(set(small["b"]["unverified_parameters"])) == 2 == len(small["references"]["unverified_parameters"])
    assert {"p"} < set(small["references"]["unverified_parameters"])
    assert expand(small) == body


def test_an_unknown_form_is_refused_naming_the_parameter(client):
    response = client.post("/check", data="{}", headers=JSON, query_string={"form": "tiny"})
    assert response.status_code == 400
    assert response.json["errors"][0]["parameter"] == "form"
