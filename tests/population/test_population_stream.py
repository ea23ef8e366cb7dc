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


def as_files(frame, folder, dates=False):
    """The frame as a Parquet file of 16-row row groups (with `dates`, its dates as dates, as `enplan synth` writes
    them: the valid pieces are then read from the Arrow arrays, not as DataFrames) and as a CSV file."""
    import pyarrow
    import pyarrow.parquet

    table = pyarrow.Table.from_pandas(frame, preserve_index=False)
    if dates:
        for name in ("birth_date", "benefit_start_date", "en_plan_start_date"):
            index = table.schema.get_field_index(name)
            table = table.set_column(index, name, table.column(name).cast(pyarrow.date32()))
    parquet = folder / ("dated.parquet" if dates else "panel.parquet")
    pyarrow.parquet.write_table(table, parquet, row_group_size=16)
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
    dated, _ = as_files(panel, tmp_path, dates=True)
    sliced = columns.validate(panel, "row", 1, MONTHS[-1], batch_rows=7)
    assert sliced.errors == whole.errors
    assert_same_values(sliced, whole)
    for path in (parquet, dated):
        read = columns.validate_source(columns.open_source(path, batch_rows=7), MONTHS[-1])
        assert read.errors == whole.errors
        assert_same_values(read, whole)
        pool = compare.start_pool(2)
        try:
            pooled = columns.validate_source(columns.open_source(path, batch_rows=9), MONTHS[-1], pool=pool)
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
    dated, _ = as_files(panel, tmp_path, dates=True)
    for source, workers, batch_rows in ((parquet, 1, 7), (parquet, 2, 9), (dated, 2, 7), (csv, 2, 6)):
        got = compare.compare(source, REGIMES, MONTHS[0], MONTHS[-1], chunk_size=25, skip_invalid=True, progress=False,
                              workers=workers, batch_rows=batch_rows)
        pandas.testing.assert_frame_equal(got.results, expected.results, check_exact=True)
        pandas.testing.assert_frame_equal(got.parity, expected.parity, check_exact=True)
        assert got.citizens == expected.citizens
        label = got.line_label
        assert [(error[label], error["field"], error["message"]) for error in got.skipped] == [
            (error["row"] + (1 if label == "line" else 0), error["field"], error["message"]) for error in expected.skipped
        ]
        if source != csv:
            assert got.skipped == expected.skipped
    no_dedupe = compare.compare(parquet, REGIMES, MONTHS[0], MONTHS[-1], chunk_size=25, skip_invalid=True, progress=False,
                                workers=2, batch_rows=7, dedupe=False)
    pandas.testing.assert_frame_equal(no_dedupe.results, expected.results)
    pandas.testing.assert_frame_equal(no_dedupe.parity, expected.parity)


def test_valid_arrow_pieces_are_read_from_the_arrays_as_from_a_dataframe(tmp_path):
    """A synthetic panel file (dates as dates, text as dictionaries): each batch read from the Arrow arrays gives
    exactly what the same batch gives as a DataFrame; a batch with an invalid cell is left to the DataFrame."""
    import pyarrow
    import pyarrow.parquet

    from enplan_rules.population import synth

    path = tmp_path / "synthetic.parquet"
    pyarrow.parquet.write_table(synth.generate_panel(400, seed=3, start="2019-01", end="2019-04"), path, row_group_size=500)
    source = columns.open_source(str(path), batch_rows=300)
    read = 0
    for start, table in source.pieces(arrow=True):
        fast = columns._parse_arrow(table, "2019-04")
        assert fast is not None
        slow = columns._parse_piece(source._frame(table), start, "row", 1, "2019-04")
        assert list(fast["values"]) == list(slow["values"])
        for name, values in slow["values"].items():
            assert fast["values"][name].dtype == values.dtype, name
            numpy.testing.assert_array_equal(fast["values"][name], values, err_msg=name)
        for name, values in slow["uniques"].items():
            numpy.testing.assert_array_equal(fast["uniques"][name], values)
        numpy.testing.assert_array_equal(fast["month"], slow["month"])
        assert not slow["errors"] and not slow["invalid"].any()
        read += 1
    assert read > 3
    table = source.file.read_row_group(0).slice(0, 50)  # text as dictionaries, as the pieces are read
    assert columns._parse_arrow(table, "2019-04") is not None
    meetings = table.schema.get_field_index("meetings_held")
    bad = table.set_column(meetings, "meetings_held", pyarrow.array([-1] * 50, type=table.column(meetings).type))
    assert columns._parse_arrow(bad, "2019-04") is None
    born = numpy.datetime_as_string(table.column("birth_date").to_numpy().max(), unit="M")
    assert columns._parse_arrow(table, born) is not None
    before = str(numpy.datetime64(born, "M") - 1)
    assert columns._parse_arrow(table, before) is None  # born after the months compared: named as a DataFrame
