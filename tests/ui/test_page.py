"""The page without a browser (Flask test client): the guided form, the review step, the answers (the same as the case
path's), the case in a link, scenario files in and out, the case note as a PDF, errors at their fields."""

import copy
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ui_helpers import form_data, parse_page

from enplan_rules import regimes
from enplan_rules.answers import compare
from enplan_rules.scenarios import load, parse
from enplan_rules.scenarios import run as run_scenario
from enplan_rules.ui import answers as views
from enplan_rules.ui import create_app
from enplan_rules.ui import form as case_form

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE = "http://127.0.0.1/ui/"  # mounted at /ui, as in `enplan serve`


@pytest.fixture(scope="module")
def client():
    app = create_app()
    return app.test_client()


def post(client, data, path="/", **kwargs):
    return client.post(path, data=data, base_url=BASE, **kwargs)


def get(client, path="/"):
    return client.get(path, base_url=BASE)


def follow(client, response):
    """GET the page a 303 points to (its Location is absolute to the mount point /ui)."""
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    location = response.headers["Location"]
    assert location.startswith("/ui/?")
    return get(client, location[len("/ui"):])


def code_of(response):
    return urllib.parse.parse_qs(urllib.parse.urlparse(response.headers["Location"]).query)["case"][0]


def scenario_case(name):
    return load(os.path.join(ROOT, "scenarios", name)).case


def answers_page(client, case, lang="da"):
    data = form_data(case, lang)
    data["action"] = "answers"
    return follow(client, post(client, data))


def expected_words(case, lang):
    return views.all_words(compare(case, lang), lang)


