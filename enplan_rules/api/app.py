"""The web API: the three regimes' OpenFisca APIs under /{regime}, the case-system endpoint /check, and
the guard every request passes (request id, bearer token, CORS, body size limit, JSON errors, logging).

Create it with `create_app()`; `enplan serve` runs it under gunicorn.
"""

import hmac
import io
import json
import logging
import os
import re
import time
import traceback
import uuid
from dataclasses import dataclass, field

from flask import Flask, redirect, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.wrappers import Response

from enplan_rules import regimes
from enplan_rules.answers import request as contingent_request
from enplan_rules.api import budget, compact, law, regime_app
from enplan_rules.api.body import check_content_type, parse_json
from enplan_rules.api.errors import (
    LANGS,
    MAX_ERRORS,
    ApiError,
    RequestTimeout,
    error_response,
    http_error,
    json_response,
    text,
)
from enplan_rules.api.errors import (
    field as error_field,
)
from enplan_rules.api.spec import gateway_spec
from enplan_rules.api.spec import normalised as normalised_spec

log = logging.getLogger("enplan_rules.api")
access_log = logging.getLogger("enplan_rules.api.access")

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "case", "case.schema.json")
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")  # matched whole (fullmatch)
CHECK_PARAMETERS = {"regime": regimes.NAMES, "lang": LANGS, "one_plan_law_variant": regimes.VARIANTS,
                    "form": compact.FORMS}
COMPARE_PARAMETERS = {"lang": LANGS, "one_plan_law_variant": regimes.VARIANTS, "form": compact.FORMS}
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
)


@dataclass(frozen=True)
class Config:
    """What an operator sets, from the environment by default (see docs/api.md)."""

    token: str | None = None  # ENPLAN_API_TOKEN: bearer token required on every endpoint but /health
    cors_origins: tuple = field(default_factory=tuple)  # ENPLAN_CORS_ORIGINS: comma-separated origins
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES  # ENPLAN_MAX_BODY_BYTES

    @classmethod
    def from_environment(cls, environ=None):
        environ = os.environ if environ is None else environ
        origins = tuple(
            origin.strip().rstrip("/")
            for origin in environ.get("ENPLAN_CORS_ORIGINS", "").split(",")
            if origin.strip()
        )
        limit = environ.get("ENPLAN_MAX_BODY_BYTES", "").strip() or str(DEFAULT_MAX_BODY_BYTES)
        if not limit.isdigit() or int(limit) < 1:
            raise SystemExit(f"ENPLAN_MAX_BODY_BYTES must be a positive number of bytes, not {limit!r}")
        return cls(
            token=environ.get("ENPLAN_API_TOKEN") or None,
            cors_origins=origins,
            max_body_bytes=int(limit),
        )


def create_app(config=None):
    """The whole API as one WSGI application; loads every regime now, so no request pays for it."""
    config = config or Config.from_environment()
    token_required = config.token is not None
    mounts = {f"/{name}": regime_app.build(name, regimes.load(name), token_required) for name in regimes.NAMES}
    page = page_app()
    if page is not None:
        mounts["/ui"] = RouteLabel(page, "/ui")
    for name in regimes.NAMES:  # /check may ask for any version of the One Plan law: load them all now
        for variant in regimes.VARIANTS:
            regimes.load(name, variant)
    law.warm()  # /lov/: the paragraphs and the worked scenarios' citations, computed once before the workers fork
    gateway = build_gateway(with_page=page is not None, token_required=token_required)
    return Guard(DispatcherMiddleware(gateway, mounts), config)


def page_app():
    """The page for legal staff (enplan_rules.ui), mounted at /ui when that part is installed."""
    try:
        from enplan_rules import ui
    except ModuleNotFoundError as error:
        if error.name and "enplan_rules.ui".startswith(error.name):
            return None
        raise
    return ui.create_app()


class RouteLabel:
    """Names the route of every request to a mounted app that does not name its own (for the access log)."""

    def __init__(self, app, route):
        self.app = app
        self.route = route

    def __call__(self, environ, start_response):
        environ.setdefault("enplan.route", self.route)
        return self.app(environ, start_response)


# -- the gateway: index, health, schema, /check ----------------------------------------------------


def _request_lang():
    lang = request.args.get("lang", "da")
    return lang if lang in LANGS else "da"


