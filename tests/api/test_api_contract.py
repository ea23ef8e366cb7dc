"""The typed contract of the gateway: /spec describes /check, /check/compare and /check/history fully, a
generated client calls /check and /check/history through its typed models, and the server conforms to its spec
under schemathesis.
"""

import copy
import datetime
import glob
import importlib
import json
import os
import re
import subprocess
import sys

import pytest
import requests
import schemathesis
from api_cases import family_case
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from jsonschema import Draft202012Validator
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from enplan_rules import regimes
from enplan_rules.api.errors import LANGS
from enplan_rules.api.spec import closed
from enplan_rules.history.files import load

EXAMPLES = int(os.environ.get("ENPLAN_FUZZ_EXAMPLES", "60"))
SEED = os.environ.get("ENPLAN_FUZZ_SEED")
JSON = {"Content-Type": "application/json"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HISTORIES = {os.path.basename(path)[:-5]: load(path).history
             for path in sorted(glob.glob(os.path.join(ROOT, "scenarios", "histories", "*.yaml")))}


@pytest.fixture(scope="module")
def spec(server, http):
    return http.get(server.url("/spec"), timeout=10).json()


def component_validator(spec, name):
    """A validator of components/schemas/`name`, resolving the spec's internal references."""
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": spec["components"]})


def strict_validator(spec, name):
    """A validator of components/schemas/`name` in which an answer field the spec does not describe fails."""
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": closed(spec["components"])},
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, (*path, index))


def assert_answers(operation, result):
    """`operation` answers with the `result` component, and its refusals with the Error component."""
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {"anyOf": [
        {"$ref": f"#/components/schemas/{result}"}, {"$ref": f"#/components/schemas/Compact{result}"}]}  # ?form=
    for code in ("400", "401", "404", "405", "408", "413", "415"):
        assert operation["responses"][code]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"}


def test_spec_declares_full_answer_schemas_and_the_bearer_scheme(spec):
    assert spec["openapi"] == "3.1.0"
    schemas = spec["components"]["schemas"]
    for name in ("Case", "CheckResult", "CompareResult", "Answer", "Citation", "Source", "Ambiguity",
                 "UnverifiedParameter", "Dependency", "Receipt", "Error", "ErrorItem"):
        assert name in schemas, name
    assert {"excerpt", "source"} <= set(schemas["Citation"]["properties"])
    assert spec["components"]["securitySchemes"]["bearer"] == {
        **spec["components"]["securitySchemes"]["bearer"], "type": "http", "scheme": "bearer"}
    check = spec["paths"]["/check"]["post"]
    assert_answers(check, "CheckResult")
    parameters = {parameter["name"]: parameter["schema"] for parameter in check["parameters"]}
    assert parameters["one_plan_law_variant"]["enum"] == list(regimes.VARIANTS)
    assert spec["paths"]["/schemas/case.json"]["get"]["responses"]["200"]["content"] == {
        "application/schema+json": {"schema": {"type": "object"}}}
    assert all(server["url"].startswith("/") for server in spec["servers"])  # never the client's Host


def test_every_enum_is_typed(spec):
    untyped = [path for path, node in walk(spec) if "enum" in node and "type" not in node]
    assert not untyped, untyped


def test_the_token_is_required_in_the_spec_only_when_the_server_has_one(spec, secured_server, http):
    assert "security" not in spec
    secured = http.get(secured_server.url("/spec"), headers=secured_server.headers(), timeout=10).json()
    assert secured["security"] == [{"bearer": []}]
    assert secured["paths"]["/health"]["get"]["security"] == []


