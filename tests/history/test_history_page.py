"""The case-history page (/history/) in Debian's Chromium: WCAG 2.2 A/AA with axe-core at 320, 390 and 1366 px in
Danish and English in every state (empty, invalid, reviewed), no sideways scrolling of the page; findings first, said
once, "6 dage for sent"; a file upload; linked both ways with the page for a case (/ui/), which starts a history."""

import json
import os
import re

import pytest
import served
from test_api_history import ROOT, TIMEOUT, base  # noqa: F401 - `base` is the server fixture

from enplan_rules.scenarios import load
from enplan_rules.ui.form import encode_case

ARTIFACTS = os.path.join(ROOT, "artifacts", "history")
EXAMPLE = os.path.join(ROOT, "enplan_rules", "history", "example.yaml")
TEXT_REVIEW = ".history-form button[value=review]"


@pytest.fixture(scope="module")
def chromium():
    with served.chromium(ARTIFACTS) as browser:
        yield browser


def audit(page, name):
    """served.audit, the screenshot in this folder's artifacts."""
    return served.audit(page, os.path.join(ARTIFACTS, f"{name}.png"))


@pytest.mark.parametrize("width", (320, 390, 1366))
@pytest.mark.parametrize("lang", ("da", "en"))
def test_the_history_page_passes_axe_in_every_state(base, chromium, lang, width):  # noqa: F811
    page = chromium.new_page(viewport={"width": width, "height": 740 if width < 400 else 900})
    page.set_default_timeout(TIMEOUT * 1000)
    found = {}
    try:
        page.goto(f"{base}/history/?lang={lang}")
        found["empty"] = audit(page, f"empty-{width}-{lang}")
        page.fill("#history", "municipality: ballerup\npersons:\n  - id: mor\n    cpr: '0101901234'\n")
        page.click(TEXT_REVIEW)
        page.wait_for_selector(".error-summary")
        found["invalid"] = audit(page, f"invalid-{width}-{lang}")
        page.goto(f"{base}/history/?lang={lang}")
        page.set_input_files("#history-file", EXAMPLE)
        page.fill("#history", "")  # the file is the history
        page.click(TEXT_REVIEW)
        page.wait_for_selector("#findings")
        found["reviewed"] = audit(page, f"reviewed-{width}-{lang}")
        # Findings first: the first heading of the main content after the page title is the findings.
        assert page.locator("main h2").first.get_attribute("id") == "findings-title"
        assert page.locator("#findings").bounding_box()["y"] < page.locator("#timeline").bounding_box()["y"]
    finally:
        page.close()
    assert found == {state: ([], True) for state in found}, json.dumps(found, indent=1)


def test_findings_are_said_once_in_days_late_with_no_ids(base, chromium):  # noqa: F811
    page = chromium.new_page(viewport={"width": 390, "height": 740})
    page.set_default_timeout(TIMEOUT * 1000)
    try:
        page.goto(f"{base}/history/?lang=da")
        page.click(TEXT_REVIEW)  # the example: a right-and-duty offer six days late
        findings = page.locator("#findings").inner_text()
        # the example's findings under the texts (0.4): the late offer, said once, and the others it now has
        assert re.search(r"Fund \(\d+\)", findings)
        assert "6 dage for sent" in findings and "frist 14.09.2017" in findings
        assert "under alle tre regimer" in findings  # the same under each regime: one line
        assert "right_and_duty" not in findings and "plan_" not in findings
        assert page.locator("a", has_text="Til siden for en sag").get_attribute("href").startswith("/ui/")
    finally:
        page.close()


def test_a_case_on_the_page_starts_a_history(base, chromium):  # noqa: F811
    case = load(os.path.join(ROOT, "scenarios", "ballerup-family.yaml")).case
    page = chromium.new_page(viewport={"width": 1366, "height": 900})
    page.set_default_timeout(TIMEOUT * 1000)
    try:
        page.goto(f"{base}/ui/?lang=da&case={encode_case(case)}")
        page.get_by_role("link", name="Start et sagsforløb").click()
        page.wait_for_selector("#history")
        text = page.input_value("#history")
        assert "municipality: ballerup" in text and "id: mother" in text and "record:" in text
        # the guided form is filled from the case too
        assert page.input_value("#municipality") == "ballerup" and page.input_value("#p0-id") == "mother"
        page.click("#guided-review")
        page.wait_for_selector("#findings")
        page.screenshot(path=os.path.join(ARTIFACTS, "started-from-a-case.png"))
        page.goto(f"{base}/ui/?lang=da")
        page.get_by_role("link", name="Sagsforløb", exact=True).click()  # and back: the page links to the history
        page.wait_for_selector("#history")
    finally:
        page.close()


