"""Every parameter and every register entry has words for a reader in Danish and English; meetings per period."""

import re

import pytest
from openfisca_core.parameters import ParameterNode

from enplan_rules import labels, regimes
from enplan_rules.legal import register


def parameter_names():
    names = set()
    for regime in regimes.NAMES:
        def walk(node, path):
            for key, child in node.children.items():
                if isinstance(child, ParameterNode):
                    walk(child, path + [key])
                else:
                    names.add(".".join(path + [key]))
        walk(regimes.load(regime).parameters, [])
    return sorted(names)


@pytest.mark.parametrize("lang", labels.LANGS)
def test_every_parameter_has_a_label(lang):
    names = parameter_names()
    assert len(names) > 200
    missing = [name for name in names if labels.parameter_label(name, lang) == name]
    assert missing == []
    assert labels.parameter_label("lab.contact_process.meetings_per_year_after.dagpenge", "da") == (
        "Samtaler om året derefter, Dagpenge (LAB § 2 nr. 1)")
    assert labels.parameter_label("no.such.parameter", lang) == "no.such.parameter"


def test_every_register_entry_has_a_title_in_both_languages():
    for entry_id, entry in register.by_id().items():
        assert entry.get("title") and entry.get("title_da"), entry_id
        assert entry["title"] != entry["title_da"], entry_id


@pytest.mark.parametrize("value, da, en", [
    (1 / 3, "1 samtale pr. 3. måned", "1 meeting every 3 months"),
    (0.3333, "1 samtale pr. 3. måned", "1 meeting every 3 months"),
    (1, "1 samtale om måneden", "1 meeting a month"), (2, "2 samtaler om måneden", "2 meetings a month"),
    (2 / 3, "2 samtaler pr. 3. måned", "2 meetings every 3 months"), (0.5, "1 samtale pr. 2. måned", "1 meeting every 2 months"),
    (1 / 12, "1 samtale om året", "1 meeting a year"), (5 / 12, "5 samtaler om året", "5 meetings a year"),
    (0, "ingen samtaler", "no meetings"), (0.123, "1,5 samtaler om året", "1.5 meetings a year"),
    (True, None, None), ("x", None, None),
])
def test_meetings_as_whole_numbers_per_period(value, da, en):
    assert labels.meetings_words(value, "da") == da
    assert labels.meetings_words(value, "en") == en


ENGLISH = re.compile(r"\b(seeds|sourced|unverified|the|and|of|not|from|to|aside|with|which|is|are|does|preparatory|"
                     r"part|in force)\b")


def history_paragraphs():
    """Every paragraph a duty of the case-history review carries: the duties' own and each plan question's
    reference (as `enplan_rules.history.duties` reads it)."""
    from enplan_rules.history import duties

    found = [duties.RIGHT_AND_DUTY, duties.CONTACT_PROCESS, duties.FOLLOWUP, duties.PARITY]
    for regime in regimes.NAMES:
        system = regimes.load(regime)
        for question in duties.PLAN_QUESTIONS:
            reference = system.variables[question.variable].reference or []
            reference = [reference] if isinstance(reference, str) else list(reference)
            found.append("; ".join(r for r in reference if not r.startswith("http")))
    return sorted(set(filter(None, found)))


@pytest.mark.parametrize("paragraph", history_paragraphs())
def test_a_citation_label_on_a_danish_page_carries_no_english_note(paragraph):
    """One filter (labels.citation_label) for the page for a case, the case note and the history page: the Danish
    label keeps the references and drops the English notes ("… the preparatory part aside …")."""
    label = labels.citation_label(paragraph, "da")
    assert label and re.match(r"^(LAB|SEL|LAS|LSD|BEK|LBA|Lov|lov|§)", label), label
    assert not ENGLISH.search(label), (paragraph, label)
