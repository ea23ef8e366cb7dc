"""The law on the page (/lov/) in Debian's Chromium: WCAG 2.2 A/AA with axe-core at 320, 390 and 1366 px in Danish
and English — the index, a consolidated act, the trial orders and the sources without an official text, with every
fold closed and open — no sideways scrolling, a screenshot of each in artifacts/law/; a citation on the answers page
opens its paragraph, and a worked example on /lov/ opens its case on /ui/."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from enplan_rules.scenarios import load
from enplan_rules.ui.form import encode_case

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, "artifacts", "law")
AXE = os.path.join(ROOT, ".venv", "axe", "node_modules", "axe-core", "axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TIMEOUT = 60
PAGES = (("index", "/lov/"), ("sel", "/lov/sel"), ("orders", "/lov/forsoegsbekendtgoerelser"),
         ("sources", "/lov/kilder"))


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The whole server (`enplan serve`), as ./run.sh starts it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("ENPLAN_API_TOKEN", "ENPLAN_CORS_ORIGINS")}
    log = open(tmp_path_factory.mktemp("server") / "server.log", "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "enplan_rules.cli", "serve", "--port", str(port), "--workers", "1"],
                               stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert process.poll() is None, "the server exited"
            try:
                with urllib.request.urlopen(url + "/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        log.close()


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
    """axe's violations on the page as it is, whether it scrolls sideways, and a screenshot."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
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
