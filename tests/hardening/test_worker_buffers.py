"""The worker's buffers on real loopback sockets: a thread writing a large answer to a client that reads
nothing returns at once (the rest is held for the event loop), within the worker's budget; and a request
goes to a thread only once it is whole."""

import socket
import time
from collections import deque

import pytest

from enplan_rules.api.worker import MAX_BUFFERED_BODY, BufferingSocket, request_is_whole

ANSWER = 8 * 1024 * 1024  # beyond what the kernel buffers for a client that does not read (~3-4 MiB)


class Budget:
    """The part of BufferedThreadWorker that BufferingSocket uses."""

    write_timeout = 0.5

    def __init__(self, limit):
        self.limit, self.held = limit, 0

    def reserve_output(self, size):
        if self.held + size > self.limit:
            return False
        self.held += size
        return True

    def release_output(self, size):
        self.held -= size


class Conn:
    def __init__(self, sock):
        self.sock, self.output, self.output_size = sock, deque(), 0


@pytest.fixture
def pair():
    listener = socket.create_server(("127.0.0.1", 0))
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.connect(listener.getsockname())
    server, _ = listener.accept()
    server.settimeout(30)
    yield server, client
    for sock in (listener, client, server):
        sock.close()


def test_a_thread_does_not_wait_for_a_client_that_does_not_read(pair):
    server, _ = pair
    budget = Budget(64 * 1024 * 1024)
    conn = Conn(server)
    started = time.monotonic()
    BufferingSocket(conn, budget).sendall(b"x" * ANSWER)
    assert time.monotonic() - started < 1.0
    assert 0 < conn.output_size == budget.held < ANSWER
    assert server.gettimeout() == 30  # the socket is left as the thread had it


def test_beyond_the_budget_a_thread_waits_and_times_out(pair):
    server, _ = pair
    conn = Conn(server)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        BufferingSocket(conn, Budget(0)).sendall(b"x" * ANSWER)
    assert time.monotonic() - started < 5


HEAD = b"POST /check HTTP/1.1\r\nHost: h\r\n"


@pytest.mark.parametrize("data, closed, whole", [
    (b"GET /health HTTP/1.1\r\nHost: h\r\n", False, False),
    (b"GET /health HTTP/1.1\r\nHost: h\r\n\r\n", False, True),
    (b"GET /health HTTP/1.1\r\nHost: h\r\n", True, True),
    (HEAD + b"Content-Length: 10\r\n\r\n12345", False, False),
    (HEAD + b"Content-Length: 10\r\n\r\n1234567890", False, True),
    (HEAD + b"content-length: 10\r\n\r\n12345", True, True),
    (HEAD + b"Content-Length: %d\r\n\r\n" % (MAX_BUFFERED_BODY + 1), False, True),
    (HEAD + b"Content-Length: x\r\n\r\n", False, True),
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n", False, False),
    (HEAD + b"Transfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n", False, True),
    (HEAD + b"Transfer-Encoding: gzip\r\n\r\n", False, True),
    (b"X" * (65 * 1024), False, True),
])
def test_a_request_goes_to_a_thread_once_it_is_whole(data, closed, whole):
    assert request_is_whole(bytearray(data), closed) is whole
