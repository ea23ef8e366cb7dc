"""Property-based tests (hypothesis) over random cases: the same legal invariants as the sweep, plus
metamorphic ones — what must happen to the answers when one fact of a case changes.

Each example is a batch of random cases in one random month, computed as one simulation per regime.
Examples are derandomized, so every run checks the same cases (never flaky in CI).
"""

import datetime

import numpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invariants_support import (
    BOOL_INPUTS,
    DUTY_OUTPUTS,
    HELSINGOER_SOLUTIONS,
    MUNICIPALITIES,
    NO_DATE,
    PERSON_OUTPUTS,
    REGIME_INVARIANT_OUTPUTS,
    SICKNESS_CATEGORIES,
    TARGET_GROUPS,
    Population,
    build_simulation,
    expected_in_trial,
    first_offenders,
)

MONTHS = tuple(
    f"{year}-{month:02d}"
    for year in range(2017, 2021)
    for month in range(1, 13)
    if "2017-05" <= f"{year}-{month:02d}" <= "2020-10"
)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _day(value):
    return numpy.datetime64(value.isoformat())


case = st.fixed_dictionaries(
    {
        "municipality": st.sampled_from(MUNICIPALITIES),
        "employment_target_group": st.sampled_from(TARGET_GROUPS),
        "sickness_benefit_category": st.sampled_from(SICKNESS_CATEGORIES),
        "birth_date": st.dates(datetime.date(1950, 1, 1), datetime.date(2006, 12, 31)),
        "benefit_start_date": st.dates(datetime.date(2014, 1, 1), datetime.date(2021, 6, 30)),
        "en_plan_start_date": st.none()
        | st.dates(datetime.date(2017, 1, 1), datetime.date(2021, 1, 1)),
        "helsingoer_solution": st.sampled_from(HELSINGOER_SOLUTIONS),
        "departments_with_case": st.integers(0, 4),
        "flags": st.fixed_dictionaries({name: st.booleans() for name in BOOL_INPUTS}),
        "child": st.none()
        | st.fixed_dictionaries(
            {
                "birth_date": st.dates(datetime.date(2000, 1, 1), datetime.date(2020, 12, 31)),
                "receives_child_special_support": st.booleans(),
            }
        ),
    }
)


@st.composite
def batches(draw, max_cases=20):
    """(population, month): random cases, each a parent with an optional child, in one month."""
    cases = draw(st.lists(case, min_size=1, max_size=max_cases))
    month = draw(st.sampled_from(MONTHS))
    rows = []
    for family, facts in enumerate(cases):
        flags = dict(facts["flags"])
        flags["refuses_one_plan"] = flags["refuses_one_plan"] and not flags["consents_to_one_plan"]
        flags["receives_child_special_support"] = False
        rows.append((facts, flags, family, "parent"))
        if facts["child"] is not None:
            child_flags = {name: False for name in BOOL_INPUTS}
            child_flags["receives_child_special_support"] = facts["child"][
                "receives_child_special_support"
            ]
            child_facts = dict(
                facts,
                employment_target_group="none",
                sickness_benefit_category="none",
                birth_date=facts["child"]["birth_date"],
                en_plan_start_date=None,
            )
            rows.append((child_facts, child_flags, family, "child"))
    # Ballerup's statute is the only source of a continuation rule: record a start date only there.
    en_plan = [
        _day(f["en_plan_start_date"])
        if f["en_plan_start_date"] is not None and f["municipality"] == "ballerup"
        else NO_DATE
        for f, _, _, _ in rows
    ]
    population = Population(
        municipality=numpy.array([f["municipality"] for f, _, _, _ in rows]),
        employment_target_group=numpy.array([f["employment_target_group"] for f, _, _, _ in rows]),
        sickness_benefit_category=numpy.array(
            [f["sickness_benefit_category"] for f, _, _, _ in rows]
        ),
        birth_date=numpy.array([_day(f["birth_date"]) for f, _, _, _ in rows]),
        benefit_start_date=numpy.array([_day(f["benefit_start_date"]) for f, _, _, _ in rows]),
        en_plan_start_date=numpy.array(en_plan),
        helsingoer_solution=numpy.array([f["helsingoer_solution"] for f, _, _, _ in rows]),
        departments_with_case=numpy.array([f["departments_with_case"] for f, _, _, _ in rows]),
        flags={name: numpy.array([flags[name] for _, flags, _, _ in rows]) for name in BOOL_INPUTS},
        family=numpy.array([row[2] for row in rows]),
        role=numpy.array([row[3] for row in rows]),
        cohort=numpy.zeros(len(rows), dtype=int),
    )
    return population, month


def answers(population, month, regime, **load_options):
    simulation = build_simulation(population, [month], regime, **load_options)
    return {name: simulation.calculate(name, month) for name in PERSON_OUTPUTS}


def changed(population, **columns):
    """A copy of `population` with some columns (or flags) replaced."""
    flags = dict(population.flags)
    for name in list(columns):
        if name in flags:
            flags[name] = columns.pop(name)
    values = dict(vars(population), flags=flags)
    values.update(columns)
    return Population(**values)


def _message(population, month, what, mask):
    return f"{month}: {what}, e.g. {first_offenders(population, mask)}"


@SETTINGS
@given(batches())
def test_the_trial_never_requires_more_than_sector_law_or_the_one_plan_law(batch):
    population, month = batch
    sector = answers(population, month, "sector_law")
    one_plan = answers(population, month, "one_plan_law")
    trial = answers(population, month, "trial")
    for name in DUTY_OUTPUTS:
        extra = (
            (trial[name] & ~sector[name])
            | (trial[name] & ~one_plan[name])
            | (one_plan[name] & ~sector[name])
        )
        assert not extra.any(), _message(population, month, f"a regime adds {name}", extra)


