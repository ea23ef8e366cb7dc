"""Computing each distinct family of a month once (dedupe.py) gives the case path's answers, on random rows built to
collide: families repeated with birth dates and En Plan start dates that differ only within the grain the rules
read them (the 1st of a month against a later day; birthdays and starts inside the compared months), in a snapshot
and in a panel whose facts change from month to month."""

import types

import numpy
import pandas
import population_support as support
import pytest

from enplan_rules import regimes
from enplan_rules.population import age_bands, compare, dedupe

REGIMES = ("sector_law", "one_plan_law", "trial")
# The trial running under BEK 529/2018 and the One Plan law from July 2018: birthdays and starts fall inside.
FIRST, LAST = "2018-05", "2018-08"
MONTHS = compare.months_between(FIRST, LAST)


def colliding_population(seed):
    """A small rich population, then every family copied twice with new ids and its dates moved within the grain
    the rules read (a later day of the same month, or the 1st of the month against the 2nd): the copies should
    merge with one another, the 1st-of-month births and starts must not merge with the later days."""
    rng = numpy.random.default_rng(seed)
    base = support.population(citizens=120, seed=seed, outside_share=0.1)
    # Birth dates on the 1st, 2nd or a later day of a month of the window, in years that put ages at the seeds'
    # thresholds (16, 18, 25, 30 …) in these months.
    years = numpy.array([1988, 1993, 2000, 2002])
    months = rng.integers(5, 9, size=len(base))
    days = rng.choice([1, 2, 17], size=len(base))
    births = pandas.to_datetime(
        {"year": rng.choice(years, size=len(base)), "month": months, "day": days}
    ).to_numpy().astype("datetime64[D]")
    adults = (base["role"] == "parent").to_numpy()
    base["birth_date"] = numpy.where(adults & (rng.random(len(base)) < 0.7), births, base["birth_date"].to_numpy().astype("datetime64[D]"))
    # En Plan starts in Ballerup on the 1st or a later day of a month of the window.
    ballerup = base["family_id"].isin(base.loc[base["municipality"] == "ballerup", "family_id"]).to_numpy()
    starts = pandas.to_datetime({"year": 2018, "month": rng.integers(5, 9, size=len(base)), "day": rng.choice([1, 2, 20], size=len(base))})
    started = ballerup & (rng.random(len(base)) < 0.6)
    base["en_plan_start_date"] = pandas.Series(starts.to_numpy().astype("datetime64[D]")).where(started, pandas.NaT).to_numpy()
    copies = [base]
    for copy in (1, 2):
        part = base.copy()
        part["person_id"] = part["person_id"] + copy * 1_000_000
        part["family_id"] = part["family_id"] + copy * 1_000_000
        for name in ("birth_date", "en_plan_start_date"):
            dates = part[name].to_numpy().astype("datetime64[D]")
            first = dates.astype("datetime64[M]").astype("datetime64[D]")
            later_day = ~numpy.isnat(dates) & (dates != first)
            # a later day stays a later day of the same month (2nd → 10th …); the 1st stays the 1st
            moved = numpy.minimum(first + 9 + copy, dates + copy)
            part[name] = numpy.where(later_day, moved, dates)
        copies.append(part)
    return pandas.concat(copies, ignore_index=True)


def as_got(results):
    return {
        (row.regime, row.month.strftime("%Y-%m"), row.municipality, row.target_group, row.measure): row.value
        for row in results.itertuples(index=False)
    }


def assert_same(got, expected):
    for key in [key for key, value in expected.items() if value]:
        assert key in got, f"missing from the comparison: {key}"
    mismatches = [
        (key, value, expected.get(key, 0.0))
        for key, value in got.items()
        if not numpy.isclose(value, expected.get(key, 0.0), rtol=1e-6, atol=1e-6)
    ]
    assert not mismatches, f"{len(mismatches)} counts differ, e.g. {mismatches[:5]}"


@pytest.mark.parametrize("seed", [3, 8])
def test_the_deduplicated_snapshot_equals_the_case_path(seed):
    frame = colliding_population(seed)
    result = compare.compare(frame, REGIMES, FIRST, LAST, chunk_size=70, progress=False)
    assert_same(as_got(result.results), support.case_by_case(frame, REGIMES, MONTHS))
    every_row = compare.compare(frame, REGIMES, FIRST, LAST, chunk_size=70, progress=False, dedupe=False)
    pandas.testing.assert_frame_equal(result.results, every_row.results)
    pandas.testing.assert_frame_equal(result.parity, every_row.parity)


