"""Serve the web API (all three regimes, /check, /health) under gunicorn, bound to 127.0.0.1 by default.

The app, and with it every regime, is loaded once in the gunicorn master (preload) and shared by the forked
workers, so no request pays the load cost. Access logs are JSON lines on stderr: request id, method, route,
regime, status and duration; never the request body.

Workers are `enplan_rules.api.worker.BufferedThreadWorker`: gunicorn's threaded worker (gthread) whose
threads only compute. A connection waits in the worker's event loop until its whole request (head and body)
has arrived, and its answer is handed back to the loop when the client does not take it at once, so idle,
trickling and non-reading clients hold a file descriptor, never a thread. The whole request must arrive
within the read timeout (default 10 s) of its first byte, or of the connection's opening: then the
connection gets a JSON 408 (if it sent anything) and is closed. Every HTTP framing error gunicorn raises (bad
chunk size, a transfer coding other than chunked, a body shorter than its Content-Length) is answered with
a JSON 4xx. Why gunicorn and not another server: see docs/api.md ("Slow clients").
"""

import logging
import os
import resource
import sys
import time

from gunicorn import util as gunicorn_util
from gunicorn.app.base import BaseApplication
from gunicorn.http import errors as gunicorn_errors
from gunicorn.http import unreader as gunicorn_unreader
from gunicorn.workers import base as gunicorn_base

from enplan_rules.api.errors import RequestTimeout
from enplan_rules.api.worker import write_json_error

DEFAULT_READ_TIMEOUT = 10.0  # seconds for the whole request to arrive
WRITE_TIMEOUT = 30.0  # seconds a blocked send may wait (a client that does not read its answer)


def add_arguments(parser):
    parser.add_argument("--host", default=os.environ.get("ENPLAN_HOST", "127.0.0.1"),
                        help="address to bind (default 127.0.0.1; env ENPLAN_HOST)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ENPLAN_PORT", "5000")),
                        help="port (default 5000; env ENPLAN_PORT)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("ENPLAN_WORKERS", "2")),
                        help="gunicorn worker processes (default 2; env ENPLAN_WORKERS)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("ENPLAN_THREADS", "64")),
                        help="threads per worker (default 64; env ENPLAN_THREADS)")
    parser.add_argument("--read-timeout", type=float,
                        default=float(os.environ.get("ENPLAN_READ_TIMEOUT", str(DEFAULT_READ_TIMEOUT))),
                        help="seconds for a whole request (head and body) to arrive, answered 408 after "
                             "(default 10; env ENPLAN_READ_TIMEOUT)")
    parser.add_argument("--timeout", type=int, default=30,
                        help="seconds before a silent worker is restarted (default 30)")
    parser.add_argument("--log-level", default=os.environ.get("ENPLAN_LOG_LEVEL", "info"),
                        choices=("debug", "info", "warning", "error"),
                        help="log level (default info; env ENPLAN_LOG_LEVEL)")
    parser.add_argument("--no-access-log", action="store_true",
                        help="do not log one line per request")


class _Server(BaseApplication):
    def __init__(self, options, factory):
        self.options = options
        self.factory = factory
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.factory()


def configure_logging(level="info", access_log=True):
    """JSON-line access log and error log of the API on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("enplan_rules.api")
    logger.handlers[:] = [handler]
    logger.setLevel(level.upper())
    logger.propagate = False
    logging.getLogger("enplan_rules.api.access").disabled = not access_log


def options(args):
    """The gunicorn settings for `args`."""
    if args.workers < 1:
        raise SystemExit("--workers must be at least 1")
    if args.threads < 1:
        raise SystemExit("--threads must be at least 1")
    if not 0 < args.read_timeout < args.timeout:
        raise SystemExit("--read-timeout must be positive and below --timeout")
    return {
        "bind": f"{args.host}:{args.port}",
        "workers": args.workers,
        "worker_class": "enplan_rules.api.worker.BufferedThreadWorker",
        "threads": args.threads,
        "worker_connections": connection_limit(),
        "backlog": 4096,
        "sendfile": False,
        "keepalive": 2,
        "preload_app": True,
        "timeout": args.timeout,
        "graceful_timeout": 10,
        "limit_request_line": 4094,
        "limit_request_fields": 50,
        "limit_request_field_size": 8190,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": args.log_level,
        "proc_name": "enplan-api",
    }


MAX_CONNECTIONS = 20_000  # per worker: idle connections cost a file descriptor each, not a thread


def connection_limit():
    """Connections a worker holds at once: MAX_CONNECTIONS, within the open-file limit, which is raised
    to its hard maximum first (a worker that runs out of file descriptors cannot answer /health)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + 256
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(64, min(MAX_CONNECTIONS, soft - 256))


