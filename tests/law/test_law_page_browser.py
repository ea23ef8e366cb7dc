"""The law on the page (/lov/) in Debian's Chromium: WCAG 2.2 A/AA with axe-core at 320, 390 and 1366 px in Danish
and English — the index, a consolidated act, the trial orders and the sources without an official text, with every
fold closed and open — no sideways scrolling, a screenshot of each in artifacts/law/; a citation on the answers page
opens its paragraph, and a worked example on /lov/ opens its case on /ui/."""

import json
import os

import pytest
import served

from enplan_rules.scenarios import load
from enplan_rules.ui.form import encode_case

ROOT = served.ROOT
ARTIFACTS = os.path.join(ROOT, "artifacts", "law")
TIMEOUT = 60
PAGES = (("index", "/lov/"), ("sel", "/lov/sel"), ("orders", "/lov/forsoegsbekendtgoerelser"),
         ("sources", "/lov/kilder"))


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The whole server (`enplan serve`), as ./run.sh starts it."""
    with served.enplan_server(tmp_path_factory.mktemp("server"), start_timeout=240, cwd=ROOT) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with served.chromium(ARTIFACTS) as browser:
        yield browser


def audit(page, name):
    """served.audit, the screenshot in this folder's artifacts."""
    return served.audit(page, os.path.join(ARTIFACTS, f"{name}.png"))


@pytest.mark.parametrize("width", (320, 390, 1366))
@pytest.mark.parametrize("lang", ("da", "en"))
def test_the_law_page_passes_axe_and_reflows(base, chromium, lang, width):
    page = chromium.new_page(viewport={"width": width, "height": 740 if width < 400 else 900})
    page.set_default_timeout(TIMEOUT * 1000)
    found = {}
    try:
        for name, path in PAGES:
            page.goto(f"{base}{path}?lang={lang}")
            assert page.locator("html").get_attribute("lang") == lang
            found[name] = audit(page, f"{name}-{width}-{lang}")
            if name != "index":
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                found[f"{name}-open"] = audit(page, f"{name}-open-{width}-{lang}")
        page.goto(f"{base}/lov/sel?lang={lang}#p-141-7")  # a paragraph as a citation opens it
        assert page.locator("#p-141-7").is_visible()
        found["paragraph"] = audit(page, f"paragraph-{width}-{lang}")
    finally:
        page.close()
    assert found == {state: ([], True) for state in found}, json.dumps(found, indent=1)


def test_a_citation_opens_its_paragraph_and_a_worked_example_opens_its_case(base, chromium):
    page = chromium.new_page(viewport={"width": 390, "height": 740})
    page.set_default_timeout(TIMEOUT * 1000)
    try:
        case = load(os.path.join(ROOT, "scenarios", "ballerup-family.yaml")).case
        page.goto(f"{base}/ui/?lang=da&case={encode_case(case)}")
        link = page.locator("a.citation").first
        href = link.get_attribute("href")
        assert "/lov/" in href and "#p-" in href
        page.locator("details.evidence-fold").first.evaluate("d => d.open = true")
        link.click()
        page.wait_for_url("**/lov/**")
        anchor = href.split("#", 1)[1]
        section = page.locator(f"[id='{anchor}']")
        assert section.count() == 1
        box = section.bounding_box()
        assert box is not None and 0 <= box["y"] < 740  # the paragraph is on the screen
        page.screenshot(path=os.path.join(ARTIFACTS, "citation-opened-390-da.png"))
        # the headers link the pages both ways
        assert page.locator("header a[href*='/ui/']").count() == 1
        assert page.locator("header a[href*='/history/']").count() == 1
        example = page.locator("ul.scenarios a").first
        example.click()
        page.wait_for_url("**/ui/**")
        assert page.locator("header a[href*='/lov/']").count() == 1
        page.goto(f"{base}/history/?lang=da")
        assert page.locator("header a[href*='/lov/']").count() == 1
    finally:
        page.close()
