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


def test_per_array_computes_once_per_array_and_forgets_it_with_the_array():
    calls = []

    @formula_helpers.per_array
    def doubled(array):
        calls.append(1)
        return array * 2

    array = numpy.arange(5)
    first = doubled(array)
    assert doubled(array) is first and len(calls) == 1
    assert first.tolist() == [0, 2, 4, 6, 8]
    with pytest.raises(ValueError):
        first[0] = 1  # read-only: a caller cannot change what the next caller is given
    equal = numpy.arange(5)  # equal values, another array: computed for it
    assert doubled(equal).tolist() == first.tolist() and len(calls) == 2
    key = id(array)
    assert key in formula_helpers._PER_ARRAY
    del array, first
    assert key not in formula_helpers._PER_ARRAY  # dropped with the array
    assert doubled([1, 2]) == [1, 2, 1, 2] and doubled([1, 2]) == [1, 2, 1, 2] and len(calls) == 4  # no weak reference


def test_per_array_results_are_shared_by_the_regimes_copies_of_a_variables_file():
    """OpenFisca loads a variables file once per tax and benefit system: the birthdays of the same birth dates are
    worked out once, by the first regime, and each regime gives the same ages."""
    from openfisca_core.simulations import SimulationBuilder

    birth_dates = numpy.array(["1960-03-01", "1990-07-15", "2001-06-30", "2019-06-01"], dtype="datetime64[D]")
    ages, kept = [], []
    for regime in ("sector_law", "one_plan_law", "trial"):
        system = regimes.load(regime)
        simulation = SimulationBuilder().build_from_entities(system, {"persons": {str(i): {} for i in range(4)}})
        simulation.set_input("birth_date", "ETERNITY", birth_dates)
        ages.append(simulation.calculate("age", "2019-06").tolist())
        results = formula_helpers._PER_ARRAY[id(birth_dates)][1]
        assert len(results) == 1
        kept.append(next(iter(results.values())))
    assert ages[0] == ages[1] == ages[2] == [59, 28, 17, 0]
    assert kept[0] is kept[1] is kept[2]


def test_lookup_reads_each_key_once_and_gives_each_entry_its_value():
    from enplan_rules.enums import Municipality

    system = regimes.load("trial")
    node = system.parameters("2019-06-01").trial.municipalities
    covered = {member.name: bool(node[member.name]["covered"]) for member in Municipality}
    for codes in ([0], [3, 3, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 0], [9, 0, 9]):
        keys = Municipality.encode(numpy.array([list(Municipality)[code] for code in codes], dtype=object))
        for _ in range(2):  # the second time from the kept codes
            values = formula_helpers.lookup(formula_helpers._PathNode(node, "covered"), keys)
            assert values.tolist() == [covered[list(Municipality)[code].name] for code in codes]
        assert formula_helpers.present_indices(keys).tolist() == sorted(set(codes))


def test_per_array_never_keeps_its_array_alive():
    @formula_helpers.per_array
    def same(array):
        return numpy.asarray(array), array[::2]  # views of the array itself

    array = numpy.arange(6)
    whole, every_other = same(array)
    assert whole.tolist() == array.tolist() and every_other.tolist() == [0, 2, 4]
    assert not numpy.may_share_memory(whole, array) and not numpy.may_share_memory(every_other, array)
    key = id(array)
    del array, whole, every_other
    assert key not in formula_helpers._PER_ARRAY