def _query(allowed, lang):
    """The query parameters of a /check call, refusing unknown, repeated or invalid ones (400)."""
    values = {}
    for name in request.args:
        given = request.args.getlist(name)
        if name in contingent_request.CHECK_QUERY_PARAMETERS:  # /check and /check/compare alike
            continue  # readings and overrides: parsed and checked by enplan_rules.answers.request
        if name not in allowed:
            raise ApiError(400, "invalid_parameter", text("unknown_parameter", lang), [
                error_field(f"{text('unknown_parameter', lang)} ({name[:40]})",
                            text("expected_parameters", lang, names=", ".join(allowed)),
                            parameter=name[:40]),
            ])
        if len(given) > 1:
            raise ApiError(400, "invalid_parameter", text("repeated_parameter", lang), [
                error_field(text("repeated_parameter", lang), text("expected_once", lang),
                            parameter=name),
            ])
        if given[0] not in allowed[name]:
            raise ApiError(400, "invalid_parameter", text("invalid_parameter", lang), [
                error_field(f"{text('invalid_parameter', lang)} ({given[0][:40]!r})",
                            text("expected_one_of", lang, values=", ".join(allowed[name])),
                            parameter=name),
            ])
        values[name] = given[0]
    return values


def _read_case(lang):
    check_content_type(request.headers.get("Content-Type"), lang)
    return parse_json(request.get_data(cache=False), lang)


def _case_error(error, lang):
    items = [
        error_field(str(item.get("message", "")), str(item.get("expected", "")),
                    pointer=str(item.get("pointer", "")))
        for item in error.errors[:MAX_ERRORS]
    ]
    return ApiError(400, "invalid_case", text("case_invalid", lang), items,
                    omitted=max(0, len(error.errors) - MAX_ERRORS))


def _too_slow(lang):
    """503 for a /check or /check/compare stopped by its budget, naming what to shrink (the persons, the unknown
    facts, the unrecorded judgements)."""
    message, expected = budget.check_too_slow(lang)
    return ApiError(503, "over_time_budget", message, [error_field(message, expected, pointer="/persons")])


def build_gateway(with_page=False, token_required=False):
    """The Flask app of the endpoints that are not one regime's OpenFisca API (nor the page)."""
    from enplan_rules import answers, case

    with open(SCHEMA_PATH, encoding="utf-8") as file:
        schema = json.load(file)
    spec = gateway_spec(schema, package_version(), token_required)
    version = package_version()
    app = Flask(__name__)
    app.url_map.strict_slashes = False

    @app.before_request
    def before_request():
        if request.url_rule is not None:
            request.environ["enplan.route"] = request.url_rule.rule

    @app.get("/")
    def index():
        base = request.script_root
        if with_page and request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
            return redirect(f"{base}/ui/", 303)  # a browser asking for / gets the page; a JSON client, the index
        return json_response({
            "name": "enplan_rules",
            "version": version,
            "regimes": [
                {
                    "name": name,
                    "description": regimes.DESCRIPTIONS[name],
                    "links": {
                        endpoint: f"{base}/{name}/{endpoint}"
                        for endpoint in ("calculate", "trace", "spec", "variables", "parameters", "entities")
                    },
                }
                for name in regimes.NAMES
            ],
            "links": {
                "check": f"{base}/check",
                "compare": f"{base}/check/compare",
                "case_schema": f"{base}/schemas/case.json",
                "spec": f"{base}/spec",
                "health": f"{base}/health",
                **({"ui": f"{base}/ui/"} if with_page else {}),
            },
        })

    @app.get("/health")
    def health():
        return json_response({"status": "ok", "version": version, "regimes": list(regimes.NAMES)})

    @app.get("/schemas/case.json")
    def case_schema():
        response = json_response(schema)
        response.headers["Content-Type"] = "application/schema+json"
        return response

    served = []  # the spec as served: normalised once, after every endpoint module has added its paths

    @app.get("/spec")
    def get_spec():
        if not served:
            served.append(normalised_spec(spec))
        return json_response({**served[0], "servers": [{"url": request.script_root or "/"}]})

    def answered(allowed, regime_label, compute):
        """One /check-style answer: the query checked against `allowed`, the case read, `compute(document, query,
        lang, variant, options)` within the request's time budget (`options`: the readings and overrides), the
        refusals as 400/503, the compact form when asked. `regime_label(query)` names the regimes in the log."""
        lang = _request_lang()
        query = _query(allowed, lang)
        variant = query.get("one_plan_law_variant", regimes.DEFAULT_VARIANT)
        request.environ["enplan.regime"] = regime_label(query)
        document = _read_case(lang)
        try:
            with budget.check_deadline():
                answer = compute(document, query, lang, variant, contingent_request.from_query(request.args, lang))
        except case.CaseError as error:
            raise _case_error(error, lang) from None
        except budget.BudgetExceeded:
            raise _too_slow(lang) from None
        if query.get("form") == "compact":
            answer = compact.compact(answer)
        return json_response(answer, headers={"Content-Language": lang})

    def regime_of(query):
        return query.get("regime", "trial")

    @app.post("/check")
    def check():
        return answered(CHECK_PARAMETERS, regime_of, lambda document, query, lang, variant, options: answers.check(
            document, regime=regime_of(query), lang=lang, one_plan_law_variant=variant, **options))

    @app.post("/check/compare")
    def compare():
        return answered(COMPARE_PARAMETERS, lambda _query: ",".join(regimes.NAMES),
                        lambda document, _query, lang, variant, options: answers.compare(
                            document, lang=lang, one_plan_law_variant=variant, **options))

    from enplan_rules.api import history  # POST /check/history, GET /schemas/history.json
    history.register(app, spec)
    law.register(app)  # GET /lov/: the law on the page

    @app.errorhandler(ApiError)
    def api_error(error):
        return error_response(error, request.environ.get("enplan.request_id"))

    @app.errorhandler(HTTPException)
    def http_exception(exception):
        lang = _request_lang() if request.path.startswith("/check") else "en"
        return error_response(http_error(exception, lang), request.environ.get("enplan.request_id"))

    @app.errorhandler(Exception)
    def unexpected(exception):
        return regime_app.server_error(exception)

    return app


