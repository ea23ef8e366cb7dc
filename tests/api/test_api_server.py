"""The web API against a real gunicorn server: every endpoint, every regime, every bad-input class."""

import copy
import json
import socket

import pytest
from api_cases import FAMILY_CASE, MONTH, PERSON_OUTPUTS, family_case, family_situation
from conftest import ORIGIN
from openfisca_web_api import handlers

from enplan_rules import regimes

JSON = {"Content-Type": "application/json"}
REGIMES = regimes.NAMES


def post_json(http, server, path, body, **headers):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return http.post(server.url(path), data=data, headers=server.headers(**{**JSON, **headers}), timeout=30)


def assert_error(response, status, *, pointer=None, parameter=None):
    """A JSON refusal with `status`, naming the offending field and what was expected."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert body["message"]
    if pointer is not None:
        pointers = [item.get("pointer") for item in body["errors"]]
        assert pointer in pointers, body
    if parameter is not None:
        assert parameter in [item.get("parameter") for item in body["errors"]], body
    for item in body["errors"]:
        assert item["message"] and item["expected"], item
        assert ("pointer" in item) != ("parameter" in item), item
    return body


# -- index, health, schema -------------------------------------------------------------------------


def test_index_lists_the_regimes_and_working_links(server, http):
    index = http.get(server.url("/"), timeout=10).json()
    assert [regime["name"] for regime in index["regimes"]] == list(REGIMES)
    for regime in index["regimes"]:
        assert regime["description"]
        for endpoint, link in regime["links"].items():
            method = http.post if endpoint in ("calculate", "trace") else http.get
            response = method(server.url(link), timeout=10)
            # a GET endpoint answers 200; calculate/trace without a body refuse it as JSON (415)
            assert response.status_code == (415 if endpoint in ("calculate", "trace") else 200), link
    for name in ("health", "case_schema", "spec"):
        assert http.get(server.url(index["links"][name]), timeout=10).status_code == 200


def test_health(server, http):
    response = http.get(server.url("/health"), timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["regimes"] == list(REGIMES)


def test_case_schema_is_published(server, http):
    response = http.get(server.url("/schemas/case.json"), timeout=10)
    assert response.status_code == 200
    with open("enplan_rules/case/case.schema.json", encoding="utf-8") as file:
        assert response.json() == json.load(file)


# -- each regime's OpenFisca API -------------------------------------------------------------------


@pytest.mark.parametrize("regime", REGIMES)
def test_regime_reference_endpoints(server, http, regime):
    base = f"/{regime}"
    spec = http.get(server.url(f"{base}/spec"), timeout=10).json()
    assert spec["openapi"].startswith("3.")
    assert spec["servers"] == [{"url": base}]  # relative: never the client's Host
    variables = http.get(server.url(f"{base}/variables"), timeout=10).json()
    assert len(variables) == len(regimes.load(regime).variables)
    href = variables["in_en_plan_trial"]["href"]
    assert href == f"{base}/variable/in_en_plan_trial"  # relative: never the client's Host
    variable = http.get(server.url(href), timeout=10).json()
    assert variable["definitionPeriod"] == "MONTH" and variable["entity"] == "person"
    parameters = http.get(server.url(f"{base}/parameters"), timeout=10).json()
    name, entry = next(iter(parameters.items()))
    assert entry["href"].startswith(f"{base}/parameter/")
    assert http.get(server.url(entry["href"]), timeout=10).json()["id"] == name
    entities = http.get(server.url(f"{base}/entities"), timeout=10).json()
    assert set(entities) == {"person", "family", "cohort"}
    root = http.get(server.url(base), timeout=10)
    assert root.status_code == 200 and root.json()["regime"] == regime


def test_the_host_header_is_never_reflected(server, http):
    headers = {"Host": "evil.example"}
    for path in ("/spec", "/trial/spec", "/trial/variables", "/trial/parameters", "/"):
        response = http.get(server.url(path), headers=headers, timeout=10)
        assert response.status_code == 200
        assert "evil.example" not in response.text, path


@pytest.mark.parametrize("regime", REGIMES)
def test_calculate_answers_like_openfisca(server, http, regime):
    """Every public output of a family case, identical to OpenFisca's own handler for that regime."""
    situation = family_situation(PERSON_OUTPUTS)
    situation["cohorts"] = {"group": {
        "members": ["parent", "child"],
        "average_meetings_held": {"2019": None},
        "meeting_parity_held": {"2019": None},
    }}
    response = post_json(http, server, f"/{regime}/calculate", situation)
    assert response.status_code == 200, response.text
    expected = handlers.calculate(regimes.load(regime), copy.deepcopy(situation))
    assert response.json() == json.loads(json.dumps(expected))
    assert response.headers["Country-Package"] == "enplan_rules"


