"""Readings and contingent answers through the interfaces: `/check?reading=…` on a real server, `enplan check
--reading …` on the command line."""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pytest
import requests

CASE = {
    "municipality": "ballerup", "month": "2019-03",
    "persons": [
        {"id": "mother", "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "has_complex_problems": True,
         "consents_to_one_plan": True},
        {"id": "child", "role": "child", "birth_date": "2012-01-01", "receives_child_special_support": True},
    ],
}


@pytest.fixture(scope="module")
def server():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("ENPLAN_API_TOKEN", "ENPLAN_CORS_ORIGINS")}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, "-m", "enplan_rules.cli", "serve", "--port", str(port),
                                    "--workers", "1"], stdout=log, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                assert process.poll() is None, "server exited"
                try:
                    if requests.get(base + "/health", timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    time.sleep(0.2)
            else:
                pytest.fail("server did not start within 90 s")
            yield base
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def test_check_answers_with_dependencies_and_under_a_reading(server):
    plain = requests.post(server + "/check?lang=en", json=CASE, timeout=30).json()
    child = plain["persons"]["child"]["answers"]["plan_sel_140"]
    assert child["value"] is True and [d["id"] for d in child["dependencies"]] == ["R1"]
    turned = requests.post(server + "/check?lang=en&reading=R1:alternative", json=CASE, timeout=30).json()
    assert turned["persons"]["child"]["answers"]["plan_sel_140"]["value"] is False
    assert turned["receipt"]["readings"]["R1"] == "alternative"


def test_a_null_fact_through_the_api_gives_depends(server):
    case = json.loads(json.dumps(CASE))
    case["persons"][0]["consents_to_one_plan"] = None
    answer = requests.post(server + "/check?lang=da", json=case, timeout=30).json()
    assert answer["persons"]["mother"]["answers"]["in_trial"]["value"] == "depends"


@pytest.mark.parametrize("query", ["reading=R99:alternative", "reading=R1:perhaps", "override=lab.target_group_number.dagpenge=9",
                                   "override=trial.meeting_parity_tolerance"])
def test_bad_readings_and_overrides_are_a_400_naming_them(server, query):
    response = requests.post(server + "/check?lang=en&" + query, json=CASE, timeout=30)
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    assert json.dumps(response.json())


def test_enplan_check_reading_option(tmp_path):
    path = tmp_path / "family.yaml"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    run = [sys.executable, "-m", "enplan_rules.cli", "check", str(path), "--regime", "trial", "--lang", "en",
           "--format", "json"]
    plain = json.loads(subprocess.run(run, capture_output=True, text=True, timeout=120, check=True).stdout)
    turned = json.loads(subprocess.run([*run, "--reading", "R1:alternative"], capture_output=True, text=True,
                                       timeout=120, check=True).stdout)
    assert plain != turned
    assert "alternative" in json.dumps(turned)
    bad = subprocess.run([*run, "--reading", "R99"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "R99" in bad.stderr
