"""Population columns: an empty cell means what leaving the fact out of a case document means (the engine's
default), so the same citizen gets the same answer from a population file and from /check."""

import pandas

from enplan_rules import regimes
from enplan_rules.population import columns


def parsed(name, cells):
    frame = pandas.DataFrame({"person_id": [f"p{i}" for i in range(len(cells))],
                              "family_id": [f"f{i}" for i in range(len(cells))],
                              "municipality": ["ballerup"] * len(cells), name: cells})
    validation = columns.validate(frame)
    assert not validation.errors, validation.errors
    return list(validation.values[name])


def test_an_empty_cell_is_the_engines_default_for_the_fact():
    variables = regimes.load("sector_law").variables
    booleans = [column for column in columns.columns() if column.kind == "bool"]
    defaults = {column.name: column.default for column in booleans}
    assert defaults["municipality_offers_holistic_plan"] is True  # 'kan': taken as offered when not given
    assert defaults["municipality_uses_exemption_sel_141"] is True
    assert defaults["has_complex_problems"] is False
    for column in booleans:
        assert column.default == bool(variables[column.name].default_value), column.name
        assert parsed(column.name, ["", "true", "false", "0", "1"]) == [column.default, True, False, False, True]
        assert f"empty = {'true' if column.default else 'false'}" in column.expected()


def test_an_empty_cell_in_a_numeric_or_boolean_column_is_the_default_too():
    assert parsed("municipality_offers_holistic_plan", pandas.array([None, 1, 0], dtype="Int64")) == [True, True, False]
    assert parsed("municipality_offers_holistic_plan", pandas.array([None, True, False], dtype="boolean")) == [
        True, True, False]
    assert parsed("has_complex_problems", pandas.array([None, True], dtype="boolean")) == [False, True]
