"""Serve the web API (all three regimes, /check, /health) under gunicorn, bound to 127.0.0.1 by default.

The app, and with it every regime, is loaded once in the gunicorn master (preload) and shared by the forked
workers, so no request pays the load cost. Access logs are JSON lines on stderr: request id, method, route,
regime, status and duration; never the request body.
"""

import json
import logging
import os
import sys

from gunicorn import util as gunicorn_util
from gunicorn.app.base import BaseApplication
from gunicorn.http import errors as gunicorn_errors


def add_arguments(parser):
    parser.add_argument("--host", default=os.environ.get("ENPLAN_HOST", "127.0.0.1"),
                        help="address to bind (default 127.0.0.1; env ENPLAN_HOST)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ENPLAN_PORT", "5000")),
                        help="port (default 5000; env ENPLAN_PORT)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("ENPLAN_WORKERS", "2")),
                        help="gunicorn worker processes (default 2; env ENPLAN_WORKERS)")
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
    return {
        "bind": f"{args.host}:{args.port}",
        "workers": args.workers,
        "worker_class": "sync",
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


def _invalid_http_version_text(error):
    return f"Invalid HTTP Version: {error.version!r}"


def patch_gunicorn():
    """Answer unparseable requests in JSON, and fix a gunicorn 22 bug: `str()` of InvalidHTTPVersion raises
    TypeError when the version was parsed into a tuple (e.g. "HTTP/9.9"), which killed the worker without an
    answer. (OpenFisca's web-api extra pins gunicorn < 23.)"""
    gunicorn_util.write_error = write_json_error
    gunicorn_errors.InvalidHTTPVersion.__str__ = _invalid_http_version_text


def run(args):
    from enplan_rules.api.app import create_app

    configure_logging(args.log_level, not args.no_access_log)
    patch_gunicorn()
    _Server(options(args), create_app).run()
    return 0
