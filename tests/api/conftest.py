"""Real servers for the API tests: `enplan serve` (gunicorn, 2 threaded workers) on a free loopback port.

`server` runs with the default settings (no token, no CORS, 1 MiB body limit); `secured_server` with a
bearer token, one allowed CORS origin and a 4 KiB body limit. Both are started once per test session,
with bounded waits, and stopped (their process group only) at the end.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

import pytest
import requests

START_TIMEOUT = 90  # seconds; loading the three regimes takes a few seconds on a busy 2-core machine
READ_TIMEOUT = 3  # seconds for a whole request to arrive (the servers' --read-timeout; default 10)
TOKEN = "test-token-6b1f0c"
ORIGIN = "https://case-system.example"


@dataclass
class Server:
    base: str
    process: subprocess.Popen
    log_path: str
    token: str | None = None

    def url(self, path):
        return self.base + path

    def headers(self, **extra):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra)
        return headers

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as file:
            return file.read()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(environment, log_dir, token=None):
    port = free_port()
    log_path = os.path.join(log_dir, f"server-{port}.log")
    env = {**os.environ, "ENPLAN_READ_TIMEOUT": str(READ_TIMEOUT), **environment}
    for name in ("ENPLAN_API_TOKEN", "ENPLAN_CORS_ORIGINS", "ENPLAN_MAX_BODY_BYTES"):
        if name not in environment:
            env.pop(name, None)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "enplan_rules.cli", "serve", "--port", str(port), "--workers", "2"],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log_path, token)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{server.log()[-3000:]}")
        try:
            if requests.get(server.url("/health"), timeout=2).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"server did not answer /health within {START_TIMEOUT} s:\n{server.log()[-3000:]}")


def stop(server):
    if server.process.poll() is None:
        os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=10)


@pytest.fixture(scope="session")
def server_log_dir():
    with tempfile.TemporaryDirectory(prefix="enplan-api-") as directory:
        yield directory


@pytest.fixture(scope="session")
def server(server_log_dir):
    running = start({}, server_log_dir)
    yield running
    stop(running)


@pytest.fixture(scope="session")
def secured_server(server_log_dir):
    running = start(
        {"ENPLAN_API_TOKEN": TOKEN, "ENPLAN_CORS_ORIGINS": ORIGIN, "ENPLAN_MAX_BODY_BYTES": "4096"},
        server_log_dir, token=TOKEN,
    )
    yield running
    stop(running)


@pytest.fixture(scope="session")
def http():
    with requests.Session() as session:
        yield session
