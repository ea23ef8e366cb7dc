"""The case-history page (/history/) in Debian's Chromium: WCAG 2.2 A/AA with axe-core at 320, 390 and 1366 px in
Danish and English in every state (empty, invalid, reviewed), no sideways scrolling of the page; findings first, said
once, "6 dage for sent"; a file upload; linked both ways with the page for a case (/ui/), which starts a history."""

import json
import os
import re

import pytest
from test_api_history import ROOT, TIMEOUT, base  # noqa: F401 - `base` is the server fixture

from enplan_rules.scenarios import load
from enplan_rules.ui.form import encode_case

ARTIFACTS = os.path.join(ROOT, "artifacts", "history")
AXE = os.path.join(ROOT, ".venv", "axe", "node_modules", "axe-core", "axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EXAMPLE = os.path.join(ROOT, "enplan_rules", "history", "example.yaml")


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("/usr/bin/chromium is missing (run scripts/install-browser.sh)")
    if not os.path.exists(AXE):
        pytest.skip("axe-core is missing (run scripts/install-axe.sh)")
    playwright = pytest.importorskip("playwright.sync_api")
    os.makedirs(ARTIFACTS, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def audit(page, name):
    with open(AXE, encoding="utf-8") as file:
        page.evaluate(file.read() + "\n;0")
    report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", TAGS)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"))
    violations = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in report["violations"]]
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    return violations, scroll <= width


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
        page.click("button[type=submit]")
        page.wait_for_selector(".error-summary")
        found["invalid"] = audit(page, f"invalid-{width}-{lang}")
        page.goto(f"{base}/history/?lang={lang}")
        page.set_input_files("#history-file", EXAMPLE)
        page.fill("#history", "")  # the file is the history
        page.click("button[type=submit]")
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
        page.click("button[type=submit]")  # the example: a right-and-duty offer six days late
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
        page.click("button[type=submit]")
        page.wait_for_selector("#findings")
        page.screenshot(path=os.path.join(ARTIFACTS, "started-from-a-case.png"))
        page.goto(f"{base}/ui/?lang=da")
        page.get_by_role("link", name="Sagsforløb", exact=True).click()  # and back: the page links to the history
        page.wait_for_selector("#history")
    finally:
        page.close()
