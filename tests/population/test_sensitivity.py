"""`enplan compare --sensitivity`: each reading's alternative and each parity tolerance, against the engine."""

import subprocess
import sys

import pytest

from enplan_rules.answers.readings import SWITCHES
from enplan_rules.population import sensitivity, synth


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    path = tmp_path_factory.mktemp("sensitivity") / "population.parquet"
    synth.write(synth.generate(citizens=3000, seed=3), str(path))
    return str(path)


def test_each_reading_and_tolerance_is_a_row_and_the_changes_are_against_the_engine(population):
    options = {"start": "2019-12", "end": "2020-01", "workers": 1, "progress": False}
    table = sensitivity.sensitivity(population, "trial", **options)
    variants = list(dict.fromkeys(table["variant"]))
    assert variants == ["engine", *SWITCHES, "tolerance 0", "tolerance 0.05", "tolerance 0.1", "tolerance 0.2"]
    assert (table["change"] == table["total"] - table["engine_total"]).all()
    # R8's alternative: LAS § 50 and the mentor form stay set aside in 2020 although BEK 1184 no longer gives them;
    # nobody leaves or joins the trial, and no more separate plans can be required than under the text
    r8 = table[table["variant"] == "R8"].set_index("measure")["change"]
    assert r8["in_en_plan_trial"] == 0
    assert r8["separate_plans_total"] <= 0
    assert "| R8 |" in sensitivity.markdown(table)


def test_enplan_compare_writes_the_sensitivity_table(population, tmp_path):
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "enplan_rules.cli", "compare", population, "--regimes", "trial",
                    "--from", "2019-12", "--to", "2020-01", "--out", str(out), "--no-plots", "--no-progress",
                    "--workers", "1", "--sensitivity"], check=True, capture_output=True, timeout=300)
    text = (out / "sensitivity.md").read_text(encoding="utf-8")
    assert "| tolerance 0.2 |" in text and "| U1 |" in text
    assert (out / "sensitivity.csv").stat().st_size > 0