def test_the_copies_merge_and_the_first_of_the_month_does_not():
    """Not vacuous: the copied families are computed once, and two birth dates merge exactly where the ages they give
    that month are in one band of the ages the rules tell apart."""
    frame = colliding_population(3)
    validation = compare.columns_module.validate(frame, "row", 1)
    prepared = compare.prepare(validation, ~validation.invalid)
    systems = [regimes.load(name) for name in REGIMES]
    coarse = dedupe.month_grain_dates(systems)
    assert coarse == ("birth_date", "en_plan_start_date")
    eternal = dedupe.month_dates(systems, prepared["eternal"], MONTHS[1], coarse)
    codes = dedupe.row_codes(prepared, skip=coarse)
    for name in coarse:
        codes = dedupe.combine_codes(codes, eternal[name].astype(numpy.int64))
    distinct = dedupe.distinct_families(prepared, codes, eternal)
    families = len(numpy.unique(prepared["family"]))
    assert distinct["weight"].sum() == len(frame)
    assert distinct["family"].max() + 1 <= families / 2.5  # each family and its two copies: one computation
    # the engine's own ages that month, cut at the limits the formulas compare them with (age_bands.py): a birth
    # date is merged with another exactly where the two ages are in one band
    births = numpy.where(numpy.isnat(prepared["eternal"]["birth_date"]), numpy.datetime64("1970-01-01"), prepared["eternal"]["birth_date"])
    ages = dedupe._ages(systems[0], births.astype("datetime64[D]"), MONTHS[1])
    bands = age_bands.representatives(ages, age_bands.limits(systems, MONTHS[1]))
    coarse_births = eternal["birth_date"].astype(numpy.int64)
    assert len(numpy.unique(bands)) < len(numpy.unique(ages))  # not vacuous: ages were merged
    assert len({*zip(bands.tolist(), coarse_births.tolist(), strict=True)}) == len(numpy.unique(bands)) == len(numpy.unique(coarse_births))
    # 29 and 30 (LAB § 21 b, Hillerød's target group) stay apart; 24 and 25, which no rule tells apart, do not
    assert {29, 30, 24, 25} <= set(ages.tolist())
    assert coarse_births[ages == 29][0] != coarse_births[ages == 30][0]
    assert coarse_births[ages == 24][0] == coarse_births[ages == 25][0]
    # and every row's representative carries the same facts as the row, as the month reads them
    for name, values in prepared["monthly"].items():
        assert (distinct["monthly"][name][distinct["expand"]] == values).all(), name
    for name in coarse:
        assert (distinct["eternal"][name][distinct["expand"]] == eternal[name]).all(), name


