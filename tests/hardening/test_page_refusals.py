"""The page (/ui) refuses what the API refuses, with a 4xx, never a 500: a link whose case has a key twice, a
lone surrogate or deep nesting; a case with more unknown facts than can be answered (reachable from the page's
own form) on the answers, the PDF note and the scenario download; and a note beyond its size (once a
491-character 20-person link made 109 pages in 12 s of CPU)."""

import base64
import zlib

import pytest
from werkzeug.test import Client

from enplan_rules.ui import create_app, note
from enplan_rules.ui import form as case_form

UNKNOWN = ["has_complex_problems", "consents_to_one_plan", "receives_adult_social_support", "has_mentor",
           "refuses_one_plan", "rehabilitation_team_case", "assessed_not_to_benefit_from_offers"]


def person(index, **facts):
    return {"id": f"p{index}", "role": "parent" if index < 2 else "child",
            "birth_date": "1985-01-01" if index < 2 else "2010-01-01", **facts}


def case(persons=1, **facts):
    return {"municipality": "ballerup", "month": "2019-03",
            "persons": [person(0, employment_target_group="uddannelseshjaelp_aktivitetsparat",
                               benefit_start_date="2018-06-10", **facts)] + [person(i) for i in range(1, persons)]}


def link(text):
    return base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8", "surrogatepass"), 9)).decode().rstrip("=")


@pytest.fixture(scope="module")
def client():
    return Client(create_app())


@pytest.mark.parametrize("text", [
    '{"municipality": "ballerup", "municipality": "furesoe", "month": "2019-03", "persons": []}',
    '{"municipality": "ballerup\\ud800", "month": "2019-03", "persons": []}',
    "[" * 5000 + "]" * 5000,
])
def test_unreadable_links_are_400(client, text):
    response = client.get(f"/?lang=en&case={link(text)}")
    assert response.status_code == 400


def test_too_many_unknown_facts_are_refused_everywhere(client):
    """The answers page puts the refusal back on the form at the fields (422, as for any case it cannot answer);
    the case note and the scenario download answer 400."""
    code = case_form.encode_case(case(**{name: None for name in UNKNOWN}))
    for response, status in (
        (client.get(f"/?lang=en&case={code}"), 422),
        (client.post("/note.pdf?lang=en", data={"case": code}), 400),
        (client.post("/scenario.yaml?lang=en", data={"case": code, "pin": "1"}), 400),
    ):
        assert response.status_code == status, response.status_code
        assert "unknown facts" in response.get_data(as_text=True)


def test_the_note_is_bounded(client):
    code = case_form.encode_case(case(persons=note.MAX_PERSONS + 1))
    response = client.post("/note.pdf?lang=en", data={"case": code})
    assert response.status_code == 400
    assert f"at most {note.MAX_PERSONS} persons" in response.get_data(as_text=True)
    code = case_form.encode_case(case(persons=2))
    response = client.post("/note.pdf?lang=en", data={"case": code})
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_note_beyond_its_pages_is_refused(client, monkeypatch):
    monkeypatch.setattr(note, "MAX_PAGES", 1)
    response = client.post("/note.pdf?lang=en", data={"case": case_form.encode_case(case(persons=2))})
    assert response.status_code == 400
