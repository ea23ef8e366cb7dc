"""Values that only a typing error makes are refused, naming the field: history dates in year 0001 or 9999,
`from`/`to` with a trailing newline (once accepted: "$" matches before a final newline)."""

import copy

import pytest

from enplan_rules.history import HistoryError
from enplan_rules.history import validate as validate_history

HISTORY = {"municipality": "ballerup", "from": "2019-01", "to": "2019-03",
           "persons": [{"id": "a", "role": "parent", "birth_date": "1980-01-01",
                        "employment_target_group": "kontanthjaelp_jobparat", "benefit_start_date": "2018-06-01",
                        "record": {"meetings": ["2019-01-15"]}}],
           "changes": [{"date": "2019-02-01", "person": "a", "has_mentor": True}]}


def history_with(path, value):
    document = copy.deepcopy(HISTORY)
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return document


@pytest.mark.parametrize("path, value, pointer", [
    (("persons", 0, "record", "meetings", 0), "0001-01-01", "/persons/0/record/meetings/0"),
    (("persons", 0, "record", "meetings", 0), "9999-12-31", "/persons/0/record/meetings/0"),
    (("changes", 0, "date"), "9999-01-01", "/changes/0/date"),
    (("changes", 0, "date"), "2019-02-01\n", "/changes/0/date"),
    (("from",), "2019-01\n", "/from"),
    (("to",), "2019-03\n", "/to"),
    (("changes", 0, "person"), "a\n", "/changes/0/person"),
])
def test_history_values_are_refused(path, value, pointer):
    with pytest.raises(HistoryError) as refused:
        validate_history(history_with(path, value), "en")
    assert pointer in [item["pointer"] for item in refused.value.errors]


def test_a_query_month_with_a_newline_is_refused():
    from enplan_rules.history.document import MONTH_PATTERN

    assert MONTH_PATTERN.match("2019-01") and not MONTH_PATTERN.match("2019-01\n")
