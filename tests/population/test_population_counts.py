"""The vectorised comparison counts what the engine answers case by case, and nothing else."""

import numpy
import pandas
import population_support as support
import pytest
from openfisca_core.simulations import SimulationBuilder

from enplan_rules import regimes
from enplan_rules.population import compare, engine

REGIMES = ("sector_law", "one_plan_law", "trial")
# July 2018: the One Plan law in force and the trial running. January 2020: the trial after its cited LAB
# sections were repealed.
RANGES = (("2018-07", "2018-07"), ("2020-01", "2020-01"))
MONTHS = tuple(month for first, last in RANGES for month in compare.months_between(first, last))


@pytest.fixture(scope="module")
def population():
    return support.population(citizens=250, seed=7, outside_share=0.1)


@pytest.fixture(scope="module")
def vectorised(population):
    frames = [
        compare.compare(population, REGIMES, first, last, chunk_size=100, progress=False).results
        for first, last in RANGES
    ]
    return pandas.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def case_by_case(population):
    return support.case_by_case(population, REGIMES, MONTHS)


def test_every_count_equals_the_sum_of_single_case_answers(vectorised, case_by_case):
    got = {
        (row.regime, row.month.strftime("%Y-%m"), row.municipality, row.target_group, row.measure): row.value
        for row in vectorised.itertuples(index=False)
    }
    for key in [key for key, value in case_by_case.items() if value]:
        assert key in got, f"missing from the comparison: {key}"
    mismatches = []
    for key, value in got.items():
        expected = case_by_case.get(key, 0.0)
        if not numpy.isclose(value, expected, rtol=1e-6, atol=1e-6):
            mismatches.append((key, value, expected))
    assert not mismatches, f"{len(mismatches)} counts differ, e.g. {mismatches[:5]}"


def test_the_population_exercises_what_is_compared(vectorised):
    """Guard against a vacuous comparison: every engine output and the ambiguity flags occur at least once, and
    the regimes differ."""
    totals = vectorised.groupby(["measure", "regime"], observed=True)["value"].sum().unstack("regime")
    for name in engine.OUTPUT_VARIABLES + ("ambiguity_any", "ordinary_meetings_binding"):
        if name in ("lab_repealed_text_applied", "trial_legal_basis_unresolved"):
            # LBA is encoded (R12 settled) and an order covers every trial month (BEK 1184 from 2020)
            assert totals.loc[name].max() == 0
            continue
        assert totals.loc[name].max() > 0, f"{name} never occurs in the test population"
    assert totals.loc["separate_plans_total", "sector_law"] > totals.loc["separate_plans_total", "one_plan_law"]
    assert totals.loc["separate_plans_total", "one_plan_law"] > totals.loc["separate_plans_total", "trial"]
    assert totals.loc["in_en_plan_trial", "one_plan_law"] == 0 < totals.loc["in_en_plan_trial", "trial"]


def test_chunking_never_changes_the_answer(population):
    whole = compare.compare(population, REGIMES, "2020-01", "2020-01", chunk_size=10_000, progress=False)
    small = compare.compare(population, REGIMES, "2020-01", "2020-01", chunk_size=9, progress=False)
    assert small.chunks > 10 and whole.chunks == 1
    pandas.testing.assert_frame_equal(whole.results, small.results)
    pandas.testing.assert_frame_equal(whole.parity, small.parity)


def test_meeting_parity_is_the_engines_cohort_answer(population):
    """Parity per municipality × target group equals the engine's own cohort variables, computed in one simulation
    of the whole population with those cohorts over all twelve months of the year."""
    year = "2019"
    result = compare.compare(population, REGIMES, "2019-01", "2019-12", chunk_size=150, progress=False).parity
    months = compare.months_between("2019-01", "2019-12")
    situations = support.family_situations(population, months)
    persons, families, cohorts = {}, {}, {}
    for members, situation in situations:
        persons.update(situation["persons"])
        families.update(situation["families"])
        for row in members.itertuples(index=False):
            key = f"{row.municipality}:{row.employment_target_group}"
            cohorts.setdefault(key, {"members": []})["members"].append(f"p{row.person_id}")
    checked = 0
    for regime in REGIMES:
        system = regimes.load(regime)
        simulation = SimulationBuilder().build_from_entities(
            system, {"persons": persons, "families": families, "cohorts": cohorts}
        )
        held = simulation.calculate("average_meetings_held", year)
        required = simulation.calculate("average_ordinary_required_meetings", year)
        parity = simulation.calculate("meeting_parity_held", year)
        in_trial = simulation.calculate("cohort_in_trial", year) if "cohort_in_trial" in system.variables else None
        ours = result[result["regime"] == regime].set_index(["municipality", "target_group"])
        tolerance = system.parameters(year).trial.meeting_parity_tolerance if regime == "trial" else 0.0
        for index, key in enumerate(cohorts):
            municipality, group = key.split(":")
            row = ours.loc[(municipality, group)]
            assert row["members"] == len(cohorts[key]["members"])
            assert row["average_meetings_held"] == pytest.approx(held[index], rel=1e-5)
            assert row["average_ordinary_required_meetings"] == pytest.approx(required[index], rel=1e-5)
            if in_trial is not None:
                assert bool(row["cohort_in_trial"]) == bool(in_trial[index])
            # The engine sums float32 values; ours are float64. Within its rounding margin of the threshold a
            # cohort could come out either way, so only cohorts farther from it than that must agree.
            threshold = required[index] * (1 - tolerance * (bool(in_trial[index]) if in_trial is not None else 0))
            if abs(held[index] - threshold) > 2e-4:
                assert bool(row["meeting_parity_held"]) == bool(parity[index]), (regime, key)
                checked += 1
    assert checked > 20
    assert not result["meeting_parity_held"].all()


@pytest.mark.parametrize("rows,sizes", [(112, [112]), (124, [124]), (126, [100, 26]), (220, [100, 120]), (230, [100, 100, 30])])
def test_a_last_chunk_under_a_quarter_of_the_size_joins_the_one_before(rows, sizes):
    """compare.chunks: chunks of `chunk_size` rows (here 100, one-person families), what is left at the end a chunk
    of its own only from a quarter of that size."""
    family = numpy.arange(rows)
    prepared = {"family": family, "role": numpy.zeros(rows, dtype=numpy.int8), "key": numpy.zeros(rows, dtype=numpy.int64),
                "monthly": {}, "eternal": {}}
    pieces = compare.chunks(prepared, 100)
    assert [piece["count"] for piece in pieces] == sizes
    assert [piece["start"] for piece in pieces] == numpy.cumsum([0] + sizes[:-1]).tolist()  # every row once, in order
