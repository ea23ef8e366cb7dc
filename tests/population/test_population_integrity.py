"""Runs that never mislead: --out is checked first and replaced whole, a manifest vouches for it, a killed run
leaves neither workers nor a half-written folder, and bad files end in one line and exit code 2."""

import json
import os
import signal
import subprocess
import sys
import time

import pandas
import population_support as support
import pytest

from enplan_rules import cli
from enplan_rules.population import outdir, synth

ENPLAN = [sys.executable, "-m", "enplan_rules.cli"]


@pytest.fixture(scope="module")
def population_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("population") / "population.csv"
    synth.write(synth.generate(80, seed=3, assumptions=support.rich_assumptions()), str(path))
    return path


def _compare(population, out, *extra):
    return cli.main(["compare", str(population), "--from", "2019-01", "--to", "2019-02", "--out", str(out), "--workers", "1", *extra])


def _one_line_error(capsys):
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert "Traceback" not in captured.err and "Traceback" not in captured.out
    assert len(lines) == 1, captured.err
    return lines[0]


def test_out_that_is_a_file_or_under_a_file_is_refused_before_computing(population_csv, tmp_path, capsys):
    target = tmp_path / "results.txt"
    target.write_text("not a folder")
    began = time.perf_counter()
    assert _compare(population_csv, target) == 2
    assert "is a file, not a folder" in _one_line_error(capsys)
    assert _compare(population_csv, target / "out") == 2
    assert "cannot be written" in _one_line_error(capsys)
    assert time.perf_counter() - began < 5  # refused before anything was computed
    assert target.read_text() == "not a folder"


def test_a_non_empty_out_is_refused_without_force_and_an_earlier_run_replaced_with_it(population_csv, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "skipped_rows.csv").write_text("stale, from an earlier --skip-invalid run")
    (out / "plots").mkdir()
    (out / "plots" / "old.png").write_bytes(b"old")
    outdir.write_manifest(str(out))  # an earlier run's folder: its manifest lists both files
    assert _compare(population_csv, out, "--no-plots") == 2
    assert "not empty" in (line := _one_line_error(capsys)) and "--force" in line
    assert (out / "skipped_rows.csv").exists()
    assert _compare(population_csv, out, "--no-plots", "--force") == 0
    assert not (out / "skipped_rows.csv").exists() and not (out / "plots").exists()  # nothing stale kept
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".out.")]  # no staging folder left


def test_the_manifest_lists_every_file_with_its_checksum_and_rows(population_csv, tmp_path):
    out = tmp_path / "out"
    assert _compare(population_csv, out) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True and manifest["version"]
    assert manifest["command"][:3] == ["enplan", "compare", str(population_csv)] and "--workers" in manifest["command"]
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {
        os.path.relpath(os.path.join(folder, name), out).replace(os.sep, "/")
        for folder, _, names in os.walk(out) for name in names
    } - {"manifest.json"}
    assert set(listed) == on_disk
    for path, entry in listed.items():
        assert entry["sha256"] == outdir.sha256(out / path) and entry["bytes"] == (out / path).stat().st_size
    assert listed["results.csv"]["rows"] == len(pandas.read_csv(out / "results.csv"))
    assert listed["results.parquet"]["rows"] == len(pandas.read_parquet(out / "results.parquet"))
    assert manifest["population"]["sha256"] == outdir.sha256(population_csv)
    assert manifest["citizens"] == 80


def _write(path, text, mode="w"):
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_bad_files_and_months_end_in_one_line_and_exit_2(population_csv, tmp_path, capsys):
    lines = population_csv.read_text(encoding="utf-8").splitlines()
    header = lines[0]
    out = tmp_path / "out"
    cases = {
        "header only": (_write(tmp_path / "header.csv", header + "\n"), (), "no rows"),
        "empty file": (_write(tmp_path / "empty.csv", ""), (), "empty"),
        "ragged short": (_write(tmp_path / "short.csv", "\n".join(lines[:6] + [",".join(lines[6].split(",")[:5])] + lines[7:]) + "\n"), (),
                         "line 7 has 5 field(s), the header has"),
        "ragged long": (_write(tmp_path / "long.csv", "\n".join(lines[:3] + [lines[3] + ",extra"] + lines[4:]) + "\n"), (),
                        "line 4 has"),
        "undecodable": (_write(tmp_path / "latin1.csv", ("\n".join(lines[:9]) + "\n").encode() + lines[9].replace("none", "n\xf8ne", 1).encode("latin-1") + b"\n", "wb"), (),
                        "line 10: byte 0xf8 is not UTF-8"),
        "month too early": (population_csv, ("--from", "1990-01"), "outside the months the rules cover"),
        "month too late": (population_csv, ("--to", "2031-01"), "outside the months the rules cover"),
        "not a month": (population_csv, ("--from", "2019-13"), "expected a month YYYY-MM"),
    }
    for name, (path, extra, message) in cases.items():
        args = ["compare", str(path), "--from", "2019-01", "--to", "2019-01", "--out", str(out), "--workers", "1", *extra]
        assert cli.main(args) == 2, name
        line = _one_line_error(capsys)
        assert message in line, (name, line)
        assert not out.exists(), name
    frame = synth.generate(10, seed=1).to_pandas(date_as_object=False)
    frame.iloc[:0].to_parquet(tmp_path / "zero.parquet")
    assert _compare(tmp_path / "zero.parquet", out) == 2
    assert "no rows" in _one_line_error(capsys)
    invalid = frame.assign(municipality="roskilde")
    invalid.to_csv(tmp_path / "invalid.csv", index=False)
    assert _compare(tmp_path / "invalid.csv", out, "--skip-invalid") == 2
    assert "every one of the 10 row(s) is invalid" in _one_line_error(capsys)
    assert not out.exists()


