"""A panel compared while it is read: the parsed columns in memory shared with the workers (columns.Arena), and
the months of a file in month order started before the whole file is read and checked (compare._EarlyMonths).

Whatever the order of the rows and wherever a bad row is, the tables, counts and problems reported are those of
the sequential reading (one process, every row read and checked before any month is computed)."""

import os

import numpy
import pandas
import psutil
import pytest

from enplan_rules import cli
from enplan_rules.population import columns, compare, report, synth

REGIMES = ("sector_law", "one_plan_law", "trial")
MONTHS = ("2019-01", "2019-06")
CITIZENS = 400


@pytest.fixture(scope="module")
def ordered():
    """A synthetic panel as `enplan synth --panel` writes it: month by month, in month order."""
    return synth.generate_panel(CITIZENS, seed=3, start=MONTHS[0], end=MONTHS[1])


def write(table, path, group_rows=600):
    """The table as a Parquet file of `group_rows`-row row groups (months straddle them)."""
    import pyarrow
    import pyarrow.parquet

    if isinstance(table, pandas.DataFrame):
        table = pyarrow.Table.from_pandas(table, preserve_index=False)
    pyarrow.parquet.write_table(table, path, row_group_size=group_rows)
    return str(path)


def run(path, workers, skip_invalid=False):
    return compare.compare(path, REGIMES, MONTHS[0], MONTHS[1], chunk_size=150, skip_invalid=skip_invalid,
                           progress=False, workers=workers, batch_rows=300)


def assert_same(got, expected):
    pandas.testing.assert_frame_equal(got.results, expected.results, check_exact=True)
    pandas.testing.assert_frame_equal(got.parity, expected.parity, check_exact=True)
    pandas.testing.assert_frame_equal(report.trial_changes(got), report.trial_changes(expected), check_exact=True)
    assert (got.citizens, got.chunks) == (expected.citizens, expected.chunks)
    assert got.skipped == expected.skipped


@pytest.fixture()
def taken(monkeypatch):
    """The months whose early start was used (the others were computed once the whole file was checked)."""
    used = []
    take = compare._EarlyMonths.take

    def spy(self, month, rows):
        future = take(self, month, rows)
        if future is not None:
            used.append(month)
        return future

    monkeypatch.setattr(compare._EarlyMonths, "take", spy)
    return used


@pytest.mark.parametrize("group_rows", [600, 2400])  # 2,400: row groups too large for a worker, parsed in the command
def test_a_file_in_month_order_starts_its_months_early_with_the_same_tables(ordered, tmp_path, taken, group_rows):
    path = write(ordered, tmp_path / "panel.parquet", group_rows)
    expected = run(path, workers=1)
    got = run(path, workers=2)
    assert_same(got, expected)
    assert len(taken) == 6  # every month (the last one once the last row was read)


def test_an_unsorted_file_gives_the_same_tables(ordered, tmp_path, taken):
    frame = ordered.to_pandas(date_as_object=False)
    shuffled = frame.sample(frac=1.0, random_state=4).reset_index(drop=True)
    expected = run(write(shuffled, tmp_path / "shuffled.parquet"), workers=1)
    assert_same(run(write(shuffled, tmp_path / "shuffled.parquet"), workers=2), expected)
    assert not taken
    # months each in one run of rows, but the runs backwards: checked month by month, not started early
    backwards = pandas.concat([part for _, part in frame.groupby("month", sort=True)][::-1], ignore_index=True)
    expected = run(write(backwards, tmp_path / "backwards.parquet"), workers=1)
    assert_same(run(write(backwards, tmp_path / "backwards.parquet"), workers=2), expected)
    assert not taken
    # the same answers as the file in month order (the rows of each month in the same order)
    in_order = run(write(frame, tmp_path / "panel.parquet"), workers=2)
    pandas.testing.assert_frame_equal(in_order.results, expected.results, check_exact=True)


def test_a_late_row_of_a_month_started_early_discards_the_early_start(ordered, tmp_path, taken):
    """A row of January at the end of the file (a new citizen): January, started early, is computed again."""
    frame = ordered.to_pandas(date_as_object=False)
    late = frame[frame["month"] == "2019-01"].iloc[[0]].assign(person_id=10**9, family_id=10**9)
    path = write(pandas.concat([frame, late], ignore_index=True), tmp_path / "late.parquet")
    expected = run(path, workers=1)
    assert_same(run(path, workers=2), expected)
    assert "2019-01" not in taken and "2019-02" in taken


def test_a_citizen_twice_in_a_month_started_early_stops_the_run_or_is_skipped(ordered, tmp_path, taken):
    """The second row of a citizen in February is valid cell by cell (February is started early) but found over
    the whole file: the run stops as sequentially; with skip_invalid, February is computed again without it."""
    frame = ordered.to_pandas(date_as_object=False)
    february = numpy.flatnonzero(frame["month"] == "2019-02")
    twice = pandas.concat([frame.iloc[: february[5]], frame.iloc[[february[2]]], frame.iloc[february[5]:]], ignore_index=True)
    path = write(twice, tmp_path / "twice.parquet")
    with pytest.raises(compare.InvalidPopulation) as sequential:
        run(path, workers=1)
    with pytest.raises(compare.InvalidPopulation) as overlapped:
        run(path, workers=2)
    assert overlapped.value.errors == sequential.value.errors
    assert [error["field"] for error in sequential.value.errors] == ["month"]
    expected = run(path, workers=1, skip_invalid=True)
    assert_same(run(path, workers=2, skip_invalid=True), expected)
    assert "2019-02" not in taken and "2019-01" in taken


