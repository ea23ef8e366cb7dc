"""WCAG 2.2 A and AA with axe-core (from the npm registry) in Debian's Chromium: every state of the page (empty,
filled, error, review, result) at 320, 390 and 1366 px, in Danish and English — zero violations, no horizontal
scrolling (WCAG 1.4.10 Reflow), and a screenshot of each in artifacts/ui/."""

import json
import os

import pytest
from test_browser import fill_case, scenario_case

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 390, 1366)
LANGS = ("da", "en")
BUTTONS = {"da": ("Gennemse sagen", "Vis svarene med det samme", "Vis svarene"),
           "en": ("Review the case", "Show the answers at once", "Show the answers")}


def audit(page, axe_source, state, width, lang, artifacts, results):
    """Run axe on the page as it is; record and return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source + "\n;0")  # evaluated by the browser's debugger: the page's CSP stays strict
    report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                           TAGS)
    violations = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                   "nodes": [n["target"] for n in v["nodes"][:5]]} for v in report["violations"]]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=os.path.join(artifacts, f"{state}-{width}-{lang}.png"), full_page=False)
    results.append({"state": state, "width": width, "lang": lang, "violations": len(violations),
                    "rules_passed": len(report.get("passes", [])), "scroll_width": scroll})
    return violations, scroll


@pytest.fixture(scope="module")
def axe_results(artifacts):
    results = []
    yield results
    with open(os.path.join(artifacts, "axe-summary.json"), "w", encoding="utf-8") as file:
        json.dump({"tags": TAGS, "runs": results, "violations": sum(r["violations"] for r in results)}, file, indent=1)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_wcag_violations_and_no_sideways_scrolling(page, ui_server, artifacts, axe_source, axe_results, width,
                                                      lang):
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 740})
    review, at_once, answers = BUTTONS[lang]
    found = {}

    def check(state):
        violations, scroll = audit(page, axe_source, state, width, lang, artifacts, axe_results)
        found[state] = violations
        assert scroll <= width, f"{state}: the page is {scroll} px wide at {width} px"

    page.goto(ui_server + f"?lang={lang}")
    check("empty")
    case = scenario_case("ballerup-family.yaml")
    case["persons"][0]["meetings_held"] = -1  # one mistake, and a birth after the month
    case["persons"][1]["birth_date"] = "2019-06-01"
    fill_case(page, case)
    check("filled")
    page.get_by_role("button", name=review).click()
    page.wait_for_selector(".error-summary")
    check("error")
    page.fill("#p0-meetings_held", "2")
    page.fill("#p1-birth_date", "01.01.2012")
    page.get_by_role("button", name=review, exact=True).click()
    page.wait_for_selector("#review-title")
    check("review")
    page.get_by_role("link", name=answers, exact=True).click()
    page.wait_for_selector("#results-title")
    check("result")
    page.locator("#mother-plan_sel_141-answer summary").click()  # an answer's evidence, opened
    page.locator("#mother-plan_sel_141-answer").screenshot(path=os.path.join(artifacts, f"result-card-{width}-{lang}.png"))
    check("result-evidence")
    page.locator("#mother-plan_sel_141 summary").click()  # the comparison's evidence, opened
    page.locator("details.folded summary").first.click()  # the folded questions, opened
    check("result-folded")
    assert found == {state: [] for state in found}, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_audit_would_catch_the_old_problems(page, ui_server, artifacts, axe_source):
    """The same audit on the page with faults put back — small adjacent links (the issue's `target-size`), an input
    without a label, a page wider than the screen — must report them, so a clean report means something."""
    page.set_viewport_size({"width": 390, "height": 740})
    page.goto(ui_server)
    page.evaluate("""() => {
        const wide = document.createElement('div');
        wide.innerHTML = '<input type="text"><span>wide</span>';
        const span = wide.querySelector('span');
        span.style.display = 'inline-block';  // the CSSOM: the page's CSP refuses style attributes
        span.style.width = '600px';
        document.querySelector('main').appendChild(wide);
        const links = document.createElement('p');
        links.innerHTML = '<a href="#a">1</a><a href="#b">2</a>';
        document.querySelector('main').appendChild(links);
    }""")
    violations, scroll = audit(page, axe_source, "faults-put-back", 390, "da", artifacts, [])
    assert {"label", "target-size"} <= {v["id"] for v in violations}
    assert scroll > 390