def test_the_form_is_danish_by_default_and_english_on_request(client):
    da = get(client).get_data(as_text=True)
    assert '<html lang="da">' in da and "Gennemse sagen" in da
    en = get(client, "/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in en and "Review the case" in en
    assert 'href="/ui/?lang=da"' in en
    assert "ingen navne eller CPR-numre" in da and "no names or CPR numbers" in en


def test_urls_are_relative_to_the_mount_point(client):
    html = get(client).get_data(as_text=True)
    assert 'action="/ui/"' in html and 'action="/ui/load"' in html
    assert 'href="/ui/static/ui.css"' in html and 'src="/ui/static/ui.js"' in html
    assert get(client, "/static/ui.css").status_code == 200


def test_every_control_has_a_label_and_fields_are_grouped(client):
    html = get(client).get_data(as_text=True)
    page = parse_page(html)
    assert page.controls
    unlabelled = [c.get("id") for c in page.controls if c.get("id") not in page.labels]
    assert unlabelled == []
    assert html.count("<legend>") == html.count("<fieldset")
    assert "ÅÅÅÅ-MM-DD" not in html  # the browser's date widget shows its own format


@pytest.mark.parametrize("name", ["ballerup-family.yaml", "hilleroed-ressourceforloeb.yaml", "mayors-letter.yaml",
                                  "helsingoer-brain-injury-november-2018.yaml"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_page_gives_the_case_paths_answers(client, name, lang):
    case = scenario_case(name)
    response = answers_page(client, case, lang)
    assert response.status_code == 200
    page = parse_page(response.get_data(as_text=True))
    assert page.answers == expected_words(case, lang)
    assert any(link.startswith("https://www.retsinformation.dk/") for link in page.links)


def test_the_review_step_comes_before_the_answers(client):
    case = scenario_case("ballerup-family.yaml")
    response = post(client, form_data(case, "da"))  # the primary button: "Gennemse sagen"
    assert "step=review" in response.headers["Location"]
    html = follow(client, response).get_data(as_text=True)
    assert "Gennemse sagen før svarene" in html and 'id="results-title"' not in html
    assert "mentorstøtte: ja" in html
    code = code_of(response)
    assert f'href="/ui/?lang=da&amp;case={code}&amp;unknown=' in html  # "Vis svarene" (with the facts not given)
    assert f'href="/ui/?lang=da&amp;case={code}&amp;step=edit&amp;unknown=' in html  # "Ret oplysningerne"
    edit = parse_page(get(client, f"/?lang=da&case={code}&step=edit").get_data(as_text=True))
    assert edit.attrs_by_id["p0-id"]["value"] == "mother"
    assert edit.attrs_by_id["p0-birth_date"]["value"] == "01.05.1988"  # dd.mm.åååå in any browser locale
    assert "checked" in edit.attrs_by_id["p0-has_complex_problems-yes"]
    assert "checked" in edit.attrs_by_id["p0-has_mentor"]


def test_a_link_reproduces_the_answers_and_switches_language(client):
    case = scenario_case("ballerup-family.yaml")
    data = form_data(case, "da")
    data["action"] = "answers"
    response = post(client, data)
    code = code_of(response)
    assert case_form.decode_case(code) == case
    assert len(code) < 800  # the family with its recorded judgements
    first = follow(client, response).get_data(as_text=True)
    again = get(client, f"/?lang=da&case={code}").get_data(as_text=True)
    assert parse_page(first).answers == parse_page(again).answers == expected_words(case, "da")
    assert f'href="/ui/?lang=en&amp;case={code}' in again  # the language switch keeps the case, no JavaScript
    english = get(client, f"/?lang=en&case={code}").get_data(as_text=True)
    assert parse_page(english).answers == expected_words(case, "en")
    assert f'value="http://127.0.0.1/ui/?lang=da&amp;case={code}"' in again  # the link to share


@pytest.mark.parametrize("code", ["", "!!!", "x" * 7000, case_form.encode_case({"a": 1})[:-3] + "zz",
                                  "eJzLSM3JyQcABiwCFQ"])
def test_a_broken_link_gets_a_page_not_a_crash(client, code):
    response = get(client, f"/?case={urllib.parse.quote(code)}")
    assert response.status_code in (400, 422)
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_hand_edited_link_shows_every_problem_at_its_field(client):
    case = scenario_case("ballerup-family.yaml")
    case["persons"][1]["birth_date"] = "2019-06-01"
    case["persons"][0]["meetings_held"] = -1
    response = get(client, f"/?lang=en&case={case_form.encode_case(case)}")
    assert response.status_code == 422
    page = parse_page(response.get_data(as_text=True))
    assert "born after the month" in page.errors["p1-birth_date"]
    assert "too small" in page.errors["p0-meetings_held"]


def test_differences_flags_and_labels_are_shown(client):
    html = answers_page(client, scenario_case("ballerup-family.yaml"), "en").get_data(as_text=True)
    assert '<li class="compare-item differs" id="mother-plan_sel_141"' in html
    assert '<li class="compare-item" id="child-plan_sel_140"' in html
    assert '<li class="answer-item" id="mother-plan_sel_141-answer" data-answer="plan_sel_141">' in html
    assert 'href="#register-R1"' in html and 'id="register-R1"' in html
    # every value this case uses is verified against the texts (0.4): no unverified list, and never a parameter id
    assert "Unverified values" not in html and "one_plan_law.minimum_plans_for_coordination_need" not in html
    assert "Request sha256" in html or "request sha256" in html


def test_meetings_are_whole_numbers_per_period_and_facts_are_stated_once(client):
    html = answers_page(client, scenario_case("ballerup-family.yaml"), "da").get_data(as_text=True)
    page = parse_page(html)
    assert page.answers[("mother", "ordinary_meetings", "sector_law")] == "1 samtale pr. 2. måned"
    assert "0.3333" not in html and "0,3333" not in html
    start = html.index('id="mother-plan_sel_141-answer"')
    card = html[start:html.index('<li class="answer-item"', start)]
    assert card.count("Afgørende oplysninger") == 1
    assert views.meetings_words(1, "da") == "1 samtale om måneden"
    assert views.meetings_words(0.5, "en") == "1 meeting every 2 months"


def test_meetings_where_the_ordinary_rules_do_not_apply_say_so():
    """Where the regime's own answer is that the ordinary contact-process rules do not apply, the count of meetings
    they would require is not shown as a duty: "Gælder ikke i forsøget" (in the trial), "Gælder ikke" elsewhere."""
    answer = {"value": 1 / 3, "answer_text": "0.3333"}
    assert views.answer_words("ordinary_meetings", answer, "da", False, "trial") == "Gælder ikke i forsøget"
    assert views.answer_words("ordinary_meetings", answer, "en", False, "sector_law") == "Does not apply"
    assert views.answer_words("ordinary_meetings", answer, "da", True, "trial") == "1 samtale pr. 3. måned"
    result = compare(scenario_case("ballerup-family.yaml"), "da")
    result["regimes"]["trial"]["persons"]["mother"]["answers"]["contact_process"]["value"] = False
    assert views.all_words(result, "da")[("mother", "ordinary_meetings", "trial")] == "Gælder ikke i forsøget"
    assert views.all_words(result, "da")[("mother", "ordinary_meetings", "sector_law")] == "1 samtale pr. 2. måned"


def test_questions_that_cannot_apply_are_folded_with_a_reason(client):
    html = answers_page(client, scenario_case("ballerup-family.yaml"), "da").get_data(as_text=True)
    page = parse_page(html)
    child_cards = {q for (p, q, _) in page.answers if p == "child"} - {q for (p, q) in page.folded if p == "child"}
    assert "outside_jobcenter" not in child_cards and "plan_sel_140" in child_cards
    assert ("mother", "plan_sel_140") in page.folded
    assert 'id="child-outside_jobcenter" data-question="outside_jobcenter" data-folded="true"' in html
    assert "spørgsmål kan ikke gælde for child" in html and "Gælder ikke et barn" in html
    assert "mother-plan_sel_140" in html and 'id="mother-outside_jobcenter" data-question' in html


def test_a_question_that_says_yes_is_never_folded():
    result = compare(scenario_case("ballerup-family.yaml"), "da")
    for regime in regimes.NAMES:
        result["regimes"][regime]["persons"]["child"]["answers"]["outside_jobcenter"]["value"] = True
    person = views.person_views(result, scenario_case("ballerup-family.yaml"), "da")[1]
    assert "outside_jobcenter" in [q["id"] for q in person["questions"]]


def test_the_form_shows_a_field_only_where_it_can_matter(client):
    data = {"lang": "da", "slots": "2", "municipality": "hilleroed", "month": "2019-03", "action": "refresh",
            "p0-id": "adult", "p0-role": "parent", "p0-employment_target_group": "none",
            "p1-id": "kid", "p1-role": "child"}
    page = parse_page(post(client, data).get_data(as_text=True))
    hidden = {key for key, attrs in page.wrappers.items() if "hidden" in attrs}
    assert "p1-employment_target_group" in hidden and "p1-has_complex_problems" in hidden  # a child
    assert "p0-receives_child_special_support" in hidden and "p1-receives_child_special_support" not in hidden
    assert "p0-sickness_benefit_category" in hidden and "p0-benefit_start_date" in hidden  # no target group
    assert "p0-en_plan_start_date" in hidden and "p0-helsingoer_solution" in hidden  # not Ballerup, not Helsingør
    data.update({"municipality": "ballerup", "p0-employment_target_group": "sygedagpenge", "p1-has_mentor": "on"})
    page = parse_page(post(client, data).get_data(as_text=True))
    hidden = {key for key, attrs in page.wrappers.items() if "hidden" in attrs}
    assert "p0-sickness_benefit_category" not in hidden and "p0-en_plan_start_date" not in hidden
    assert "p1-has_mentor" not in hidden  # a value is never hidden, even where it cannot matter
    html = post(client, data).get_data(as_text=True)
    assert "Kategori 2 udløser aftalen efter LSD § 13 c" in html  # help citing the paragraph


@pytest.mark.parametrize("birth_date, month, asked", [
    ("2003-03-01", "2019-03", True),   # 16 on the first day of the month: SEL § 140 a's young person
    ("2003-03-02", "2019-03", False),  # 16 only on the 2nd
    ("1996-03-01", "2019-03", False),  # 23 on the first day of the month
    ("1996-03-02", "2019-03", True),   # still 22 on the first day of the month
    ("2012-01-01", "2019-03", False),  # a child of 7
    ("2003-03-01", "", False),         # no month: the age is not known
])
def test_a_young_persons_own_consent_and_problems_are_asked_from_16_to_22(client, birth_date, month, asked):
    """SEL § 140 a: the whole § 140 plan of a young person of 16–22 may be replaced, with the young person's
    consent — so a child of that age is asked for consent and complex problems, a younger child is not."""
    data = {"lang": "da", "slots": "2", "municipality": "frederikssund", "month": month, "action": "refresh",
            "p0-id": "adult", "p0-role": "parent", "p1-id": "ung", "p1-role": "child", "p1-birth_date": birth_date}
    page = parse_page(post(client, data).get_data(as_text=True))
    hidden = {key for key, attrs in page.wrappers.items() if "hidden" in attrs}
    for name in ("p1-consents_to_one_plan", "p1-has_complex_problems"):
        assert (name not in hidden) == asked, name
    # the holder of parental authority's consent: only for a child with special support (a § 140 plan to replace)
    assert "p1-parental_authority_consents_to_holistic_plan" in hidden
    data["p1-receives_child_special_support"] = "on"
    page = parse_page(post(client, data).get_data(as_text=True))
    assert "hidden" not in page.wrappers["p1-parental_authority_consents_to_holistic_plan"]


def test_not_known_is_offered_for_deciding_facts(client):
    case = scenario_case("ballerup-family.yaml")
    data = form_data(case, "da")
    data["p0-consents_to_one_plan"] = "unknown"
    response = post(client, data)
    sent = case_form.decode_case(code_of(response))
    if case_form.null_accepted("consents_to_one_plan"):
        assert sent["persons"][0]["consents_to_one_plan"] is None
    else:  # until the schema takes null for a fact: left out, read as no, and the page says so
        assert "consents_to_one_plan" not in sent["persons"][0]
        html = follow(client, response).get_data(as_text=True)
        assert "»ved ikke« regnes indtil videre som nej" in html
        assert "mother: deltager i/samtykker til én plan" in html


def test_invalid_input_is_shown_at_the_field_all_in_one_round(client):
    data = form_data(scenario_case("ballerup-family.yaml"), "en")
    data["p1-birth_date"] = "2019-06-01"  # born after the month asked about (a rule across fields)
    data["p0-meetings_held"] = "three"   # not a number
    data["p0-benefit_start_date"] = "2019-02-30"
    response = post(client, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    page = parse_page(html)
    assert "the person is born after the month asked about" in page.errors["p1-birth_date"]
    assert "must be a whole number" in page.errors["p0-meetings_held"]
    assert "write the date as dd.mm.yyyy" in page.errors["p0-benefit_start_date"]  # 30 February
    assert page.attrs_by_id["p1-birth_date"]["aria-invalid"] == "true"
    assert "p1-birth_date-error" in page.attrs_by_id["p1-birth_date"]["aria-describedby"]
    assert page.attrs_by_id["p1-birth_date"]["value"] == "01.06.2019"
    assert page.attrs_by_id["p0-meetings_held"]["value"] == "three"
    assert 'href="#p1-birth_date">Person 2, date of birth:' in html
    assert "Traceback" not in html and 'id="results-title"' not in html


def test_danish_errors_say_what_to_enter_in_plain_words(client):
    data = form_data(scenario_case("ballerup-family.yaml"), "da")
    data["month"] = "2019-3"
    data["p0-id"] = "Hanne Jensen"
    page = parse_page(post(client, data).get_data(as_text=True))
    assert page.errors["month"] == "Fejl: forkert format (forventet: en måned skrevet ÅÅÅÅ-MM, fx 2019-03)"
    assert "ikke et navn eller CPR-nummer" in page.errors["p0-id"]
    for message in page.errors.values():
        assert "^" not in message and "expected" not in message and "matching" not in message


def test_missing_facts_are_named(client):
    response = post(client, {"lang": "da", "slots": "2", "p0-id": "a", "p1-id": ""})
    page = parse_page(response.get_data(as_text=True))
    assert response.status_code == 422
    assert set(page.errors) >= {"municipality", "month", "persons"}
    response = post(client, {"lang": "en", "slots": "1", "municipality": "ballerup", "month": "2019-03",
                             "p0-id": "", "p0-has_mentor": "on"})
    assert parse_page(response.get_data(as_text=True)).errors["p0-id"] == "Error: give the person a label"


def test_adding_a_person_keeps_the_facts(client):
    data = form_data(scenario_case("ballerup-family.yaml"))
    data["action"] = "add"
    html = post(client, data).get_data(as_text=True)
    page = parse_page(html)
    assert "p2-id" in page.attrs_by_id and page.attrs_by_id["p0-id"]["value"] == "mother"
    assert 'name="slots" value="3"' in html and 'id="results-title"' not in html


def test_round_trip_page_yaml_enplan_check_page(client, tmp_path):
    """The page's case → a scenario file with today's answers pinned → `enplan check` passes → loaded back into the
    page, the same answers."""
    case = scenario_case("ballerup-family.yaml")
    data = form_data(case, "da")
    data["action"] = "answers"
    code = code_of(post(client, data))
    response = post(client, {"lang": "da", "case": code, "pin": "on"}, "/scenario.yaml")
    assert response.status_code == 200 and response.mimetype == "application/yaml"
    text = response.get_data(as_text=True)
    scenario = parse(text, "download.yaml")
    assert scenario.case == case
    assert set(scenario.expect) == set(regimes.NAMES)
    outcome = run_scenario(scenario, "all", "da")
    assert outcome["outcomes"] and all(o["met"] for o in outcome["outcomes"])
    path = tmp_path / "download.yaml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "enplan_rules.cli", "check", str(path), "--summary"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    with open(path, "rb") as file:
        loaded = post(client, {"lang": "da", "scenario": (file, "download.yaml")}, "/load",
                      content_type="multipart/form-data")
    assert "step=review" in loaded.headers["Location"] and code_of(loaded) == code
    back = get(client, f"/?lang=da&case={code_of(loaded)}").get_data(as_text=True)
    assert parse_page(back).answers == expected_words(case, "da")
    plain = post(client, {"lang": "da", "case": code}, "/scenario.yaml").get_data(as_text=True)
    assert "expect:" not in plain


def test_a_worked_example_loads_and_a_bad_file_is_named_with_its_line(client):
    with open(os.path.join(ROOT, "scenarios", "hilleroed-youth.yaml"), "rb") as file:
        loaded = post(client, {"lang": "da", "scenario": (file, "hilleroed-youth.yaml")}, "/load",
                      content_type="multipart/form-data")
    assert case_form.decode_case(code_of(loaded)) == scenario_case("hilleroed-youth.yaml")
    bad = b"municipality: roskilde\nmonth: '2019-03'\npersons:\n  - id: a\n    has_mentor: ja tak\n"
    import io

    response = post(client, {"lang": "da", "scenario": (io.BytesIO(bad), "min-sag.yaml")}, "/load",
                    content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "min-sag.yaml:1: Kommune [municipality]: »roskilde« er ikke en af forsøgsnetværkets kommuner" in html
    assert "min-sag.yaml:5: Person 1 (a), mentorstøtte [persons/0/has_mentor]" in html
    bomb = b"a: &a [1, 2]\nb: [*a, *a]\n"
    response = post(client, {"lang": "en", "scenario": (io.BytesIO(bomb), "bomb.yaml")}, "/load",
                    content_type="multipart/form-data")
    assert response.status_code == 422 and "bomb.yaml:1: YAML anchors" in response.get_data(as_text=True)
    response = post(client, {"lang": "en"}, "/load", content_type="multipart/form-data")
    assert response.status_code == 422 and "choose a file" in response.get_data(as_text=True)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils missing (scripts/install-browser.sh)")
def test_the_case_note_is_a_pdf_of_a_few_pages_with_the_note_fields(client, artifacts, caplog):
    case = scenario_case("ballerup-family.yaml")
    data = form_data(case, "da")
    data["action"] = "answers"
    code = code_of(post(client, data))
    secret = "Drøftet med borgeren den 3. marts"
    response = post(client, {"lang": "da", "case": code, "note_reference": "27.12.00-P20-1-19",
                             "note_date": "2019-03-15", "note_caseworker": "A. Sagsbehandler", "note_text": secret},
                    "/note.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = os.path.join(artifacts, "case-note-server.pdf")
    with open(pdf, "wb") as file:
        file.write(response.data)
    assert secret not in caplog.text and "A. Sagsbehandler" not in caplog.text
    pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, timeout=60).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    assert 3 <= count <= 12  # 10 for the Ballerup family (contingent answers, whose conditions are long)
    texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", pdf, "-"], capture_output=True,
                            text=True, timeout=60).stdout for n in range(1, count + 1)]
    assert "27.12.00-P20-1-19" in texts[0] and "A. Sagsbehandler" in texts[0] and "Drøftet med borgeren" in texts[0]
    # Page 1: the regime that applies and the answers with their paragraphs; then the comparison, the appendix.
    assert "Sagen er omfattet af frikommuneforsøget i Ballerup Kommune" in texts[0]
    assert "Skal der tilbydes en særskilt handleplan efter SEL § 141?" in texts[0]
    assert "Forskelle mellem regimerne" in "".join(texts[:3])
    appendix = next(n for n, text in enumerate(texts) if "Bilag: den fulde begrundelse" in text)
    assert appendix <= 4
    for old in os.listdir(artifacts):
        if old.startswith("case-note-server-") and old.endswith(".png"):
            os.remove(os.path.join(artifacts, old))
    subprocess.run(["pdftoppm", "-png", "-r", "70", pdf, os.path.join(artifacts, "case-note-server")], check=True,
                   timeout=120)
    assert len([f for f in os.listdir(artifacts) if f.startswith("case-note-server-")]) == count
    assert post(client, {"lang": "da", "case": "broken"}, "/note.pdf").status_code == 400


def test_citation_excerpts_and_source_addresses_are_shown_when_present(client):
    """The engine's source records: the Danish words each answer rests on, with the address of the text read."""
    html = answers_page(client, scenario_case("ballerup-family.yaml"), "da").get_data(as_text=True)
    assert '<blockquote class="excerpt" lang="da">' in html
    assert "skal have en plan for indsatsen" in html  # LAB § 27 stk. 1 (Min Plan), LBK 1342/2016
    assert 'href="https://www.retsinformation.dk/eli/lta/2016/1342"' in html  # the official text of the version in force


def test_security_headers_and_friendly_errors(client, monkeypatch):
    response = get(client)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    missing = get(client, "/nowhere")
    assert missing.status_code == 404 and "Siden findes ikke" in missing.get_data(as_text=True)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("enplan_rules.ui.compare", broken)
    code = case_form.encode_case(scenario_case("ballerup-family.yaml"))
    response = get(client, f"/?case={code}")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Der opstod en fejl" in html and "secret internals" not in html and "Traceback" not in html


def test_an_oversized_form_is_refused_politely(client):
    response = post(client, {"lang": "da", "p0-id": "x" * 400000})
    assert response.status_code == 413 and "for stor" in response.get_data(as_text=True)


FIELD_NAMES = ["municipality", "month", "slots", "action", "lang", "p0-id", "p0-role", "p0-birth_date",
               "p0-employment_target_group", "p0-meetings_held", "p0-has_mentor", "p0-has_complex_problems", "p1-id",
               "p1-departments_with_case", "p1-helsingoer_solution", "p19-id", "p0-unknown"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(FIELD_NAMES),
                       st.one_of(st.text(max_size=30), st.sampled_from(["ballerup", "2019-03", "on", "-1", "1e9",
                                                                        "2019-02-30", "child", "add", "en", "yes",
                                                                        "unknown", "answers", "refresh"])),
                       max_size=12))
def test_any_form_gives_a_page_never_a_crash(client, data):
    response = post(client, copy.deepcopy(data))
    assert response.status_code in (200, 303, 422)
    assert "Traceback" not in response.get_data(as_text=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
                    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=3)), max_leaves=10))
