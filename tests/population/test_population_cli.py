"""`enplan compare` end to end: validation of the input rows, the files it writes, and the executors."""

import pandas
import population_support as support
import pytest

from enplan_rules import cli
from enplan_rules.population import compare, synth

REGIMES = ("sector_law", "one_plan_law", "trial")


@pytest.fixture(scope="module")
def population_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("population") / "population.csv"
    synth.write(synth.generate(120, seed=2, assumptions=support.rich_assumptions()), str(path))
    return path


def _corrupt(path, out, replacements):
    """Copy the CSV, replacing one field on given data rows: {line number: (column, new text)}."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace('"', "").split(",")
    for line_number, (column, text) in replacements.items():
        cells = lines[line_number - 1].split(",")
        cells[header.index(column)] = text
        lines[line_number - 1] = ",".join(cells)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


BAD = {
    5: ("municipality", "roskilde"),
    9: ("birth_date", "1980-02-30"),
    12: ("has_complex_problems", "maybe"),
    20: ("meetings_held", "-2"),
    33: ("employment_target_group", "kontanthjaelp"),
}


def test_invalid_rows_stop_the_run_with_line_and_field(population_csv, tmp_path, capsys):
    bad = _corrupt(population_csv, tmp_path / "bad.csv", BAD)
    out = tmp_path / "out"
    assert cli.main(["compare", str(bad), "--from", "2019-01", "--to", "2019-01", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    for line, (field, text) in BAD.items():
        assert f"line {line}, field {field}:" in err
        assert repr(text) in err
    assert "nothing was compared" in err
    assert not out.exists()


def test_skip_invalid_lists_every_skipped_row_and_counts_the_rest(population_csv, tmp_path, capsys):
    bad = _corrupt(population_csv, tmp_path / "bad.csv", BAD)
    out = tmp_path / "out"
    args = ["compare", str(bad), "--from", "2019-01", "--to", "2019-02", "--out", str(out), "--skip-invalid", "--no-plots"]
    assert cli.main(args) == 0
    err = capsys.readouterr().err
    assert f"skipped {len(BAD)} invalid row(s)" in err
    skipped = pandas.read_csv(out / "skipped_rows.csv")
    assert sorted(skipped["line"]) == sorted(BAD)
    assert dict(zip(skipped["line"], skipped["field"], strict=True)) == {line: field for line, (field, _) in BAD.items()}
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "## Skipped rows" in summary
    for line, (field, text) in BAD.items():
        assert f"| {line} |" in summary and field in summary and text in summary
    results = pandas.read_csv(out / "results.csv")
    citizens = results[(results["measure"] == "citizen_months") & (results["regime"] == "trial") & (results["month"] == "2019-01-01")]
    total_rows = len(population_csv.read_text(encoding="utf-8").splitlines()) - 1
    assert citizens["value"].sum() == total_rows - len(BAD)  # nothing else dropped


def test_a_parquet_file_reports_row_numbers_and_a_family_with_three_parents(tmp_path):
    frame = synth.generate(40, seed=4).to_pandas(date_as_object=False)
    frame.loc[[0, 1], "family_id"] = 999  # two parents from other families join family 999 ...
    frame.loc[[2], "family_id"] = 999  # ... and a third one, on row 3
    frame.loc[[0, 1, 2], "role"] = "parent"
    frame.loc[7, "person_id"] = frame.loc[6, "person_id"]
    path = tmp_path / "population.parquet"
    frame.to_parquet(path)
    with pytest.raises(compare.InvalidPopulation) as caught:
        compare.compare(str(path), REGIMES, "2019-01", "2019-01", progress=False)
    found = {(error["row"], error["field"]) for error in caught.value.errors}
    assert found == {(3, "role"), (8, "person_id")}


def test_wrong_columns_are_reported_before_any_row(population_csv, tmp_path, capsys):
    frame = pandas.read_csv(population_csv, dtype=str, keep_default_na=False)
    frame.rename(columns={"has_mentor": "mentor"}).drop(columns=["municipality"]).to_csv(tmp_path / "x.csv", index=False)
    assert cli.main(["compare", str(tmp_path / "x.csv"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "unknown column 'mentor'" in err


def test_a_citizen_outside_the_network_counts_the_same_under_one_plan_law_and_trial():
    """The same families, once in Fredensborg (where the trial applies to adults in ressourceforløb) and once in a
    municipality outside the network: only the Fredensborg copy may differ between the One Plan law and the trial."""
    facts = {
        "role": "parent",
        "birth_date": "1975-03-01",
        "employment_target_group": "ressourceforloeb",
        "benefit_start_date": "2017-01-15",
        "has_complex_problems": "true",
        "consents_to_one_plan": "true",
        "receives_adult_social_support": "true",
        "has_mentor": "true",
        "rehabilitation_team_case": "true",
        "assessed_not_to_benefit_from_offers": "true",
        "parent_of_child_in_care": "true",
        "meetings_held": "0",
    }
    rows = []
    for number, municipality in enumerate(["fredensborg", "other", "other"]):
        rows.append({"person_id": f"p{number}", "family_id": f"f{number}", "municipality": municipality, **facts})
    rows[2]["employment_target_group"] = "sygedagpenge"  # a sickness-benefit case outside the network
    rows[2]["sickness_benefit_category"] = "category_2"
    result = compare.compare(pandas.DataFrame(rows), REGIMES, "2018-06", "2020-12", progress=False).results
    table = result.pivot_table(
        index=["municipality", "target_group", "month", "measure"], columns="regime", values="value", observed=True
    )
    outside = table.loc["other"]
    assert (outside["one_plan_law"] == outside["trial"]).all()
    assert outside["one_plan_law"].sum() > 0
    assert (outside["sector_law"] != outside["one_plan_law"]).any()  # the One Plan law reaches them
    inside = table.loc["fredensborg"]
    assert (inside["one_plan_law"] != inside["trial"]).any()  # the control: the trial does change something


def test_outputs_summary_and_plots(population_csv, tmp_path):
    out = tmp_path / "out"
    args = ["compare", str(population_csv), "--from", "2018-11", "--to", "2020-02", "--out", str(out), "--workers", "1"]
    assert cli.main(args) == 0
    results = pandas.read_parquet(out / "results.parquet")
    assert list(results.columns) == ["regime", "one_plan_law_variant", "month", "municipality", "target_group", "measure", "value"]
    import pyarrow.parquet

    schema = pyarrow.parquet.read_schema(out / "results.parquet")
    assert str(schema.field("month").type) == "date32[day]" and str(schema.field("value").type) == "double"
    csv = pandas.read_csv(out / "results.csv")
    assert len(csv) == len(results)
    assert set(results["regime"]) == set(REGIMES) and results["month"].nunique() == 16
    parity = pandas.read_csv(out / "meeting_parity.csv")
    assert set(parity["year"]) == {2019}  # the only calendar year wholly inside the months
    summary = (out / "summary.md").read_text(encoding="utf-8")
    for heading in ("## Per municipality", "### Ballerup (", "## Per target group", "### Ressourceforløb (LAB § 2 nr. 11) (",
                    "## Meeting parity per cohort", "### 2019", "## Answers resting on the ambiguity register",
                    "## What the trial changes relative to each version of the One Plan law"):
        assert heading in summary
    assert "Years only partly inside the months compared are not assessed" in summary
    assert "separate_plan_required_sel_141" in summary and "trial − one_plan_law" in summary
    assert not (out / "plots").exists()  # the report draws its charts; PNG files only with --png
    assert "The charts are in report.html" in summary
    assert '<script type="application/json"' in (out / "report.html").read_text(encoding="utf-8")  # drawn by the page
    png = tmp_path / "png"
    assert cli.main(args[:7] + [str(png)] + args[8:] + ["--png"]) == 0
    assert sorted(path.name for path in (png / "plots").iterdir()) == ["da", "en"]  # each plot in each language
    assert "(plots/en/key_chart.png)" in (png / "summary.md").read_text(encoding="utf-8")
    out = png
    for lang in ("da", "en"):
        plots = sorted(path.name for path in (out / "plots" / lang).iterdir())
        assert plots == [
            "differences_over_time.png",
            "key_chart.png",
            "key_chart_narrow.png",
            "regimes_over_time.png",
            "separate_plans_by_municipality.png",
            "separate_plans_by_paragraph.png",
            "trial_vs_one_plan_law_versions.png",
        ]
        for name in plots:
            assert (out / "plots" / lang / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_dask_executor_and_local_processes_give_the_same_tables(population_csv):
    from dask.distributed import Client, LocalCluster

    local = compare.compare(str(population_csv), REGIMES, "2019-11", "2020-01", chunk_size=30, progress=False)
    assert local.chunks >= 4
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            distributed = compare.compare(
                str(population_csv), REGIMES, "2019-11", "2020-01", chunk_size=30, executor="dask", client=client, progress=False
            )
    pandas.testing.assert_frame_equal(local.results, distributed.results)
    pandas.testing.assert_frame_equal(local.parity, distributed.parity)
    pooled = compare.compare(str(population_csv), REGIMES, "2019-11", "2020-01", chunk_size=30, workers=2, progress=False)
    pandas.testing.assert_frame_equal(local.results, pooled.results)


def test_the_command_says_which_measure_is_empty_and_why(population_csv, tmp_path, capsys):
    """Twelve months that are not a calendar year: parity is assessed over that window (stated, in the table too),
    and the command line says why, as it says which table was not written."""
    out = tmp_path / "out"
    args = ["compare", str(population_csv), "--from", "2019-07", "--to", "2020-06", "--out", str(out), "--workers", "1",
            "--no-plots", "--regimes", "sector_law,one_plan_law"]
    assert cli.main(args) == 0
    printed = capsys.readouterr().out
    assert "meeting parity: no calendar year lies wholly inside 2019-07..2020-06, so it is assessed over 2019-07..2020-06" in printed
    assert "--from 2020-01 --to 2020-12" in printed
    assert "trial_changes was not written" in printed
    parity = pandas.read_csv(out / "meeting_parity.csv")
    assert not parity.empty and set(parity["window"]) == {"2019-07..2020-06"} and set(parity["year"]) == {2020}
    assert "parity is assessed over the whole window" in (out / "summary.md").read_text(encoding="utf-8")
