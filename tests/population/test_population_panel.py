"""Citizen × month panels: validated row by row, computed month by month from the facts of that month."""

import numpy
import pandas
import population_support as support
import pytest

from enplan_rules import cli
from enplan_rules.population import compare, synth

REGIMES = ("sector_law", "one_plan_law", "trial")


@pytest.fixture(scope="module")
def snapshot():
    return support.population(citizens=150, seed=11, outside_share=0.05)


def as_panel(frame, months):
    """The snapshot written as a panel: one row per citizen and month, the same facts in each."""
    return pandas.concat([frame.assign(month=month) for month in months], ignore_index=True)


def test_a_panel_of_unchanging_facts_gives_exactly_the_snapshots_answers(snapshot):
    months = compare.months_between("2019-01", "2019-12")
    flat = compare.compare(snapshot, REGIMES, "2019-01", "2019-12", chunk_size=60, progress=False)
    panel = compare.compare(as_panel(snapshot, months), REGIMES, "2019-01", "2019-12", chunk_size=60, progress=False)
    assert panel.citizens == flat.citizens == len(snapshot)
    pandas.testing.assert_frame_equal(flat.results, panel.results)
    pandas.testing.assert_frame_equal(flat.parity, panel.parity)


def test_each_month_counts_the_facts_recorded_for_it(snapshot):
    """Group, consent and municipality change between months (and a citizen is missing in one): every month of the
    panel equals a snapshot of that month's rows alone."""
    months = ("2019-03", "2019-04", "2019-05")
    rng = numpy.random.default_rng(3)
    parts = []
    for index, month in enumerate(months):
        part = snapshot.copy().assign(month=month)
        adults = part.index[part["role"] == "parent"]
        changed = rng.choice(adults, size=len(adults) // 3, replace=False)
        part.loc[changed, "employment_target_group"] = ["ressourceforloeb", "kontanthjaelp_aktivitetsparat", "none"][index]
        part.loc[changed, "consents_to_one_plan"] = index != 1
        moved = part["family_id"].isin(part.loc[changed[:10], "family_id"])
        part.loc[moved, "municipality"] = ["ballerup", "helsingoer", "other"][index]
        if index == 1:
            part = part[part["family_id"] != part["family_id"].iloc[0]]  # a family not recorded in April
        parts.append(part)
    panel = compare.compare(pandas.concat(parts, ignore_index=True), REGIMES, months[0], months[-1], chunk_size=50, progress=False)
    for month, part in zip(months, parts, strict=True):
        alone = compare.compare(part.drop(columns="month"), REGIMES, month, month, progress=False).results
        mine = panel.results[panel.results["month"] == pandas.Timestamp(month + "-01")]
        key = ["regime", "municipality", "target_group", "measure"]
        got = mine.groupby(key, observed=True)["value"].sum()
        want = alone.groupby(key, observed=True)["value"].sum()
        both = pandas.concat({"got": got, "want": want}, axis=1).fillna(0.0)
        assert (both["got"] == both["want"]).all(), both[both["got"] != both["want"]].head()
    assert panel.citizens == len(snapshot)


def test_meeting_parity_uses_the_months_actually_recorded():
    rows = []
    for number in range(4):
        for month in range(1, 13 if number < 2 else 7):  # two citizens all year, two for six months
            rows.append({"person_id": f"p{number}", "family_id": f"f{number}", "municipality": "furesoe",
                         "employment_target_group": "dagpenge", "birth_date": "1980-01-01", "benefit_start_date": "2016-01-01",
                         "meetings_held": str(number % 2), "month": f"2019-{month:02d}"})
    parity = compare.compare(pandas.DataFrame(rows), ("sector_law",), "2019-01", "2019-12", progress=False).parity
    cohort = parity[(parity["municipality"] == "furesoe") & (parity["target_group"] == "dagpenge")].iloc[0]
    assert cohort["members"] == 4 and cohort["member_years"] == pytest.approx(3.0)
    assert cohort["average_meetings_held"] == pytest.approx((12 + 6) / 3.0)  # meetings per member-year recorded


def test_panel_rows_are_validated_with_line_and_field(snapshot, tmp_path, capsys):
    panel = as_panel(snapshot.head(20), ("2019-01", "2019-02"))
    panel["month"] = panel["month"].astype(object)
    panel.loc[3, "month"] = "2019-13"
    panel.loc[25, "month"] = "2019-01"  # the citizen of row 26 already has January on row 6
    parents = panel[(panel["role"] == "parent") & (panel["month"] == "2019-02")].index[:3]
    panel.loc[parents, "family_id"] = 999_999
    path = tmp_path / "panel.csv"
    panel.to_csv(path, index=False)
    assert cli.main(["compare", str(path), "--from", "2019-01", "--to", "2019-02", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "line 5, field month: not a month in 2015–2030 (got '2019-13'" in err
    assert "line 27, field month: the citizen already has a row for this month" in err
    assert f"line {parents[2] + 2}, field role: the family already has two parents on earlier rows in this month" in err
    assert "Traceback" not in err


@pytest.fixture(scope="module")
def synthetic_panel():
    return synth.generate_panel(8_000, seed=2, start="2018-01", end="2019-12").to_pandas(date_as_object=False)


def test_synth_panel_has_a_row_per_citizen_and_month_and_passes_validation(synthetic_panel):
    from enplan_rules.population import columns

    assert synthetic_panel["month"].nunique() == 24
    assert (synthetic_panel.groupby("person_id")["month"].nunique() == 24).all()
    assert len(synthetic_panel) == 8_000 * 24
    assert columns.validate(synthetic_panel, "row", 1).errors == []
    again = synth.generate_panel(300, seed=2, start="2018-01", end="2018-03")
    assert again.equals(synth.generate_panel(300, seed=2, start="2018-01", end="2018-03"))  # deterministic


def test_synth_panel_transitions_happen(synthetic_panel):
    by_person = synthetic_panel.groupby("person_id")
    assert (by_person["employment_target_group"].nunique() > 1).sum() > 100  # groups change
    assert (by_person["consents_to_one_plan"].nunique() > 1).sum() > 10  # consent given or withdrawn
    moved = by_person["municipality"].nunique() > 1
    assert moved.sum() > 10  # moves
    families = synthetic_panel.groupby(["family_id", "month"])["municipality"].nunique()
    assert (families == 1).all()  # a family moves together
    group_sizes = synthetic_panel[synthetic_panel["employment_target_group"] != "none"].groupby("month").size()
    assert group_sizes.max() < 1.25 * group_sizes.min()  # entries balance exits
    assert synthetic_panel.groupby("month")["meetings_held"].sum().nunique() > 1  # meetings per month


def test_synth_panel_participation_grows_with_capacity(tmp_path):
    path = tmp_path / "panel.parquet"
    assert cli.main(["synth", "--panel", "--citizens", "60000", "--seed", "1", "--from", "2018-06", "--to", "2020-06",
                     "--out", str(path)]) == 0
    result = compare.compare(str(path), ("trial",), "2018-06", "2020-06", progress=False, workers=2).results
    in_trial = result[result["measure"] == "in_en_plan_trial"].groupby(["municipality", "month"], observed=True)["value"].sum()
    ballerup = in_trial.loc["ballerup"]
    assert ballerup.iloc[-1] > 2 * ballerup.iloc[0]  # 15 families → about 60 over the trial (scaled)
    alleroed = in_trial.loc["alleroed"]
    assert alleroed.iloc[-1] <= alleroed.iloc[0]  # no later figure reported: capacity stays (moves only take away)


def test_synth_panel_written_month_by_month_is_the_file_of_the_whole_table(tmp_path, capsys):
    """`enplan synth --panel` writes a month at a time (row groups cut as pyarrow cuts one table: 24,000 × 44 rows
    pass pyarrow's 1,048,576 per group); the file is byte for byte what `write` makes of the panel in memory."""
    panel = synth.generate_panel(24_000, seed=3, start="2017-07", end="2021-02")
    assert panel.num_rows > synth.ROW_GROUP_ROWS
    for suffix in ("parquet", "csv"):
        whole, streamed = tmp_path / f"whole.{suffix}", tmp_path / f"streamed.{suffix}"
        synth.write(panel, str(whole))
        assert cli.main(["synth", "--panel", "--citizens", "24000", "--seed", "3", "--from", "2017-07", "--to", "2021-02",
                         "--out", str(streamed)]) == 0
        assert streamed.read_bytes() == whole.read_bytes()
        out = capsys.readouterr().out
        assert "24000 synthetic citizens in " in out and " × 44 months (1,056,000 rows)" in out
    import pyarrow.parquet

    assert pyarrow.parquet.ParquetFile(tmp_path / "streamed.parquet").metadata.num_row_groups == 2


@pytest.mark.parametrize("group_rows", [250, 300, 1000, 5000])
def test_write_parts_cuts_row_groups_across_months_as_one_table(tmp_path, monkeypatch, group_rows):
    """Months of 300 rows each: groups end inside a month, at its end, span several months, or hold them all."""
    import pyarrow.parquet

    parts = list(synth.panel_months(300, seed=4, start="2019-01", end="2019-07"))
    monkeypatch.setattr(synth, "ROW_GROUP_ROWS", group_rows)
    streamed, whole = tmp_path / "streamed.parquet", tmp_path / "whole.parquet"
    assert synth.write_parts(iter(parts), str(streamed))[:2] == (2_100, 7)
    table = pyarrow.concat_tables(parts)
    pyarrow.parquet.write_table(table, whole, compression="zstd", row_group_size=min(group_rows, table.num_rows))
    assert streamed.read_bytes() == whole.read_bytes()
    assert pyarrow.parquet.read_table(streamed).equals(table)


def test_write_parts_removes_a_half_written_file(tmp_path):
    def failing():
        yield from synth.panel_months(200, seed=4, start="2019-01", end="2019-02")
        raise ValueError("no third month")

    for suffix in ("parquet", "csv"):
        path = tmp_path / f"panel.{suffix}"
        with pytest.raises(ValueError, match="no third month"):
            synth.write_parts(failing(), str(path))
        assert not path.exists()
