"""What the command does beside the reading and the computing: the systems loaded in a thread while a snapshot
file is read, and the tables written in a thread while the report is built (compare._Background,
compare._write_tables). The answers and the files are those of doing one thing after the other, and a failure
in either thread is the command's failure, with no thread or process left behind."""

import threading

import pandas
import psutil
import pytest
from population_support import population

from enplan_rules.population import compare

REGIMES = ("sector_law", "one_plan_law", "trial")
MONTHS = ("2019-01", "2019-03")


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    path = tmp_path_factory.mktemp("startup") / "snapshot.parquet"
    population(citizens=300, seed=5).to_parquet(path, index=False)
    return str(path)


def run(path, workers):
    return compare.compare(path, REGIMES, MONTHS[0], MONTHS[1], chunk_size=120, progress=False, workers=workers)


def loaders():
    return [thread for thread in threading.enumerate() if thread.name == "enplan-load-systems"]


def test_a_snapshot_file_loads_the_systems_while_it_is_read_with_the_same_answers(snapshot, monkeypatch):
    threaded = []
    start = compare._Background.__init__

    def spy(self, function, name, thread=True):
        threaded.append(thread)
        start(self, function, name, thread)

    monkeypatch.setattr(compare._Background, "__init__", spy)
    got = run(snapshot, workers=2)
    assert threaded == [True]  # not vacuous: the thread was taken
    expected = run(snapshot, workers=1)
    assert threaded == [True, False]  # one worker: loaded first, as before
    pandas.testing.assert_frame_equal(got.results, expected.results, check_exact=True)
    pandas.testing.assert_frame_equal(got.parity, expected.parity, check_exact=True)
    assert not loaders()


def test_a_failure_while_loading_the_systems_is_the_commands_and_leaves_nothing_running(snapshot, monkeypatch):
    def refused(*args, **kwargs):
        raise ValueError("no such reading")

    monkeypatch.setattr(compare, "readings_system", refused)
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    with pytest.raises(ValueError, match="no such reading"):
        run(snapshot, workers=2)
    assert not loaders()
    psutil.wait_procs([c for c in psutil.Process().children(recursive=True) if c.pid not in before], timeout=10)
    assert {child.pid for child in psutil.Process().children(recursive=True)} <= before


def test_the_tables_written_beside_the_report_are_the_tables(snapshot, tmp_path):
    comparison = run(snapshot, workers=1)
    written, rows = compare.write_outputs(comparison, str(tmp_path), charts=False)
    for name, frame in (("results", comparison.results), ("meeting_parity", comparison.parity)):
        assert str(tmp_path / f"{name}.parquet") in written and str(tmp_path / f"{name}.csv") in written
        assert rows[f"{name}.parquet"] == rows[f"{name}.csv"] == len(frame)
        back = pandas.read_parquet(tmp_path / f"{name}.parquet")
        assert len(back) == len(frame) and list(back.columns) == list(frame.columns)
        assert len(pandas.read_csv(tmp_path / f"{name}.csv")) == len(frame)
    assert not [thread for thread in threading.enumerate() if thread.name == "enplan-write-tables"]


def test_the_console_script_leaves_at_once_with_everything_written_and_said(snapshot, tmp_path):
    """`enplan compare` leaves without the interpreter's clean-up (cli.LEAVE_AT_ONCE): what it printed into a pipe
    (block-buffered) arrives whole, the exit code is the command's, and the folder is complete."""
    import json
    import os
    import subprocess
    import sys

    out = tmp_path / "out"
    command = [sys.executable, "-m", "enplan_rules.cli", "compare", snapshot, "--from", MONTHS[0], "--to", MONTHS[1],
               "--out", str(out), "--no-progress"]
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # block-buffered
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("compared ") and "manifest.json" in done.stdout.splitlines()[-1]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {"results.csv", "report.html", "summary.md"} <= {entry["path"] for entry in manifest["files"]}
    again = subprocess.run(command, capture_output=True, text=True, timeout=120, env=environment)  # --out not empty
    assert again.returncode == 2 and "pass --force" in again.stderr and again.stdout == ""


def test_a_digest_taken_beside_the_report_is_the_files_and_a_changed_file_is_read_again(tmp_path):
    import hashlib

    from enplan_rules.population import outdir

    path = tmp_path / "table.csv"
    path.write_bytes(b"a,b\n1,2\n")
    outdir.remember(str(path))
    assert outdir.sha256(str(path)) == hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    path.write_bytes(b"a,b\n1,2\n3,4\n")  # written again: another size
    assert outdir.sha256(str(path)) == hashlib.sha256(b"a,b\n1,2\n3,4\n").hexdigest()
