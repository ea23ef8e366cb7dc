"""`enplan compare --out … --force` never deletes what it did not write: it replaces only an earlier run's
files (its manifest says which), refuses the working folder, a folder holding its input or foreign files, and
an empty --out; its results get ordinary permissions. (Once `--out . --force` deleted the whole working folder,
the population file included, and folders were made 0700.)"""

import os
import stat

import pytest

from enplan_rules import cli
from enplan_rules.population import outdir, synth


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    path = tmp_path_factory.mktemp("population") / "population.csv"
    synth.write(synth.generate(30, seed=5), str(path))
    return path


def compare(population, out, *extra):
    return cli.main(["compare", str(population), "--from", "2019-01", "--to", "2019-01", "--out", str(out),
                     "--workers", "1", "--no-plots", "--no-progress", *extra])


def error_line(capsys):
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_the_working_folder_is_refused_and_kept(population, tmp_path, monkeypatch, capsys):
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine")
    local = work / "population.csv"
    local.write_bytes(population.read_bytes())
    monkeypatch.chdir(work)
    for out in (".", "", "./", str(tmp_path)):
        assert compare("population.csv", out, "--force") == 2, out
        assert "--out" in error_line(capsys)
    assert sorted(os.listdir(work)) == ["notes.txt", "population.csv"]


def test_a_folder_holding_the_input_is_refused(population, tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    local = folder / "population.csv"
    local.write_bytes(population.read_bytes())
    assert compare(local, folder, "--force") == 2
    assert "holds the input" in error_line(capsys)
    assert local.exists()


def test_foreign_files_are_never_replaced(population, tmp_path, capsys):
    out = tmp_path / "out"
    assert compare(population, out) == 0
    (out / "my-analysis.xlsx").write_text("not the run's")
    assert compare(population, out, "--force") == 2
    assert "my-analysis.xlsx" in error_line(capsys)
    assert (out / "my-analysis.xlsx").read_text() == "not the run's"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "letter.txt").write_text("keep")
    assert compare(population, plain, "--force") == 2
    assert "not an earlier run" in error_line(capsys)
    assert (plain / "letter.txt").read_text() == "keep"


def test_an_earlier_run_is_replaced_and_only_its_files_removed(population, tmp_path, capsys):
    out = tmp_path / "out"
    assert compare(population, out) == 0
    first = set(outdir.earlier_run_files(str(out)))
    assert compare(population, out, "--force") == 0
    assert set(outdir.earlier_run_files(str(out))) == first
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".out.")]
    # a file that appears in the earlier folder after the check is kept (beside the new folder), not deleted
    old = tmp_path / ".out.old-test"
    old.mkdir()
    (old / "summary.md").write_text("x")
    outdir.write_manifest(str(old))
    (old / "late.txt").write_text("appeared meanwhile")
    assert outdir.remove_earlier_run(str(old)) == ["late.txt"]
    assert sorted(os.listdir(old)) == ["late.txt", "manifest.json"]


def test_results_get_ordinary_permissions(population, tmp_path):
    previous = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert compare(population, out) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert all(stat.S_IMODE((out / name).stat().st_mode) == 0o644 for name in os.listdir(out))