def test_answers_conform_to_the_spec(server, http, spec):
    case = family_case()
    for regime in regimes.NAMES:
        for variant in regimes.VARIANTS:
            response = http.post(server.url("/check"), params={"regime": regime, "one_plan_law_variant": variant},
                                 data=json.dumps(case), headers=JSON, timeout=30)
            assert response.status_code == 200
            strict_validator(spec, "CheckResult").validate(response.json())
            assert response.json()["receipt"]["one_plan_law_variant"] == variant
    response = http.post(server.url("/check/compare"), data=json.dumps(case), headers=JSON, timeout=30)
    strict_validator(spec, "CompareResult").validate(response.json())
    # contingent answers: an unknown fact ("depends", branches), a reading's alternative, an override
    unknown = {**case, "persons": [{**case["persons"][0], "has_complex_problems": None}, *case["persons"][1:]]}
    response = http.post(server.url("/check"), data=json.dumps(unknown), headers=JSON, timeout=30, params={
        "lang": "da", "reading": "R1:alternative",
        "override": "trial.meeting_parity_tolerance=0.2"})  # the one value no text gives (every other is verified)
    assert response.status_code == 200, response.text
    body = response.json()
    strict_validator(spec, "CheckResult").validate(body)
    answers = [answer for person in body["persons"].values() for answer in person["answers"].values()]
    assert any(answer["status"] == "depends" and answer["branches"] for answer in answers)
    assert body["receipt"]["readings"]["R1"] == "alternative"
    assert [o["name"] for o in body["receipt"]["overrides"]] == ["trial.meeting_parity_tolerance"]
    case["persons"][0]["cpr"] = "0101011234"
    response = http.post(server.url("/check"), data=json.dumps(case), headers=JSON, timeout=30)
    assert response.status_code == 400
    component_validator(spec, "Error").validate(response.json())


def test_the_variant_is_passed_to_check_and_compare(server, http):
    case = family_case()
    receipts = {}
    for variant in regimes.VARIANTS:
        answer = http.post(server.url("/check/compare"), params={"one_plan_law_variant": variant},
                           data=json.dumps(case), headers=JSON, timeout=30).json()
        receipts[variant] = answer["regimes"]["trial"]["receipt"]
        assert receipts[variant]["one_plan_law_variant"] == variant
    assert len({receipt["request_sha256"] for receipt in receipts.values()}) == len(regimes.VARIANTS)


@pytest.mark.parametrize("path", ["/check", "/check/compare"])
@pytest.mark.parametrize("value", ["final", "", "ENACTED"])
def test_an_unknown_variant_is_refused_naming_the_parameter(server, http, path, value):
    response = http.post(server.url(path), params={"one_plan_law_variant": value},
                         data=json.dumps(family_case()), headers=JSON, timeout=30)
    assert response.status_code == 400
    assert [item.get("parameter") for item in response.json()["errors"]] == ["one_plan_law_variant"]


def test_spec_declares_the_history_answer(spec):
    schemas = spec["components"]["schemas"]
    operation = spec["paths"]["/check/history"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/History"}
    assert not {"$schema", "$id"} & set(schemas["History"])  # the served schema, as a component
    assert_answers(operation, "HistoryResult")
    parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
    assert parameters["regime"]["enum"] == ["all", *regimes.NAMES] and parameters["lang"]["enum"] == list(LANGS)
    review = schemas["HistoryReviewItem"]["properties"]
    assert review["status"] == {**review["status"], "type": "string",
                                "enum": ["met", "late", "missing", "not_required_done", "depends",
                                         "after_required"]}
    assert review["due"]["type"] == ["string", "null"] and review["due"]["format"] == "date"
    assert spec["paths"]["/schemas/history.json"]["get"]["responses"]["200"]["content"] == {
        "application/schema+json": {"schema": {"type": "object"}}}


@pytest.fixture(scope="module")
def history_answers(server, http):
    """/check/history's answers for every worked history, under each regime choice and language, and for one
    with unknown facts (contingent answers, the timeline taken month by month from /check)."""
    histories = dict(HISTORIES)
    unknown = copy.deepcopy(HISTORIES["ballerup-family-whole-trial"])
    for name in ("has_complex_problems", "consents_to_one_plan"):
        unknown["persons"][0][name] = None
    histories["unknown-facts"] = unknown
    unassessed = copy.deepcopy(HISTORIES["hilleroed-youth-across-new-year-2020"])
    for name in ("assessed_not_to_benefit_from_offers", "municipality_uses_exemption_lab_contact_process"):
        unassessed["persons"][0][name] = None  # a duty that depends on a judgement not given
    histories["unknown-assessment"] = unassessed
    answers = {}
    for name, history in histories.items():
        for regime in ("all", *regimes.NAMES):
            for lang in LANGS:
                response = http.post(server.url("/check/history"), params={"regime": regime, "lang": lang},
                                     data=json.dumps(history), headers=JSON, timeout=120)
                assert response.status_code == 200, (name, regime, lang, response.text[:500])
                answers[name, regime, lang] = response.json()
    return answers


def test_history_answers_conform_to_the_spec_with_no_field_undescribed(spec, history_answers):
    validator = strict_validator(spec, "HistoryResult")
    for (name, regime, lang), body in history_answers.items():
        errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}"
                  for error in validator.iter_errors(body)]
        assert not errors, (name, regime, lang, errors[:5])
        assert body["lang"] == lang
        assert sorted(body["timeline"]["regimes"]) == sorted(body["regimes"]) == sorted(
            regimes.NAMES if regime == "all" else [regime])


