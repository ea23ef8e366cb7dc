"""The answer first, nothing assumed, no internal ids — in Chromium at 320, 390 and 1366 px, Danish and English.

These tests fail if the first screen after "Vis svarene" loses its answer, if a Ja/Nej question comes back
pre-ticked (an answer the caseworker never gave), or if an internal id (a question, variable or parameter name,
an unrounded fraction) shows on a Danish page."""

import os
import re

import pytest
from test_browser import fill_case, scenario_case

from enplan_rules.answers import compare
from enplan_rules.ui import answers as views
from enplan_rules.ui.form import FIELDS

WIDTHS = (320, 390, 1366)
SHOW = {"da": ("Gennemse sagen", "Vis svarene"), "en": ("Review the case", "Show the answers")}
# Words that are ids or machine values, never words for a reader.
ID_PATTERN = re.compile(r"\b(?!enplan_rules\b)[a-z0-9]+(?:_[a-z0-9]+)+\b|(?<![\d.])\d+[.,]\d{3,}(?![\d.])|\b(?:True|False|None|null)\b")


def answers_on_screen(page, ui_server, lang, width, name="ballerup-family.yaml"):
    page.set_viewport_size({"width": width, "height": 740 if width < 400 else 900})
    page.goto(ui_server + f"?lang={lang}")
    fill_case(page, scenario_case(name))
    review, show = SHOW[lang]
    page.get_by_role("button", name=review, exact=True).click()
    page.wait_for_selector("#review-title")
    page.get_by_role("link", name=show, exact=True).click()
    page.wait_for_selector("#results-title")


def inside_viewport(page, selector):
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ("da", "en"))
def test_the_first_screen_holds_the_regime_and_the_first_answers(page, ui_server, artifacts, lang, width):
    answers_on_screen(page, ui_server, lang, width)
    page.screenshot(path=os.path.join(artifacts, f"answer-first-{width}-{lang}.png"))
    line = page.locator("#answers-mother .regime-line")
    expected = ("Sagen er omfattet af frikommuneforsøget i Ballerup Kommune" if lang == "da"
                else "The case is covered by the free-municipality trial in Ballerup Municipality")
    assert expected in line.inner_text()
    assert page.locator("#answers-mother").get_attribute("data-regime-applies") == "trial"
    assert inside_viewport(page, "#answers-mother .regime-line")
    first = "#answers-mother .answer-item summary"
    assert inside_viewport(page, first), "the first answer is not on the first screen"
    summary = page.locator(first).first
    assert summary.locator(".answer-line").inner_text() in ("Ja", "Nej", "Yes", "No")
    assert summary.locator(".paragraph").inner_text().strip()  # its paragraph, on the same line
    # Every answer line is the answer under the regime that applies (the trial here), as the engine words it.
    words = views.all_words(compare(scenario_case("ballerup-family.yaml"), lang), lang)
    shown = page.eval_on_selector_all("#answers-mother .answer-item", """items => items.map(item =>
        [item.dataset.answer, item.querySelector('.answer-line').textContent.trim()])""")
    assert shown and all(text == words[("mother", question, "trial")] for question, text in shown), shown


