"""What the analyst reads: the draft-versus-trial table, summary.md and the self-contained report.html."""

import re

import pandas
import population_support as support
import pytest

from enplan_rules import cli, regimes
from enplan_rules.legal import register
from enplan_rules.population import compare, report

REGIMES = ("sector_law", "one_plan_law", "trial")


@pytest.fixture(scope="module")
def population():
    return support.population(citizens=200, seed=5, outside_share=0.05)


@pytest.fixture(scope="module")
def versions(population):
    return compare.compare(population, REGIMES, "2018-06", "2018-08", variants=regimes.VARIANTS, progress=False)


def test_each_version_is_the_engines_own_answer(population, versions):
    """The results under several versions equal, version by version, a run under that version alone (so the
    versions' differences come from regimes.load(..., one_plan_law_variant=v), nothing else)."""
    results = versions.results
    assert set(results["one_plan_law_variant"]) == set(regimes.VARIANTS)
    for variant in regimes.VARIANTS:
        alone = compare.compare(population, REGIMES, "2018-06", "2018-08", variant=variant, progress=False).results
        mine = results[results["one_plan_law_variant"] == variant].reset_index(drop=True)
        pandas.testing.assert_frame_equal(
            mine.drop(columns="one_plan_law_variant"), alone.drop(columns="one_plan_law_variant"), check_categorical=False
        )
    sector = results[results["regime"] == "sector_law"].pivot_table(
        index=["month", "municipality", "target_group", "measure"], columns="one_plan_law_variant", values="value", observed=True
    )
    assert (sector.nunique(axis=1) == 1).all()  # no version changes sector law


def test_trial_changes_per_paragraph_and_municipality_add_up(versions):
    changes = report.trial_changes(versions)
    assert set(changes["one_plan_law_variant"]) == set(regimes.VARIANTS)
    assert "LAB §§ 27–30 Min Plan" in set(changes["paragraph"])
    assert {"Content freedom: one plan", "Contact process", "Right and duty", "One organisation"} <= set(changes["theme"])
    results = versions.results
    for variant in regimes.VARIANTS:
        this = changes[changes["one_plan_law_variant"] == variant]
        wide = results[results["one_plan_law_variant"] == variant].groupby(["municipality", "measure", "regime"], observed=True)[
            "value"
        ].sum().unstack("regime")
        for row in this.itertuples(index=False):
            close = {"abs": 0.06 if row.unit == "meetings" else 0.5}  # rounded: whole citizen-months, meetings to 0.1
            assert row.unit == ("meetings" if row.measure.endswith("meetings_binding") else "citizen-months")
            if row.municipality == "all":
                expected = wide.xs(row.measure, level="measure")
                assert row.trial == pytest.approx(expected["trial"].sum(), **close)
                assert row.one_plan_law == pytest.approx(expected["one_plan_law"].sum(), **close)
                per_municipality = this[(this["measure"] == row.measure) & (this["municipality"] != "all")]
                assert row.trial_minus_one_plan_law == pytest.approx(per_municipality["trial_minus_one_plan_law"].sum(), abs=0.6)
            else:
                assert row.trial == pytest.approx(wide.loc[(row.municipality, row.measure), "trial"], **close)
                assert row.trial_minus_one_plan_law == pytest.approx(row.trial - row.one_plan_law, **close)
            months = results["month"].nunique()
            assert row.trial_minus_one_plan_law_per_month == pytest.approx(row.trial_minus_one_plan_law / months, abs=0.06)
            for value in (row.percent, row.per_1000_citizens_per_month, row.citizens_in_average_month):
                assert value != value or round(value, 2) == value  # rounded as quoted (NaN: no base)
    network = changes[(changes["municipality"] == "all") & (changes["measure"] == "separate_plans_total")]
    assert (network["trial_minus_one_plan_law"] < 0).all()  # the trial removes plans under every version


def test_the_command_writes_the_versions_table_summary_and_a_self_contained_report(population, tmp_path):
    path = tmp_path / "population.parquet"
    population.to_parquet(path)
    out = tmp_path / "out"
    args = ["compare", str(path), "--from", "2019-10", "--to", "2020-09", "--out", str(out), "--workers", "1",
            "--one-plan-law-variants", "consultation_draft,tabled_bill,enacted", "--png"]
    assert cli.main(args) == 0
    changes = pandas.read_csv(out / "trial_changes.csv")
    assert set(changes["one_plan_law_variant"]) == set(regimes.VARIANTS)
    assert (out / "plots" / "en" / "trial_vs_one_plan_law_versions.png").read_bytes()[:4] == b"\x89PNG"
    summary = (out / "summary.md").read_text(encoding="utf-8")
    for column in ("one_plan_law − sector_law", "trial − one_plan_law", "trial − sector_law", "trial − sector_law %"):
        assert f"| {column} |" in summary or f" {column} |" in summary
    assert "distinct citizens" in summary and "citizen-months" in summary
    assert re.search(r"\d,\d{3} citizen-months", summary)
    assert "4.050000" not in summary and not re.search(r"\d\.\d{7,}", summary)  # no float32 noise
    for entry in register.entries():
        assert f"`ambiguity_{entry['id']}`" in summary  # every R and U entry, in the whole-population table ...
    per_municipality = summary.split("## Per municipality, every measure")[1].split("## Per target group")[0]
    assert "`ambiguity_R3`" in per_municipality  # ... and in the per-municipality tables
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    markup = re.sub(r"(?s)(<script[^>]*>).*?</script>", r"\1</script>", page)  # the tags, without what the scripts hold
    assert not re.search(r"""(src|href)=["']?(https?:|//|/)""", markup)  # self-contained
    assert "<script src" not in markup and "<link" not in markup
    assert markup.count('<script type="application/json"') == 12  # the key chart and five detail charts, both languages
    assert "data:image/png" not in markup  # the page draws its charts; the PNGs are files beside it
    for name in ("regimes_over_time.png", "trial_vs_one_plan_law_versions.png"):
        assert f"(plots/en/{name})" in summary  # summary.md links the PNGs drawn
    for danish, english in (("Hele befolkningen", "The whole population"), ("Pr. kommune", "Per municipality"),
                            ("Antagelser bag den syntetiske befolkning", "Assumptions behind the synthetic population")):
        assert danish in page and english in page
    for entry in register.entries():
        assert entry["title"].replace("'", "&#x27;") in page or entry["title"] in page
    assert "municipality_sizes" in page  # the assumptions the figures rest on