def test_any_case_in_a_link_gives_a_page_never_a_crash(client, document):
    response = get(client, f"/?case={case_form.encode_case(document)}")
    assert response.status_code in (200, 400, 422)
    assert "Traceback" not in response.get_data(as_text=True)


class _VisibleText(HTMLParser):
    """The page's text outside scripts, code, citation labels (the statutes' reference texts) and English-marked parts."""

    VOID = ("input", "br", "meta", "link", "img")

    def __init__(self):
        super().__init__()
        self.stack, self.skipping, self.parts = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        skip = tag in ("script", "code") or "citation" in classes or "param-name" in classes or attrs.get("lang") == "en"
        self.stack.append(skip)
        self.skipping += skip

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.skipping -= self.stack.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


@pytest.mark.parametrize("name", ["ballerup-family.yaml", "hilleroed-ressourceforloeb.yaml", "mayors-letter.yaml",
                                  "helsingoer-brain-injury-november-2018.yaml"])
def test_the_danish_answers_have_no_english_leftovers(client, name):
    parser = _VisibleText()
    parser.feed(answers_page(client, scenario_case(name), "da").get_data(as_text=True))
    text = " ".join(parser.parts)
    leftovers = re.findall(r"\b(the|and|must|Yes|No|not|is|of|with|trial|unverified|expected)\b", text)
    assert leftovers == []


def test_not_known_becomes_null_once_the_schema_takes_it(monkeypatch):
    values = case_form.read_form({"municipality": "ballerup", "month": "2019-03", "slots": "1", "p0-id": "a",
                                  "p0-has_complex_problems": "unknown", "p0-consents_to_one_plan": "yes"}, "da")
    monkeypatch.setattr(case_form, "null_accepted", lambda name: True)
    case, errors, _ = case_form.to_case(values, "da")
    assert errors == {}
    assert case["persons"][0] == {"id": "a", "role": "parent", "has_complex_problems": None,
                                  "consents_to_one_plan": True}
    assert case_form.from_case(case)["slots"][0]["has_complex_problems"] == "unknown"
