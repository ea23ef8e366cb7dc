"""One regime's OpenFisca web API, hardened: strict input checks, JSON errors, links that know their prefix.

The app is OpenFisca's own (``openfisca_web_api.app.create_app``) with these changes:
- ``/calculate`` and ``/trace`` read the body strictly (JSON Content-Type, UTF-8, no NaN) and check the whole
  situation against the regime before OpenFisca sees it, so that no input reaches one of OpenFisca's server
  errors (period mismatch on an output, an id containing ``/``, arrays as values, ...);
- every error is JSON (404, 405, 415, 400 ...) naming the offending field;
- CORS and proxy-header trust are removed (the gateway decides about CORS);
- links (``/variables``, ``/parameters``, ``/spec``) include the regime's mount prefix;
- ``POST /calculate`` is answered before Flask's request machinery (CalculateRoute): on a small case that
  machinery cost as much as the rules; the answer, its headers and its errors are the Flask route's.
"""

import logging
import traceback

from flask import request
from openfisca_core.errors import (
    ParameterNotFoundError,
    PeriodMismatchError,
    SituationParsingError,
    VariableNotFoundError,
)
from openfisca_web_api import handlers
from openfisca_web_api.app import create_app
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wsgi import get_input_stream

from enplan_rules.api import compute, regime_spec
from enplan_rules.api.body import check_content_type, parse_json
from enplan_rules.api.errors import (
    ApiError,
    error_response,
    field,
    http_error,
    json_bytes,
    json_response,
    pointer,
    text,
)
from enplan_rules.api.situation import SituationValidator

log = logging.getLogger("enplan_rules.api")

# OpenFisca exceptions that mean the input (not the server) is at fault.
INPUT_ERRORS = (SituationParsingError, PeriodMismatchError, VariableNotFoundError, ParameterNotFoundError)


def request_id(environ=None):
    """The id the gateway gave the request (of `environ`, by default Flask's current request)."""
    return (request.environ if environ is None else environ).get("enplan.request_id")


def situation_error_items(error):
    """Flatten OpenFisca's nested error dict ({"persons": {"a": {"x": "message"}}}) into pointer items."""
    items = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        else:
            items.append(field(str(node)[:500], "a value the regime accepts", pointer=pointer(*path)))

    walk(getattr(error, "error", None) or str(error), ())
    return items


def input_error_response(exception, environ=None):
    """A 400 for an OpenFisca exception caused by the input."""
    if isinstance(exception, (SituationParsingError, PeriodMismatchError)):
        items = situation_error_items(exception)
    else:
        items = [field(str(exception)[:500], "a situation the regime can compute", pointer="")]
    error = ApiError(400, "invalid_situation", "The situation is invalid.", items)
    return error_response(error, request_id(environ))


def exception_response(exception, environ=None):
    """The answer to an exception a view raised: its refusal (an ApiError, or werkzeug's HTTP errors in JSON),
    a 400 for an input error OpenFisca found (logged, to fix the validation), else a logged 500."""
    if isinstance(exception, ApiError):
        return error_response(exception, request_id(environ))
    if isinstance(exception, HTTPException):
        return error_response(http_error(exception), request_id(environ))
    if isinstance(exception, INPUT_ERRORS):
        log_input_error(exception, environ)
        return input_error_response(exception, environ)
    return server_error(exception, environ)


class CalculateRoute:
    """WSGI middleware before a regime's Flask app: answers ``POST /calculate`` itself with `answer` (content
    type, body bytes -> payload), as the Flask route would (same body, headers and errors), and passes every
    other request (other paths, methods, ``/calculate/``) to the Flask app."""

    def __init__(self, app, name, answer, headers):
        self.app = app
        self.name = name
        self.route = f"/{name}/calculate"
        self.answer = answer
        self.headers = headers  # added to every answer, as OpenFisca's after-request hook does

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != "/calculate" or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        environ["enplan.regime"] = self.name
        environ["enplan.route"] = self.route
        try:
            body = json_bytes(self.answer(environ.get("CONTENT_TYPE"), get_input_stream(environ).read()))
        except Exception as exception:
            response = exception_response(exception, environ)
            response.headers.extend(self.headers)
            return response(environ, start_response)
        # the headers json_response's Response would send, without building one
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                                  *self.headers])
        return [body]