def test_regimes_differ_on_the_trial_question(server, http):
    answers = {
        regime: post_json(http, server, f"/{regime}/calculate", family_situation(("in_en_plan_trial",)))
        .json()["persons"]["parent"]["in_en_plan_trial"][MONTH]
        for regime in REGIMES
    }
    assert answers == {"sector_law": False, "one_plan_law": False, "trial": True}


@pytest.mark.parametrize("regime", REGIMES)
def test_trace(server, http, regime):
    response = post_json(http, server, f"/{regime}/trace", family_situation(("in_en_plan_trial",)))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["requestedCalculations"] == [f"in_en_plan_trial<{MONTH}>"] * 2
    assert f"in_en_plan_trial<{MONTH}>" in body["trace"]


def test_dates_are_returned_as_iso_dates(server, http):
    situation = {"persons": {"p": {"birth_date": {"ETERNITY": "1990-02-03"}, "age": {MONTH: None}},
                             "q": {"birth_date": {"ETERNITY": None}}}}
    body = post_json(http, server, "/trial/calculate", situation).json()
    assert body["persons"]["q"]["birth_date"]["ETERNITY"] == "1970-01-01"
    assert body["persons"]["p"]["age"][MONTH] == 29


# -- bad input to /calculate and /trace ------------------------------------------------------------


def with_person_value(variable, values):
    situation = family_situation()
    situation["persons"]["parent"][variable] = values
    return situation


