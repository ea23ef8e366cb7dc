"""The plots drawn beside the tables and the report: the same files whether two processes draw them or this one, in
the report's order, and no drawing process outlives a failure."""

import os

import population_support as support
import psutil
import pytest

from enplan_rules.population import compare, drawing, report

REGIMES = ("sector_law", "one_plan_law", "trial")


@pytest.fixture(scope="module")
def comparison():
    return compare.compare(support.population(citizens=150, seed=3), REGIMES, "2018-06", "2018-08", progress=False)


def _drawing(comparison, directory, parallel=False):
    return drawing.Drawing(comparison, directory, report._results(comparison), report.trial_changes(comparison), parallel=parallel)


def _files(paths):
    out = {}
    for path in paths:
        with open(path, "rb") as file:
            out[os.path.relpath(path, os.path.dirname(os.path.dirname(os.path.dirname(path))))] = file.read()
    return out


def test_two_drawing_processes_write_the_same_plots_as_one_in_the_reports_order(comparison, tmp_path):
    serial = _drawing(comparison, str(tmp_path / "serial" / "plots"))
    serial_paths = serial.wait()
    parallel = _drawing(comparison, str(tmp_path / "parallel" / "plots"), parallel=True)
    assert parallel.paths == [p.replace(os.sep + "serial" + os.sep, os.sep + "parallel" + os.sep) for p in serial_paths]
    parallel_paths = parallel.wait()
    assert parallel_paths == parallel.paths
    assert _files(serial_paths) == _files(parallel_paths)  # byte for byte
    names = [os.path.relpath(p, str(tmp_path / "serial" / "plots")) for p in serial_paths]
    assert names[:2] == [os.path.join("da", "key_chart.png"), os.path.join("da", "key_chart_narrow.png")]
    assert names.index(os.path.join("en", "key_chart.png")) == len(names) // 2  # every Danish plot, then every English one
    assert {os.path.basename(n) for n in names} == {
        "key_chart.png", "key_chart_narrow.png", "regimes_over_time.png", "differences_over_time.png",
        "separate_plans_by_paragraph.png", "separate_plans_by_municipality.png", "trial_vs_one_plan_law_versions.png",
    }
    assert len(names) == 14


def test_a_failing_plot_stops_the_drawing_and_leaves_no_process(comparison, tmp_path, monkeypatch):
    def broken(canvas, name, changes=None):
        raise RuntimeError(f"cannot draw {name}")

    monkeypatch.setattr(drawing.charts, "draw", broken)  # the drawing processes are forked after this: they have it too
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    started = _drawing(comparison, str(tmp_path / "plots"), parallel=True)
    with pytest.raises(RuntimeError, match="cannot draw"):
        started.wait()
    psutil.wait_procs([c for c in psutil.Process().children(recursive=True) if c.pid not in before], timeout=10)
    assert {child.pid for child in psutil.Process().children(recursive=True)} <= before


def test_a_command_that_fails_while_plots_are_drawn_ends_the_drawing_processes(comparison, tmp_path, monkeypatch):
    """A table that cannot be written (here: the disk refuses) fails the command while the plots are being drawn;
    the drawing processes are ended with it."""

    def refused(frame, path):
        raise OSError(f"no space left for {os.path.basename(path)}")

    monkeypatch.setattr(compare, "_write_parquet", refused)
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    with pytest.raises(OSError, match="no space left"):
        compare.write_outputs(comparison, str(tmp_path / "out"), png=True, parallel=True)
    psutil.wait_procs([c for c in psutil.Process().children(recursive=True) if c.pid not in before], timeout=10)
    assert {child.pid for child in psutil.Process().children(recursive=True)} <= before
