"""report.html in a real browser (headless Chromium through Playwright): its first screen answers the question.

At a laptop's 1366 × 768 and a phone's 390 × 844, in Danish and in English (the switch), the summary's first
paragraph and the key chart lie wholly on the first screen, the other language is hidden, the chart has been drawn
(the page draws its charts with plotly.js: every chart of the language shown, the other language's when the switch
shows it, no console error), and no internal id (sector_law, alleroed, kontanthjaelp_jobparat, separate_plans_total, …) is visible anywhere on
the page outside code (file names, commands)."""

import os
import re
import shutil
import tempfile

import population_support as support
import pytest

from enplan_rules import cli

CHROMIUM = "/usr/bin/chromium"
SCREENS = ((1366, 768), (390, 844))
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "artifacts", "population")


internal_ids = support.internal_ids


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    path = folder / "population.parquet"
    support.population(citizens=200, seed=5, outside_share=0.05).to_parquet(path)
    args = ["compare", str(path), "--from", "2019-01", "--to", "2019-12", "--out", str(folder / "out"), "--workers", "1",
            "--one-plan-law-variants", "consultation_draft,tabled_bill,enacted"]
    assert cli.main(args) == 0
    return folder / "out" / "report.html"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: scripts/install-browser.sh should have installed it")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/install-browser.sh)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="enplan-chromium-")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            try:
                yield browser
            finally:
                browser.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


VISIBLE_TEXT = """() => {
    const copy = document.body.cloneNode(true);
    document.body.appendChild(copy);
    copy.querySelectorAll('code').forEach(element => element.remove());
    copy.querySelectorAll('details').forEach(element => element.open = true);
    const text = copy.innerText;
    copy.remove();
    return text;
}"""


@pytest.mark.parametrize("width,height", SCREENS)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_first_screen_shows_the_summary_and_the_key_chart(browser, report, width, height, lang):
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(report.as_uri())
        page.click(f"label[for=lang-{lang}]")
        other = "en" if lang == "da" else "da"
        summary = page.locator(f".brief p[lang={lang}]").first
        chart = page.locator(f".brief figure[lang={lang}] .plot")
        chart.locator(".main-svg").first.wait_for(timeout=20000)
        assert summary.is_visible() and chart.is_visible()
        assert not page.locator(f".brief p[lang={other}]").first.is_visible()  # one language at a time
        words = summary.inner_text()
        assert re.search(r"\d", words) and ("færre" in words if lang == "da" else "fewer" in words)
        for element in (page.locator(f"h1 span[lang={lang}]"), summary, chart):
            box = element.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (element, box)
        assert chart.get_attribute("data-drawn") == ("narrow" if width <= 640 else "layout")  # panels stacked on a phone
        assert chart.locator(".main-svg").first.bounding_box()["width"] <= width  # drawn at the page's width
        os.makedirs(ARTIFACTS, exist_ok=True)
        page.screenshot(path=os.path.join(ARTIFACTS, f"report_{width}_{lang}.png"))
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_internal_id_is_visible(browser, report, lang):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(report.as_uri())
        page.click(f"label[for=lang-{lang}]")
        text = page.evaluate(VISIBLE_TEXT)
        found = {name for name in internal_ids() if re.search(r"(?<![\w.])" + re.escape(name) + r"(?![\w.])", text)}
        assert not found, f"internal ids visible in the {lang} report: {sorted(found)}"
        assert not re.search(r"(?<![\w.])-0(?:[.,]0+)?(?![\d.,])", text)  # no "-0" or "-0.0"
        if lang == "da":
            assert re.search(r"\d\.\d{3}\b", text) and not re.search(r"\d,\d{3}\b(?![,.]?\d)", text.split("Antagelse")[0])
    finally:
        page.close()


CHARTS_DRAWN = """lang => {
    const plots = [...document.querySelectorAll(`figure[lang=${lang}] .plot`)];
    return plots.length > 0 && plots.every(plot => plot.classList.contains('drawn') && plot.querySelector('.main-svg'));
}"""


def test_the_page_draws_the_charts_of_the_language_shown_and_the_others_when_switched(browser, report):
    """Every chart of the language shown is drawn (an SVG from plotly.js), the hidden language's are not (a chart drawn
    in display:none gets the wrong size); switching to English draws the English ones; no console error."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(report.as_uri())
        page.wait_for_function(CHARTS_DRAWN, arg="da", timeout=30000)
        count = page.locator("figure[lang=da] .plot").count()
        assert count == 6  # the key chart and the five detail charts
        assert page.locator("figure[lang=en] .plot .main-svg").count() == 0
        for plot in page.locator("figure[lang=da] .plot").all():
            box = plot.locator(".main-svg").first.bounding_box()
            assert box["width"] > 600 and box["height"] > 200
        assert "Færre særskilte planer" in page.locator(".brief figure[lang=da] .plot").inner_text()
        page.click("label[for=lang-en]")
        page.wait_for_function(CHARTS_DRAWN, arg="en", timeout=30000)
        assert page.locator("figure[lang=en] .plot .main-svg").count() >= count
        assert "Fewer separate plans" in page.locator(".brief figure[lang=en] .plot").inner_text()
        assert page.locator("figure[lang=en] .plot .modebar-btn[data-title]").count() >= count  # the PNG download
        assert not errors, errors
    finally:
        page.close()


def test_the_modebar_saves_a_chart_as_a_png_for_a_memo(browser, report):
    """The camera button downloads the chart drawn as a PNG at twice its size, named in the report's language."""
    page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    try:
        page.goto(report.as_uri())
        page.wait_for_function(CHARTS_DRAWN, arg="da", timeout=30000)
        plot = page.locator("figure[lang=da] .plot").nth(1)
        plot.hover()
        with page.expect_download(timeout=30000) as download:
            plot.locator(".modebar-btn[data-title]").first.click()
        assert download.value.suggested_filename == "enplan-ordningerne-pr-måned.png"
        path = download.value.path()
        with open(path, "rb") as file:
            head = file.read(24)
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(head[16:20], "big")
        assert width == 2 * round(plot.locator(".main-svg").first.bounding_box()["width"])
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_nothing_is_wider_than_a_small_phone(browser, report, lang):
    """At 320 px, every section opened, the page does not scroll sideways: wide tables and the heat map scroll in
    their own boxes, and a long file name in code wraps."""
    page = browser.new_page(viewport={"width": 320, "height": 700})
    try:
        page.goto(report.as_uri())
        page.click(f"label[for=lang-{lang}]")
        page.locator(f".brief figure[lang={lang}] .plot .main-svg").first.wait_for(timeout=20000)
        page.evaluate("() => document.querySelectorAll('details').forEach(element => element.open = true)")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        page.close()


@pytest.mark.parametrize(("lang", "title"), [("da", "Gem figuren som PNG"), ("en", "Download plot as a PNG")])
def test_the_camera_button_is_named_in_the_reports_language(browser, report, lang, title):
    """plotly.js names its buttons in English; on the Danish page the camera button says what it does in Danish."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(report.as_uri())
        page.click(f"label[for=lang-{lang}]")
        page.wait_for_function(CHARTS_DRAWN, arg=lang, timeout=30000)
        buttons = page.locator(f"figure[lang={lang}] .plot .modebar-btn[data-title]")
        assert buttons.count() >= 1
        assert {buttons.nth(i).get_attribute("data-title") for i in range(buttons.count())} == {title}
    finally:
        page.close()