def test_the_history_answers_reach_every_review_status_and_contingent_answers(spec, history_answers):
    schemas = spec["components"]["schemas"]
    statuses = {item["status"] for body in history_answers.values() for item in body["review"]}
    assert statuses == set(schemas["HistoryReviewItem"]["properties"]["status"]["enum"])
    computed = {timeline["computed_by"] for body in history_answers.values()
                for timeline in body["timeline"]["regimes"].values()}
    assert computed == {"simulation", "check"}
    answers = [answer for body in history_answers.values() for timeline in body["timeline"]["regimes"].values()
               for month in timeline["months"] for answers in month["persons"].values() for answer in answers.values()]
    assert "depends" in {answer["status"] for answer in answers}
    assert all(answer["value"] is None and answer["answer_text"] for answer in answers if answer["status"] == "depends")


def test_an_undescribed_history_field_fails_the_strict_validation(spec, history_answers):
    body = copy.deepcopy(history_answers["ballerup-family-whole-trial", "trial", "en"])
    validator = strict_validator(spec, "HistoryResult")
    assert validator.is_valid(body)
    for where in (body["review"][0], body["timeline"]["regimes"]["trial"]["change_points"][0]["citations"][0],
                  body["receipt"]):
        where["added_later"] = True
        assert not validator.is_valid(body)
        del where["added_later"]


def test_a_history_with_too_many_unknown_facts_is_refused_naming_them(server, http, spec):
    history = copy.deepcopy(HISTORIES["ballerup-family-whole-trial"])
    for person in history["persons"]:
        for name in ("has_complex_problems", "consents_to_one_plan", "municipality_offers_holistic_plan"):
            person[name] = None
    history["changes"].append({"date": "2019-06-01", "person": "child", "has_mentor": None})
    response = http.post(server.url("/check/history"), params={"lang": "en"}, data=json.dumps(history),
                         headers=JSON, timeout=120)
    assert response.status_code == 400, response.text[:500]
    component_validator(spec, "Error").validate(response.json())
    pointers = {item["pointer"] for item in response.json()["errors"]}
    assert {"/persons/0/has_complex_problems", "/changes/1/has_mentor"} <= pointers, pointers


# -- a generated client --------------------------------------------------------------------------


def generated_client(spec, directory):
    """Generate a client package with openapi-python-client from `spec` into `directory`; import it."""
    try:
        importlib.import_module("openapi_python_client")
    except ImportError:
        pytest.skip("openapi-python-client is not installed (pip install openapi-python-client): "
                    "the generated-client test cannot run")
    path = directory / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(path), "--meta", "none",
         "--output-path", str(directory / "enplan_client"), "--overwrite"],
        capture_output=True, text=True, timeout=300,
    )
    assert (directory / "enplan_client" / "client.py").exists(), result.stdout + result.stderr
    assert "Unable to" not in result.stdout and "Cannot" not in result.stdout, result.stdout
    sys.path.insert(0, str(directory))
    try:
        return importlib.import_module("enplan_client")
    finally:
        sys.path.remove(str(directory))


