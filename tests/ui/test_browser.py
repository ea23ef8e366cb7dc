"""The page in headless Chromium (Debian's), driven by Playwright: a person fills the form, reads the answers
and their paragraphs, switches language, makes a mistake and prints the case note. Screenshots go to
artifacts/ui/."""

import os
import re

import pytest

from enplan_rules import regimes
from enplan_rules.case import compare
from enplan_rules.scenarios import load
from enplan_rules.ui.form import FIELDS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def scenario_case(name):
    return load(os.path.join(ROOT, "scenarios", name)).case


def fill_case(page, case):
    """Fill the form the way a person would: choose, type, tick."""
    page.select_option("#municipality", case["municipality"])
    page.fill("#month", case["month"])
    while page.locator("fieldset.person").count() < len(case["persons"]):
        page.get_by_role("button", name=re.compile("Tilføj en person|Add a person")).click()
    for slot, person in enumerate(case["persons"]):
        page.fill(f"#p{slot}-id", person["id"])
        page.select_option(f"#p{slot}-role", person.get("role", "parent"))
        first = ("employment_target_group",)  # the choices that decide which fields are shown come first
        for name, value in sorted(person.items(), key=lambda item: item[0] not in first):
            if name in ("id", "role"):
                continue
            selector = f"#p{slot}-{name}"
            kind = FIELDS[name].kind
            if kind == "bool":
                page.set_checked(selector, bool(value))
            elif kind == "fact":
                page.check(f"{selector}-{'unknown' if value is None else 'yes' if value else 'no'}")
            elif kind == "select":
                page.select_option(selector, value)
            else:
                page.fill(selector, str(value))


def shown_answers(page):
    """(person, question, regime) -> the answer text shown in the table."""
    cells = page.locator("table.answers td.cell")
    rows = page.eval_on_selector_all(
        "table.answers tr[data-question]",
        """rows => rows.flatMap(row => Array.from(row.querySelectorAll('td.cell')).map(cell => [
            row.id.slice(0, row.id.length - row.dataset.question.length - 1), row.dataset.question,
            cell.dataset.regime, cell.querySelector('p.answer').firstChild.textContent.trim()]))""",
    )
    assert cells.count() == len(rows)
    return {(p, q, r): text for p, q, r, text in rows}


def expected_answers(case, lang):
    result = compare(case, lang)
    return {(person_id, question_id, regime): answer["answer_text"]
            for regime in regimes.NAMES
            for person_id, person in result["regimes"][regime]["persons"].items()
            for question_id, answer in person["answers"].items()}


@pytest.mark.parametrize("name, checks", [
    ("ballerup-family.yaml", [("mother", "plan_sel_141", "trial", "Nej"), ("mother", "plan_sel_141", "sector_law", "Ja"),
                              ("child", "plan_sel_140", "trial", "Ja")]),
    ("hilleroed-ressourceforloeb.yaml", [("citizen", "plan_lab_kap_12a_12b", "trial", "Nej"),
                                         ("citizen", "rehabilitation_preparatory_part", "trial", "Ja")]),
])
def test_a_person_fills_the_form_and_reads_the_answers(page, ui_server, artifacts, name, checks):
    case = scenario_case(name)
    page.goto(ui_server)
    fill_case(page, case)
    page.get_by_role("button", name="Vis svarene").click()
    page.wait_for_selector("#results-title")
    answers = shown_answers(page)
    assert answers == expected_answers(case, "da")
    for person, question, regime, text in checks:
        assert answers[(person, question, regime)] == text
    citations = page.locator("table.answers a.citation")
    assert citations.count() > 20
    assert citations.first.get_attribute("href").startswith("https://www.retsinformation.dk/")
    assert page.locator("tr.differs").count() > 0
    assert page.locator("#register dt, .register dt").count() > 0
    page.screenshot(path=os.path.join(artifacts, f"{name[:-5]}-results.png"), full_page=False)
    page.locator("#results").screenshot(path=os.path.join(artifacts, f"{name[:-5]}-results-full.png"))


def test_the_uncertainty_flags_are_visible(page, ui_server):
    page.goto(ui_server + "?lang=en")
    fill_case(page, scenario_case("ballerup-family.yaml"))
    page.get_by_role("button", name="Show the answers").click()
    cell = page.locator("#child-plan_sel_140 td[data-regime=trial]")
    assert cell.locator("p.answer").inner_text().startswith("Yes")
    flag = cell.locator("p.ambiguity")
    assert flag.is_visible() and "Contested reading R1" in flag.inner_text()
    flag.locator("a").click()
    assert page.locator("#register-R1").is_visible()
    assert page.evaluate("location.hash") == "#register-R1"


