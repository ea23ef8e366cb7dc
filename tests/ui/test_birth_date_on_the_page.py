"""The page never answers with an assumed age: a case whose answers turn on a birth date it does not give comes
back as the form, with the problem at the birth-date field (422), in the page's language."""

import pytest

from enplan_rules.ui import create_app
from enplan_rules.ui import form as case_form

BASE = "http://127.0.0.1/ui/"
DAGPENGE = {"id": "a", "role": "parent", "employment_target_group": "dagpenge", "benefit_start_date": "2019-01-01"}


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


@pytest.mark.parametrize("lang, words", [("da", "skifter ved 30, 50 år"), ("en", "change at age 30, 50")])
def test_the_answers_wait_for_a_birth_date_the_right_and_duty_deadline_turns_on(client, lang, words):
    case = {"municipality": "other", "month": "2019-06", "persons": [DAGPENGE]}
    response = client.get(f"/?case={case_form.encode_case(case)}&lang={lang}", base_url=BASE)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'href="#p0-birth_date"' in html and words in html


def test_given_the_birth_date_the_answers_are_shown(client):
    case = {"municipality": "other", "month": "2019-06", "persons": [{**DAGPENGE, "birth_date": "1992-01-01"}]}
    response = client.get(f"/?case={case_form.encode_case(case)}&lang=da", base_url=BASE)
    assert response.status_code == 200
    assert "fødselsdatoen mangler" not in response.get_data(as_text=True)