BAD_SITUATIONS = {
    "body is an array": ([1, 2], ""),
    "body is null": (None, ""),
    "unknown entity": ({**family_situation(), "households": {}}, "/households"),
    "no persons": ({"families": {}}, "/persons"),
    "persons not an object": ({"persons": ["a"]}, "/persons"),
    "unknown variable": (with_person_value("salary", {MONTH: 1}), "/persons/parent/salary"),
    "variable of another entity": (
        with_person_value("average_meetings_held", {"2019": None}), "/persons/parent/average_meetings_held"),
    "output asked for a year (period mismatch)": (
        with_person_value("in_en_plan_trial", {"2019": None}), "/persons/parent/in_en_plan_trial/2019"),
    "yearly output asked for a month": (
        {**family_situation(), "cohorts": {"c": {"members": ["parent"], "average_meetings_held": {MONTH: None}}}},
        f"/cohorts/c/average_meetings_held/{MONTH}"),
    "output asked for several months": (
        with_person_value("in_en_plan_trial", {"month:2019-01:3": None}),
        "/persons/parent/in_en_plan_trial/month:2019-01:3"),
    "period before the rules": (
        with_person_value("in_en_plan_trial", {"1990-03": None}), "/persons/parent/in_en_plan_trial/1990-03"),
    "garbage period": (with_person_value("has_mentor", {"soon": True}), "/persons/parent/has_mentor/soon"),
    "day period for a monthly input": (
        with_person_value("has_mentor", {"2019-03-01": True}), "/persons/parent/has_mentor/2019-03-01"),
    "input period of ten thousand years": (
        with_person_value("has_mentor", {"year:0001:9000": True}), "/persons/parent/has_mentor/year:0001:9000"),
    "value without a period": (with_person_value("has_mentor", True), "/persons/parent/has_mentor"),
    "array as a value": (with_person_value("has_mentor", {MONTH: [True]}), f"/persons/parent/has_mentor/{MONTH}"),
    "object as a value": (
        with_person_value("meetings_held", {MONTH: {"n": 1}}), f"/persons/parent/meetings_held/{MONTH}"),
    "string as a number": (
        with_person_value("meetings_held", {MONTH: "2*3"}), f"/persons/parent/meetings_held/{MONTH}"),
    "boolean as a number": (
        with_person_value("meetings_held", {MONTH: True}), f"/persons/parent/meetings_held/{MONTH}"),
    "integer beyond int32": (
        with_person_value("meetings_held", {MONTH: 2**40}), f"/persons/parent/meetings_held/{MONTH}"),
    "fraction as an integer": (
        with_person_value("meetings_held", {MONTH: 1.5}), f"/persons/parent/meetings_held/{MONTH}"),
    "float beyond float32": (
        with_person_value("ordinary_required_meetings", {MONTH: 1e300}),
        f"/persons/parent/ordinary_required_meetings/{MONTH}"),
    "number as a date": (
        with_person_value("birth_date", {"ETERNITY": 5}), "/persons/parent/birth_date/ETERNITY"),
    "impossible date": (
        with_person_value("birth_date", {"ETERNITY": "2019-02-30"}), "/persons/parent/birth_date/ETERNITY"),
    "unknown enum value": (
        with_person_value("municipality", {MONTH: "copenhagen"}), f"/persons/parent/municipality/{MONTH}"),
    "number as a boolean": (with_person_value("has_mentor", {MONTH: 1}), f"/persons/parent/has_mentor/{MONTH}"),
    "id containing a slash": (
        {"persons": {"a/b": {"in_en_plan_trial": {MONTH: None}}}}, "/persons/a~1b"),
    "empty id": ({"persons": {"": {"in_en_plan_trial": {MONTH: None}}}}, "/persons/"),
    "id with a control character": ({"persons": {"a\nb": {}}}, "/persons/a\nb"),
    "overlong id": ({"persons": {"x" * 101: {}}}, "/persons/" + "x" * 101),
    "person in a role is not declared": (
        {"persons": {"a": {}}, "families": {"f": {"parents": ["ghost"]}}}, "/families/f/parents/0"),
    "person twice in families": (
        {"persons": {"a": {}}, "families": {"f": {"parents": ["a"]}, "g": {"children": ["a"]}}},
        "/families/g/children/0"),
    "three parents": (
        {"persons": {"a": {}, "b": {}, "c": {}}, "families": {"f": {"parents": ["a", "b", "c"]}}},
        "/families/f/parents"),
    "role is an object": ({"persons": {"a": {}}, "families": {"f": {"parents": {"a": 1}}}}, "/families/f/parents"),
    "role member is a number": (
        {"persons": {"a": {}}, "families": {"f": {"parents": [1]}}}, "/families/f/parents/0"),
    "group instance is a list": ({"persons": {"a": {}}, "families": {"f": ["a"]}}, "/families/f"),
    "group without members (OpenFisca: 500)": (
        {"persons": {"a": {}}, "cohorts": {"c": {"members": ["a"]}, "e": {}}}, "/cohorts/e"),
    "group id of a person in no group (OpenFisca: 500)": (
        {"persons": {"a": {}, "d": {}}, "cohorts": {"d": {"members": ["a"], "average_meetings_held": {"2019": None}}}},
        "/cohorts/d"),
    "axes": ({**family_situation(), "axes": [[{"name": "meetings_held", "count": 10**6, "min": 0, "max": 1}]]},
             "/axes"),
    "too many entity instances": ({"persons": {f"p{i}": {} for i in range(10_001)}}, ""),
}


