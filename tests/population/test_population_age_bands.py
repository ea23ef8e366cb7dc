"""The bands of ages the rules tell apart are read from the formulas (age_bands.py): the limits of the real rules,
a helper's argument followed to where it is called, and every way of reading an age the bands cannot stand for."""

import textwrap

import numpy
import pandas
import pytest
from test_population_dedupe import REGIMES, as_got, assert_same

from enplan_rules.answers import readings
from enplan_rules.population import age_bands, compare, dedupe


def systems(reading=None):
    return [readings.system(name, "enacted", reading, None) for name in REGIMES]


def test_the_limits_of_the_rules_in_2019():
    """SEL § 140 a 16–22 and 18, LAB § 21 b under 30 / from 50, Ballerup 0–15, Frederikssund 16–22, Hillerød 18–30
    and over 30, the adults' 18, 0 (Ballerup's children from birth) — and 23, which the register's U5 condition
    names (its count of whose answers rest on the entry reads ages 22 and 23)."""
    assert age_bands.reason(systems()) is None
    assert age_bands.limits(systems(), "2019-06").tolist() == [0, 15, 16, 18, 22, 23, 30, 50]


def test_a_helper_argument_is_followed_to_every_call():
    """The U5 alternative reads SEL § 140 a's young person up to and including 23: the helper is called with
    `maximum + 1`, which is found where the helper is called."""
    alternative = age_bands.Limit(suffix="sel_140a_young_person_age.maximum", offset=1)
    assert alternative in age_bands.limit_expressions(systems({"U5": "alternative"}))
    assert alternative not in age_bands.limit_expressions(systems())


def test_representatives_keep_every_comparison():
    bounds = numpy.array([0, 15, 16, 18, 22, 30, 50])
    ages = numpy.arange(-3, 100)
    standing = age_bands.representatives(ages, bounds)
    for limit in range(-5, 105):  # any limit in the bounds: each comparison gives the same
        if limit in bounds:
            for compared in (numpy.less, numpy.less_equal, numpy.greater, numpy.greater_equal, numpy.equal):
                assert (compared(ages, limit) == compared(standing, limit)).all()
    assert len(numpy.unique(standing)) == 2 * len(bounds) + 1 - 1  # 0 and 15, 15 and 16 have nothing between


def analysed(source):
    return age_bands._Analysis({"m": textwrap.dedent(source)}).limits()


def test_limits_found_in_a_module():
    found = analysed(
        """
        def formula(person, period, parameters):
            rules = parameters(period).trial.groups
            age = person("age", period)
            top = rules.top_age
            return (age >= 18) & (age <= top) | (16 <= person("age", period) < rules.other + 2) | young(person, period, 7)

        def young(person, period, most):
            return person("age", period) <= most - 1
        """
    )
    assert found == {
        age_bands.Limit(value=18), age_bands.Limit(suffix="top_age"), age_bands.Limit(value=16),
        age_bands.Limit(suffix="other", offset=2), age_bands.Limit(value=7, offset=-1),
    }


@pytest.mark.parametrize(
    "source",
    [
        'def f(person, period):\n    return person("age", period) + 1 > 30',  # arithmetic on the age
        'def f(person, period):\n    age = person("age", period)\n    return numpy.where(age > 3, age, 0)',  # the age passed on
        'def f(person, period):\n    return person("age", period.last_month) >= 18',  # another month
        'def f(person, period):\n    return person("age", period) >= person("limit", period)',  # a per-person limit
        'def f(person, period):\n    return person("age", period) >= LIMIT',  # a name not bound in the function
        'def f(person, period, most):\n    return person("age", period) <= most',  # a helper never called
        'def f(person, period):\n    age = person("age", period)\n    age = 3\n    return age > 1',  # bound twice
        'NAME = "age"\ndef f(person, period):\n    return person(NAME, period) + 1',  # the variable's name kept aside
    ],
)
def test_what_the_bands_cannot_stand_for(source):
    with pytest.raises(age_bands.Unsafe):
        analysed(source)


def test_an_unreadable_age_turns_the_bands_off(monkeypatch):
    """Where the formulas read an age otherwise, dedupe compares whole years, as before the bands."""
    every = systems()
    monkeypatch.setitem(age_bands._CACHE, tuple(id(system) for system in every), (tuple(every), age_bands.Unsafe("x")))
    assert age_bands.limits(every, "2019-06") is None
    births = numpy.array(["1994-03-05", "1993-03-05"], dtype="datetime64[D]")
    coarse = dedupe.month_dates(every, {"birth_date": births}, "2019-06", ("birth_date",))
    assert coarse["birth_date"][0] != coarse["birth_date"][1]  # 25 and 26: whole years
    monkeypatch.undo()
    coarse = dedupe.month_dates(every, {"birth_date": births}, "2019-06", ("birth_date",))
    assert coarse["birth_date"][0] == coarse["birth_date"][1]  # one band (24–29)


def test_the_bands_give_the_answers_of_every_age_under_the_alternative_reading():
    """Young people of 21–25 around SEL § 140 a's limit, with the U5 alternative (up to and including 23): the
    deduplicated run equals the run of every row, and the case path."""
    import population_support as support

    frame = support.population(citizens=200, seed=5, outside_share=0.0)
    rng = numpy.random.default_rng(5)
    years = rng.choice([1994, 1995, 1996, 1997], size=len(frame))
    frame["birth_date"] = pandas.to_datetime({"year": years, "month": 3, "day": rng.choice([1, 2, 20], size=len(frame))}).to_numpy()
    frame["has_complex_problems"] = True
    frame["receives_child_special_support"] = True  # SEL § 140's plan: the young person's own
    frame["consents_to_one_plan"] = True
    reading = {"U5": "alternative"}
    result = compare.compare(frame, REGIMES, "2018-07", "2018-08", chunk_size=60, progress=False, readings=reading)
    every_row = compare.compare(frame, REGIMES, "2018-07", "2018-08", chunk_size=60, progress=False, readings=reading, dedupe=False)
    pandas.testing.assert_frame_equal(result.results, every_row.results)
    plain = compare.compare(frame, REGIMES, "2018-07", "2018-08", chunk_size=60, progress=False)
    assert not as_got(plain.results) == as_got(result.results)  # not vacuous: the reading changes some count
    assert_same(as_got(plain.results), support.case_by_case(frame, REGIMES, compare.months_between("2018-07", "2018-08")))
