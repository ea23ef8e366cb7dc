"""A gunicorn server with the page mounted at /ui, and headless Chromium (Debian's) driven by Playwright."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, "artifacts", "ui")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def ui_server():
    """Base URL of the page (…/ui/) served by gunicorn under SCRIPT_NAME=/ui on 127.0.0.1."""
    port = _free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60",
         "--env", "SCRIPT_NAME=/ui", "enplan_rules.ui:create_app()"],
        cwd=ROOT, stdout=log, stderr=log,
    )
    url = f"http://127.0.0.1:{port}/ui/"
    deadline = time.monotonic() + 90
    try:
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail("gunicorn stopped: " + log.read().decode(errors="replace")[-2000:])
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("gunicorn did not answer within 90 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def browser_context():
    """A fresh headless Chromium profile (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: scripts/install-browser.sh should have installed it")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/install-browser.sh)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="enplan-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                viewport={"width": 1280, "height": 900}, locale="da-DK",
            )
            context.set_default_timeout(20000)
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


AXE = os.path.join(ROOT, ".venv", "axe", "node_modules", "axe-core", "axe.min.js")


@pytest.fixture(scope="session")
def axe_source():
    """axe-core from the npm registry (scripts/install-axe.sh puts it in .venv/axe)."""
    if not os.path.exists(AXE):
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing: scripts/install-axe.sh should have installed it")
        pytest.skip("axe-core is missing (run scripts/install-axe.sh)")
    with open(AXE, encoding="utf-8") as file:
        return file.read()
