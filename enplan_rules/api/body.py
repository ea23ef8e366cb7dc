"""Reading a JSON request body strictly: the right Content-Type, UTF-8, no NaN/Infinity, bounded numbers."""

import json
import math

from enplan_rules.api.errors import ApiError, field, text

MAX_INT_DIGITS = 40  # far beyond any int32/float64 value the engine accepts; refused before conversion


class _NumberError(ValueError):
    pass


def _parse_constant(name):
    raise _NumberError(name)


def _parse_int(literal):
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise _NumberError(literal[:20] + "…")
    return int(literal)


def _parse_float(literal):
    value = float(literal)
    if not math.isfinite(value):
        raise _NumberError(literal[:20])
    return value


_DECODER = json.JSONDecoder(
    parse_constant=_parse_constant, parse_int=_parse_int, parse_float=_parse_float
)


def is_json_content_type(header):
    """Whether `header` declares JSON (application/json or application/*+json), in UTF-8 if it names a charset."""
    if not header:
        return False
    mimetype, _, params = header.partition(";")
    mimetype = mimetype.strip().lower()
    if mimetype != "application/json" and not (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        return False
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


def check_content_type(header, lang="en"):
    """Refuse (415) a body that is not declared as JSON."""
    if not is_json_content_type(header):
        raise ApiError(415, "unsupported_media_type", text("unsupported_media_type", lang), [
            field(
                text("unsupported_media_type", lang) + (f" ({header[:100]})" if header else ""),
                text("expected_content_type", lang),
                parameter="Content-Type",
            ),
        ])


def parse_json(data: bytes, lang="en"):
    """Parse `data` as one JSON document or raise ApiError 400 saying where it breaks."""

    def refuse(message):
        raise ApiError(400, "invalid_json", text("invalid_json", lang), [
            field(message, text("expected_json", lang), pointer=""),
        ])

    if not data.strip():
        refuse(text("empty_body", lang))
    try:
        document = data.decode("utf-8")
    except UnicodeDecodeError:
        refuse(text("invalid_utf8", lang))
    document = document.removeprefix("\ufeff")
    try:
        return _DECODER.decode(document)
    except _NumberError as error:
        refuse(f"{text('invalid_number', lang)} ({error.args[0]})")
    except json.JSONDecodeError as error:
        refuse(text("invalid_json_detail", lang, line=error.lineno, column=error.colno, msg=error.msg))
    except RecursionError:
        refuse(text("too_deep", lang))
    except ValueError as error:  # int() refusing a literal
        refuse(f"{text('invalid_number', lang)} ({str(error)[:80]})")
