"""The gunicorn worker class of `enplan serve`: gunicorn's threaded worker (gthread), with the network waits
moved out of its threads and into its event loop.

gunicorn 22's gthread worker (OpenFisca's web-api extra pins gunicorn < 23) hands a connection to a thread
as soon as its first byte arrives, lets a thread block while a client does not read its answer, never times
out a connection that sends nothing, and stops polling altogether once it holds `worker_connections`
connections, so that 2,000 idle connections stopped the server for good. This worker keeps gthread's
design (a master that preloads the app and restarts silent workers, one event loop and a thread pool per
worker) and changes where a connection waits:

- **before its request is whole** it waits in the event loop, not in a thread: the loop reads what has
  arrived and hands the connection to a thread only when the head, and the body its head announces, are
  there (or the client closed). A connection that sends nothing, or does not finish its request, within the
  read timeout of its first byte (or of its opening) is closed; one that sent part of a request gets a JSON
  408 first;
- **after its answer is made**, what the client does not read at once is kept in memory (up to a budget
  per worker) and sent by the event loop as the client reads, so the thread is free; a client that reads
  nothing for `write_timeout` seconds is disconnected;
- the loop **always polls** (it stops accepting, not polling, when full), so it notices closed
  connections and expired deadlines, and it accepts in batches (10,000 connections arriving at once).

Threads therefore only compute: idle, trickling and non-reading clients cost a file descriptor and a few
bytes each, not a thread.
"""

import errno
import json
import re
import selectors
import time
from collections import deque
from concurrent import futures
from functools import partial

from gunicorn import util as gunicorn_util
from gunicorn.workers import gthread

HEAD_END = b"\r\n\r\n"
MAX_BUFFERED_HEAD = 64 * 1024  # a head still unfinished beyond this goes to the parser (which refuses it)
MAX_BUFFERED_BODY = 4 * 1024 * 1024  # a body announced larger goes to the app at once (which refuses it: 413)
OUTPUT_BUDGET = 256 * 1024 * 1024  # bytes of answers a worker holds for clients that read slowly
ACCEPT_BATCH = 256  # connections accepted per wake-up of the loop
RECV_SIZE = 65536
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*([0-9]{1,15})[ \t]*(?=\r\n|$)")
_TRANSFER_ENCODING = re.compile(rb"\r\ntransfer-encoding:([^\r]*)")


def request_is_whole(data, closed=False):
    """Whether `data` (the bytes of a request received so far) can go to the parser: the head and the body
    its head announces have arrived; or the client closed; or what arrived is beyond what is buffered; or
    the head is one the parser refuses anyway (an unreadable Content-Length, a coding other than chunked)."""
    end = data.find(HEAD_END)
    if closed:
        return True
    if end < 0:
        return len(data) > MAX_BUFFERED_HEAD
    head = bytes(data[:end]).lower()
    body = len(data) - end - len(HEAD_END)
    codings = _TRANSFER_ENCODING.findall(head)
    if codings:
        if not any(b"chunked" in coding for coding in codings):
            return True
        return bytes(data[-5:]) == b"0\r\n\r\n" or body > MAX_BUFFERED_BODY
    if b"\r\ncontent-length:" not in head:
        return True
    lengths = _CONTENT_LENGTH.findall(head)
    if len(lengths) != 1:
        return True
    length = int(lengths[0])
    return body >= length or length > MAX_BUFFERED_BODY


class Connection(gthread.TConn):
    """A gthread connection with what the loop buffered of its request and of its answer."""

    def __init__(self, cfg, sock, client, server):
        super().__init__(cfg, sock, client, server)
        self.opened = time.monotonic()
        self.started = None  # when the first byte of the current request arrived
        self.pending = bytearray()  # what the loop received of the current request
        self.output = deque()  # answer bytes the client has not taken yet
        self.output_size = 0
        self.keep_after_output = False
        self.wait_token = None  # identifies the connection's current deadline entry
        self.dropped = False