@pytest.mark.parametrize("lang", ("da", "en"))
def test_an_answer_its_paragraph_the_law_and_its_dependencies_fit_one_screen_at_390(page, ui_server, artifacts,
                                                                                      lang):
    answers_on_screen(page, ui_server, lang, 390)
    item = page.locator("#mother-plan_sel_141-answer")
    item.locator("summary").click()
    item.locator("summary").evaluate("element => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=os.path.join(artifacts, f"answer-evidence-390-{lang}.png"))
    # The answer, its paragraph, the law's words and (the first of) what it depends on: on the one screen.
    for part in ("summary .answer-line", "summary .paragraph", ".excerpt", ".dependencies li"):
        assert inside_viewport(page, f"#mother-plan_sel_141-answer {part}"), part
    assert "SEL § 141" in item.locator("summary .paragraph").inner_text()
    assert "Kommunalbestyrelsen" in item.locator(".excerpt").first.inner_text()  # the law's own words


def test_no_question_starts_answered(page, ui_server):
    """A Ja/Nej question starts with nothing ticked; one left alone is "ikke oplyst", never a silent no."""
    page.goto(ui_server)
    assert page.locator("input[type=radio]").count() > 0
    assert page.locator("input[type=radio]:checked").count() == 0
    case = scenario_case("ballerup-family.yaml")
    del case["persons"][0]["consents_to_one_plan"]  # the question left alone
    fill_case(page, case)
    given = sum(1 for person in case["persons"] for name in person if name in FIELDS and FIELDS[name].kind == "fact")
    assert page.locator("input[type=radio]:checked").count() == given  # only the ones the caseworker ticked
    page.get_by_role("button", name="Gennemse sagen", exact=True).click()
    page.wait_for_selector("#review-title")
    review = page.locator("#review").inner_text()
    assert "Ikke oplyst" in review and "samtykke" in review.split("Ikke oplyst", 1)[1].lower()
    page.get_by_role("link", name="Ret oplysningerne").click()
    page.wait_for_selector("#case-form")
    assert not page.is_checked("#p0-consents_to_one_plan-yes") and not page.is_checked("#p0-consents_to_one_plan-no")


def test_questions_that_cannot_matter_are_not_asked(page, ui_server):
    page.set_viewport_size({"width": 390, "height": 740})
    page.goto(ui_server)
    page.select_option("#municipality", "ballerup")
    page.fill("#month", "2019-03")
    page.fill("#p1-birth_date", "01.01.2012")  # a child of 7
    for name in ("consents_to_one_plan", "has_complex_problems", "parental_authority_consents_to_holistic_plan"):
        assert page.locator(f"#p1-{name}-yes").is_hidden(), name
    page.set_checked("#p1-receives_child_special_support", True)  # a § 140 plan: its parents' parts may be replaced
    assert page.locator("#p1-parental_authority_consents_to_holistic_plan-yes").is_visible()
    assert page.locator("#p1-consents_to_one_plan-yes").is_hidden()  # a 7-year-old's own consent: never
    for other in ("helsingoer_solution", "departments_with_case", "has_adult_disability_or_rehabilitation_case"):
        assert page.locator(f"#p0-{other}").count() == 0 or page.locator(f"[data-key=p0-{other}]").is_hidden(), other


def test_dates_are_dd_mm_yyyy_whatever_the_browser_locale(browser_context, ui_server):
    """The date fields are text fields that read and show dd.mm.åååå, so the browser's locale cannot turn them round
    (a date widget showed 1 May 1988 as 05/01/1988 in an American locale); an impossible date is refused at its
    field in the page's own words."""
    page = browser_context.new_page()
    try:
        page.goto(ui_server + "?lang=en")
        assert page.locator("#p0-birth_date").get_attribute("type") == "text"
        fill_case(page, scenario_case("ballerup-family.yaml"))
        page.get_by_role("button", name="Review the case", exact=True).click()
        page.wait_for_selector("#review-title")
        assert "01.05.1988" in page.locator("#review").inner_text()
        page.get_by_role("link", name="Correct the facts").click()
        assert page.input_value("#p0-birth_date") == "01.05.1988"
        page.fill("#p0-birth_date", "1988-13-45")
        page.get_by_role("button", name="Review the case", exact=True).click()
        assert "dd.mm.yyyy" in page.locator("#p0-birth_date-error").inner_text()
    finally:
        page.close()


@pytest.mark.parametrize("name", ["ballerup-family.yaml", "hilleroed-ressourceforloeb.yaml"])
def test_no_internal_id_on_the_danish_page(page, ui_server, name):
    """Every word of the Danish answers page, every fold opened: no question, variable or parameter id, no
    True/None, no 0.3333 — and the citation labels carry no English notes."""
    planted = set(ID_PATTERN.findall("plan_sel_141 0.3333 0,3333 True lab.contact_process.first_months 01.05.1988"))
    assert planted == {"plan_sel_141", "0.3333", "0,3333", "True", "contact_process", "first_months"}
    answers_on_screen(page, ui_server, "da", 1366, name)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = page.evaluate("document.body.innerText")
    found = sorted(set(ID_PATTERN.findall(text)))
    assert not found, found
    labels = " ".join(page.eval_on_selector_all(".citation, .paragraph", "items => items.map(i => i.textContent)"))
    for english in (" and ", " the ", " does ", " from ", "in force"):
        assert english not in labels, english