def fill_guided(page, birth_date="02.03.1990"):
    """The guided form filled as a caseworker would: a mother on kontanthjælp from January 2019 in Ballerup, her
    child's special support from February 2019, an offer, meetings, a Min Plan made late and a change of group."""
    page.select_option("#municipality", "ballerup")
    page.fill("#from", "2019-01")
    page.fill("#to", "2020-12")
    page.fill("#p0-id", "mor")
    page.fill("#p0-birth_date", birth_date)
    page.fill("#p1-id", "barn")
    page.fill("#p1-birth_date", "01.01.2012")
    page.click("button[value=refresh]")  # no JavaScript: the fields that can matter come with the page
    page.wait_for_selector("#p0-employment_target_group")
    page.select_option("#p0-employment_target_group", "kontanthjaelp_jobparat")
    page.click("button[value=refresh]")
    page.wait_for_selector("#p0-benefit_start_date")
    page.fill("#p0-benefit_start_date", "07.01.2019")
    page.check("#p0-has_complex_problems-yes")
    page.check("#p0-consents_to_one_plan-yes")
    page.check("#p0-assessed_not_to_benefit_from_offers-no")
    page.select_option("#p0-plan0-kind", "plan_lab_min_plan")
    page.fill("#p0-plan0-date", "15.07.2020")
    page.fill("#p0-offers", "10.04.2019")
    page.fill("#p0-meetings", "10.01.2019 05.02.2019")
    page.fill("#c0-date", "01.02.2019")
    page.select_option("#c0-person", "barn")
    page.select_option("#c0-fact", "receives_child_special_support")
    page.select_option("#c0-value", "yes")


def main_text(page):
    """The words of the page outside its forms (the review a reader gets), SVG titles included."""
    return page.evaluate("""() => {
        const main = document.querySelector('main').cloneNode(true);
        main.querySelectorAll('form').forEach(form => form.remove());
        const titles = [...main.querySelectorAll('svg title')].map(t => t.textContent).join(' \\n ');
        return main.innerText + '\\n' + titles;
    }""")


@pytest.mark.parametrize("width", (320, 390, 1366))
@pytest.mark.parametrize("lang", ("da", "en"))
def test_the_guided_form_passes_axe_in_every_state(base, chromium, lang, width):  # noqa: F811
    page = chromium.new_page(viewport={"width": width, "height": 740 if width < 400 else 900})
    page.set_default_timeout(TIMEOUT * 1000)
    found = {}
    try:
        page.goto(f"{base}/history/?lang={lang}")
        page.locator("#guided-title").scroll_into_view_if_needed()
        found["form-empty"] = audit(page, f"form-empty-{width}-{lang}")
        fill_guided(page, birth_date="31.02.1990")  # one mistake: no 31 February
        page.locator("#c0-value").scroll_into_view_if_needed()
        found["form-filled"] = audit(page, f"form-filled-{width}-{lang}")
        page.click("#guided-review")
        page.wait_for_selector(".error-summary")
        found["form-errors"] = audit(page, f"form-errors-{width}-{lang}")
        assert page.locator("#p0-birth_date-error").is_visible()
        page.locator(".error-summary a").first.click()  # the summary leads to the field
        page.fill("#p0-birth_date", "02.03.1990")
        page.click("#guided-review")
        page.wait_for_selector("#findings")
        found["form-findings"] = audit(page, f"form-findings-{width}-{lang}")
        assert page.locator("main h2").first.get_attribute("id") == "findings-title"
        assert page.input_value("#p0-plan0-date") == "15.07.2020"  # the form keeps what was typed
        page.screenshot(path=os.path.join(ARTIFACTS, f"form-findings-full-{width}-{lang}.png"), full_page=True)
    finally:
        page.close()
    assert found == {state: ([], True) for state in found}, json.dumps(found, indent=1)


ENGLISH = re.compile(r"\b(seeds|sourced|unverified|line|the|and|of|not|from|aside|with|which|is|are|does|shall|must|preparatory|part|plan of|"
                     r"due|late|missing|met|depends|regime|meeting|offer|to|in force)\b")
INTERNAL_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # plan_sel_141, right_and_duty, has_complex_problems
FRACTION = re.compile(r"(?<![\d.])\d+[.,]\d{2,}(?![\d.])")  # 0.3333 meetings a month (not a date)


def test_the_danish_history_page_has_no_english_and_no_internal_ids(base, chromium):  # noqa: F811
    """Reviewed from the form (Danish labels for the persons) and from the worked example: the findings, timelines,
    change points and parity in Danish — no English note after a citation, no id of a plan, duty or fact."""
    page = chromium.new_page(viewport={"width": 1366, "height": 900})
    page.set_default_timeout(TIMEOUT * 1000)
    try:
        page.goto(f"{base}/history/?lang=da")
        fill_guided(page)
        page.click("#guided-review")
        page.wait_for_selector("#findings")
        texts = [main_text(page)]
        page.goto(f"{base}/history/?lang=da")
        page.click(TEXT_REVIEW)  # the example: its persons are labelled mother and child (the user's own labels)
        page.wait_for_selector("#findings")
        texts.append(main_text(page).replace("mother", "mor").replace("child", "barn"))
    finally:
        page.close()
    for text in texts:
        assert "lavet" in text or "for sent" in text  # a review, in Danish
        english = sorted({m.group(0) for m in ENGLISH.finditer(text)})
        ids = sorted({m.group(0) for m in INTERNAL_ID.finditer(text)} | {m.group(0) for m in FRACTION.finditer(text)})
        assert english == [] and ids == [], (english, ids, [line for line in text.splitlines()
                                                           if ENGLISH.search(line) or INTERNAL_ID.search(line)][:20])