class BufferingSocket:
    """The socket a thread writes its answer to: sends what the client takes at once, keeps the rest for the
    event loop (within the worker's budget; beyond it, waits for the client like a plain socket)."""

    def __init__(self, conn, worker):
        self._conn = conn
        self._sock = conn.sock
        self._worker = worker

    def __getattr__(self, name):
        return getattr(self._sock, name)

    def sendall(self, data):
        conn = self._conn
        view = memoryview(data).cast("B")
        if not conn.output:
            timeout = self._sock.gettimeout()
            self._sock.setblocking(False)
            try:
                while view:
                    try:
                        view = view[self._sock.send(view):]
                    except (BlockingIOError, InterruptedError):
                        break
            finally:
                self._sock.settimeout(timeout)
        if not view:
            return None
        if self._worker.reserve_output(len(view)):
            conn.output.append(bytes(view))
            conn.output_size += len(view)
            return None
        # over the budget: send what is held, then the rest, waiting for the client like a plain socket
        timeout = self._sock.gettimeout()
        self._sock.settimeout(self._worker.write_timeout)
        try:
            while conn.output:
                chunk = conn.output.popleft()
                conn.output_size -= len(chunk)
                self._worker.release_output(len(chunk))
                self._sock.sendall(chunk)
            self._sock.sendall(view)
        finally:
            self._sock.settimeout(timeout)
        return None

    def send(self, data):
        self.sendall(data)
        return len(data)


