"""A request's readings and overrides are parameter values set on a system that shares the switched regime's
variables (`readings.with_values`): building one costs a few copied nodes, nothing is left behind per distinct
value, the regime the system came from is untouched, and what the engine works out once per regime (the static
dependencies) is the same as the system's own would be."""

import gc
import tracemalloc

from openfisca_core.parameters import Parameter

from enplan_rules import regimes
from enplan_rules.answers import check, readings
from enplan_rules.legal import dependencies, provenance

TOLERANCE = "trial.meeting_parity_tolerance"
CASE = {"municipality": "ballerup", "month": "2019-03",
        "persons": [{"id": "a", "role": "parent", "birth_date": "1980-01-01",
                     "employment_target_group": "kontanthjaelp_jobparat", "benefit_start_date": "2018-06-01"}]}


def _distinct_values(first, last):
    for index in range(first, last):
        system = readings.switched("trial", overrides={TOLERANCE: index / 100_000})
        assert provenance.find(system.parameters, TOLERANCE)[-1].values_list[-1].value == index / 100_000
        if index % 20 == 0:  # what a simulation reads: the whole tree at an instant (4 ms; not every time)
            assert system.get_parameters_at_instant("2019-03-01").trial.meeting_parity_tolerance == index / 100_000


def test_ten_thousand_distinct_overrides_leave_nothing_behind():
    """Before: each distinct value built a reform (0.2 s, a deep copy of the tree) and left about 11 KB behind."""
    _distinct_values(0, readings.SYSTEMS_KEPT + 10)  # the cache full
    gc.collect()
    tracemalloc.start()
    try:
        _distinct_values(100, 1_000)
        gc.collect()
        plateau = tracemalloc.get_traced_memory()[0]
        _distinct_values(1_000, 10_000)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - plateau
    finally:
        tracemalloc.stop()
    assert grown < 1_000_000, f"{grown} bytes more after 9,000 further distinct override values"


def test_a_system_for_overrides_leaves_the_regime_untouched():
    base = readings.switched("trial")
    before = provenance.find(base.parameters, TOLERANCE)[-1].values_list
    switched = readings.switched("trial", readings={"R9": "alternative"}, overrides={TOLERANCE: 0.25})
    assert provenance.find(switched.parameters, TOLERANCE)[-1].values_list[-1].value == 0.25
    assert provenance.find(base.parameters, TOLERANCE)[-1].values_list is before
    assert all(at.value != 0.25 for at in before)
    assert base.parameters.readings.R9.values_list[-1].value is False
    assert switched.parameters.readings.R9.values_list[-1].value is True
    assert switched.variables is base.variables  # shared, never copied
    assert switched.person_entity.get_variable("age") is base.variables["age"]
    assert check(CASE, "trial", "en", overrides={TOLERANCE: 0.25})["receipt"]["overrides"] == [
        {"name": TOLERANCE, "value": 0.25, "engine_value": 0.1}]


def _changed(value):
    if isinstance(value, bool):
        return not value
    return value + 1 if isinstance(value, int) else round(min(1.0, value) / 2, 4)


def test_the_static_dependencies_of_a_switched_system_are_its_regimes():
    """The engine traces the static dependencies once per regime and uses them for every system made for readings
    or overrides (`memo.on_structure`): that holds only while the formulas read every leaf and every switch's
    alternative whatever the values. Traced afresh under every reading turned, and every overridable value
    changed, they are the same."""
    base = readings.switched("trial")
    traced = dependencies.static_closures.__wrapped__
    expected = traced(base)
    every_reading = readings.switched("trial", readings={reading_id: "alternative" for reading_id in readings.SWITCHES})
    assert traced(every_reading) == expected
    plain = regimes.load("trial").parameters
    leaves = [leaf.name for leaf in plain.get_descendants()
              if isinstance(leaf, Parameter) and provenance.status(plain, leaf.name) == "unverified"]
    assert leaves
    overrides = {name: _changed(provenance.find(plain, name)[-1].values_list[0].value) for name in leaves}
    assert traced(readings.switched("trial", overrides=overrides)) == expected
