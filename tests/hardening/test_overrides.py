"""`--override` (and the API's `override=`) applies to every regime a run computes, or is refused with a message:
once it was dropped without a word whenever regimes were compared (`--regime all`, or a scenario whose `expect:`
names two regimes: every shipped one), a nonexistent parameter exited 0, and an override of 2^64 was a 500."""

import argparse
import io
import json

import pytest
from werkzeug.test import Client

from enplan_rules import cli
from enplan_rules.api.app import create_app
from enplan_rules.scenarios import cli as scenarios_cli

SCENARIO = "scenarios/ballerup-family.yaml"
TOLERANCE = "trial.meeting_parity_tolerance"


def check(*options):
    out, err = io.StringIO(), io.StringIO()

    parser = argparse.ArgumentParser()
    scenarios_cli.add_arguments(parser)
    status = scenarios_cli.run(parser.parse_args([SCENARIO, "--format", "json", "--lang", "en", *options]), out, err)
    return status, out.getvalue(), err.getvalue()


def receipts(output):
    result = json.loads(output)["scenarios"][0]["result"]
    regimes = result.get("regimes") or {result["receipt"]["regime"]: result}
    return {name: regime["receipt"]["overrides"] for name, regime in regimes.items()}


@pytest.mark.parametrize("regime", [[], ["--regime", "all"], ["--regime", "trial"]])
def test_an_override_applies_to_every_regime_that_has_it(regime):
    status, output, err = check(*regime, "--override", f"{TOLERANCE}=0.25")
    assert status in (0, 1), err
    overrides = receipts(output)
    assert [o["value"] for o in overrides["trial"]] == [0.25]
    assert [o["name"] for o in overrides["trial"]] == [TOLERANCE]
    for name, listed in overrides.items():
        if name != "trial":
            assert listed == []  # the parameter is the trial's: the other regimes have no such value


def test_a_sourced_value_cannot_be_overridden_in_any_regime():
    """Every value shared by the regimes is now verified against the texts (0.4): an override of one is refused
    with a message, in a single regime and across all of them."""
    for regime in ([], ["--regime", "all"]):
        status, _, err = check(*regime, "--override", "lsd.followup.first_followup_week=9")
        assert status == 2 and "cannot be overridden" in err and "Traceback" not in err


@pytest.mark.parametrize("override, says", [
    ("no.such.parameter=1", "no such parameter"),
    (f"{TOLERANCE}=-0.1", "a share from 0 to 1"),
    (f"{TOLERANCE}=2", "a share from 0 to 1"),
    (f"{TOLERANCE}=18446744073709551616", "a share from 0 to 1"),
    (f"{TOLERANCE}=nan", "a number"),
    (f"{TOLERANCE}", "missing '='"),
])
@pytest.mark.parametrize("regime", [[], ["--regime", "all"]])
def test_bad_overrides_exit_2_with_a_message(override, says, regime):
    status, _, err = check(*regime, "--override", override)
    assert status == 2
    assert says in err and "Traceback" not in err


def test_an_override_given_twice_is_refused():
    status, _, err = check("--override", f"{TOLERANCE}=0.1", "--override", f"{TOLERANCE}=0.2")
    assert status == 2 and "twice" in err


def test_the_text_report_lists_the_override(capsys):
    assert cli.main(["check", SCENARIO, "--regime", "all", "--lang", "en", "--override", f"{TOLERANCE}=0.25"]) in (0, 1)
    assert f"overridden for this run: {TOLERANCE} = 0.25 (engine: 0.1)" in capsys.readouterr().out


CASE = {"municipality": "ballerup", "month": "2019-03",
        "persons": [{"id": "a", "role": "parent", "birth_date": "1988-05-01",
                     "employment_target_group": "jobafklaringsforloeb"}]}


@pytest.fixture(scope="module")
def client():
    return Client(create_app())


@pytest.mark.parametrize("value", ["18446744073709551616", "-1", "1e400", "2"])
def test_the_api_refuses_bad_override_values_with_a_400(client, value):
    name = TOLERANCE
    response = client.post(f"/check?override={name}={value}", json=CASE)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert f"/overrides/{name}" in [item.get("pointer") for item in json.loads(response.get_data())["errors"]]


CASE = {"municipality": "ballerup", "month": "2019-03", "persons": [{
    "id": "m", "role": "parent", "birth_date": "1988-05-01", "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
    "benefit_start_date": "2018-06-10", "has_complex_problems": True, "consents_to_one_plan": True}]}


def _compare(query):
    response = Client(create_app()).post(f"/check/compare?lang=en&{query}", data=json.dumps(CASE),
                                         headers={"Content-Type": "application/json"})
    return response.status_code, json.loads(response.get_data())


def test_check_compare_applies_override_and_reading_to_every_regime_it_runs():
    """/check/compare took neither: `override=` and `reading=` were refused as unknown parameters there."""
    status, body = _compare(f"override={TOLERANCE}%3D0.25&reading=R3")
    assert status == 200, body
    receipts = {name: result["receipt"] for name, result in body["regimes"].items()}
    assert [o["value"] for o in receipts["trial"]["overrides"]] == [0.25]
    assert all(receipt["overrides"] == [] for name, receipt in receipts.items() if name != "trial")
    assert {receipt["readings"]["R3"] for receipt in receipts.values()} == {"alternative"}


@pytest.mark.parametrize("query, pointer", [("override=no.such%3D1", "/overrides/no.such"),
                                            (f"override={TOLERANCE}%3D2", f"/overrides/{TOLERANCE}")])
def test_check_compare_refuses_a_bad_override_naming_it(query, pointer):
    status, body = _compare(query)
    assert status == 400 and body["errors"][0]["pointer"] == pointer, body