def _bad_last_piece(ordered):
    frame = ordered.to_pandas(date_as_object=False)
    frame["municipality"] = frame["municipality"].astype(object)
    frame.loc[len(frame) - 3, "municipality"] = "atlantis"  # in the last piece, after every other month started
    return frame


def test_a_bad_cell_in_the_last_piece_stops_the_run_with_the_same_message(ordered, tmp_path, capsys):
    path = write(_bad_last_piece(ordered), tmp_path / "bad.parquet")
    before = {child.pid for child in psutil.Process().children(recursive=True)}  # (a test session's servers)
    messages = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}"
        assert cli.main(["compare", path, "--from", MONTHS[0], "--to", MONTHS[1], "--out", str(out), "--workers", workers,
                         "--chunk-size", "150", "--no-progress", "--no-plots"]) == 2
        messages[workers] = capsys.readouterr().err
        assert not out.exists()  # --out written whole or not at all
        assert not [name for name in os.listdir(tmp_path) if name.startswith(f".out-{workers}")]
    assert messages["2"] == messages["1"]
    assert f"row {len(ordered) - 2}, field municipality" in messages["2"]
    started = [child for child in psutil.Process().children(recursive=True) if child.pid not in before]
    psutil.wait_procs(started, timeout=10)
    assert not [child for child in started if child.is_running() and child.status() != psutil.STATUS_ZOMBIE], (
        "a worker outlived the failed run")


def test_a_bad_cell_in_the_last_piece_is_skipped_the_same(ordered, tmp_path, taken):
    path = write(_bad_last_piece(ordered), tmp_path / "bad.parquet")
    expected = run(path, workers=1, skip_invalid=True)
    got = run(path, workers=2, skip_invalid=True)
    assert_same(got, expected)
    assert [(error["row"], error["field"]) for error in got.skipped] == [(len(ordered) - 2, "municipality")]
    assert "2019-06" not in taken and len(taken) == 5


def test_runs_of_months_find_the_rows_the_keys_of_every_month_find():
    """columns._preceded_in_runs (a file in month order) against _preceded of citizen × month keys."""
    generator = numpy.random.default_rng(1)
    for size, count in ((50, 1), (50, 2), (3000, 1), (3000, 2)):
        months = numpy.sort(generator.integers(0, 7, 5000))
        codes = generator.integers(0, size, 5000).astype(numpy.int32)
        present = numpy.unique(months)
        dense = numpy.searchsorted(present, months)
        edges = numpy.r_[0, numpy.flatnonzero(months[1:] != months[:-1]) + 1, len(months)]
        expected = columns._preceded(columns._key(codes, len(present), dense), size * len(present), count)
        numpy.testing.assert_array_equal(columns._preceded_in_runs(codes, size, count, edges), expected)
        assert expected.any()


@pytest.fixture(scope="module")
def big_panel(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "panel.parquet"
    write(synth.generate_panel(20_000, seed=1, start="2019-01", end="2019-12"), path, group_rows=20_000)
    return path


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads /proc")
def test_a_run_ended_while_months_start_early_leaves_no_workers_and_no_out(big_panel, tmp_path):
    import signal
    import subprocess
    import time

    from test_population_integrity import ENPLAN, _alive, started_workers

    out = tmp_path / "out"
    command = ENPLAN + ["compare", str(big_panel), "--from", "2019-01", "--to", "2019-12", "--out", str(out), "--workers",
                        "2", "--chunk-size", "50", "--no-progress"]  # small chunks: a run of many seconds
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        workers = started_workers(process, 1.5, "the panel")  # row groups parsed, months started
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "orphaned workers"
        assert process.returncode == 128 + signal.SIGTERM, err
        assert "interrupted" in err and "Traceback" not in err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert not out.exists()
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".out.")]


def test_months_outside_the_window_are_checked_but_not_started(ordered, tmp_path, taken):
    path = write(ordered, tmp_path / "panel.parquet")
    window = dict(chunk_size=150, progress=False, batch_rows=300)
    expected = compare.compare(path, REGIMES, "2019-02", "2019-04", workers=1, **window)
    got = compare.compare(path, REGIMES, "2019-02", "2019-04", workers=2, **window)
    assert_same(got, expected)
    assert sorted(taken) == ["2019-02", "2019-03", "2019-04"]
    # a citizen born after the last month compared, on the last row (June, a month not compared): the run stops
    frame = ordered.to_pandas(date_as_object=False)
    frame.loc[len(frame) - 1, "birth_date"] = pandas.Timestamp("2019-05-01")
    path = write(frame, tmp_path / "unborn.parquet")
    with pytest.raises(compare.InvalidPopulation) as sequential:
        compare.compare(path, REGIMES, "2019-02", "2019-04", workers=1, **window)
    with pytest.raises(compare.InvalidPopulation) as overlapped:
        compare.compare(path, REGIMES, "2019-02", "2019-04", workers=2, **window)
    assert overlapped.value.errors == sequential.value.errors
    assert [(error["row"], error["field"]) for error in overlapped.value.errors] == [(len(frame), "birth_date")]
