"""The answer model: typed and immutable, its enums the registers' own, its JSON the /check answer, and the /spec
schemas generated from it (every worked scenario's answers validate against them with no field undescribed)."""

import dataclasses
import glob
import json
import os

import pytest
from jsonschema import Draft202012Validator

from enplan_rules import regimes
from enplan_rules.answers import check, check_model, compare_model, contingent, model, readings
from enplan_rules.answers.schema import components
from enplan_rules.answers.unrecorded import at_defaults
from enplan_rules.api.spec import closed
from enplan_rules.case.validation import LANGS
from enplan_rules.legal import source_records
from enplan_rules.scenarios import load

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))
UNKNOWN = at_defaults({
    "municipality": "other", "month": "2019-03",
    "persons": [{"id": "adult", "employment_target_group": "kontanthjaelp_aktivitetsparat",
                 "benefit_start_date": "2018-01-01", "has_complex_problems": True, "consents_to_one_plan": None,
                 "municipality_offers_holistic_plan": None, "receives_adult_social_support": True}],
})


def validator(name):
    schemas = closed(components())
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": {"schemas": schemas}})


def test_the_model_s_enums_are_the_registers_own():
    assert [r.value for r in model.Regime] == list(regimes.NAMES)
    assert [lang.value for lang in model.Lang] == list(LANGS)
    assert [v.value for v in model.OnePlanLawVariant] == list(regimes.VARIANTS)
    assert {r.value for r in model.Reading} == {readings.ENGINE, readings.ALTERNATIVE}
    assert [s.value for s in model.SourceStatus] == list(source_records.STATUSES)
    assert {j.value for j in model.Judge} == {e["who"] for e in contingent.judgements() if e.get("who")}


def test_the_model_is_immutable():
    result = check_model(UNKNOWN, "one_plan_law", "da")
    answer = result.persons["adult"].answers["plan_lab_min_plan"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        answer.value = True
    with pytest.raises(TypeError):
        result.persons["adult"].answers["plan_lab_min_plan"] = answer
    assert isinstance(answer.branches, tuple) and isinstance(answer.citations, tuple)


def test_a_depends_answer_has_a_typed_status_and_no_word_in_its_value():
    answer = check_model(UNKNOWN, "one_plan_law", "da").persons["adult"].answers["plan_lab_min_plan"]
    assert answer.status is model.Status.depends and answer.value is None
    assert answer.answer_text == "Ja, medmindre kommunen tilbyder en helhedsorienteret plan og borgeren samtykker"
    assert {(b.status, b.value) for b in answer.branches} == {(model.Status.yes, True), (model.Status.no, False)}
    for name in ("Answer", "Branch"):
        assert components()[name]["properties"]["value"]["type"] == ["boolean", "number", "null"]


def test_each_enum_is_one_component_referenced_wherever_it_is_used():
    schemas = components()
    inline = [(name, key) for name, schema in schemas.items() for key, prop in schema.get("properties", {}).items()
              if "enum" in json.dumps(prop)]
    assert not inline, inline
    enums = {name for name, schema in schemas.items() if "enum" in schema}
    assert {"Status", "DependencyKind", "Judge", "Reading", "SourceStatus", "Verdict", "Regime", "Lang"} <= enums
    untyped = [(name, key) for name, schema in schemas.items() for key, prop in schema.get("properties", {}).items()
               if not ({"type", "$ref", "anyOf", "allOf"} & set(prop))]
    assert not untyped, untyped


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_every_worked_scenario_s_answers_validate_against_the_generated_schema_with_no_field_undescribed(path):
    scenario = load(path, "en")
    regime = scenario.regime if scenario.regime in regimes.NAMES else "trial"
    result = check(scenario.case, regime, "en")
    validator("CheckResult").validate(result)
    assert result == json.loads(json.dumps(result))  # plain JSON
    validator("CompareResult").validate(model.to_json(compare_model(scenario.case, "da")))


def test_contingent_answers_and_compare_validate_and_the_json_is_the_model_s():
    result = check(UNKNOWN, "trial", "da", readings={"R1": "alternative"},
                   overrides={"trial.meeting_parity_tolerance": 0.2})
    validator("CheckResult").validate(result)
    assert result == model.to_json(check_model(UNKNOWN, "trial", "da", readings={"R1": "alternative"},
                                               overrides={"trial.meeting_parity_tolerance": 0.2}))
    compared = model.to_json(compare_model(UNKNOWN, "en"))
    validator("CompareResult").validate(compared)
    difference = next(d for d in compared["differences"] if d["question"] == "plan_lab_min_plan")
    assert difference["statuses"] == {"sector_law": "yes", "one_plan_law": "depends", "trial": "depends"}
    assert difference["values"] == {"sector_law": True, "one_plan_law": None, "trial": None}