@pytest.mark.parametrize("endpoint", ["calculate", "trace"])
@pytest.mark.parametrize("case", sorted(BAD_SITUATIONS))
def test_bad_situations_are_refused_with_a_pointer(server, http, case, endpoint):
    body, pointer = BAD_SITUATIONS[case]
    response = post_json(http, server, f"/trial/{endpoint}", body)
    assert_error(response, 400, pointer=pointer)


@pytest.mark.parametrize("regime", REGIMES)
def test_bad_situation_in_every_regime(server, http, regime):
    body, pointer = BAD_SITUATIONS["output asked for a year (period mismatch)"]
    assert_error(post_json(http, server, f"/{regime}/calculate", body), 400, pointer=pointer)


BAD_BODIES = {
    "malformed JSON": (b'{"persons": {', 400, ""),
    "empty body": (b"", 400, ""),
    "not UTF-8": ('{"persons": {"\u00e9": {}}}'.encode("latin-1"), 400, ""),
    "NaN": (b'{"persons": {"a": {"meetings_held": {"2019-03": NaN}}}}', 400, ""),
    "Infinity by overflow": (b'{"persons": {"a": {"ordinary_required_meetings": {"2019-03": 1e400}}}}', 400, ""),
    "a 5000-digit integer": (b'{"persons": {"a": {"meetings_held": {"2019-03": ' + b"9" * 5000 + b"}}}}", 400, ""),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, 400, ""),
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_bad_bodies(server, http, case):
    data, status, pointer = BAD_BODIES[case]
    response = http.post(server.url("/trial/calculate"), data=data, headers=JSON, timeout=30)
    assert_error(response, status, pointer=pointer)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "application/json; charset=latin-1", "multipart/form-data"])
@pytest.mark.parametrize("path", ["/trial/calculate", "/sector_law/trace", "/check", "/check/compare"])
def test_wrong_or_missing_content_type_is_415(server, http, content_type, path):
    headers = {"Content-Type": content_type} if content_type else {}
    data = json.dumps(FAMILY_CASE if path.startswith("/check") else family_situation()).encode()
    response = http.post(server.url(path), data=data, headers=headers, timeout=30)
    assert_error(response, 415, parameter="Content-Type")


def test_json_content_type_variants_are_accepted(server, http):
    for content_type in ("application/json; charset=utf-8", "application/vnd.api+json", "APPLICATION/JSON"):
        response = http.post(server.url("/trial/calculate"), data=json.dumps(family_situation()),
                             headers={"Content-Type": content_type}, timeout=30)
        assert response.status_code == 200, (content_type, response.text)


# -- size, paths, methods --------------------------------------------------------------------------


def test_oversized_body_is_413(server, http):
    data = b'{"persons": {"a": {}}, "x": "' + b"a" * (1024 * 1024) + b'"}'
    assert_error(http.post(server.url("/trial/calculate"), data=data, headers=JSON, timeout=30), 413,
                 parameter="Content-Length")


def test_oversized_chunked_body_is_413(secured_server, http):
    def chunks():
        for _ in range(10):
            yield b" " * 1000

    response = http.post(secured_server.url("/check"), data=chunks(),
                         headers=secured_server.headers(**JSON), timeout=30)
    body = assert_error(response, 413, parameter="Content-Length")
    assert body["message"] == "Indholdet er for stort."  # /check answers in Danish by default


def test_small_limit_applies_to_every_post(secured_server, http):
    situation = {"persons": {f"p{i}": {"has_mentor": {MONTH: True}} for i in range(200)}}
    response = post_json(http, secured_server, "/trial/calculate", situation)
    assert_error(response, 413)


@pytest.mark.parametrize("path", ["/nope", "/trial/nope", "/trial/variable/nope", "/trial/parameter/no.such",
                                  "/schemas/other.json", "/check/other", "/nope/calculate", "/%00", "/trial/../x"])
def test_unknown_paths_are_json_404(server, http, path):
    assert_error(http.get(server.url(path), timeout=10), 404)


