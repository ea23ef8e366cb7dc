"""JSON error answers of the API: every refusal names the offending field and what was expected.

An error body is ``{"status", "error", "message", "errors": [...], "request_id"}``; each item of ``errors``
has ``message`` and ``expected`` and locates the fault with ``pointer`` (a JSON pointer, RFC 6901, into the
request body; ``""`` is the whole body) or ``parameter`` (a query parameter or header name).
"""

import datetime
import json

from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from enplan_rules.case.validation import json_pointer

LANGS = ("da", "en")
MAX_ERRORS = 50  # error items in one answer; the rest are counted in "errors_omitted"

# Short texts of the refusals the API itself gives, in both languages of /check.
TEXTS = {
    "bad_request": ("Forespørgslen er ugyldig.", "The request is invalid."),
    "invalid_field": ("Et felt i forespørgslen er ugyldigt.", "A field of the request is invalid."),
    "invalid_json": ("Indholdet er ikke gyldig JSON.", "The body is not valid JSON."),
    "expected_json": ("et JSON-dokument i UTF-8", "a JSON document in UTF-8"),
    "unsupported_media_type": (
        "Indholdstypen understøttes ikke.",
        "The content type is not supported.",
    ),
    "expected_content_type": ("Content-Type: application/json", "Content-Type: application/json"),
    "too_large": ("Indholdet er for stort.", "The body is too large."),
    "expected_size": ("højst {limit} bytes", "at most {limit} bytes"),
    "not_found": ("Adressen findes ikke.", "No such path."),
    "expected_path": ("en af adresserne i indekset på /", "one of the paths listed in the index at /"),
    "method_not_allowed": (
        "Metoden er ikke tilladt på denne adresse.",
        "The method is not allowed on this path.",
    ),
    "expected_method": ("en af metoderne {methods}", "one of the methods {methods}"),
    "unauthorized": ("Adgang kræver et gyldigt bearer-token.", "A valid bearer token is required."),
    "expected_token": ("Authorization: Bearer <token>", "Authorization: Bearer <token>"),
    "unknown_parameter": ("Ukendt forespørgselsparameter.", "Unknown query parameter."),
    "expected_parameters": ("kun parametrene {names}", "only the parameters {names}"),
    "invalid_parameter": ("Ugyldig værdi for parameteren.", "Invalid value for the parameter."),
    "expected_one_of": ("en af {values}", "one of {values}"),
    "repeated_parameter": ("Parameteren er angivet flere gange.", "The parameter is given more than once."),
    "expected_once": ("parameteren højst én gang", "the parameter at most once"),
    "case_invalid": ("Sagsdokumentet er ugyldigt.", "The case document is invalid."),
    "internal_error": (
        "Uventet fejl i serveren; den er logget under forespørgslens id.",
        "Unexpected server error; it is logged under the request id.",
    ),
    "invalid_json_detail": (
        "JSON-fejl i linje {line}, kolonne {column}: {msg}",
        "JSON error at line {line}, column {column}: {msg}",
    ),
    "invalid_number": (
        "Et tal er ikke tilladt i JSON (NaN eller uendelig) eller er for stort.",
        "A number is not allowed in JSON (NaN or infinity) or is too large.",
    ),
    "too_deep": ("Dokumentet er for dybt indlejret.", "The document is nested too deeply."),
    "invalid_utf8": ("Indholdet er ikke gyldig UTF-8.", "The body is not valid UTF-8."),
    "empty_body": ("Indholdet er tomt.", "The body is empty."),
    "duplicate_key": ("Nøglen forekommer mere end én gang i objektet.", "The key occurs more than once in the object."),
    "expected_unique_key": ("hver nøgle højst én gang i et objekt", "each key at most once in an object"),
    "lone_surrogate": (
        "Teksten indeholder et enligt surrogattegn (\\ud800–\\udfff), som ikke er Unicode.",
        "The text contains a lone surrogate (\\ud800–\\udfff), which is not Unicode.",
    ),
    "expected_unicode": ("tekst i gyldig Unicode", "text in valid Unicode"),
    "unreadable_body": ("Indholdet kunne ikke læses: {reason}.", "The body could not be read: {reason}."),
    "expected_framing": (
        "et indhold med korrekt Content-Length eller chunked-kodning",
        "a body framed by a correct Content-Length or chunked encoding",
    ),
    "request_timeout": (
        "Forespørgslen blev ikke modtaget inden for {seconds} sekunder.",
        "The request was not received within {seconds} seconds.",
    ),
    "expected_timely": ("hele forespørgslen inden for {seconds} sekunder", "the whole request within {seconds} seconds"),
}