def test_a_generated_client_calls_check_through_typed_models(secured_server, http, tmp_path):
    spec = http.get(secured_server.url("/spec"), headers=secured_server.headers(), timeout=10).json()
    package = generated_client(spec, tmp_path)
    models = importlib.import_module("enplan_client.models")
    check = importlib.import_module("enplan_client.api.default.check")
    client = package.AuthenticatedClient(base_url=secured_server.base, token=secured_server.token, timeout=30)

    document = models.EnPlanCaseDocument.from_dict(family_case())  # the Case schema became a model
    assert isinstance(document.municipality, models.EnPlanCaseDocumentMunicipality)
    result = check.sync(client=client, body=document, lang=models.CheckLang.EN,
                        one_plan_law_variant=models.CheckOnePlanLawVariant.TABLED_BILL)
    assert isinstance(result, models.CheckResult), result
    assert result.regime == models.Regime.TRIAL
    assert result.receipt.one_plan_law_variant.value == "tabled_bill"
    answer = result.persons["parent"].answers["in_trial"]
    assert isinstance(answer, models.Answer) and answer.value is True and answer.status == models.Status.YES
    assert answer.citations and isinstance(answer.citations[0], models.Citation)
    assert all(len(parameter.name) > 0 for parameter in result.receipt.parameters)

    bad = family_case()
    bad["persons"][0]["birth_date"] = "0001-01-01"
    refusal = check.sync(client=client, body=models.EnPlanCaseDocument.from_dict(bad))
    assert isinstance(refusal, models.Error) and refusal.status == 400
    assert refusal.errors[0].pointer == "/persons/0/birth_date"
    anonymous = package.Client(base_url=secured_server.base, timeout=30)
    denied = check.sync(client=anonymous, body=document)
    assert isinstance(denied, models.Error) and denied.status == 401

    # the case history: the History schema became a model, the answer typed down to its dates and statuses
    check_history = importlib.import_module("enplan_client.api.default.check_history")
    history = models.EnPlanCaseHistory.from_dict(HISTORIES["helsingoer-brain-injury-from-october-2018"])
    result = check_history.sync(client=client, body=history, regime=models.CheckHistoryRegime.ALL,
                                lang=models.CheckHistoryLang.EN)
    assert isinstance(result, models.HistoryResult), result
    assert [regime.value for regime in result.regimes] == list(regimes.NAMES)
    assert all(isinstance(regime, models.Regime) for regime in result.regimes)  # one model per concept
    late = [item for item in result.review if item.status == models.HistoryReviewItemStatus.LATE]
    assert {(item.regime.value, item.due, item.days_late) for item in late} == {
        ("sector_law", datetime.date(2018, 10, 28), 2), ("one_plan_law", datetime.date(2018, 10, 28), 2)}
    assert all(isinstance(day, datetime.date) for item in late for day in item.done)
    trial = result.timeline.regimes.trial
    assert isinstance(trial, models.HistoryRegimeTimeline)
    assert trial.computed_by == models.HistoryRegimeTimelineComputedBy.SIMULATION
    point = next(point for point in trial.change_points if point.question_id.value == "in_trial")
    assert point.month == "2018-10" and point.to is True and isinstance(point.citations[0], models.Citation)
    assert isinstance(trial.start.persons["adult"]["in_trial"], models.HistoryAnswer)
    assert all(isinstance(deadline.due, datetime.date) for deadline in result.deadlines)
    assert result.receipt.one_plan_law_variant == models.OnePlanLawVariant.ENACTED
    one = check_history.sync(client=client, body=history, regime=models.CheckHistoryRegime.TRIAL,
                             from_="2018-09", to="2018-11")
    assert one.timeline.months == ["2018-09", "2018-10", "2018-11"] and not one.timeline.regimes.sector_law
    bad = HISTORIES["helsingoer-brain-injury-from-october-2018"] | {"to": "2018-01"}
    refusal = check_history.sync(client=client, body=models.EnPlanCaseHistory.from_dict(bad))
    assert isinstance(refusal, models.Error) and refusal.status == 400 and refusal.errors[0].pointer == "/to"
    large = HISTORIES["helsingoer-brain-injury-from-october-2018"] | {
        "changes": [{"date": "2019-01-01", "person": "adult", "has_mentor": True}] * 100}  # over the 4 KiB limit
    too_large = check_history.sync(client=client, body=models.EnPlanCaseHistory.from_dict(large))
    assert isinstance(too_large, models.Error) and too_large.status == 413

    # one model per concept: each enum of the answer model is one class, no answer value holds a word
    enums = [name for name in dir(models) if name.endswith(("Status", "Regime", "Lang", "Judge", "Reading"))]
    assert {"Status", "Regime", "Lang", "Judge", "Reading"} <= set(enums)
    assert not [name for name in enums if name.startswith(("Answer", "Branch", "Dependency", "CheckResult",
                                                           "Receipt", "HistoryDeadline", "HistoryMonth"))]
    round_trips(models)


