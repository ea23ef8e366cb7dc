"""check() reads its answers and explanations from the contingent answers' simulation (the case as given is one of
its copies, in a CaseSimulation of the switched regime). These tests compare that with what check() computed
before: a simulation of the case alone, built by OpenFisca's own Simulation on the plain regime."""

import copy
import random

import numpy
import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from enplan_rules import regimes
from enplan_rules.answers import check, contingent
from enplan_rules.answers.contingent import judgement_facts
from enplan_rules.case.check import situation
from enplan_rules.case.questions import QUESTIONS
from enplan_rules.case.validation import load_schema
from enplan_rules.legal.dependencies import Values, explain_static, explain_values
from enplan_rules.simulations import CaseSimulation, build_simulation

SCHEMA = load_schema()
PERSON = SCHEMA["properties"]["persons"]["items"]["properties"]
MONTHS = ("2016-05", "2017-12", "2018-07", "2019-03", "2020-02", "2024-01")


def _person(rng, index, role):
    person = {"id": f"p{index}", "role": role,
              "birth_date": rng.choice(["1960-02-01", "1988-05-01", "2001-12-31"] if role == "parent"
                                       else ["2005-01-01", "2012-01-01", "2016-06-06"])}
    for name, spec in PERSON.items():
        if name in person or rng.random() < 0.5:
            continue
        if "enum" in spec:
            person[name] = rng.choice([value for value in spec["enum"] if value is not None])
        elif spec.get("type") == "integer":
            person[name] = rng.randint(0, 4)
        elif name.endswith("date"):
            person[name] = rng.choice(["2016-01-01", "2018-06-10", "2019-01-15"])
        else:
            person[name] = rng.random() < 0.5
    return person


def _case(seed, unknowns=0):
    rng = random.Random(seed)
    parents, children = rng.choice([1, 2]), rng.choice([0, 1, 2])
    persons = [_person(rng, i, "parent") for i in range(parents)]
    persons += [_person(rng, parents + i, "child") for i in range(children)]
    for _ in range(unknowns):
        person = rng.choice(persons)
        person[rng.choice(["has_complex_problems", "consents_to_one_plan", "municipality_offers_holistic_plan",
                           "receives_adult_social_support", "employment_target_group"])] = None
    month = rng.choice(MONTHS)
    for person in persons:  # a benefit start after the month asked is refused: in the group by then
        if (person.get("benefit_start_date") or "")[:7] > month:
            person["benefit_start_date"] = f"{month}-01"
    return {"municipality": rng.choice(SCHEMA["properties"]["municipality"]["enum"]), "month": month,
            "persons": persons}


CASES = [_case(seed) for seed in range(12)] + [_case(100 + seed, unknowns=2) for seed in range(6)]


@pytest.mark.parametrize("regime", regimes.NAMES)
@pytest.mark.parametrize("number", range(len(CASES)))
def test_the_case_as_given_in_the_shared_simulation_answers_and_explains_as_a_simulation_of_the_case_alone(
        regime, number):
    case = CASES[number]
    month = case["month"]
    system = regimes.load(regime)
    evaluated = contingent.evaluate(case, month, regime, regimes.DEFAULT_VARIANT)
    shared = Values(evaluated["simulation"], month, evaluated["base_rows"], system)
    alone = build_simulation(system, situation(case, month))
    names = [q.variable for q in QUESTIONS if q.variable in system.variables]
    for name in names:
        assert (numpy.asarray(alone.calculate(name, month)) == shared(name)).all(), name
    assert explain_values(shared, names) == explain_static(alone, names, month)


def test_a_case_simulation_computes_what_openfisca_s_simulation_computes():
    system = regimes.load("trial")
    for case in CASES:
        month = case["month"]
        plain = build_simulation(system, situation(case, month))
        memoised = contingent._tiled_columns(system, situation(case, month), 1, [], month)  # one copy
        assert isinstance(memoised, CaseSimulation) and not isinstance(plain, CaseSimulation)
        for question in QUESTIONS:
            if question.variable in system.variables:
                expected = plain.calculate(question.variable, month)
                assert (memoised.calculate(question.variable, month) == expected).all()
                assert (memoised.calculate(question.variable, month) == expected).all()  # from the memo


def test_a_case_with_unknown_facts_keeps_its_answers_when_the_facts_are_given_as_the_defaults():
    """The case as given is an extra copy where facts are unknown: its rows hold the defaults, as before. (Every
    other judgement is recorded at its default in both, so that only the request's own nulls differ.)"""
    system = regimes.load("trial")
    for case in CASES[-6:]:
        case = copy.deepcopy(case)
        for person in case["persons"]:
            for name in judgement_facts():
                if name in system.variables:
                    person.setdefault(name, system.variables[name].default_value)
        given = copy.deepcopy(case)
        for person in given["persons"]:
            for name in [name for name, value in person.items() if value is None]:
                del person[name]
        unknown, known = check(case, "trial", "en"), check(given, "trial", "en")
        for person_id, person in known["persons"].items():
            for question_id, answer in person["answers"].items():
                other = unknown["persons"][person_id]["answers"][question_id]
                assert other["citations"] == answer["citations"]
                assert other["unverified_parameters"] == answer["unverified_parameters"]
                if other["status"] != "depends":
                    assert other["value"] == answer["value"]


@pytest.mark.parametrize("regime", regimes.NAMES)
def test_built_simulations_answer_as_openfisca_s_builder_and_each_copy_as_the_case_alone(regime):
    system = regimes.load(regime)
    for case in CASES[:8]:
        month = case["month"]
        built = situation(case, month)
        reference = SimulationBuilder().build_from_entities(system, copy.deepcopy(built))
        single = build_simulation(system, built)
        tiled = build_simulation(system, built, copies=3, memoised=True)
        count = len(case["persons"])
        for question in QUESTIONS:
            if question.variable in system.variables:
                expected = numpy.asarray(reference.calculate(question.variable, month))
                assert (numpy.asarray(single.calculate(question.variable, month)) == expected).all()
                assert (numpy.asarray(tiled.calculate(question.variable, month)).reshape(3, count) == expected).all()
