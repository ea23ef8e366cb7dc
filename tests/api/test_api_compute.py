"""The API's /calculate path (strict validation, direct simulation set-up) answers exactly as OpenFisca's own
web-API handler on generated valid situations, in every regime; and the validation accepts them all."""

import copy
import datetime
import json
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openfisca_core.indexed_enums import Enum
from openfisca_web_api import handlers

from enplan_rules import regimes
from enplan_rules.api import compute
from enplan_rules.api.errors import ApiError
from enplan_rules.api.situation import SituationValidator

SYSTEM = regimes.load("trial")
MONTHS = [f"{year}-{month:02d}" for year in (2015, 2017, 2018, 2019, 2020) for month in (1, 3, 6, 7, 11, 12)]
IDS = ["a", "b", "c", "d", "0", "ø", "x y"]
GROUP_IDS = ["f", "g", "1"]  # distinct from person ids: a person in no group gets a group named after it


def variables_of(entity_key, with_formula):
    return sorted(
        name for name, variable in SYSTEM.variables.items()
        if variable.entity.key == entity_key and bool(variable.formulas) == with_formula
    )


def value_strategy(variable):
    if variable.value_type is bool:
        return st.booleans()
    if variable.value_type is int:
        return st.integers(0, 60)
    if variable.value_type is float:
        return st.floats(0, 100, allow_nan=False).map(lambda value: round(value, 2))
    if variable.value_type is datetime.date:
        return st.dates(datetime.date(1930, 1, 1), datetime.date(2021, 1, 1)).map(str)
    if variable.value_type == Enum:
        return st.sampled_from(list(variable.possible_values.__members__))
    raise AssertionError(variable.value_type)


def input_periods(variable):
    if variable.definition_period == "eternity":
        return st.just("ETERNITY")
    if variable.set_input is not None:
        return st.one_of(st.sampled_from(MONTHS), st.sampled_from(["2018", "2019", "month:2019-01:6"]))
    return st.sampled_from(MONTHS)


def output_period(variable):
    if variable.definition_period == "year":
        return st.sampled_from(["2015", "2018", "2019", "2020"])
    if variable.definition_period == "eternity":
        return st.just("ETERNITY")
    return st.sampled_from(MONTHS)


def instance(entity_key, max_inputs=6, max_outputs=4):
    """Some inputs and some requested outputs of one entity instance."""
    inputs = variables_of(entity_key, with_formula=False)
    outputs = variables_of(entity_key, with_formula=True)

    @st.composite
    def draw_instance(draw):
        result = {}
        for name in draw(st.lists(st.sampled_from(inputs), max_size=max_inputs, unique=True)) if inputs else []:
            variable = SYSTEM.variables[name]
            result[name] = draw(st.dictionaries(input_periods(variable), value_strategy(variable),
                                                min_size=1, max_size=2))
        for name in draw(st.lists(st.sampled_from(outputs), max_size=max_outputs, unique=True)):
            result[name] = draw(st.dictionaries(output_period(SYSTEM.variables[name]), st.none(),
                                                min_size=1, max_size=2))
        return result

    return draw_instance()


@st.composite
def situations(draw):
    person_ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=5, unique=True))
    situation = {"persons": {person_id: draw(instance("person")) for person_id in person_ids}}
    for plural, key, roles in (("families", "family", ("parents", "children")), ("cohorts", "cohort", ("members",))):
        if not draw(st.booleans()):
            continue
        free = list(person_ids)
        groups = {}
        for group_id in draw(st.lists(st.sampled_from(GROUP_IDS), min_size=1, max_size=2, unique=True)):
            group = draw(instance(key))
            for role in roles:
                limit = 2 if role == "parents" else 3
                members = draw(st.lists(st.sampled_from(free), max_size=limit, unique=True)) if free else []
                free = [person_id for person_id in free if person_id not in members]
                if members:
                    group[role] = members
            if any(role in group for role in roles):  # the API refuses groups without members
                groups[group_id] = group
        if groups:
            situation[plural] = groups
    return situation


def canonical(answer):
    return json.loads(json.dumps(answer, default=str))


@pytest.mark.parametrize("regime", regimes.NAMES)
def test_api_calculation_equals_openfisca_handler(regime):
    system = regimes.load(regime)
    validator = SituationValidator(system)

    @settings(max_examples=int(os.environ.get("ENPLAN_FUZZ_EXAMPLES", "40")), deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(situations())
    def check(situation):
        situation = {plural: {key: {name: values for name, values in instance.items()
                                    if name in system.variables or not isinstance(values, dict)}
                              for key, instance in instances.items()}
                     for plural, instances in situation.items()}
        try:
            requested = validator.validate(copy.deepcopy(situation))
        except ApiError as error:
            raise AssertionError(f"valid situation refused: {error.items}") from None
        ours = compute.calculate(system, copy.deepcopy(situation), requested)
        theirs = handlers.calculate(system, copy.deepcopy(situation))
        assert canonical(ours) == canonical(theirs)

    check()