def package_version():
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("enplan_rules")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "unknown"


# -- the guard around everything -------------------------------------------------------------------


class Guard:
    """WSGI middleware: request id, CORS, bearer token, body size limit, last-resort error, access log."""

    def __init__(self, app, config):
        self.app = app
        self.config = config
        self.token = config.token.encode() if config.token else None
        self.origins = set(config.cors_origins)

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if REQUEST_ID_PATTERN.fullmatch(incoming) else uuid.uuid4().hex
        environ["enplan.request_id"] = request_id
        origin = environ.get("HTTP_ORIGIN", "").rstrip("/")
        cors = origin in self.origins
        preflight = (
            environ.get("REQUEST_METHOD") == "OPTIONS" and bool(self.origins)
            and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in environ
        )
        status_holder = []

        def guarded_start_response(status, headers, exc_info=None):
            status_holder.append(status)
            if not preflight:  # drop any CORS header of the inner apps (OpenFisca allows "*")
                headers = [(name, value) for name, value in headers
                           if not name.lower().startswith("access-control-")]
            present = {name.lower() for name, _ in headers}
            headers.extend(item for item in SECURITY_HEADERS if item[0].lower() not in present)
            headers.append(("X-Request-ID", request_id))
            if cors:
                headers.append(("Access-Control-Allow-Origin", origin))
                headers.append(("Access-Control-Expose-Headers", "X-Request-ID"))
            if self.origins:
                headers.append(("Vary", "Origin"))
            return start_response(status, headers, exc_info)

        try:
            refusal = self.preflight(cors) if preflight else self.refuse(environ, start_response)
            if refusal is not None:
                body = refusal(environ, guarded_start_response)
            else:
                body = self.app(environ, guarded_start_response)
        except Exception as exception:  # last resort: a server bug; log it, never the request body
            log.error("unexpected %s (request %s)\n%s", type(exception).__name__, request_id,
                      "".join(traceback.format_tb(exception.__traceback__)))
            payload = ApiError(500, "internal_error", text("internal_error", "en"))
            body = error_response(payload, request_id)(environ, guarded_start_response)
        if not access_log.isEnabledFor(logging.INFO):  # --no-access-log: not even the line is built
            return body
        status = int(status_holder[-1][:3]) if status_holder else 0
        access_log.info(json.dumps({
            "request_id": request_id,
            "method": environ.get("REQUEST_METHOD"),
            "route": environ.get("enplan.route"),
            "regime": environ.get("enplan.regime"),
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
        }))
        return body

    def refuse(self, environ, start_response):
        """A response refusing the request before routing (token, body size), or None."""
        path = environ.get("PATH_INFO", "")
        lang = "en"
        if path.startswith("/check"):
            query = environ.get("QUERY_STRING", "")
            lang = "en" if re.search(r"(^|&)lang=en(&|$)", query) else "da"
        if self.token is not None and path != "/health":
            header = environ.get("HTTP_AUTHORIZATION", "")
            scheme, _, given = header.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.token):
                return error_response(ApiError(401, "unauthorized", text("unauthorized", lang), [
                    error_field(text("unauthorized", lang), text("expected_token", lang),
                                parameter="Authorization"),
                ], headers={"WWW-Authenticate": 'Bearer realm="enplan"'}), environ["enplan.request_id"])
        return self.buffer_body(environ, lang, start_response)

    def preflight(self, cors):
        if not cors:
            return json_response({"status": 403, "error": "origin_not_allowed",
                                  "message": "CORS is not allowed from this origin.", "errors": []}, 403)
        return Response(status=204, headers={
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Request-ID",
            "Access-Control-Max-Age": "600",
        })

    def buffer_body(self, environ, lang, start_response):
        """Read the body (at most the limit) into memory; answer 413 when it is larger, 400 when its
        framing is broken (bad chunk, connection closed early) and 408 when it does not arrive within the
        server's read timeout (see serve.py)."""
        limit = self.config.max_body_bytes
        length = environ.get("CONTENT_LENGTH", "")
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not length and not chunked:
            environ["wsgi.input"] = io.BytesIO(b"")
            environ["CONTENT_LENGTH"] = "0"
            return None
        try:
            declared = int(length) if length else None
        except ValueError:
            declared = None
        if declared is not None and declared > limit:
            return self.too_large(environ, lang)
        try:
            data = environ["wsgi.input"].read(limit + 1)
        except Exception as error:  # the client's framing or connection failed: never the server's fault
            _close_connection(start_response)  # the rest of the stream cannot be trusted
            if isinstance(error, RequestTimeout):
                seconds = f"{error.seconds:g}"
                return error_response(ApiError(408, "request_timeout", text("request_timeout", lang, seconds=seconds), [
                    error_field(text("request_timeout", lang, seconds=seconds),
                                text("expected_timely", lang, seconds=seconds),
                                parameter="Transfer-Encoding" if chunked else "Content-Length"),
                ]), environ["enplan.request_id"])
            reason = type(error).__name__
            return error_response(ApiError(400, "unreadable_body", text("unreadable_body", lang, reason=reason), [
                error_field(text("unreadable_body", lang, reason=reason), text("expected_framing", lang),
                            parameter="Transfer-Encoding" if chunked else "Content-Length"),
            ]), environ["enplan.request_id"])
        if declared is not None and len(data) < declared:  # the client closed before sending it all
            _close_connection(start_response)
            reason = "Content-Length"
            return error_response(ApiError(400, "unreadable_body", text("unreadable_body", lang, reason=reason), [
                error_field(text("unreadable_body", lang, reason=reason), text("expected_framing", lang),
                            parameter="Content-Length"),
            ]), environ["enplan.request_id"])
        if len(data) > limit:
            return self.too_large(environ, lang)
        environ["wsgi.input"] = io.BytesIO(data)
        environ["CONTENT_LENGTH"] = str(len(data))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return None

    def too_large(self, environ, lang):
        limit = self.config.max_body_bytes
        return error_response(ApiError(413, "payload_too_large", text("too_large", lang), [
            error_field(text("too_large", lang), text("expected_size", lang, limit=limit),
                        parameter="Content-Length"),
        ]), environ["enplan.request_id"])


def _close_connection(start_response):
    """Ask gunicorn to close the connection after this answer (its start_response is a method of its
    response object, which has force_close); other servers are left to their own framing checks."""
    force_close = getattr(getattr(start_response, "__self__", None), "force_close", None)
    if callable(force_close):
        force_close()
