"""First run: ./run.sh says what it is doing and, once the server answers, where the page, the case-history page and
the API contract are; a browser asking for / is sent to the page, a JSON client still gets the index."""

import os
import socket
import subprocess
import time
import urllib.request

from served import stop_group

from enplan_rules.api.app import build_gateway

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def test_a_browser_asking_for_the_root_gets_the_page_and_a_json_client_the_index():
    client = build_gateway(with_page=True).test_client()
    browser = client.get("/", headers={"Accept": BROWSER_ACCEPT})
    assert browser.status_code == 303 and browser.headers["Location"].endswith("/ui/")
    for accept in ("application/json", "*/*", None):
        response = client.get("/", headers={"Accept": accept} if accept else {})
        assert response.status_code == 200 and response.get_json()["links"]["ui"] == "/ui/", accept
    without_page = build_gateway(with_page=False).test_client().get("/", headers={"Accept": BROWSER_ACCEPT})
    assert without_page.status_code == 200  # no page installed: nothing to send the browser to


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_run_sh_says_what_it_does_and_where_the_pages_are():
    port = _free_port()
    process = subprocess.Popen(["bash", "run.sh", "--port", str(port), "--workers", "1"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
            if "stop with Ctrl-C" in line:
                break
        output = "\n".join(lines)
        assert f"run: starting the server on 127.0.0.1:{port}" in output, output
        assert "20–40 s" in output  # how long it may take
        base = f"http://127.0.0.1:{port}"
        for path, name in (("/ui/", "the page for legal staff"), ("/history/", "the case history page"),
                           ("/lov/", "the law on the page"), ("/spec", "the API contract")):
            assert f"{base}{path}" in output and name in output, output
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
    finally:
        stop_group(process)
