"""A population read piece by piece: a Parquet file in record batches (and, with workers, row groups parsed in
the worker processes), a CSV file and a DataFrame in slices. Whatever the pieces, the same problems are reported
with the same line, person, field, value and message, the same values are parsed, and the comparison is the
same; the rows that contradict other rows (a citizen twice in a month, a third parent) are found across pieces."""

import numpy
import pandas
import population_support as support
import pytest

from enplan_rules.population import columns, compare

REGIMES = ("sector_law", "one_plan_law", "trial")
MONTHS = ("2019-01", "2019-02", "2019-03")


@pytest.fixture(scope="module")
def panel():
    """A three-month panel with invalid rows in different batches of 7 rows, and rows contradicting rows of
    other batches: a citizen's month given again 60 rows later, a third parent of a family in a month added at
    the end, a citizen whose first row of a month is invalid given again validly."""
    snapshot = support.population(citizens=40, seed=5, outside_share=0.05)
    frame = pandas.concat([snapshot.assign(month=month) for month in MONTHS], ignore_index=True)
    frame["month"] = frame["month"].astype(object)
    frame["municipality"] = frame["municipality"].astype(object)
    frame.loc[2, "municipality"] = "atlantis"
    frame.loc[17, "month"] = "2019-13"
    frame.loc[30, "birth_date"] = pandas.Timestamp("2024-05-01")  # born after the months compared
    again = frame.loc[[4]].assign()  # row 5 (January) once more, many batches later
    frame.loc[9, "municipality"] = ""  # invalid; the same citizen and month given validly below
    valid_after_invalid = frame.loc[[9]].assign(municipality=frame.loc[10, "municipality"])
    parents = frame[(frame["role"] == "parent") & (frame["month"] == "2019-02")]
    family = parents["family_id"].value_counts().index[0]
    two = parents[parents["family_id"] == family]
    assert len(two) == 2  # the family has two parents in February: a third is added
    third = two.iloc[[0]].assign(person_id=10**9)  # a new citizen
    frame = pandas.concat([frame.iloc[:70], again, frame.iloc[70:], valid_after_invalid, third], ignore_index=True)
    assert len(frame) > 8 * 7
    return frame


def as_files(frame, folder):
    import pyarrow
    import pyarrow.parquet

    parquet = folder / "panel.parquet"
    pyarrow.parquet.write_table(pyarrow.Table.from_pandas(frame, preserve_index=False), parquet, row_group_size=16)
    csv = folder / "panel.csv"
    frame.to_csv(csv, index=False, date_format="%Y-%m-%d")
    return str(parquet), str(csv)


def assert_same_values(got, expected):
    assert list(got.values) == list(expected.values)
    for name in expected.values:
        assert got.values[name].dtype == expected.values[name].dtype, name
        numpy.testing.assert_array_equal(got.values[name], expected.values[name], err_msg=name)
    for name in ("person_id", "family_id"):
        assert list(got.ids[name]) == list(expected.ids[name])
    numpy.testing.assert_array_equal(got.invalid, expected.invalid)
    numpy.testing.assert_array_equal(got.month_numbers, expected.month_numbers)


def test_every_reading_in_pieces_reports_the_same_problems(panel, tmp_path):
    whole = columns.validate(panel, "row", 1, MONTHS[-1])
    flagged = {(error["row"], error["field"]): error for error in whole.errors}
    size = len(panel)
    assert set(flagged) == {
        (3, "municipality"), (10, "municipality"), (18, "month"), (31, "birth_date"),
        (71, "month"), (size - 1, "month"), (size, "role"),
    }
    assert flagged[(71, "month")]["value"] == f"{panel.loc[70, 'person_id']} in 2019-01"
    assert flagged[(size - 1, "month")]["message"].startswith("the citizen already has a row for this month")
    assert flagged[(size, "role")]["person_id"] == str(10**9)
    assert flagged[(size, "role")]["value"] == f"parent in family {panel.loc[size - 1, 'family_id']} in 2019-02"

    parquet, csv = as_files(panel, tmp_path)
    sliced = columns.validate(panel, "row", 1, MONTHS[-1], batch_rows=7)
    assert sliced.errors == whole.errors
    assert_same_values(sliced, whole)
    read = columns.validate_source(columns.open_source(parquet, batch_rows=7), MONTHS[-1])
    assert read.errors == whole.errors
    assert_same_values(read, whole)
    pool = compare.start_pool(2)
    try:
        pooled = columns.validate_source(columns.open_source(parquet, batch_rows=9), MONTHS[-1], pool=pool)
    finally:
        pool.shutdown()
    assert pooled.errors == whole.errors
    assert_same_values(pooled, whole)

    text = columns.validate_source(columns.open_source(csv), MONTHS[-1])
    assert [(error["line"], error["field"]) for error in text.errors] == [(row + 1, field) for row, field in sorted(flagged)]
    text_sliced = columns.validate_source(columns.open_source(csv, batch_rows=5), MONTHS[-1])
    assert text_sliced.errors == text.errors
    assert_same_values(text_sliced, text)


def test_the_comparison_of_a_file_read_in_pieces_is_the_same(panel, tmp_path):
    parquet, csv = as_files(panel, tmp_path)
    expected = compare.compare(panel, REGIMES, MONTHS[0], MONTHS[-1], chunk_size=25, skip_invalid=True, progress=False)
    assert len({error["row"] for error in expected.skipped}) == 7
    for source, workers, batch_rows in ((parquet, 1, 7), (parquet, 2, 9), (csv, 2, 6)):
        got = compare.compare(source, REGIMES, MONTHS[0], MONTHS[-1], chunk_size=25, skip_invalid=True, progress=False,
                              workers=workers, batch_rows=batch_rows)
        pandas.testing.assert_frame_equal(got.results, expected.results, check_exact=True)
        pandas.testing.assert_frame_equal(got.parity, expected.parity, check_exact=True)
        assert got.citizens == expected.citizens
        label = got.line_label
        assert [(error[label], error["field"], error["message"]) for error in got.skipped] == [
            (error["row"] + (1 if label == "line" else 0), error["field"], error["message"]) for error in expected.skipped
        ]
        if source == parquet:
            assert got.skipped == expected.skipped
    no_dedupe = compare.compare(parquet, REGIMES, MONTHS[0], MONTHS[-1], chunk_size=25, skip_invalid=True, progress=False,
                                workers=2, batch_rows=7, dedupe=False)
    pandas.testing.assert_frame_equal(no_dedupe.results, expected.results)
    pandas.testing.assert_frame_equal(no_dedupe.parity, expected.parity)
