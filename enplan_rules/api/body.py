"""Reading a JSON request body strictly: the right Content-Type, UTF-8, no NaN/Infinity, bounded numbers,
no key twice in an object, no lone surrogate (``"\\ud800"``: valid JSON syntax, but not Unicode text)."""

import json
import math
import re

from enplan_rules.api.errors import ApiError, field, pointer, text

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


# A surrogate can only enter through a \\uD800-\\uDFFF escape (the body is valid UTF-8): only then is the
# document searched for lone ones (an escaped pair is decoded into one character and is fine).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Duplicated(dict):
    """An object in which a key occurred more than once (the keys in `duplicates`)."""

    duplicates = ()


def _decoder(found):
    """A strict decoder that appends to `found` when an object has a key twice (one decoder per call:
    requests are decoded in several threads)."""

    def make_object(pairs):
        result = dict(pairs)
        if len(result) != len(pairs):
            seen = set()
            result = _Duplicated(result)
            result.duplicates = [key for key, _ in pairs if key in seen or seen.add(key)]
            found.append(True)
        return result

    return json.JSONDecoder(
        parse_constant=_parse_constant, parse_int=_parse_int, parse_float=_parse_float,
        object_pairs_hook=make_object,
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
    duplicates = []
    try:
        value = _decoder(duplicates).decode(document)
    except _NumberError as error:
        refuse(f"{text('invalid_number', lang)} ({error.args[0]})")
    except json.JSONDecodeError as error:
        refuse(text("invalid_json_detail", lang, line=error.lineno, column=error.colno, msg=error.msg))
    except RecursionError:
        refuse(text("too_deep", lang))
    except ValueError as error:  # int() refusing a literal
        refuse(f"{text('invalid_number', lang)} ({str(error)[:80]})")
    surrogates = _SURROGATE_ESCAPE.search(document) is not None
    faults = _faults(value, surrogates, lang) if duplicates or surrogates else None
    if faults:
        raise ApiError(400, "invalid_json", text("invalid_json", lang), faults)
    return value


def _faults(document, surrogates, lang):
    """Error items for every duplicated key and (if `surrogates`) every text with a lone surrogate."""
    items = []
    stack = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key in getattr(node, "duplicates", ()):
                items.append(field(text("duplicate_key", lang), text("expected_unique_key", lang),
                                   pointer=pointer(*path, key)))
            for key, value in node.items():
                if surrogates and _SURROGATE.search(key):
                    items.append(field(text("lone_surrogate", lang), text("expected_unicode", lang),
                                       pointer=pointer(*path, key)))
                stack.append((value, (*path, key)))
        elif isinstance(node, list):
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
        elif surrogates and isinstance(node, str) and _SURROGATE.search(node):
            items.append(field(text("lone_surrogate", lang), text("expected_unicode", lang),
                               pointer=pointer(*path)))
    items.sort(key=lambda item: item["pointer"])
    return items