@pytest.mark.parametrize("method, path", [
    ("GET", "/trial/calculate"), ("PUT", "/trial/calculate"), ("DELETE", "/one_plan_law/trace"),
    ("POST", "/health"), ("POST", "/"), ("GET", "/check"), ("PATCH", "/check/compare"),
    ("POST", "/trial/variables"), ("POST", "/schemas/case.json"),
])
def test_wrong_methods_are_json_405(server, http, method, path):
    response = http.request(method, server.url(path), data=b"{}", headers=JSON, timeout=10)
    assert_error(response, 405, parameter="method")
    assert response.headers["Allow"]


def test_request_id_is_echoed_or_made(server, http):
    response = http.get(server.url("/health"), headers={"X-Request-ID": "case-system-42"}, timeout=10)
    assert response.headers["X-Request-ID"] == "case-system-42"
    response = http.get(server.url("/health"), headers={"X-Request-ID": "bad id\u00e6"}, timeout=10)
    assert response.headers["X-Request-ID"] != "bad id" and len(response.headers["X-Request-ID"]) == 32


def test_security_headers(server, http):
    response = http.get(server.url("/"), timeout=10)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


# -- CORS and token --------------------------------------------------------------------------------


def test_cors_is_off_by_default(server, http):
    for path in ("/", "/trial/variables", "/trial/spec"):
        response = http.get(server.url(path), headers={"Origin": "https://evil.example"}, timeout=10)
        assert not any(name.lower().startswith("access-control-") for name in response.headers), path
    response = http.options(server.url("/trial/calculate"), timeout=10, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_for_configured_origin_only(secured_server, http):
    allowed = http.get(secured_server.url("/"), headers=secured_server.headers(Origin=ORIGIN), timeout=10)
    assert allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    other = http.get(secured_server.url("/"), headers=secured_server.headers(Origin="https://evil.example"),
                     timeout=10)
    assert "Access-Control-Allow-Origin" not in other.headers
    preflight = http.options(secured_server.url("/check"), timeout=10, headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    refused = http.options(secured_server.url("/check"), timeout=10, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers


@pytest.mark.parametrize("path", ["/", "/trial/variables", "/sector_law/spec", "/schemas/case.json"])
@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic dGVzdA==", "Bearer", "bearer  "])
def test_token_protects_every_endpoint_but_health(secured_server, http, path, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = http.get(secured_server.url(path), headers=headers, timeout=10)
    assert_error(response, 401, parameter="Authorization")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert http.get(secured_server.url(path), headers=secured_server.headers(), timeout=10).status_code == 200


def test_token_protects_posts_and_health_is_open(secured_server, http):
    response = http.post(secured_server.url("/trial/calculate"), data=json.dumps(family_situation()),
                         headers=JSON, timeout=10)
    assert_error(response, 401)
    response = http.post(secured_server.url("/check?lang=en"), data=json.dumps(FAMILY_CASE),
                         headers=JSON, timeout=10)
    assert assert_error(response, 401)["message"] == "A valid bearer token is required."
    assert http.get(secured_server.url("/health"), timeout=10).status_code == 200
    response = post_json(http, secured_server, "/trial/calculate", family_situation())
    assert response.status_code == 200


# -- /check and /check/compare ---------------------------------------------------------------------


@pytest.mark.parametrize("regime", REGIMES)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_check_answers_every_question_with_citations_and_receipt(server, http, regime, lang):
    response = post_json(http, server, f"/check?regime={regime}&lang={lang}", family_case())
    assert response.status_code == 200, response.text
    assert response.headers["Content-Language"] == lang
    body = response.json()
    assert body["regime"] == regime and body["lang"] == lang and body["period"] == MONTH
    assert set(body["persons"]) == {"parent", "child"}
    answers = body["persons"]["parent"]["answers"]
    variables = {answer["variable"] for answer in answers.values()}
    assert {"in_en_plan_trial", "separate_plan_required_lab_min_plan", "ordinary_required_meetings",
            "right_and_duty_offer_required", "employment_effort_outside_jobcenter_allowed"} <= variables
    for answer in answers.values():
        assert answer["question"] and answer["answer_text"]
        assert answer["citations"] and all(c["text"] and c["url"].startswith("https://") for c in answer["citations"])
        assert isinstance(answer["ambiguities"], list) and isinstance(answer["unverified_parameters"], list)
    receipt = body["receipt"]
    assert receipt["regime"] == regime and receipt["period"] == MONTH
    assert len(receipt["request_sha256"]) == 64 and receipt["parameters"]


def test_check_defaults_to_trial_in_danish(server, http):
    body = post_json(http, server, "/check", family_case()).json()
    assert body["regime"] == "trial" and body["lang"] == "da"
    assert body["persons"]["parent"]["answers"]["in_trial"]["value"] is True


def test_check_receipt_hashes_the_canonical_request(server, http):
    first = post_json(http, server, "/check", family_case()).json()["receipt"]["request_sha256"]
    reordered = json.loads(json.dumps(family_case()), object_pairs_hook=lambda pairs: dict(reversed(pairs)))
    assert post_json(http, server, "/check", reordered).json()["receipt"]["request_sha256"] == first
    changed = family_case()
    changed["persons"][0]["meetings_held"] = 2
    assert post_json(http, server, "/check", changed).json()["receipt"]["request_sha256"] != first


def test_compare_puts_the_regimes_side_by_side(server, http):
    response = post_json(http, server, "/check/compare?lang=en", family_case())
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body["regimes"]) == set(REGIMES)
    assert body["differences"]
    trial = body["regimes"]["trial"]["persons"]["parent"]["answers"]["in_trial"]
    assert trial["value"] is True and trial["differs_between_regimes"] is True


BAD_CASES = {
    "unknown field (a name)": (lambda case: case["persons"][0].update(name="Jens Hansen"), "/persons/0/name"),
    "CPR number field": (lambda case: case.update(cpr="010185-1234"), "/cpr"),
    "unknown municipality": (lambda case: case.update(municipality="copenhagen"), "/municipality"),
    "both month and date": (lambda case: case.update(date="2019-03-05"), None),
    "neither month nor date": (lambda case: case.pop("month"), None),
    "bad month": (lambda case: case.update(month="2019-13"), "/month"),
    "no persons": (lambda case: case.update(persons=[]), "/persons"),
    "array where a boolean belongs": (
        lambda case: case["persons"][0].update(has_complex_problems=[True]), "/persons/0/has_complex_problems"),
    "object where an enum belongs": (
        lambda case: case["persons"][0].update(employment_target_group={"x": 1}),
        "/persons/0/employment_target_group"),
    "huge number": (lambda case: case["persons"][0].update(meetings_held=10**30), "/persons/0/meetings_held"),
    "odd id": (lambda case: case["persons"][0].update(id="a/b"), "/persons/0/id"),
    "impossible date": (lambda case: case["persons"][0].update(birth_date="2019-02-30"), "/persons/0/birth_date"),
    "body is an array": (lambda case: None, ""),
}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_cases_are_refused_in_the_request_language(server, http, case, lang):
    mutate, pointer = BAD_CASES[case]
    document = family_case()
    mutate(document)
    if case == "body is an array":
        document = [document]
    response = post_json(http, server, f"/check?lang={lang}", document)
    body = assert_error(response, 400, pointer=pointer)
    assert body["message"] == {"da": "Sagsdokumentet er ugyldigt.", "en": "The case document is invalid."}[lang]
    assert post_json(http, server, f"/check/compare?lang={lang}", document).status_code == 400


def test_check_messages_differ_by_language(server, http):
    document = family_case()
    document["municipality"] = "copenhagen"
    danish = post_json(http, server, "/check?lang=da", document).json()["errors"]
    english = post_json(http, server, "/check?lang=en", document).json()["errors"]
    assert [item["pointer"] for item in danish] == [item["pointer"] for item in english]
    assert [item["message"] for item in danish] != [item["message"] for item in english]


@pytest.mark.parametrize("query, parameter", [
    ("regime=nope", "regime"), ("lang=fr", "lang"), ("regime=trial&regime=sector_law", "regime"),
    ("verbose=1", "verbose"), ("regime=", "regime"),
])
def test_check_query_parameters_are_validated(server, http, query, parameter):
    assert_error(post_json(http, server, f"/check?{query}", family_case()), 400, parameter=parameter)


def test_compare_takes_no_regime(server, http):
    assert_error(post_json(http, server, "/check/compare?regime=trial", family_case()), 400, parameter="regime")


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_check_bad_bodies_in_danish(server, http, case):
    data, status, pointer = BAD_BODIES[case]
    response = http.post(server.url("/check"), data=data, headers=JSON, timeout=30)
    body = assert_error(response, status, pointer=pointer)
    assert body["message"] == "Indholdet er ikke gyldig JSON."


# -- logs ------------------------------------------------------------------------------------------


def test_logs_record_requests_but_never_case_contents(server, http):
    marker = "zq7-private-marker"
    document = family_case()
    document["persons"][0]["id"] = marker
    response = post_json(http, server, "/check?regime=one_plan_law", document,
                         **{"X-Request-ID": "log-test-check"})
    assert response.status_code == 200
    situation = {"persons": {marker: {"in_en_plan_trial": {MONTH: None}}}}
    assert post_json(http, server, "/trial/calculate", situation,
                     **{"X-Request-ID": "log-test-calc"}).status_code == 200
    bad = {"persons": {marker: {"in_en_plan_trial": {"2019": None}}}}
    assert post_json(http, server, "/trial/calculate", bad).status_code == 400
    log = server.log()
    assert marker not in log
    entries = [json.loads(line.split(" enplan_rules.api.access ", 1)[1])
               for line in log.splitlines() if " enplan_rules.api.access " in line]
    by_id = {entry["request_id"]: entry for entry in entries}
    assert by_id["log-test-check"]["route"] == "/check"
    assert by_id["log-test-check"]["regime"] == "one_plan_law"
    assert by_id["log-test-check"]["status"] == 200
    assert by_id["log-test-calc"]["route"] == "/trial/calculate"
    assert by_id["log-test-calc"]["regime"] == "trial"
    assert by_id["log-test-calc"]["duration_ms"] > 0
    assert "Traceback" not in log and "unexpected" not in log


# -- requests gunicorn itself cannot parse ---------------------------------------------------------


def raw_request(server, data):
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), head.decode("latin-1"), body


@pytest.mark.parametrize("data, status", [
    (b"NONSENSE\r\n\r\n", 400),
    (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(60)) + b"\r\n", 431),
    (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400),
])
def test_unparseable_requests_get_json_refusals(server, data, status):
    code, head, body = raw_request(server, data)
    assert code == status
    assert "Content-Type: application/json" in head
    payload = json.loads(body)
    assert payload["status"] == status and payload["errors"][0]["expected"]


# -- the page for legal staff, mounted at /ui ------------------------------------------------------


def test_the_page_is_mounted_at_ui(server, http):
    index = http.get(server.url("/"), timeout=10).json()
    assert index["links"]["ui"] == "/ui/"
    page = http.get(server.url("/ui/"), timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "'self'" in page.headers["Content-Security-Policy"]  # the page's own policy, not the API's
    assert 'href="/ui/static/ui.css"' in page.text
    assert http.get(server.url("/ui/static/ui.css"), timeout=10).status_code == 200
    form = http.post(server.url("/ui/"), data={"lang": "en", "municipality": "nowhere"}, timeout=30)
    assert 400 <= form.status_code < 500 and form.headers["Content-Type"].startswith("text/html")


def test_the_page_needs_the_token_too(secured_server, http):
    assert_error(http.get(secured_server.url("/ui/"), timeout=10), 401)
    assert http.get(secured_server.url("/ui/"), headers=secured_server.headers(), timeout=30).status_code == 200
