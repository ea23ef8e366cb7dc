"""The synthetic population: deterministic for a seed, the network's sizes, plausible families, valid input."""

import numpy
import pandas
import pytest

from enplan_rules import cli
from enplan_rules.population import columns, synth


def test_the_same_seed_gives_the_same_population_and_another_seed_another():
    first = synth.generate(2_000, seed=11)
    again = synth.generate(2_000, seed=11)
    other = synth.generate(2_000, seed=12)
    assert first.equals(again)
    assert not first.equals(other)


def test_the_same_seed_gives_the_same_file_byte_for_byte(tmp_path):
    paths = []
    for name in ("a", "b"):
        for suffix in ("csv", "parquet"):
            path = tmp_path / f"{name}.{suffix}"
            assert cli.main(["synth", "--citizens", "500", "--seed", "5", "--out", str(path)]) == 0
            paths.append(path)
    assert paths[0].read_bytes() == paths[2].read_bytes()
    assert paths[1].read_bytes() == paths[3].read_bytes()


def test_default_sizes_sum_to_the_networks_385000_and_scale_by_share():
    assumptions = synth.load_assumptions()
    assert assumptions["status"] == "assumption"
    full = synth.municipality_counts(385_000, assumptions)
    assert full == assumptions["municipality_sizes"]
    assert sum(assumptions["municipality_sizes"].values()) == 385_000
    small = synth.municipality_counts(1_000, assumptions)
    assert sum(small.values()) == 1_000
    assert set(small) == set(synth.NETWORK)
    assert max(small, key=small.get) == "helsingoer" and min(small, key=small.get) == "alleroed"
    with_outside = synth.municipality_counts(1_000, assumptions, outside_share=0.1)
    assert with_outside["other"] == 100 and sum(with_outside.values()) == 1_000


@pytest.fixture(scope="module")
def frame():
    return synth.generate(20_000, seed=3).to_pandas(date_as_object=False)


def whole_age(frame):
    """Age in whole years on the snapshot date, by birthdays (as the engine's `age`)."""
    snapshot = pandas.Timestamp(synth.load_assumptions()["snapshot_date"])
    born = frame["birth_date"]
    had_birthday = (born.dt.month < snapshot.month) | ((born.dt.month == snapshot.month) & (born.dt.day <= snapshot.day))
    return snapshot.year - born.dt.year - numpy.where(had_birthday, 0, 1)


def test_families_have_one_or_two_parents_and_children_born_to_them(frame):
    frame = frame.assign(age=whole_age(frame))
    parents = frame[frame["role"] == "parent"].groupby("family_id").size()
    assert parents.min() >= 1 and parents.max() <= 2
    children = frame[frame["role"] == "child"]
    assert len(children) > 0.15 * len(frame)
    assert (children["age"] < 18).all() and (frame.loc[frame["role"] == "parent", "age"] >= 18).all()
    oldest_parent = frame[frame["role"] == "parent"].groupby("family_id")["age"].max()
    assert (children["age"].to_numpy() + 18 <= oldest_parent.loc[children["family_id"]].to_numpy()).all()
    assert (frame.groupby("family_id")["municipality"].nunique() == 1).all()
    # Ballerup's family target group exists in the population: a parent on uddannelseshjælp aktivitetsparat or in
    # ressourceforløb with a child aged 0–15.
    ballerup_parent = frame[
        (frame["municipality"] == "ballerup")
        & frame["employment_target_group"].isin(["uddannelseshjaelp_aktivitetsparat", "ressourceforloeb"])
    ]["family_id"]
    young = children[(children["age"] < 16) & children["family_id"].isin(ballerup_parent)]
    assert len(young) > 0


def test_target_groups_follow_the_assumed_age_bands(frame):
    age = whole_age(frame)
    group = frame["employment_target_group"]
    assert (group[age < 18] == "none").all() and (group[age >= 65] == "none").all()
    assert (age[group.str.startswith("uddannelseshjaelp")] <= 29).all()
    assert (age[group.str.startswith("kontanthjaelp")] >= 30).all()
    shares = group[(age >= 30) & (age <= 64)].value_counts(normalize=True)
    assert shares["foertidspension"] == pytest.approx(0.06, abs=0.01)
    assert (frame.loc[group != "sygedagpenge", "sickness_benefit_category"] == "none").all()
    assert frame.loc[group == "none", "benefit_start_date"].isna().all()
    assert frame.loc[group != "none", "benefit_start_date"].notna().all()


def test_the_synthetic_population_passes_validation(frame):
    validation = columns.validate(frame, "row", 1)
    assert validation.errors == []


def test_synth_rejects_an_unknown_output_type(tmp_path, capsys):
    assert cli.main(["synth", "--citizens", "10", "--out", str(tmp_path / "population.xlsx")]) == 2
    assert "--out must end in .parquet or .csv" in capsys.readouterr().err


def test_default_participation_reproduces_the_mid_term_status_counts():
    """At the network's size, the reference month's participants per municipality are the reported counts, in the
    reported unit (adults, families, citizens, youths), by the engine's own in_en_plan_trial."""
    assumptions = synth.load_assumptions()
    reported = assumptions["participation"]["reported"]
    assert all("midtvejsstatus" in entry["source"] and entry["quote"] for entry in reported.values())
    table, check = synth.generate_with_check(seed=1)
    assert table.num_rows == 385_000
    check = check.set_index("municipality")
    for name, entry in reported.items():
        assert check.loc[name, "reported_scaled"] == entry["count"]
        assert check.loc[name, "eligible_units"] >= entry["count"], f"{name}: capacity, not eligibility, must bind"
        assert check.loc[name, "model"] == entry["count"], name
    assert check.loc["ballerup", "model_citizens_in_trial"] > 15  # families bring their children
    half, half_check = synth.generate_with_check(192_500, seed=1)
    assert (half_check.set_index("municipality")["reported_scaled"] == [150, 8, 10, 16, 57]).all()
