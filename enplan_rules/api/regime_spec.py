"""Each regime's OpenAPI document (/{regime}/spec), OpenFisca's own made true to what the hardened API answers.

OpenFisca 46 writes its spec by hand, and some of it does not hold: a description it declares a string is
null for undocumented parameters and variables, `defaultValue` is declared a string but is a boolean or a
number, a parameter's `id` is declared an integer, the refusals (400, 404, 405, 408, 413, 415) are partly
undeclared and have no schema, and there is no security scheme. This module corrects a copy of it; the
tests run schemathesis with every check against the result.
"""

import copy

ERROR_SCHEMAS = {
    "ErrorItem": {
        "type": "object",
        "required": ["message", "expected"],
        "properties": {
            "pointer": {"type": "string", "description": "JSON pointer (RFC 6901) into the body"},
            "parameter": {"type": "string", "description": "The query parameter or header at fault"},
            "message": {"type": "string"},
            "expected": {"type": "string"},
        },
    },
    "Error": {
        "type": "object",
        "required": ["status", "error", "message", "errors"],
        "properties": {
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "error": {"type": "string"},
            "message": {"type": "string"},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ErrorItem"}},
            "errors_omitted": {"type": "integer", "minimum": 1},
            "request_id": {"type": "string", "nullable": True},
        },
    },
}
REFUSALS = {
    "400": "Invalid request: each item of `errors` names the field (pointer or parameter)",
    "401": "Missing or wrong bearer token (when the server has one)",
    "404": "No such path, variable or parameter",
    "405": "Method not allowed on this path",
    "408": "The request did not arrive within the server's read timeout",
    "413": "Body larger than the server's limit",
    "415": "Body not declared as JSON (Content-Type)",
}
ANY_VALUE = {"description": "A boolean, a number, a string (dates as YYYY-MM-DD, enumerations by name) or "
                            "a list of them"}

LABELS = {
    "type": "object",
    "description": "The variable's label in Danish and in English (`description` is the English one)",
    "properties": {"da": {"type": "string"}, "en": {"type": "string"}},
    "required": ["da", "en"],
}


def _nullable(schema):
    return {**schema, "nullable": True}


def corrected(spec, token_required=False, examples=None):
    """A corrected copy of OpenFisca's OpenAPI 3.0 document `spec` (see the module docstring). `examples`
    may give a `situation` (the body of /calculate and /trace), a `variableID` and a `parameterID`: they
    replace OpenFisca's placeholder example (a sentence where a situation belongs)."""
    spec = copy.deepcopy(spec)
    examples = examples or {}
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(copy.deepcopy(ERROR_SCHEMAS))
    variable = schemas.get("Variable", {}).get("properties", {})
    if "defaultValue" in variable:
        variable["defaultValue"] = dict(ANY_VALUE)
    for name in ("description", "source"):
        if name in variable:
            variable[name] = _nullable(variable[name])
    if variable:
        variable["labels"] = LABELS
    parameter = schemas.get("Parameter", {}).get("properties", {})
    if "id" in parameter:
        parameter["id"] = {"type": "string"}
    for name in ("description", "source"):
        if name in parameter:
            parameter[name] = _nullable(parameter[name])
    node = schemas.get("Trace", {}).get("properties", {}).get("trace", {}).get("additionalProperties", {})
    if "parameters" in node.get("properties", {}):  # a parameter's value, not an object
        node["properties"]["parameters"]["additionalProperties"] = dict(ANY_VALUE)
        node["properties"]["calculation_time"] = {"type": "number"}
        node["properties"]["formula_time"] = {"type": "number"}
    if "example" in schemas.get("Trace", {}) and "situation" in examples:
        del schemas["Trace"]["example"]  # a sentence, not a trace
    if "Value" in schemas:
        schemas["Value"] = _nullable(dict(ANY_VALUE))
    for listing in ("Parameters", "Variables"):
        items = schemas.get(listing, {}).get("additionalProperties", {}).get("properties", {})
        if "description" in items:
            items["description"] = _nullable(items["description"])
        if listing == "Variables" and items:
            items["labels"] = LABELS
    entity = schemas.get("Entities", {}).get("properties", {})
    for name in ("description", "documentation"):
        if name in entity:
            entity[name] = _nullable(entity[name])
    # An input situation asks for a value with null ({"2019-03": null}), which OpenFisca's entity schemas
    # (Person, Family, ...: a typed value per period) do not allow.
    for entity in schemas.get("SituationInput", {}).get("properties", {}).values():
        name = entity.get("additionalProperties", {}).get("$ref", "").rpartition("/")[2]
        for variable in schemas.get(name, {}).get("properties", {}).values():
            values = variable.get("additionalProperties")
            if isinstance(values, dict) and "type" in values:
                variable["additionalProperties"] = _nullable(values)
    if "situation" in examples:
        for name in ("SituationInput",):
            if name in schemas:
                schemas[name]["example"] = copy.deepcopy(examples["situation"])
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in spec.get("paths", {}).values():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None and "situation" in examples:
                body["examples"] = {"person": {"summary": "One person", "value": examples["situation"]}}
            for parameter in operation.get("parameters", []):
                if parameter.get("name") in examples:
                    parameter["example"] = examples[parameter["name"]]
            responses = operation.setdefault("responses", {})
            codes = ("400", "401", "404", "405", "408", "413", "415") if method == "post" else (
                "400", "401", "404", "405")
            for code in codes:
                response = responses.setdefault(code, {"description": REFUSALS[code]})
                response["content"] = error
    spec["components"]["securitySchemes"] = {"bearer": {
        "type": "http", "scheme": "bearer",
        "description": "Required on every endpoint but /health when the server sets ENPLAN_API_TOKEN",
    }}
    if token_required:
        spec["security"] = [{"bearer": []}]
    return spec