def build(name, tax_benefit_system, token_required=False):
    """The hardened OpenFisca Flask app of regime `name`."""
    app = create_app(tax_benefit_system)
    if isinstance(app.wsgi_app, ProxyFix):
        app.wsgi_app = app.wsgi_app.app  # do not trust X-Forwarded-* headers from any client
    # Drop Flask-CORS's after-request hook (CORS "*"); the gateway strips any CORS header left.
    app.after_request_funcs[None] = [
        function for function in app.after_request_funcs.get(None, [])
        if function.__name__ != "cors_after_request"
    ]
    validator = SituationValidator(tax_benefit_system)

    def before_request():
        request.environ["enplan.regime"] = name
        if request.url_rule is not None:
            request.environ["enplan.route"] = f"/{name}{request.url_rule.rule}"

    app.before_request_funcs[None] = [before_request]  # replaces OpenFisca's trailing-slash redirect

    def read_situation(content_type, data, endpoint):
        check_content_type(content_type)
        situation = parse_json(data)
        return situation, validator.validate(situation, endpoint)

    def answer_calculate(content_type, data):
        situation, requested = read_situation(content_type, data, "calculate")
        return compute.calculate(tax_benefit_system, situation, requested)

    def calculate():
        return json_response(answer_calculate(request.headers.get("Content-Type"), request.get_data(cache=False)))

    def trace():
        situation, _ = read_situation(request.headers.get("Content-Type"), request.get_data(cache=False), "trace")
        return json_response(handlers.trace(tax_benefit_system, situation))

    def get_root():
        base = request.script_root
        return json_response({
            "regime": name,
            "links": {
                endpoint: f"{base}/{endpoint}"
                for endpoint in ("calculate", "trace", "spec", "variables", "parameters", "entities")
            },
        })

    # OpenFisca keeps its loaded data (variables, parameters, spec) in a closure of its views.
    data = _closure_value(app.view_functions["get_spec"], "data")
    for key, variable in data["variables"].items():  # the label in Danish and English (enplan_rules.variable)
        variable["labels"] = tax_benefit_system.variables[key].labels

    # Links are relative to the server (the regime's prefix), never built from the client's Host header.
    def get_parameters():
        base = request.script_root + "/"
        return json_response({
            parameter["id"]: {
                "description": parameter["description"],
                "href": f"{base}parameter/{key}",
            }
            for key, parameter in data["parameters"].items()
            if parameter.get("subparams") is None
        })

    def get_variables():
        base = request.script_root + "/"
        return json_response({
            key: {"description": variable["description"], "labels": variable["labels"], "href": f"{base}variable/{key}"}
            for key, variable in data["variables"].items()
        })

    spec = regime_spec.corrected(data["openAPI_spec"], token_required, spec_examples(tax_benefit_system, data))

    def get_spec():
        # relative to the server (the regime's prefix): never the client's Host header
        return json_response({**spec, "servers": [{"url": request.script_root or "/"}]})

    app.view_functions.update({
        "calculate": calculate,
        "trace": trace,
        "get_root": get_root,
        "get_parameters": get_parameters,
        "get_variables": get_variables,
        "get_spec": get_spec,
    })

    app.error_handler_spec[None].pop(500, None)  # OpenFisca's handler echoes exception messages

    @app.errorhandler(ApiError)
    @app.errorhandler(HTTPException)
    @app.errorhandler(Exception)
    def refusal(exception):
        return exception_response(exception)

    metadata = data["country_package_metadata"]
    app.wsgi_app = CalculateRoute(app.wsgi_app, name, answer_calculate, [
        ("Country-Package", metadata["name"]), ("Country-Package-Version", metadata["version"]),
    ])
    return app


def spec_examples(tax_benefit_system, data):
    """Examples for the regime's spec: a one-person situation, a variable and a parameter that exist."""
    variables = tax_benefit_system.variables
    question = "in_en_plan_trial" if "in_en_plan_trial" in variables else next(iter(variables))
    person = {
        name: value for name, value in (
            ("municipality", {"2019-03": "ballerup"}),
            ("birth_date", {"ETERNITY": "1985-06-15"}),
            ("employment_target_group", {"2019-03": "uddannelseshjaelp_aktivitetsparat"}),
            ("has_complex_problems", {"2019-03": True}),
        ) if name in variables
    }
    person[question] = {"2019-03": None}
    # a parameter id without "." (in the path, OpenFisca writes the dots of an id as "/")
    simple = [key for key in data["parameters"] if "." not in key]
    examples = {"situation": {"persons": {"parent": person}}, "variableID": question}
    if simple:
        examples["parameterID"] = simple[0]
    return examples


def _closure_value(function, name):
    for cell_name, cell in zip(function.__code__.co_freevars, function.__closure__ or (), strict=False):
        if cell_name == name:
            return cell.cell_contents
    raise LookupError(f"{function.__name__} has no closure variable {name!r}")


def log_input_error(exception, environ=None):
    """An input error the strict validation did not catch: log its type (never the input) to fix the check."""
    environ = request.environ if environ is None else environ
    log.warning(
        "input error not caught by validation: %s (request %s, route %s)",
        type(exception).__name__, request_id(environ), environ.get("enplan.route"),
    )


def server_error(exception, environ=None):
    """Last resort: log the bug (type and stack, never the request body) and answer JSON 500."""
    environ = request.environ if environ is None else environ
    log.error(
        "unexpected %s (request %s, route %s)\n%s",
        type(exception).__name__, request_id(environ), environ.get("enplan.route"),
        _stack(exception),
    )
    error = ApiError(500, "internal_error", text("internal_error", "en"))
    return error_response(error, request_id(environ))


def _stack(exception):
    return "".join(traceback.format_tb(exception.__traceback__))
