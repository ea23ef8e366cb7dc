"""`enplan compare --skip-invalid` copies invalid cells into skipped_rows.csv and summary.md: a formula cell
(`=cmd|…`, `=HYPERLINK(…)`) must not be a formula there, and HTML (`<script>`) must not reach summary.md as HTML."""

import csv

import pandas
import pytest

from enplan_rules import cli
from enplan_rules.population import synth
from enplan_rules.population.neutral import csv_cell, markdown_cell

HOSTILE = {
    "municipality": "=cmd|' /C calc'!A0",
    "employment_target_group": '=HYPERLINK("http://evil.example","x")',
    "sickness_benefit_category": "<script>alert(1)</script>",
    "role": "@SUM(1+1)",
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cells")
    population = folder / "population.csv"
    synth.write(synth.generate(20, seed=5), str(population))
    frame = pandas.read_csv(population, dtype=str, keep_default_na=False)
    for row, (column, value) in enumerate(HOSTILE.items()):
        frame.loc[row, column] = value
    frame.to_csv(population, index=False)
    out = folder / "out"
    status = cli.main(["compare", str(population), "--from", "2019-01", "--to", "2019-01", "--out", str(out),
                       "--workers", "1", "--no-plots", "--no-progress", "--skip-invalid"])
    assert status == 0
    return out


def test_skipped_rows_csv_holds_no_formula(results):
    with open(results / "skipped_rows.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    values = [row["value"] for row in rows]
    for hostile in HOSTILE.values():
        shown = [value for value in values if hostile in value]
        assert shown, (hostile, values)
        assert all(not value.startswith(("=", "+", "-", "@")) for value in shown)
    for row in rows:
        assert not any(cell.startswith(("=", "@")) for cell in row.values())


def test_summary_md_carries_no_html(results):
    summary = (results / "summary.md").read_text(encoding="utf-8")
    assert "<script>" not in summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("-12", "-12"), ("3.5", "3.5"), ("ballerup", "ballerup"), ("", ""), (7, 7), (" =1", "' =1"),
])
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def test_markdown_cell():
    assert markdown_cell("<b>a|b</b>\nc & d") == "&lt;b&gt;a\\|b&lt;/b&gt; c &amp; d"