def _invalid_http_version_text(error):
    return f"Invalid HTTP Version: {error.version!r}"


def client_error(exc):
    """(status, reason, message) for a request-framing error gunicorn leaves to its 500 branch, or None."""
    if isinstance(exc, RequestTimeout):
        return 408, "Request Timeout", str(exc)
    if isinstance(exc, gunicorn_errors.UnsupportedTransferCoding):
        return 400, "Bad Request", (f"Transfer-Encoding {str(getattr(exc, 'hdr', exc))[:60]!r} is not supported: send the body "
                                    "as it is, with Content-Length or Transfer-Encoding: chunked")
    if isinstance(exc, (gunicorn_errors.InvalidChunkSize, gunicorn_errors.ChunkMissingTerminator,
                        gunicorn_errors.NoMoreData)):
        return 400, "Bad Request", f"{type(exc).__name__}: {str(exc)[:100]}"
    return None


def _read_with_deadline(self):
    """SocketUnreader.chunk with a deadline: the request must arrive by `self.deadline` (set per request)."""
    deadline = getattr(self, "deadline", None)
    if deadline is None:
        return self.sock.recv(self.mxchunk)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise RequestTimeout(self.read_timeout)
    self.sock.settimeout(remaining)
    try:
        return self.sock.recv(self.mxchunk)
    except TimeoutError:
        raise RequestTimeout(self.read_timeout) from None
    finally:
        self.sock.settimeout(WRITE_TIMEOUT)


def patch_gunicorn(read_timeout=DEFAULT_READ_TIMEOUT):
    """Make gunicorn 22 (OpenFisca's web-api extra pins gunicorn < 23) safe to face clients directly:

    - unparseable requests are answered in JSON;
    - the whole request must arrive within `read_timeout` seconds of its first byte (a JSON 408 after)
      (enforced by the worker's loop, then by the reader below once the request is with a thread);
    - framing errors gunicorn answers with a bare 500 (a transfer coding other than chunked, a bad chunk)
      are answered 400 in JSON;
    - `str()` of InvalidHTTPVersion raised TypeError when the version was parsed into a tuple (e.g.
      "HTTP/9.9"), which killed the worker without an answer.
    """
    from enplan_rules.api.worker import BufferedThreadWorker

    BufferedThreadWorker.read_timeout = read_timeout
    BufferedThreadWorker.write_timeout = WRITE_TIMEOUT
    gunicorn_util.write_error = write_json_error
    gunicorn_errors.InvalidHTTPVersion.__str__ = _invalid_http_version_text
    gunicorn_unreader.SocketUnreader.chunk = _read_with_deadline

    original_handle_error = gunicorn_base.Worker.handle_error

    def handle_error(self, req, client, addr, exc):
        answer = client_error(exc)
        if answer is None:
            return original_handle_error(self, req, client, addr, exc)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], answer[2])
        try:
            write_json_error(client, *answer)
        except Exception:
            self.log.debug("Failed to send error message.")

    gunicorn_base.Worker.handle_error = handle_error


def run(args):
    from enplan_rules.api.app import create_app

    configure_logging(args.log_level, not args.no_access_log)
    options_ = options(args)
    patch_gunicorn(args.read_timeout)
    _Server(options_, create_app).run()
    return 0
