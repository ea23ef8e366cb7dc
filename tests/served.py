"""What the browser and server tests of several folders share (tests/ is on the path: pyproject's
`pythonpath`): the whole server started as ./run.sh starts it, and Debian's Chromium."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AXE = os.path.join(ROOT, ".venv", "axe", "node_modules", "axe-core", "axe.min.js")


@contextlib.contextmanager
def enplan_server(log_folder, start_timeout, drop_env=("ENPLAN_API_TOKEN", "ENPLAN_CORS_ORIGINS"), cwd=None):
    """`enplan serve` (gunicorn, one worker) on a free loopback port, in its own process group; yields its address
    once /health answers, stops the group at the end. `drop_env`: settings of this shell the server must not see."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in drop_env}
    log = open(os.path.join(log_folder, "server.log"), "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "enplan_rules.cli", "serve", "--port", str(port), "--workers", "1"],
                               stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=cwd)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
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
        stop_group(process)
        log.close()


def stop_group(process):
    """End a server started in its own process group: SIGTERM to the group (whatever of it is left, even where its
    leader has exited), then SIGKILL where the leader has not ended 20 s later."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:  # nothing of the group is left
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextlib.contextmanager
def chromium(artifacts):
    """Debian's Chromium through Playwright (skipped, saying what to install, where it or axe-core is missing);
    screenshots go to `artifacts`."""
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("/usr/bin/chromium is missing (run scripts/install-browser.sh)")
    if not os.path.exists(AXE):
        pytest.skip("axe-core is missing (run scripts/install-axe.sh)")
    playwright = pytest.importorskip("playwright.sync_api")
    os.makedirs(artifacts, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def audit(page, screenshot):
    """axe-core's WCAG 2.2 A/AA violations on the page as it is (axe loaded where the document lacks it), whether
    the page fits its width without scrolling sideways, and a screenshot at `screenshot`."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        with open(AXE, encoding="utf-8") as file:
            page.evaluate(file.read() + "\n;0")
    report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", TAGS)
    page.screenshot(path=screenshot)
    violations = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in report["violations"]]
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    return violations, scroll <= width
