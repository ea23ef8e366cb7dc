"""The law's own words: every quotation is checked against the vendored official text of the version it cites.

A source record that quotes an official text names the versions (`legal/texts/<text id>.yaml`) in which its words
stand. These tests fail when an excerpt is not found word for word (whitespace aside) in that paragraph of each
version, when a version is used outside the period its document was in force, when a rule's versions leave a month
uncovered between two covered ones, when an answer cites a version not in force in the case's month, or when the
vendored words differ from the retsinformation exports they were made from.
"""

import datetime
import importlib.util
import os
import re

import pytest

from enplan_rules import regimes
from enplan_rules.case import check
from enplan_rules.legal import source_records, texts

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
LAW_DIR = os.path.join(ROOT, "..", "shared", "law")
OFFICIAL = [record for record in source_records.records().values() if record["versions"]]
VERSIONS = [(record["id"], index) for record in OFFICIAL for index in range(len(record["versions"]))]


def _months(start, end):
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield datetime.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# ---------------------------------------------------------------------------------------------- the checker itself

def test_the_checker_finds_words_in_their_stk_and_only_there():
    words = "skal den individuelle samtale efter § 16, stk. 5 og 8, afholdes løbende"
    assert texts.contains("lbk-2016-1342", "§ 18, stk. 2", words)
    assert texts.contains("lbk-2016-1342", "§ 18, stk. 2", words.replace(" ", "\n  "))  # whitespace aside
    assert not texts.contains("lbk-2016-1342", "§ 18, stk. 3", words)  # a neighbouring stk.
    assert not texts.contains("lbk-2016-1342", "§ 18, stk. 2", words.replace("løbende", "loebende"))
    assert not texts.contains("lbk-2016-1342", "§ 18, stk. 2", words.replace("stk. 5 og 8", "stk. 5-8"))
    assert not texts.contains("lov-2019-548", "§ 18, stk. 2", words)  # another document


def test_a_numbered_item_narrows_the_passage():
    item = texts.passage("bek-2018-529", "§ 29, stk. 5, nr. 2")
    assert item.startswith("2) §§ 35, 36 og 38") and "1) § 16" not in item
    assert texts.parse_paragraph("§ 13 c, stk. 2, 1. pkt.") == ("§ 13 c", "2", None)
    assert texts.parse_paragraph("§ 2, nr. 7") == ("§ 2", None, "7")


# --------------------------------------------------------------------------------------------------- the records

@pytest.mark.parametrize("record_id, index", VERSIONS)
def test_every_excerpt_stands_word_for_word_in_its_paragraph_of_each_version(record_id, index):
    record = source_records.records()[record_id]
    version = record["versions"][index]
    assert version["excerpt"], f"{record_id} quotes no words"
    passage = texts.passage(version["text"], version["paragraph"])
    assert texts.fold(version["excerpt"]) in texts.fold(passage), (
        f"{record_id}: not in {version['text']} {version['paragraph']}")


@pytest.mark.parametrize("record_id, index", VERSIONS)
def test_each_version_is_used_only_while_its_document_was_in_force(record_id, index):
    version = source_records.records()[record_id]["versions"][index]
    period = texts.document(version["text"])["in_force"]
    assert version["from"] >= period["from"], (record_id, version["text"])
    if period["to"] is not None:
        assert version["to"] is not None and version["to"] <= period["to"], (record_id, version["text"])
    assert version["to"] is None or version["from"] <= version["to"]


def test_official_records_carry_a_reading_verdict_and_secondary_ones_never_verify():
    for record in source_records.records().values():
        assert record["verdict"] in source_records.VERDICTS, record["id"]
        if record["versions"]:
            assert record["status"] == "sourced" and record["verdict"] != "no_text", record["id"]
        else:
            assert record["status"] != "sourced", f"{record['id']}: only an official text verifies"
            assert source_records.category(record) != "verified"


def test_no_excerpt_carries_a_pdf_line_break_hyphen():
    broken = re.compile(r"[a-zæøå]- (?!og |eller |samt |til |som )[a-zæøå]")
    for record in source_records.records().values():
        for words in [record.get("excerpt")] + [v["excerpt"] for v in record["versions"]]:
            assert not (words and broken.search(words)), (record["id"], words)


RULES = sorted(source_records.rules([regimes.load(name) for name in regimes.NAMES]))


