"""The engine's shortcuts give what the plain numpy and OpenFisca operations they replace give."""

import gc

import numpy
import population_support as support
import pytest

from enplan_rules import formula_helpers, regimes
from enplan_rules.entities import Family
from enplan_rules.population import columns, compare, engine

REGIMES = ("sector_law", "one_plan_law", "trial")


@pytest.mark.parametrize("count", [0, 1, 7, 1000])
@pytest.mark.parametrize("highest", [1, 5, engine.N_KEYS])
def test_cohorts_of_is_numpy_unique(count, highest):
    keys = numpy.random.default_rng(count + highest).integers(0, highest, count).astype(numpy.int32)
    occurring, index = engine.cohorts_of(keys)
    expected_occurring, expected_index = numpy.unique(keys, return_inverse=True)
    assert occurring.tolist() == expected_occurring.tolist()
    assert index.tolist() == expected_index.tolist()


@pytest.mark.parametrize("share", [0.0, 0.001, 0.05, 0.124, 0.126, 0.5, 1.0])
def test_count_by_key_is_the_weighted_sum_over_every_row(share):
    rng = numpy.random.default_rng(int(share * 1000))
    count = 5000
    key = rng.integers(0, engine.N_KEYS, count).astype(numpy.intp)
    values = rng.random(count) < share
    # dedupe's weights: whole numbers of families, and fractions to make any change of summing order visible
    for weight in (rng.integers(1, 40, count).astype(numpy.float64), rng.random(count) * 1e3):
        expected = numpy.bincount(key, weights=values * weight, minlength=engine.N_KEYS)
        assert numpy.array_equal(engine.count_by_key(key, values, weight), expected)  # bit for bit
    assert engine.count_by_key(key, values).tolist() == numpy.bincount(key[values], minlength=engine.N_KEYS).tolist()


@pytest.fixture(scope="module")
def chunk():
    population = support.population(citizens=120, seed=11, outside_share=0.1)
    validation = columns.validate(population, "row", 1)
    return compare.chunks(compare.prepare(validation, ~validation.invalid), 10_000)[0]


def test_role_array_compares_as_the_object_array(chunk):
    system = regimes.load("trial")
    shared = {}
    simulation = engine.build_simulation(system, chunk, shared)
    families = simulation.populations["family"]
    roles = families.members_role
    assert isinstance(roles, engine.RoleArray)
    plain = numpy.asarray(roles).view(numpy.ndarray)
    assert plain.dtype == object
    for role in (*families.entity.flattened_roles, Family.PARENT, Family.CHILD):
        fast = roles == role
        assert type(fast) is numpy.ndarray and fast.dtype == bool
        assert fast.tolist() == (plain == role).tolist()
    assert (roles == "parent").tolist() == (plain == "parent").tolist()  # not a role: compared as objects
    view = roles[::2]
    assert type(view == Family.CHILD) is numpy.ndarray
    assert (view == Family.CHILD).tolist() == (plain[::2] == Family.CHILD).tolist()  # a view has no codes
    assert simulation.persons.has_role(Family.CHILD).tolist() == [role is Family.CHILD for role in plain]
    assert 0 < int(simulation.persons.has_role(Family.CHILD).sum()) < chunk["count"]
    # another regime of the chunk is given the same cohorts and roles (built once), and the same answers
    other = engine.build_simulation(regimes.load("sector_law"), chunk, shared)
    assert other.populations["family"].members_role is roles
    alone = engine.build_simulation(regimes.load("sector_law"), chunk)
    for name in ("family", "cohort"):
        assert other.populations[name].members_entity_id.tolist() == alone.populations[name].members_entity_id.tolist()
        assert [role.key for role in other.populations[name].members_role] == [
            role.key for role in alone.populations[name].members_role
        ]


def test_regimes_share_the_chunks_encoded_inputs(chunk):
    encoded = {}
    first = engine.encoded_inputs(regimes.load("sector_law"), chunk, encoded)
    second = engine.encoded_inputs(regimes.load("trial"), chunk, encoded)
    alone = engine.encoded_inputs(regimes.load("trial"), chunk)
    assert first.keys() == second.keys() == alone.keys()
    for name in first:
        assert second[name] is first[name]
        assert type(alone[name]) is type(first[name])
        assert numpy.asarray(alone[name]).tolist() == numpy.asarray(first[name]).tolist()


@pytest.mark.parametrize("weighted", [False, True])
def test_run_chunk_counts_what_the_simulation_answers(chunk, weighted):
    """run_chunk (shared inputs, roles and cohorts; per-array results kept across regimes) against a separate
    simulation per regime with nothing shared and the per-array results forgotten between regimes."""
    month = "2019-06"
    if weighted:  # as dedupe.py weights each representative row by the families it stands for
        chunk = {**chunk, "weight": numpy.random.default_rng(3).integers(1, 30, chunk["count"]).astype(numpy.float64)}
    plan = engine.Plan(regimes=REGIMES, months=(month,), parity_windows=(), measures=engine.measures(()))
    counts = engine.run_chunk(chunk, plan)["counts"]
    key = numpy.asarray(chunk["key"], dtype=numpy.intp)
    weight = chunk["weight"] if weighted else numpy.ones(chunk["count"])
    for r, regime in enumerate(REGIMES):
        formula_helpers._PER_ARRAY.clear()
        system = regimes.load(regime)
        simulation = engine.build_simulation(system, chunk)
        for name, values in engine.encoded_inputs(system, chunk).items():
            simulation.set_input(name, month, values)
        for name in engine.PLAN_VARIABLES + engine.COUNTED_VARIABLES:
            values = numpy.asarray(simulation.calculate(name, month))
            expected = numpy.bincount(key, weights=values * weight, minlength=engine.N_KEYS)
            assert counts[r, 0, plan.measures.index(name)].tolist() == expected.tolist(), (regime, name)
        assert counts[r, 0, plan.measures.index("in_en_plan_trial")].sum() > 0 or regime != "trial"
    gc.collect()