# ---------------------------------------------------------------- a killed run


def _children(pid):
    """Processes whose parent is `pid` (from /proc)."""
    result = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            result.append(int(name))
    return result


def started_workers(process, settle, what):
    """The worker processes of a running `process` once two have started, after `settle` more seconds of work; the
    test fails if they never start, or if the run ends before it can be stopped (`what` names what to enlarge)."""
    deadline = time.monotonic() + 60
    workers = []
    while time.monotonic() < deadline and len(workers) < 2 and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(settle)
    assert process.poll() is None, f"the run finished before it could be ended: make {what} bigger"
    return workers


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as file:
            return file.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def big_population(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "population.parquet"
    synth.write(synth.generate(30_000, seed=1), str(path))
    return path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_killed_run_leaves_no_workers_and_the_earlier_folder_untouched(big_population, tmp_path, how):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.md").write_text("the earlier run")
    outdir.write_manifest(str(out))
    command = ENPLAN + ["compare", str(big_population), "--out", str(out), "--force", "--workers", "2",
                        "--chunk-size", "2000", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        workers = started_workers(process, 1.0, "the population")  # chunks in flight
        process.send_signal(how)
        _, err = process.communicate(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "orphaned workers"
        assert "Traceback" not in err
        if how != signal.SIGKILL:
            assert process.returncode == 128 + how, err
            assert "interrupted" in err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert sorted(os.listdir(out)) == ["manifest.json", "summary.md"]
    assert (out / "summary.md").read_text() == "the earlier run"
    if how != signal.SIGKILL:
        assert not [name for name in os.listdir(tmp_path) if name.startswith(".out.")]


# ---------------------------------------------------------------- Dask: a scheduler and workers started apart


def _wait_for(path, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size:
            try:
                return json.loads(path.read_text())
            except ValueError:
                pass
        assert process.poll() is None, "the Dask process ended early"
        time.sleep(0.2)
    raise AssertionError(f"{path} never appeared")


def test_scheduler_option_runs_on_a_separately_started_dask_scheduler_and_workers(population_csv, tmp_path):
    """`dask scheduler` and `dask worker` as their own processes on loopback (as on a cluster of machines), then
    `enplan compare --executor dask --scheduler tcp://…` as a third: the same tables as the local run."""
    dask = os.path.join(os.path.dirname(sys.executable), "dask")
    scheduler_file = tmp_path / "scheduler.json"
    processes = []
    try:
        processes.append(subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(scheduler_file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))
        address = _wait_for(scheduler_file, processes[0], 60)["address"]
        assert address.startswith("tcp://127.0.0.1:")
        processes.append(subprocess.Popen(
            [dask, "worker", address, "--host", "127.0.0.1", "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
             "--memory-limit", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))
        from dask.distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        out = tmp_path / "out"
        result = subprocess.run(
            ENPLAN + ["compare", str(population_csv), "--from", "2019-11", "--to", "2020-01", "--out", str(out),
                      "--executor", "dask", "--scheduler", address, "--chunk-size", "20", "--no-plots", "--no-progress"],
            capture_output=True, text=True, timeout=180,
        )
        assert result.returncode == 0, result.stderr
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    local = cli.main(["compare", str(population_csv), "--from", "2019-11", "--to", "2020-01", "--out", str(tmp_path / "local"),
                      "--workers", "1", "--no-plots"])
    assert local == 0
    for table in ("results", "meeting_parity"):
        pandas.testing.assert_frame_equal(pandas.read_parquet(out / f"{table}.parquet"),
                                          pandas.read_parquet(tmp_path / "local" / f"{table}.parquet"))
    assert address in json.loads((out / "manifest.json").read_text())["command"]
