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
    (1 / 3, "4 om året", "4 a year"), (0.3333, "4 om året", "4 a year"), (1, "1 om måneden", "1 a month"),
    (2 / 3, "8 om året", "8 a year"), (1 / 12, "1 om året", "1 a year"), (0, "ingen", "none"),
    (0.123, "0,123 om måneden", "0.123 a month"), (True, None, None), ("x", None, None),
])
def test_meetings_as_whole_numbers_per_period(value, da, en):
    assert labels.meetings_words(value, "da") == da
    assert labels.meetings_words(value, "en") == en