@SETTINGS
@given(batches())
def test_outside_the_trial_the_trial_equals_the_one_plan_law(batch):
    population, month = batch
    one_plan = answers(population, month, "one_plan_law")
    trial = answers(population, month, "trial")
    outside = ~trial["in_en_plan_trial"]
    for name in PERSON_OUTPUTS:
        differs = outside & (trial[name] != one_plan[name])
        assert not differs.any(), _message(
            population, month, f"{name} differs outside the trial", differs
        )


@SETTINGS
@given(batches())
def test_who_is_in_the_trial_follows_the_seeds(batch):
    population, month = batch
    actual = answers(population, month, "trial")["in_en_plan_trial"]
    expected = expected_in_trial(population, month)
    assert numpy.array_equal(actual, expected), _message(
        population, month, "trial membership disagrees with the seeds", actual != expected
    )


@SETTINGS
@given(batches())
def test_moving_the_cases_outside_the_network_gives_the_one_plan_law_answer(batch):
    population, month = batch
    elsewhere = changed(population, municipality=numpy.full(population.count, "other"))
    trial_elsewhere = answers(elsewhere, month, "trial")
    one_plan = answers(population, month, "one_plan_law")
    for name in PERSON_OUTPUTS:
        differs = trial_elsewhere[name] != one_plan[name]
        assert not differs.any(), _message(
            population, month, f"{name} depends on the municipality", differs
        )


@SETTINGS
@given(batches())
def test_withdrawing_consent_never_lifts_a_duty(batch):
    population, month = batch
    with_consent = answers(population, month, "trial")
    without = answers(
        changed(population, consents_to_one_plan=numpy.zeros(population.count, dtype=bool)),
        month,
        "trial",
    )
    assert not without["in_en_plan_trial"].any()
    for name in DUTY_OUTPUTS:
        lifted = with_consent[name] & ~without[name]
        assert not lifted.any(), _message(
            population, month, f"withdrawn consent lifts {name}", lifted
        )


@SETTINGS
@given(batches())
def test_the_professional_assessment_only_matters_for_right_and_duty(batch):
    population, month = batch
    assessed = answers(
        changed(
            population, assessed_not_to_benefit_from_offers=numpy.ones(population.count, dtype=bool)
        ),
        month,
        "trial",
    )
    not_assessed = answers(
        changed(
            population,
            assessed_not_to_benefit_from_offers=numpy.zeros(population.count, dtype=bool),
        ),
        month,
        "trial",
    )
    for name in PERSON_OUTPUTS:
        if name == "right_and_duty_offer_required":
            lifted = not_assessed[name] & ~assessed[name]
            allowed = assessed["in_en_plan_trial"] & population.flags["has_complex_problems"]
            assert not (lifted & ~allowed).any(), _message(
                population, month, "offer lifted", lifted & ~allowed
            )
            assert not (assessed[name] & ~not_assessed[name]).any()
        else:
            differs = assessed[name] != not_assessed[name]
            assert not differs.any(), _message(
                population, month, f"the assessment changes {name}", differs
            )


@SETTINGS
@given(batches())
def test_what_no_regime_sets_aside_is_the_same_in_all_three(batch):
    population, month = batch
    results = {
        regime: answers(population, month, regime)
        for regime in ("sector_law", "one_plan_law", "trial")
    }
    for name in REGIME_INVARIANT_OUTPUTS:
        for regime in ("one_plan_law", "trial"):
            differs = results[regime][name] != results["sector_law"][name]
            assert not differs.any(), _message(
                population, month, f"{regime} changes {name}", differs
            )


@SETTINGS
@given(batches())
def test_no_trial_answer_is_flagged_as_resting_on_repealed_sections(batch):
    # A trial order covers every trial month: BEK 1184/2019 continues the trial in LBA terms from 1 Jan 2020.
    population, month = batch
    trial = answers(population, month, "trial")
    assert not trial["trial_legal_basis_unresolved"].any(), month


@SETTINGS
@given(batches())
def test_the_consultation_draft_differs_only_where_consent_and_refusal_differ(batch):
    """The consultation draft: the holistic plan unless the citizen refuses; L 232 as tabled and lov 707: only
    with consent — and those two give the same answers everywhere (no answer-changing difference was found)."""
    population, month = batch
    enacted = answers(population, month, "one_plan_law")
    bill = answers(population, month, "one_plan_law", one_plan_law_variant="tabled_bill")
    for name in PERSON_OUTPUTS:
        assert numpy.array_equal(bill[name], enacted[name]), name
    tabled = answers(population, month, "one_plan_law", one_plan_law_variant="consultation_draft")
    consents = population.flags["consents_to_one_plan"]
    refuses = population.flags["refuses_one_plan"]
    for name in PERSON_OUTPUTS:
        differs = enacted[name] != tabled[name]
        same_will = consents == ~refuses  # consent and no refusal, or refusal and no consent
        assert not (differs & same_will).any(), _message(
            population, month, f"{name} differs", differs & same_will
        )
    for name in DUTY_OUTPUTS:
        # Neither consent nor refusal: the draft may lift a plan the enacted law keeps, never the reverse.
        extra = tabled[name] & ~enacted[name]
        assert not extra.any(), _message(population, month, f"the consultation draft adds {name}", extra)
