"""Every parameter and every register entry has words for a reader in Danish and English; meetings per period."""

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
