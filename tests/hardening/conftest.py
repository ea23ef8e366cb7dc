"""A real `enplan serve` (gunicorn, 2 workers) on a free loopback port for the hardening tests, started once
per session with a bounded wait and stopped (its process group only) at the end."""

import os
import socket
import subprocess
import sys
import tempfile
import time

import pytest
import requests
from served import stop_group

START_TIMEOUT = 90  # seconds; loading the three regimes takes a few seconds on a busy 2-core machine
READ_TIMEOUT = 6  # the server's --read-timeout: idle connections are closed after it


class Server:
    def __init__(self, port, process, log_path):
        self.host, self.port = "127.0.0.1", port
        self.base = f"http://127.0.0.1:{port}"
        self.process = process
        self.log_path = log_path
        self.read_timeout = READ_TIMEOUT

    def url(self, path):
        return self.base + path

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as file:
            return file.read()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def served():
    port = free_port()
    env = {name: value for name, value in os.environ.items()
           if name not in ("ENPLAN_API_TOKEN", "ENPLAN_CORS_ORIGINS", "ENPLAN_MAX_BODY_BYTES")}
    with tempfile.TemporaryDirectory(prefix="enplan-hardening-") as directory:
        log_path = os.path.join(directory, "server.log")
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "enplan_rules.cli", "serve", "--port", str(port), "--workers", "2",
                 "--read-timeout", str(READ_TIMEOUT), "--no-access-log"],
                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )
        server = Server(port, process, log_path)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"server exited with {process.returncode}:\n{server.log()[-3000:]}")
                try:
                    if requests.get(server.url("/health"), timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server did not answer within {START_TIMEOUT} s:\n{server.log()[-3000:]}")
                time.sleep(0.2)
            yield server
        finally:
            stop_group(process)