class BufferedThreadWorker(gthread.ThreadWorker):
    """gunicorn's gthread worker whose threads never wait for the network (see the module's docstring)."""

    read_timeout = 10.0  # seconds for a whole request to arrive (set by enplan_rules.api.serve)
    write_timeout = 30.0  # seconds a client may read nothing of its answer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._waiting = deque()  # (deadline, connection, token), in deadline order
        self._listeners = []
        self._listening = False
        self._output_held = 0
        self._accept_error_logged = 0.0

    # -- deadlines -----------------------------------------------------------------------------------

    def _wait(self, conn, events, callback, deadline):
        """Register `conn` in the poller for `events` until `deadline` (caller holds the lock)."""
        token = object()
        conn.wait_token = token
        self.poller.register(conn.sock, events, partial(callback, conn))
        self._waiting.append((deadline, conn, token))

    def _unwait(self, conn):
        """Take `conn` out of the poller and forget its deadline (caller holds the lock)."""
        conn.wait_token = None
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass

    def _drop(self, conn):
        """Close `conn` and release what it held (once)."""
        with self._lock:
            if conn.dropped:
                return
            conn.dropped = True
            self._unwait(conn)
            self.release_output(conn.output_size)
            conn.output.clear()
            conn.output_size = 0
            self.nr_conns -= 1
        conn.close()

    def murder_keepalived(self):
        super().murder_keepalived()
        now = time.monotonic()
        expired = []
        with self._lock:
            while self._waiting and self._waiting[0][0] <= now:
                _, conn, token = self._waiting.popleft()
                if conn.wait_token is token and not conn.dropped:
                    expired.append(conn)
        for conn in expired:
            if conn.pending and not conn.output:
                self._answer_timeout(conn)
            self._drop(conn)

    def _answer_timeout(self, conn):

        seconds = f"{self.read_timeout:g}"
        self.log.warning("Request from ip=%s did not arrive within %s s", (conn.client or ("",))[0], seconds)
        try:
            write_json_error(conn.sock, 408, "Request Timeout",
                             f"the whole request must arrive within {seconds} s of its first byte")
        except OSError:
            pass

    # -- output budget -------------------------------------------------------------------------------

    def reserve_output(self, size):
        with self._lock:
            if self._output_held + size > OUTPUT_BUDGET:
                return False
            self._output_held += size
            return True

    def release_output(self, size):
        with self._lock:
            self._output_held -= size

    # -- the loop ------------------------------------------------------------------------------------

    def _listen(self, on):
        if on == self._listening:
            return
        with self._lock:
            for sock, acceptor in self._listeners:
                if on:
                    self.poller.register(sock, selectors.EVENT_READ, acceptor)
                else:
                    self.poller.unregister(sock)
        self._listening = on

    def run(self):
        for sock in self.sockets:
            sock.setblocking(False)
            self._listeners.append((sock, partial(self.accept, sock.getsockname())))
        while self.alive:
            self.notify()
            self._listen(self.nr_conns < self.worker_connections)
            for key, _ in self.poller.select(1.0):
                key.data(key.fileobj)
            result = futures.wait(self.futures, timeout=0, return_when=futures.FIRST_COMPLETED)
            for future in result.done:
                self.futures.remove(future)
            if not self.is_parent_alive():
                break
            self.murder_keepalived()
        self.tpool.shutdown(False)
        self.poller.close()
        for sock in self.sockets:
            sock.close()
        futures.wait(self.futures, timeout=self.cfg.graceful_timeout)

    def accept(self, server, listener):
        for _ in range(ACCEPT_BATCH):
            if self.nr_conns >= self.worker_connections:
                return
            try:
                sock, client = listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                if error.errno == errno.ECONNABORTED:
                    continue
                if error.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    now = time.monotonic()
                    if now - self._accept_error_logged > 10:
                        self._accept_error_logged = now
                        self.log.warning("Cannot accept more connections: %s", error)
                    time.sleep(0.05)  # until a connection closes; the loop keeps serving the others
                    return
                raise
            conn = Connection(self.cfg, sock, client, server)
            self.nr_conns += 1
            with self._lock:
                self._wait(conn, selectors.EVENT_READ, self.on_client_socket_readable,
                           conn.opened + self.read_timeout)

    def on_client_socket_readable(self, conn, client):
        with self._lock:
            self._unwait(conn)
            try:
                self._keep.remove(conn)
            except ValueError:
                pass
        if conn.dropped:
            return
        try:
            data = conn.sock.recv(RECV_SIZE)
        except (BlockingIOError, InterruptedError):
            data = None
        except OSError:
            self._drop(conn)
            return
        if data is None:
            closed = False
        else:
            closed = not data
            if closed and not conn.pending:
                self._drop(conn)
                return
            if data and conn.started is None:
                conn.started = time.monotonic()
            conn.pending += data
        if conn.pending and request_is_whole(conn.pending, closed):
            self.enqueue_req(conn)
            return
        start = conn.started if conn.started is not None else conn.opened
        with self._lock:
            self._wait(conn, selectors.EVENT_READ, self.on_client_socket_readable, start + self.read_timeout)

    def handle(self, conn):
        unreader = conn.parser.unreader  # the parser is made (conn.init) before the connection is queued
        if conn.pending:
            unreader.unread(bytes(conn.pending))
            conn.pending = bytearray()
        started = conn.started if conn.started is not None else time.monotonic()
        conn.started = None
        unreader.read_timeout = self.read_timeout
        unreader.deadline = started + self.read_timeout
        sock = conn.sock
        conn.sock = BufferingSocket(conn, self)
        try:
            return super().handle(conn)
        finally:
            conn.sock = sock
            unreader.deadline = None  # a kept-alive connection waits in the poller, not in a thread

    def finish_request(self, fs):
        conn = fs.conn
        if fs.cancelled() or fs.exception() is not None or not conn.output or conn.sock.fileno() < 0:
            if conn.output:
                with self._lock:
                    self.release_output(conn.output_size)
                    conn.output.clear()
                    conn.output_size = 0
            return super().finish_request(fs)
        keepalive, _ = fs.result()
        conn.keep_after_output = keepalive and self.alive
        conn.sock.setblocking(False)
        with self._lock:
            self._wait(conn, selectors.EVENT_WRITE, self.on_client_socket_writable,
                       time.monotonic() + self.write_timeout)

    def on_client_socket_writable(self, conn, client):
        sent = False
        try:
            while conn.output:
                chunk = conn.output[0]
                count = conn.sock.send(chunk)
                sent = True
                self.release_output(count)
                conn.output_size -= count
                if count < len(chunk):
                    conn.output[0] = chunk[count:]
                    break
                conn.output.popleft()
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self._drop(conn)
            return
        with self._lock:
            if conn.output:
                if sent:  # the client reads: it gets write_timeout more seconds
                    self._unwait(conn)
                    self._wait(conn, selectors.EVENT_WRITE, self.on_client_socket_writable,
                               time.monotonic() + self.write_timeout)
                return
            self._unwait(conn)
            if conn.keep_after_output:
                conn.set_timeout()
                self._keep.append(conn)
                self.poller.register(conn.sock, selectors.EVENT_READ,
                                     partial(self.on_client_socket_readable, conn))
                return
        self._drop(conn)


def write_json_error(sock, status_int, reason, mesg):
    """Gunicorn's answer to a request it cannot parse (bad request line, oversized headers), as JSON."""
    body = json.dumps({
        "status": status_int,
        "error": reason.lower().replace(" ", "_"),
        "message": reason,
        "errors": [{
            "parameter": "headers" if status_int == 431 else "request",
            "message": mesg[:300] or reason,
            "expected": "a well-formed HTTP/1.1 request within gunicorn's limits",
        }],
        "request_id": None,
    }).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\n\r\n"
    ).encode("latin-1")
    gunicorn_util.write_nonblock(sock, head + body)