def round_trips(models):
    """The generated models read and write back, unchanged, the real answers of every worked scenario (under every
    regime, and compared) and of every worked history, and a case's contingent answers."""
    from enplan_rules.answers import check, compare
    from enplan_rules.history import review
    from enplan_rules.scenarios import load as load_scenario

    unknown = family_case()
    unknown["persons"][0].update(has_complex_problems=None, consents_to_one_plan=None)
    cases = [load_scenario(path, "en").case for path in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))]
    for case in [*cases, unknown]:
        for regime in regimes.NAMES:
            body = check(case, regime, "en")
            assert models.CheckResult.from_dict(body).to_dict() == body, regime
        body = compare(case, "da")
        assert models.CompareResult.from_dict(body).to_dict() == body
    depends = check(unknown, "trial", "en")["persons"]["parent"]["answers"]
    typed = models.CheckResult.from_dict(check(unknown, "trial", "en")).persons["parent"].answers
    assert any(typed[q].status == models.Status.DEPENDS and typed[q].value is None and typed[q].branches
               for q in depends)
    for history in HISTORIES.values():
        body = json.loads(json.dumps(review(history, "all", "en"), default=str))
        assert models.HistoryResult.from_dict(body).to_dict() == body


# -- schemathesis: the server conforms to its spec ------------------------------------------------


@schemathesis.check
def negative_data_rejected(ctx, response, case):
    """schemathesis's negative_data_rejection, counting 413 (a generated body over the server's limit) and
    408 as rejections too: both are refusals the spec declares."""
    if response.status_code in (408, 413):
        return None
    return negative_data_rejection(ctx, response, case)


