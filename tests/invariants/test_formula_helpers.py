"""The rule helpers that replace OpenFisca's own for speed give OpenFisca's results."""

import numpy
import pytest
from openfisca_core import holders, periods

from enplan_rules import formula_helpers, regimes

SYSTEM = regimes.load("trial")

# Inputs given in this order (shortest period first, as the simulation builders set them), then read back.
INPUTS = [
    [("2019-03", [4, 5])],
    [("2019", [1, 2])],
    [("month:2019-01:6", [7, 0])],
    [("2019-03", [4, 5]), ("2019-03", [8, 9])],  # the first input for a month stays
    [("2019-02", [3, 3]), ("2019", [1, 2])],  # a longer period does not overwrite a month set before
]
READ = [f"2019-{month:02d}" for month in range(1, 13)] + ["2020-01", "2018-12"]


def holder():
    population = SYSTEM.instantiate_entities()["person"]
    population.count = 2
    return population.get_holder("departments_with_case")


@pytest.mark.parametrize("inputs", INPUTS)
def test_set_input_dispatch_by_period_is_openfiscas(inputs):
    ours, theirs = holder(), holder()
    assert ours.variable.set_input is formula_helpers.set_input_dispatch_by_period
    for period_string, values in inputs:
        period = periods.period(period_string)
        formula_helpers.set_input_dispatch_by_period(ours, period, numpy.array(values))
        holders.set_input_dispatch_by_period(theirs, period, numpy.array(values))
    for month in READ:
        mine, reference = ours.get_array(month), theirs.get_array(month)
        assert (mine is None) == (reference is None), month
        if reference is not None:
            assert mine.tolist() == reference.tolist() and mine.dtype == reference.dtype, month