def test_switching_language_keeps_the_case(page, ui_server, artifacts):
    case = scenario_case("ballerup-family.yaml")
    page.goto(ui_server)
    assert page.locator("html").get_attribute("lang") == "da"
    fill_case(page, case)
    page.get_by_role("button", name="Vis svarene").click()
    page.wait_for_selector("#results-title")
    page.get_by_role("link", name="English").click()  # with JavaScript: the case is sent again in English
    page.wait_for_selector("html[lang=en] #results-title")
    assert page.locator("#results-title").inner_text() == "Answers for Ballerup, 2019-03"
    assert shown_answers(page) == expected_answers(case, "en")
    assert page.input_value("#p0-birth_date") == "1988-05-01"
    page.screenshot(path=os.path.join(artifacts, "language-english.png"))
    page.get_by_role("button", name="Show the answers in Danish").click()  # without JavaScript: a form button
    page.wait_for_selector("html[lang=da] #results-title")
    assert shown_answers(page) == expected_answers(case, "da")
    page.get_by_role("link", name="English").click()
    page.wait_for_selector("html[lang=en]")


def test_invalid_input_shows_a_message_at_the_field(page, ui_server, artifacts):
    case = scenario_case("ballerup-family.yaml")
    case["persons"][1]["birth_date"] = "2019-06-01"  # born after the month asked about
    case["persons"][0]["meetings_held"] = -1
    page.goto(ui_server + "?lang=en")
    fill_case(page, case)
    page.get_by_role("button", name="Show the answers").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "The case cannot be computed yet" in summary.inner_text()
    assert "too small" in page.locator("#p0-meetings_held-error").inner_text()
    assert page.locator("#p0-meetings_held").get_attribute("aria-invalid") == "true"
    page.fill("#p0-meetings_held", "2")  # the person corrects the first mistake and submits again
    page.get_by_role("button", name="Show the answers").click()
    page.wait_for_selector("#p1-birth_date-error")
    summary = page.locator(".error-summary")
    birth = page.locator("#p1-birth_date")
    assert birth.get_attribute("aria-invalid") == "true"
    message = page.locator("#p1-birth_date-error")
    assert message.is_visible() and "born after the month asked about" in message.inner_text()
    assert page.locator("#p0-meetings_held-error").count() == 0
    assert page.input_value("#p1-birth_date") == "2019-06-01"  # nothing typed is lost
    summary.get_by_role("link", name=re.compile("Person 2, date of birth")).click()
    assert page.evaluate("document.activeElement.id") == "p1-birth_date"
    assert "Traceback" not in page.content()
    page.screenshot(path=os.path.join(artifacts, "invalid-input.png"), full_page=False)
    birth.scroll_into_view_if_needed()
    page.screenshot(path=os.path.join(artifacts, "invalid-input-field.png"), full_page=False)


def test_keyboard_only_use_with_visible_focus(page, ui_server):
    page.goto(ui_server + "?lang=en")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the form"
    page.keyboard.press("Enter")  # the skip link moves the keyboard to the form
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "municipality"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.type("Ballerup")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "month"
    page.select_option("#municipality", "hilleroed")
    page.fill("#month", "2019-06")
    page.fill("#p0-birth_date", "1994-08-15")
    page.select_option("#p0-employment_target_group", "kontanthjaelp_aktivitetsparat")
    page.focus("#p0-has_complex_problems")
    page.keyboard.press("Space")
    page.focus("#p0-consents_to_one_plan")
    page.keyboard.press("Space")
    page.focus("#p0-birth_date")
    page.keyboard.press("Enter")  # implicit submission: the default button is "Show the answers"
    page.wait_for_selector("#results-title")
    assert page.locator("#youth-in_trial, #adult1-in_trial").locator("td[data-regime=trial] p.answer").inner_text().startswith("Yes")


def test_the_case_note_prints_without_the_form(page, ui_server, artifacts):
    page.goto(ui_server)
    fill_case(page, scenario_case("helsingoer-brain-injury-november-2018.yaml"))
    page.get_by_role("button", name="Vis svarene").click()
    page.wait_for_selector("#results-title")
    page.emulate_media(media="print")
    assert not page.locator("#case-form").is_visible()
    assert not page.locator(".result-actions").is_visible()
    assert page.locator("#results table.answers").is_visible()
    after = page.evaluate("getComputedStyle(document.querySelector('a.citation'), '::after').content")
    assert "retsinformation.dk" in after
    page.screenshot(path=os.path.join(artifacts, "case-note-print.png"), full_page=False)
    page.pdf(path=os.path.join(artifacts, "case-note.pdf"), format="A4", landscape=True, print_background=True)
    assert os.path.getsize(os.path.join(artifacts, "case-note.pdf")) > 10000
    page.emulate_media(media="screen")