def text(key, lang="en", **values):
    """The text `key` in `lang` (da or en), with `values` filled in."""
    da, en = TEXTS[key]
    return (da if lang == "da" else en).format(**values)


def pointer(*tokens):
    """The JSON pointer made of `tokens` ("" for none: the whole document)."""
    return json_pointer(tokens)


def field(message, expected, *, pointer=None, parameter=None):
    """One error item: where (body `pointer` or query/header `parameter`), what is wrong, what was expected."""
    item = {}
    if parameter is not None:
        item["parameter"] = parameter
    else:
        item["pointer"] = "" if pointer is None else pointer
    item["message"] = message
    item["expected"] = expected
    return item


class ApiError(Exception):
    """A refusal of the request, answered as JSON with `status` and the error `items` (at most MAX_ERRORS;
    `omitted` counts the items left out, given or beyond the cap)."""

    def __init__(self, status, error, message, items=(), headers=None, omitted=0):
        super().__init__(message)
        items = list(items)
        self.status = status
        self.error = error
        self.message = message
        self.items = items[:MAX_ERRORS]
        self.omitted = omitted + max(0, len(items) - MAX_ERRORS)
        self.headers = dict(headers or {})


class RequestTimeout(Exception):
    """The client did not send its whole request within the read timeout (raised by the server's reader;
    deliberately not an OSError, so that gunicorn answers it instead of dropping the connection)."""

    def __init__(self, seconds):
        super().__init__(f"request not received within {seconds:g} s")
        self.seconds = seconds


def _json_default(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def json_bytes(payload, default=_json_default):
    """`payload` as UTF-8 JSON. Text that is not Unicode (a lone surrogate quoted from the input) cannot be
    written as UTF-8: then the whole document is written ASCII-escaped ("\\ud800"), which is valid JSON."""
    try:
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=default).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(payload, ensure_ascii=True, separators=(",", ":"), default=default).encode("ascii")


def json_response(payload, status=200, headers=None):
    """A JSON response (UTF-8, not ASCII-escaped; dates as YYYY-MM-DD)."""
    body = json_bytes(payload)
    response = Response(body, status=status, mimetype="application/json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def error_payload(status, error, message, items=(), request_id=None, omitted=0):
    """The JSON body of a refusal."""
    payload = {
        "status": status,
        "error": error,
        "message": message,
        "errors": list(items),
        "request_id": request_id,
    }
    if omitted:
        payload["errors_omitted"] = omitted
    return payload


# What error_response answers if the refusal itself cannot be written (it never should).
_FALLBACK = json.dumps({"status": 400, "error": "bad_request", "message": "The request is invalid.",
                        "errors": [], "request_id": None}).encode()


def error_response(error: ApiError, request_id=None):
    """The JSON response of an ApiError; cannot fail (any value is written as text, non-Unicode escaped)."""
    try:
        payload = error_payload(error.status, error.error, error.message, error.items, request_id,
                                error.omitted)
        body = json_bytes(payload, default=str)
        status = error.status
    except Exception:  # pragma: no cover - a refusal that cannot be serialised is a bug; still answer
        body, status = _FALLBACK, 400 if error.status < 500 else 500
    response = Response(body, status=status, mimetype="application/json")
    for name, value in error.headers.items():
        response.headers[name] = value
    return response


def http_error(exception: HTTPException, lang="en", path_prefix=""):
    """Translate werkzeug's HTTP exceptions (404, 405, 413, ...) into ApiError."""
    code = exception.code or 400
    if code == 404:
        return ApiError(404, "not_found", text("not_found", lang), [
            field(text("not_found", lang), text("expected_path", lang), parameter="path"),
        ])
    if code == 405:
        methods = sorted(getattr(exception, "valid_methods", None) or [])
        return ApiError(405, "method_not_allowed", text("method_not_allowed", lang), [
            field(
                text("method_not_allowed", lang),
                text("expected_method", lang, methods=", ".join(methods)),
                parameter="method",
            ),
        ], headers={"Allow": ", ".join(methods)} if methods else None)
    if code == 413:
        return ApiError(413, "payload_too_large", text("too_large", lang))
    if code == 415:
        return ApiError(415, "unsupported_media_type", text("unsupported_media_type", lang), [
            field(
                text("unsupported_media_type", lang),
                text("expected_content_type", lang),
                parameter="Content-Type",
            ),
        ])
    name = (exception.name or "error").lower().replace(" ", "_")
    return ApiError(code, name, exception.description or exception.name or "error")
