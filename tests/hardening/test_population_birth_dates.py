"""`enplan compare` refuses a citizen born after the months compared, naming the line and the column (once the row
was computed as a citizen aged below 0 in every month, without a word); with --skip-invalid the row goes to
skipped_rows.csv with the reason, and is counted nowhere else. A birth during the months compared is taken."""

import pandas
import pytest

from enplan_rules import cli

ROWS = [
    "person_id,family_id,role,municipality,birth_date,employment_target_group",
    "1,1,parent,ballerup,1980-01-01,kontanthjaelp_jobparat",
    "2,1,child,ballerup,2021-02-01,none",  # line 3: born after 2019-02
    "3,2,parent,furesoe,1975-05-05,none",
    "4,3,parent,furesoe,2019-02-10,none",  # born in the last month compared: taken
]
SAYS = "born after the months compared (the last is 2019-02)"


@pytest.fixture
def population(tmp_path):
    path = tmp_path / "population.csv"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def test_a_citizen_born_after_the_months_compared_stops_the_run(population, tmp_path, capsys):
    out = tmp_path / "out"
    status = cli.main(["compare", str(population), "--from", "2019-01", "--to", "2019-02", "--out", str(out),
                       "--no-plots"])
    err = capsys.readouterr().err
    assert status == 2 and not out.exists()
    assert f"line 3, field birth_date: {SAYS}" in err and "'2021-02-01'" in err
    assert "line 5" not in err


def test_skip_invalid_writes_it_with_the_reason(population, tmp_path, capsys):
    out = tmp_path / "out"
    status = cli.main(["compare", str(population), "--from", "2019-01", "--to", "2019-02", "--out", str(out),
                       "--no-plots", "--skip-invalid"])
    assert status == 0, capsys.readouterr().err
    skipped = pandas.read_csv(out / "skipped_rows.csv")
    assert skipped[["line", "field", "value"]].values.tolist() == [[3, "birth_date", "2021-02-01"]]
    assert SAYS in skipped["message"][0]
    results = pandas.read_csv(out / "results.csv")
    counted = results[(results["measure"] == "citizen_months") & (results["regime"] == "trial")
                      & (results["month"] == "2019-02-01")]["value"].sum()
    assert counted == 3  # the other three rows, the one born in February too


def test_comparing_later_months_takes_the_row(population, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["compare", str(population), "--from", "2021-01", "--to", "2021-02", "--out", str(out),
                     "--no-plots"]) == 0