def conformance_failures(spec, base_url, session, examples):
    """Every check schemathesis has, on every operation of `spec`: its examples, then positive and negative
    generated data. The failures found, and the statuses of the answers that passed every check, by path."""
    schema = schemathesis.openapi.from_dict(spec)
    failures = []
    passed = {}

    def exercise(strategy, count, negative=False):
        @settings(max_examples=count, deadline=None, database=None, derandomize=SEED is None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def call(case):
            try:
                # Positive data may still break the rules the schema cannot say (a birth date after the
                # month, an id used twice, more than two parents): a 400 naming them is right.
                response = case.call_and_validate(
                    base_url=base_url, session=session, timeout=30, additional_checks=[negative_data_rejected],
                    excluded_checks=[positive_data_acceptance, negative_data_rejection])
                passed.setdefault(case.path, set()).add(response.status_code)
            except Exception as error:  # schemathesis raises its failures; collect them all
                failures.append((case.method, case.path, type(error).__name__, str(error)[:1500]))

        try:
            (seed(int(SEED))(call) if SEED is not None else call)()
        except Unsatisfiable:
            assert negative  # an operation without inputs has no negative data
    for result in schema.get_all_operations():
        operation = result.ok()
        for strategy in operation.get_strategies_from_examples():
            exercise(strategy, 3)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            exercise(operation.as_strategy(generation_mode=mode), examples, mode == GenerationMode.NEGATIVE)
    return failures, passed


def test_schemathesis_finds_no_non_conformance_on_the_gateway(server, http, spec):
    failures, passed = conformance_failures(spec, server.base, http, max(10, EXAMPLES // 3))
    assert not failures, failures[:5]
    # the answers were checked against their schemas (the spec's example case and history), and refusals too
    for path in ("/check", "/check/compare", "/check/history"):
        assert {200, 400} <= passed[path], (path, passed)


def test_schemathesis_finds_no_non_conformance_with_the_token(secured_server):
    session = requests.Session()
    session.headers.update(secured_server.headers())
    spec = session.get(secured_server.url("/spec"), timeout=10).json()
    failures, passed = conformance_failures(spec, secured_server.base, session, max(10, EXAMPLES // 3))
    assert not failures, failures[:5]
    assert 200 in passed["/check"] and 200 in passed["/check/history"], passed


@pytest.mark.parametrize("regime", regimes.NAMES)
def test_formula_sources_link_to_the_repository(server, http, regime):
    """OpenFisca builds each formula's `source` from pyproject's [project.urls] Repository."""
    variable = http.get(server.url(f"/{regime}/variable/separate_plan_required_lab_min_plan"), timeout=10).json()
    sources = [formula["source"] for formula in variable["formulas"].values() if formula]
    assert sources
    for source in sources:
        assert re.fullmatch(r"https://github\.com/enplan-rules/enplan_rules/blob/[^/]+/enplan_rules/[\w/]+\.py"
                            r"#L\d+-L\d+", source), source


@pytest.mark.parametrize("regime", regimes.NAMES)
def test_schemathesis_finds_no_non_conformance_on_the_regime_specs(server, http, regime):
    base = server.url(f"/{regime}")
    spec = http.get(f"{base}/spec", timeout=10).json()
    failures, passed = conformance_failures(spec, base, http, max(5, EXAMPLES // 6))
    assert not failures, failures[:5]
    for path in ("/calculate", "/trace", "/variable/{variableID}", "/parameter/{parameterID}", "/variables",
                 "/parameters", "/entities"):
        assert 200 in passed.get(path, ()), (path, passed)


def test_paths_added_by_other_modules_are_normalised():
    """Endpoint modules (the history endpoints) add their own paths to the gateway spec: as served, their
    enums are typed, their refusals declared and their schema documents' media type right."""
    from enplan_rules.api.spec import normalised

    spec = {"paths": {
        "/check/other": {"post": {"requestBody": {"content": {"application/json": {"schema": {
            "type": "object", "properties": {"kind": {"enum": ["a", "b"]}, "mixed": {"enum": [1, "x"]}}}}}},
            "responses": {"200": {"description": "ok"}}}},
        "/schemas/other.json": {"get": {"responses": {"200": {
            "description": "a schema", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    }}
    served = normalised(spec)
    properties = served["paths"]["/check/other"]["post"]["requestBody"]["content"]["application/json"][
        "schema"]["properties"]
    assert properties["kind"]["type"] == "string" and properties["mixed"]["type"] == ["integer", "string"]
    responses = served["paths"]["/check/other"]["post"]["responses"]
    assert set(responses) == {"200", "400", "401", "404", "405", "408", "413", "415"}
    assert responses["408"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert set(served["paths"]["/schemas/other.json"]["get"]["responses"]["200"]["content"]) == {
        "application/schema+json"}
    assert "type" not in spec["paths"]["/check/other"]["post"]["requestBody"]["content"]["application/json"][
        "schema"]["properties"]["kind"]  # the registered spec itself is left alone