@pytest.mark.parametrize("layer, name", RULES)
def test_a_rules_official_versions_leave_no_month_uncovered_between_covered_months(layer, name):
    records = [record for record in source_records.for_rule(name, layer) if record["versions"]]
    covered = set()
    for record in records:
        for version in record["versions"]:
            end = version["to"] or datetime.date(2020, 12, 31)
            covered |= set(_months(max(version["from"], datetime.date(2016, 1, 1)), min(end, datetime.date(2020, 12, 31))))
    if not covered:
        return
    gaps = [str(m)[:7] for m in _months(min(covered), max(covered)) if m not in covered]
    assert gaps == [], f"{name} ({layer}): no version in force in {gaps}"


def _citation_months():
    return [f"{year}-{month:02d}" for year in (2017, 2018, 2019, 2020) for month in (1, 6, 7, 8, 12)]


@pytest.mark.parametrize("month", _citation_months())
def test_a_citation_quotes_only_a_version_in_force_in_its_month(month):
    for regime in regimes.NAMES:
        system = regimes.load(regime)
        for name, variable in system.variables.items():
            if not variable.formulas:
                continue
            for record in source_records.for_variable(system, name, month):
                summary = source_records.summary(record, month)
                if record["versions"]:
                    assert summary["text_id"] and texts.in_force(summary["text_id"], month + "-01"), (
                        regime, name, record["id"], month)
                    assert summary["in_force"]["from"] <= month + "-01"
                    assert summary["in_force"]["to"] is None or month + "-01" <= summary["in_force"]["to"]


CASE = {
    "municipality": "ballerup",
    "persons": [
        {"id": "mother", "role": "parent", "birth_date": "1988-05-01",
         "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2017-06-10",
         "has_complex_problems": True, "consents_to_one_plan": True, "receives_adult_social_support": True},
        {"id": "child", "role": "child", "birth_date": "2012-01-01", "receives_child_special_support": True},
    ],
}


@pytest.mark.parametrize("month", ["2017-09", "2018-03", "2018-09", "2019-03", "2020-03"])
def test_the_receipt_names_every_text_an_answer_quotes_with_its_hash(month):
    result = check({**CASE, "month": month}, "trial", "da")
    listed = {entry["text_id"]: entry for entry in result["receipt"]["texts"]}
    for person in result["persons"].values():
        for answer in person["answers"].values():
            for citation in answer["citations"]:
                for source in [citation["source"], *citation["further_sources"]]:
                    if source and source.get("text_id"):
                        assert source["text_id"] in listed
                        assert texts.in_force(source["text_id"], month + "-01")
                        assert source["text_sha256"] == listed[source["text_id"]]["sha256"]
    for text_id, entry in listed.items():
        assert entry["sha256"] == texts.sha256(text_id)
        assert entry["address"].startswith("https://www.retsinformation.dk/eli/lta/")


# ------------------------------------------------------------------------------------------ the vendored texts

def test_every_vendored_text_names_its_document_version_and_period():
    assert texts.ids()
    for text_id in texts.ids():
        document = texts.document(text_id)
        assert document["id"] == text_id
        assert document["address"].startswith("https://www.retsinformation.dk/eli/lta/")
        assert re.match(r"^(LBK|BEK|Lov) nr\. \d+ af \d+\.\d+\.\d{4}$", document["number"])
        assert document["in_force"]["from"] and document["obtained"] and document["title"]
        assert document["sections"], text_id


def test_the_package_does_not_read_the_shared_folder():
    package = os.path.join(ROOT, "enplan_rules")
    for folder, _dirs, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(folder, name), encoding="utf-8") as file:
                    assert "shared" + "/law" not in file.read(), name


def _vendor_script():
    spec = importlib.util.spec_from_file_location("vendor_law_texts", os.path.join(ROOT, "scripts",
                                                                                    "vendor_law_texts.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_vendored_words_are_the_official_exports_words():
    if not os.path.isdir(LAW_DIR):
        pytest.skip("the retsinformation exports (shared/law) are not beside this checkout")
    vendor = _vendor_script()
    for text_id in texts.ids():
        _header, sections = vendor.parse(os.path.join(LAW_DIR, f"{text_id}.md"))
        for key, section in texts.document(text_id)["sections"].items():
            assert sections[key]["stk"] == section["stk"], (text_id, key)


def test_the_docs_list_every_vendored_document_as_enplan_sources_does():
    from enplan_rules.legal.sources_cli import documents_markdown

    with open(os.path.join(ROOT, "docs", "legal-sources.md"), encoding="utf-8") as file:
        docs = file.read()
    start = docs.index("-->\n", docs.index("<!-- documents table")) + 4
    assert docs[start:docs.index("<!-- end of documents table -->")] == documents_markdown()
