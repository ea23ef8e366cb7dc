"""The served API keeps answering /health within a second while 10,000 connections sit idle, 1,000 clients
trickle their request heads and 200 clients do not read their answers, and normally once they are gone.

Real sockets on 127.0.0.1 against a real `enplan serve`; every loop is bounded and stops by itself. Before
the worker of enplan_rules.api.worker, 2,100 idle connections stopped the server for good and 300
trickling clients held /health for 17 s.
"""

import resource
import selectors
import socket
import time

import pytest

IDLE = 10_000
TRICKLING = 1_000
NOT_READING = 200
HEALTH_WITHIN = 1.0  # seconds


def health_seconds(server):
    """Seconds for GET /health on a new connection (asserting a 200)."""
    started = time.monotonic()
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    return time.monotonic() - started


def slowest_health(server, times=5):
    return max(health_seconds(server) for _ in range(times))


def open_connections(server, count, **options):
    """`count` connected sockets (non-blocking); options: rcvbuf."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            if options.get("rcvbuf"):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, options["rcvbuf"])
            sock.settimeout(10)
            sock.connect((server.host, server.port))
            sock.setblocking(False)
            sockets.append(sock)
    except BaseException:
        close_all(sockets)
        raise
    return sockets


def close_all(sockets):
    for sock in sockets:
        sock.close()


@pytest.fixture(scope="module", autouse=True)
def enough_file_descriptors():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = IDLE + 1000
    if soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            pytest.skip(f"the open-file limit ({hard}) is below the {wanted} this test needs")
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_idle_connections_do_not_stop_the_server(served):
    sockets = open_connections(served, IDLE)
    try:
        assert slowest_health(served) < HEALTH_WITHIN
        # the server closes them once the read timeout has passed (each reads as closed: b"")
        deadline = time.monotonic() + served.read_timeout + 10
        selector = selectors.DefaultSelector()
        sample = sockets[:: IDLE // 100]
        for sock in sample:
            selector.register(sock, selectors.EVENT_READ)
        closed = set()
        while len(closed) < len(sample) and time.monotonic() < deadline:
            for key, _ in selector.select(0.5):
                try:
                    if key.fileobj.recv(1) == b"":
                        closed.add(key.fileobj)
                except ConnectionResetError:
                    closed.add(key.fileobj)
                selector.unregister(key.fileobj)
        selector.close()
        assert len(closed) == len(sample), f"{len(sample) - len(closed)} idle connections left open"
    finally:
        close_all(sockets)
    assert slowest_health(served) < HEALTH_WITHIN


def test_trickling_clients_do_not_starve_the_server(served):
    sockets = open_connections(served, TRICKLING)
    try:
        for sock in sockets:
            sock.send(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        slowest = 0.0
        ends = time.monotonic() + min(3.0, served.read_timeout - 2)
        line = 0
        while time.monotonic() < ends:
            for sock in sockets:
                try:
                    sock.send(b"X-Slow-%d: 1\r\n" % line)
                except OSError:
                    pass
            line += 1
            slowest = max(slowest, health_seconds(served))
            time.sleep(0.3)
        assert line >= 5
        assert slowest < HEALTH_WITHIN
    finally:
        close_all(sockets)
    assert slowest_health(served) < HEALTH_WITHIN


def test_clients_that_do_not_read_do_not_starve_the_server(served):
    sockets = open_connections(served, NOT_READING, rcvbuf=4096)
    try:
        for sock in sockets:
            sock.send(b"GET /spec HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.5)
        assert slowest_health(served) < HEALTH_WITHIN
    finally:
        close_all(sockets)
    assert slowest_health(served) < HEALTH_WITHIN
