"""What `review` answers for any history (generated: facts, dated changes, and a record of meetings, offers,
follow-ups and plans) is what /spec says `POST /check/history` answers: valid against `HistoryResult` with every
listed object closed, so no field goes undescribed (the worked histories are checked over HTTP in
tests/api/test_api_contract.py)."""

import datetime
import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from test_timeline_property import histories

from enplan_rules import regimes
from enplan_rules.api.spec import closed
from enplan_rules.history import review
from enplan_rules.history.document import load_history_schema

PLAN_KINDS = load_history_schema()["properties"]["persons"]["items"]["properties"]["record"]["properties"]["plans"][
    "items"]["properties"]["kind"]["enum"]


@pytest.fixture(scope="module")
def validator():
    from enplan_rules.api.app import build_gateway

    spec = build_gateway().test_client().get("/spec").get_json()
    return Draft202012Validator({"$ref": "#/components/schemas/HistoryResult", "components": closed(spec["components"])},
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def _days(start, count):
    return st.lists(st.dates(min_value=start, max_value=start + datetime.timedelta(days=31 * count))
                    .map(datetime.date.isoformat), max_size=3)


@st.composite
def recorded_histories(draw):
    """A generated history whose persons also have offers, follow-ups and plans on record."""
    history = draw(histories())
    start = datetime.date.fromisoformat(history["from"] + "-01")
    for person in history["persons"]:
        record = person.setdefault("record", {})
        record["offers"] = draw(_days(start - datetime.timedelta(days=90), 9))
        record["followups"] = draw(_days(start - datetime.timedelta(days=30), 8))
        record["plans"] = [{"kind": kind, "date": date} for kind, date in draw(st.lists(
            st.tuples(st.sampled_from(PLAN_KINDS), _days(start - datetime.timedelta(days=60), 8).map(
                lambda days: days[0] if days else start.isoformat())), max_size=4))]
    return history


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(recorded_histories(), st.sampled_from(("all", *regimes.NAMES)), st.sampled_from(("da", "en")))
def test_every_review_is_described_by_the_spec(validator, history, regime, lang):
    logging.getLogger("enplan_rules.history").setLevel(logging.ERROR)  # the month-by-month fallback is not news
    body = json.loads(json.dumps(review(history, regime, lang)))  # as the endpoint writes it
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}" for error in validator.iter_errors(body)]
    assert not errors, errors[:5]