def test_the_deduplicated_panel_equals_the_case_path_month_by_month():
    """A panel whose target groups, consent and municipality change between months: each month of the
    deduplicated panel equals the case path's answers for that month's rows, and the panel without dedupe."""
    frame = colliding_population(5)
    rng = numpy.random.default_rng(5)
    parts = []
    for index, month in enumerate(MONTHS):
        part = frame.copy().assign(month=month)
        adults = part.index[part["role"] == "parent"]
        changed = rng.choice(adults, size=len(adults) // 4, replace=False)
        part.loc[changed, "employment_target_group"] = ["ressourceforloeb", "kontanthjaelp_aktivitetsparat", "none", "kontanthjaelp_jobparat"][index % 4]
        part.loc[changed, "consents_to_one_plan"] = index % 2 == 0
        if index == 2:
            part = part[part["family_id"] != part["family_id"].iloc[0]]  # a family not recorded that month
        parts.append(part)
    panel = pandas.concat(parts, ignore_index=True)
    result = compare.compare(panel, REGIMES, FIRST, LAST, chunk_size=90, progress=False)
    got = as_got(result.results)
    for month, part in zip(MONTHS, parts, strict=True):
        expected = support.case_by_case(part.drop(columns="month"), REGIMES, [month])
        assert_same({key: value for key, value in got.items() if key[1] == month}, expected)
    every_row = compare.compare(panel, REGIMES, FIRST, LAST, chunk_size=90, progress=False, dedupe=False)
    pandas.testing.assert_frame_equal(result.results, every_row.results)
    pandas.testing.assert_frame_equal(result.parity, every_row.parity)


def test_a_date_read_elsewhere_is_compared_exactly(monkeypatch):
    """The guard reads the formulas: a second reader of birth_date, or `age` read for another month, and the date
    is no longer coarsened."""
    sources = {}
    monkeypatch.setattr(dedupe, "_source", lambda formula: sources[id(formula)])
    monkeypatch.setattr(dedupe, "_modules_read_only_through", lambda systems, name, reader: True)  # (next test)

    def system(texts):
        variables = {}
        for name, text in texts.items():
            formula = types.SimpleNamespace()
            sources[id(formula)] = text
            variables[name] = types.SimpleNamespace(name=name, formulas={"0001-01-01": formula})
        return types.SimpleNamespace(variables=variables)

    plain = system({"age": 'person("birth_date", period)', "x": 'person("age", period) >= 18',
                    "family_en_plan_started": 'family.members("en_plan_start_date", period)',
                    "y": 'person.family("family_en_plan_started", period)'})
    assert dedupe.month_grain_dates([plain]) == ("birth_date", "en_plan_start_date")
    second = system({"age": 'person("birth_date", period)', "y": 'person("birth_date", period)'})
    assert "birth_date" not in dedupe.month_grain_dates([second])
    earlier = system({"age": 'person("birth_date", period)', "x": 'person("age", period.last_month)'})
    assert "birth_date" not in dedupe.month_grain_dates([earlier])
    other = system({"age": 'person("birth_date", period)', "family_en_plan_started": 'family.members("en_plan_start_date", period)',
                    "z": 'person("en_plan_start_date", period) < x'})
    assert dedupe.month_grain_dates([other]) == ("birth_date",)


@pytest.mark.parametrize("distinct", [3, 2**40])
def test_family_signatures_are_equal_exactly_where_the_rows_of_codes_are(distinct):
    """The signature of each family's row of codes, against Python tuples; with 2**40 distinct codes every place
    overflows the digits and the signature is renumbered on the way."""
    rng = numpy.random.default_rng(distinct % 97)
    sizes = rng.integers(1, 8, size=3000)
    sizes[:1500] = sizes[1500:]  # half the families repeat the other half's sizes, so some rows of codes repeat
    starts = numpy.r_[0, numpy.cumsum(sizes)[:-1]]
    codes = rng.integers(0, min(distinct, 4), size=int(sizes.sum())) * (distinct // 4 or 1)
    signature = dedupe._signature(codes, starts, sizes, int(codes.max()) + 1)
    rows = [tuple(codes[start : start + size]) for start, size in zip(starts, sizes, strict=True)]
    by_rows = pandas.factorize(pandas.Series(rows))[0]
    by_signature = pandas.factorize(signature)[0]
    assert (by_rows == by_signature).all()
    assert len(set(rows)) < len(rows)  # not vacuous: some families are alike


@pytest.mark.parametrize(
    ("text", "coarse"),
    [
        ('class age:\n    def formula(person, period):\n        return person("birth_date", period)', True),
        # a helper outside the reader's class reads the date: not coarsened
        ('def born(person, period):\n    return person("birth_date", period)\n'
         'class age:\n    def formula(person, period):\n        return born(person, period)', False),
        # the reader read for the month before
        ('class x:\n    def formula(person, period):\n        return person("age", period.last_month) > 3', False),
        # the name kept in a constant: what reads it cannot be seen
        ('NAME = "birth_date"\nclass age:\n    def formula(person, period):\n        return person(NAME, period)', False),
    ],
)
def test_the_guard_reads_whole_modules(monkeypatch, text, coarse):
    """The modules holding the formulas, helpers included, are read too (the formula sources alone miss a helper)."""
    systems = [regimes.load(name) for name in REGIMES]
    monkeypatch.setattr(age_bands, "module_texts", lambda systems: {"m": text})
    assert dedupe._modules_read_only_through(systems, "birth_date", "age") is coarse


def test_family_signatures_stay_exact_when_the_sizes_fill_the_int64_range(monkeypatch):
    """Codes as many as 2**31 (a population of two billion rows): the two-member families' numbers reach 2**62, so
    they and the single members before them are renumbered before they are put side by side; the signature is
    still equal exactly where the rows of codes are."""
    distinct = 2**31
    rng = numpy.random.default_rng(5)
    sizes = numpy.repeat([1, 2, 3], [300, 400, 500])
    codes = distinct - 1 - 7 * rng.integers(0, 3, size=int(sizes.sum()))  # near the top: a two-digit number near 2**62
    codes[:300] = numpy.where(rng.random(300) < 0.5, distinct - 1, 0)  # single members at both ends
    starts = numpy.r_[0, numpy.cumsum(sizes)[:-1]]
    renumbered = []
    dense = dedupe.dense

    def spy(code):
        renumbered.append(len(code))
        return dense(code)

    monkeypatch.setattr(dedupe, "dense", spy)
    signature = dedupe._signature(codes, starts, sizes, distinct)
    rows = [tuple(codes[start : start + size]) for start, size in zip(starts, sizes, strict=True)]
    assert (pandas.factorize(pandas.Series(rows))[0] == pandas.factorize(signature)[0]).all()
    assert int(signature.max()) < 2**62
    assert 300 in renumbered  # not vacuous: the single members were renumbered to make room
