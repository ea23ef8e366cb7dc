"""Every rule and every parameter value has a source record, and every record says honestly what was read.

The coverage figure in the README comes from `enplan sources`; these tests make it impossible for it to lie: a
formula variable or a parameter leaf without a record fails, a `sourced` value without a sourced record fails,
a seeds excerpt that is not in the seeds fails, and an unverified record must say what was searched.
"""

import datetime
import os
import re

import pytest

from enplan_rules import regimes
from enplan_rules.case import check
from enplan_rules.legal import provenance, source_records
from enplan_rules.reforms.one_plan_law_version import versions

SEEDS_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "seeds")


def _systems():
    return [regimes.load(name, variant) for name in regimes.NAMES for variant in regimes.VARIANTS]


def _squash(text):
    return re.sub(r"\s+", " ", text).strip()


def test_every_rule_and_every_parameter_value_has_a_source_record():
    _table, missing, _unverified = source_records.coverage(_systems())
    assert missing == []


def test_every_unverified_rule_or_value_says_what_was_searched():
    _table, _missing, unverified = source_records.coverage(_systems())
    silent = sorted({record["id"] for _kind, _name, record in unverified
                     if record["status"] == "unverified" and not record.get("searched")})
    assert silent == []


@pytest.mark.parametrize("record_id", sorted(source_records.records()))
def test_each_record_says_what_was_read_or_what_was_searched(record_id):
    record = source_records.records()[record_id]
    assert record["status"] in source_records.STATUSES
    assert record["paragraph"] and record["document"]
    if record["status"] == "unverified":
        assert record.get("excerpt") is None, "no text read, no excerpt"
        assert record.get("searched"), "an unverified record says what was searched"
    elif record["status"] == "sourced":
        assert record["versions"], "only an official text of a version in force verifies"
        assert all(version["excerpt"] for version in record["versions"])
        assert record["address"].startswith("https://www.retsinformation.dk/eli/lta/")
    else:
        assert record.get("excerpt"), "a seeds or secondary record carries the words it was read in"
        assert record.get("version")
        assert isinstance(record.get("read_on"), datetime.date)


def _seeds_text():
    if not os.path.isdir(SEEDS_DIR):
        pytest.skip("the shared seeds are not beside this checkout")
    return " ".join(
        _squash(open(os.path.join(SEEDS_DIR, name), encoding="utf-8").read()) for name in sorted(os.listdir(SEEDS_DIR))
    )


def test_every_seeds_excerpt_is_copied_from_the_seeds():
    text = _seeds_text()
    wrong = [
        record["id"] for record in source_records.records().values()
        if record["status"] == "seeds" and _squash(record["excerpt"]) not in text
    ]
    assert wrong == []


def test_records_name_only_rules_and_parameters_the_engine_has():
    systems = _systems()
    rules = source_records.rules(systems)
    names = {name for _layer, name in rules} | {f"{layer}/{name}" for layer, name in rules}
    leaves = set()
    for system in systems:
        leaves |= {name for name, _leaf in source_records.parameter_leaves(system.parameters)}
    for record in source_records.records().values():
        assert set(record["rules"]) <= names, record["id"]
        for entry in record["parameters"]:
            assert any(leaf == entry or (entry.endswith(".") and leaf.startswith(entry)) for leaf in leaves), (
                record["id"], entry)


def test_a_sourced_parameter_value_rests_on_a_sourced_record():
    problems = []
    for system in _systems():
        for name, leaf in source_records.parameter_leaves(system.parameters):
            if provenance.status(system.parameters, name) != "sourced":
                continue
            found = source_records.for_parameter(name, leaf.metadata)
            if not any(record["status"] == "sourced" for record in found):
                problems.append(name)
    assert sorted(set(problems)) == []


def test_lab_records_end_with_2019_and_lba_records_begin_with_2020():
    for record in source_records.records().values():
        for version in record["versions"]:
            if version["text"] == "lbk-2016-1342":
                assert version["to"] is not None and version["to"] <= datetime.date(2019, 12, 31)
            if version["text"] == "lov-2019-548":
                assert version["from"] >= datetime.date(2020, 1, 1)


def test_every_version_difference_names_a_record_and_the_docs_table_lists_it():
    docs = open(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "legal-sources.md"), encoding="utf-8").read()
    for variant, version in versions().items():
        for difference in version["differences"]:
            assert difference["source"] in source_records.records(), (variant, difference)
            assert difference["parameter"] in docs, (variant, difference["parameter"])


CASE = {
    "municipality": "other",
    "month": "2019-03",
    "persons": [{"id": "citizen", "role": "parent", "employment_target_group": "none", "has_complex_problems": True,
                 "consents_to_one_plan": True, "receives_adult_social_support": True, "parent_of_child_in_care": True,
                 "municipality_offers_holistic_plan": True, "has_coordination_need": True}],
}


def test_an_answer_shows_the_danish_words_it_rests_on():
    answer = check(CASE, "one_plan_law", "da")["persons"]["citizen"]["answers"]["plan_sel_141"]
    assert answer["value"] is False
    words = [citation["excerpt"] for citation in answer["citations"] if citation["excerpt"]]
    assert any("kan erstattes af en helhedsorienteret plan" in text for text in words)
    sources = [citation["source"] for citation in answer["citations"] if citation["source"]]
    assert any(source["id"] == "sel.141_stk_7" and source["address"].startswith("https://") for source in sources)


def test_from_2020_the_min_plan_answer_cites_lba_section_40_and_before_it_lab_section_27():
    case = {"municipality": "other", "persons": [{"id": "a", "role": "parent", "employment_target_group": "dagpenge"}]}
    before = check({**case, "month": "2019-12"}, "sector_law", "en")["persons"]["a"]["answers"]["plan_lab_min_plan"]
    after = check({**case, "month": "2020-01"}, "sector_law", "en")["persons"]["a"]["answers"]["plan_lab_min_plan"]
    ids = lambda answer: {c["source"]["id"] for c in answer["citations"] if c["source"]}  # noqa: E731
    assert "lab.27_stk_1" in ids(before) and "lba.40_stk_1" not in ids(before)
    assert "lba.40_stk_1" in ids(after) and "lab.27_stk_1" not in ids(after)
    assert "R12" in {entry["id"] for entry in after["ambiguities"]}
    assert "R12" not in {entry["id"] for entry in before["ambiguities"]}
