"""The OpenAPI 3.1 description of the gateway (served at /spec): /check and /check/compare with their full
answer schemas, the other gateway endpoints, every refusal, and the bearer token.

A case system generates its typed client from it (a test does so with openapi-python-client) and
schemathesis fuzzes the server against it. The schemas describe what `enplan_rules.case.check` and
`compare` return; answers may carry more keys than listed (new keys are added, never removed).
"""

from enplan_rules import regimes
from enplan_rules.api.errors import LANGS

REF = "#/components/schemas/"
# The example case of docs/api.md: a Ballerup family, a parent on education benefit with complex problems
# and a child with special support (clients show it; schemathesis sends it in its explicit phase).
EXAMPLE_CASE = {
    "municipality": "ballerup",
    "month": "2019-03",
    "persons": [
        {"id": "parent", "role": "parent", "birth_date": "1985-06-15",
         "employment_target_group": "uddannelseshjaelp_aktivitetsparat", "benefit_start_date": "2018-09-01",
         "has_complex_problems": True, "consents_to_one_plan": True, "meetings_held": 1},
        {"id": "child", "role": "child", "birth_date": "2009-02-01", "receives_child_special_support": True},
    ],
}
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
VALUE = {
    "type": ["boolean", "integer", "number", "string", "null"],
    "description": "The answer: true/false for yes-no questions, a number for counts; a string such as "
                   "\"depends\" when the answer depends on facts the case does not give",
}


def ref(name):
    return {"$ref": REF + name}


def obj(properties, required=(), description=None, additional=True):
    schema = {"type": "object", "properties": properties, "required": list(required)}
    if not additional:
        schema["additionalProperties"] = False
    if description:
        schema["description"] = description
    return schema


def array(items):
    return {"type": "array", "items": items}


def answer_schemas():
    """Answer, Citation, Source, Ambiguity, UnverifiedParameter, Dependency, Receipt, results."""
    regime_enum = {"type": "string", "enum": list(regimes.NAMES)}
    return {
        "Source": obj({
            "id": NULLABLE_STRING,
            "document": NULLABLE_STRING,
            "paragraph": NULLABLE_STRING,
            "version": NULLABLE_STRING,
            "address": NULLABLE_STRING,
            "status": NULLABLE_STRING,
            "read_on": NULLABLE_STRING,
        }, description="Where the cited words were read: the document, its paragraph and version, its "
                       "address, and when it was read"),
        "Citation": obj({
            "text": {**STRING, "description": "The provisions, e.g. 'Lov nr. 658 af 8.6.2017 § 2 nr. 7'"},
            "url": {**NULLABLE_STRING, "description": "The first retsinformation.dk address, if any"},
            "urls": array(STRING),
            "variable": {**STRING, "description": "The rules variable the citation belongs to"},
            "excerpt": {**NULLABLE_STRING, "description": "The statute's own (Danish) words, when known"},
            "source": {"oneOf": [ref("Source"), {"type": "null"}]},
        }, required=("text", "urls", "variable")),
        "Ambiguity": obj({
            "id": {**STRING, "description": "The entry of the ambiguity register, e.g. R5"},
            "title": STRING,
            "reading": {**STRING, "description": "The reading the rules apply"},
            "alternative": {**STRING, "description": "The reading they do not apply"},
        }, required=("id", "title", "reading", "alternative")),
        "UnverifiedParameter": obj({
            "name": STRING,
            "value": {"description": "The parameter's value on the date of the case"},
            "status": {"type": "string", "description": "'unverified': not checked against the source"},
            "description": STRING,
            "start": {**STRING, "description": "The date the value applies from (YYYY-MM-DD)"},
        }, required=("name", "value", "status")),
        "Dependency": obj({}, description="A fact the answer depends on, when the case does not give it "
                                          "(contingent answers)"),
        "Answer": obj({
            "question": STRING,
            "variable": {**STRING, "description": "The rules variable that answers the question"},
            "value": VALUE,
            "answer_text": STRING,
            "citations": array(ref("Citation")),
            "reasoning": {**STRING, "description": "The facts and rules that decide the answer"},
            "ambiguities": array(ref("Ambiguity")),
            "unverified_parameters": array(ref("UnverifiedParameter")),
            "dependencies": array(ref("Dependency")),
            "differs_between_regimes": {"type": "boolean", "description": "Only in /check/compare"},
        }, required=("question", "variable", "value", "answer_text", "citations", "reasoning",
                     "ambiguities", "unverified_parameters")),
        "ReceiptParameter": obj({
            "name": STRING,
            "value": {"description": "The value on the date of the case"},
            "start": STRING,
            "status": STRING,
        }, required=("name", "value")),
        "Receipt": obj({
            "package": STRING,
            "package_version": STRING,
            "regime": regime_enum,
            "regime_description": STRING,
            "one_plan_law_variant": {"type": "string", "enum": list(regimes.VARIANTS)},
            "period": STRING,
            "parameters": array(ref("ReceiptParameter")),
            "request_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                               "description": "SHA-256 of the canonical request (case, regime, lang, variant)"},
        }, required=("package", "package_version", "regime", "period", "parameters", "request_sha256"),
           description="Provenance: package version, regime, period, parameter values with dates and status"),
        "PersonAnswers": obj({
            "answers": {"type": "object", "additionalProperties": ref("Answer"),
                        "description": "Every public question, by question id"},
        }, required=("answers",)),
        "CheckResult": obj({
            "regime": regime_enum,
            "period": {**STRING, "description": "The month (YYYY-MM)"},
            "lang": {"type": "string", "enum": list(LANGS)},
            "package_version": STRING,
            "persons": {"type": "object", "additionalProperties": ref("PersonAnswers"),
                        "description": "By the person ids of the case"},
            "receipt": ref("Receipt"),
            "note": STRING,
        }, required=("regime", "period", "lang", "package_version", "persons", "receipt")),
        "Difference": obj({
            "person": STRING,
            "question": STRING,
            "values": {"type": "object", "additionalProperties": VALUE, "description": "By regime"},
        }, required=("person", "question", "values")),
        "CompareResult": obj({
            "period": STRING,
            "lang": {"type": "string", "enum": list(LANGS)},
            "package_version": STRING,
            "regimes": obj({name: ref("CheckResult") for name in regimes.NAMES}, required=regimes.NAMES),
            "differences": array(ref("Difference")),
        }, required=("period", "lang", "package_version", "regimes", "differences")),
    }


def gateway_schemas():
    return {
        "ErrorItem": obj({
            "pointer": {**STRING, "description": "JSON pointer (RFC 6901) into the body; \"\" is the whole body"},
            "parameter": {**STRING, "description": "The query parameter or header at fault"},
            "message": STRING,
            "expected": STRING,
        }, required=("message", "expected")),
        "Error": obj({
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "error": {**STRING, "description": "A machine-readable code, e.g. invalid_case"},
            "message": STRING,
            "errors": array(ref("ErrorItem")),
            "errors_omitted": {"type": "integer", "minimum": 1,
                               "description": "How many further errors were left out (at most 50 are listed)"},
            "request_id": NULLABLE_STRING,
        }, required=("status", "error", "message", "errors")),
        "Health": obj({
            "status": {"type": "string", "enum": ["ok"]},
            "version": STRING,
            "regimes": array({"type": "string", "enum": list(regimes.NAMES)}),
        }, required=("status", "version", "regimes")),
        "Index": obj({
            "name": STRING,
            "version": STRING,
            "regimes": array(obj({
                "name": {"type": "string", "enum": list(regimes.NAMES)},
                "description": STRING,
                "links": {"type": "object", "additionalProperties": STRING},
            }, required=("name", "description", "links"))),
            "links": {"type": "object", "additionalProperties": STRING},
        }, required=("name", "version", "regimes", "links")),
    }


def gateway_spec(case_schema, version, token_required=False, extra_paths=None):
    """The OpenAPI document of the gateway. `case_schema` is the case document's JSON Schema; with
    `token_required` every operation but /health requires the bearer token (the scheme is always declared,
    so generated clients can send it)."""
    case = {key: value for key, value in case_schema.items() if key not in ("$schema", "$id")}
    error = {"application/json": {"schema": ref("Error")}}

    def refusal(description):
        return {"description": description, "content": error}

    refusals = {
        "400": refusal("Invalid request: each item of `errors` names the field (pointer or parameter)"),
        "401": refusal("Missing or wrong bearer token (when the server has one)"),
        "404": refusal("No such path"),
        "405": refusal("Method not allowed on this path"),
        "408": refusal("The request did not arrive within the server's read timeout"),
        "413": refusal("Body larger than the server's limit"),
        "415": refusal("Body not declared as JSON (Content-Type)"),
    }

    def responses(description, schema, media="application/json", body=True):
        ok = {"200": {"description": description, "content": {media: {"schema": schema}}}}
        kept = ("400", "401", "404", "405", "408", "413", "415") if body else ("400", "401", "404", "405")
        return {**ok, **{code: refusals[code] for code in kept}}

    lang = {"name": "lang", "in": "query", "required": False,
            "description": "The language of answers and refusals (default da)",
            "schema": {"type": "string", "enum": list(LANGS), "default": "da"}}
    regime = {"name": "regime", "in": "query", "required": False, "description": "The regime (default trial)",
              "schema": {"type": "string", "enum": list(regimes.NAMES), "default": "trial"}}
    variant = {"name": "one_plan_law_variant", "in": "query", "required": False,
               "description": "The version of the One Plan law (default enacted)",
               "schema": {"type": "string", "enum": list(regimes.VARIANTS), "default": regimes.DEFAULT_VARIANT}}
    body = {"required": True, "content": {"application/json": {
        "schema": ref("Case"), "examples": {"family": {"summary": "A Ballerup family", "value": EXAMPLE_CASE}},
    }}}
    paths = {
        "/": {"get": {"operationId": "index", "summary": "The regimes and links",
                      "responses": responses("Index of regimes and links", ref("Index"), body=False)}},
        "/health": {"get": {"operationId": "health", "summary": "Whether the server is up (open without token)",
                            "security": [],
                            "responses": responses("The server is up", ref("Health"), body=False)}},
        "/schemas/case.json": {"get": {
            "operationId": "caseSchema", "summary": "The case document's JSON Schema",
            "responses": responses("The case schema (JSON Schema 2020-12)", {"type": "object"},
                                   media="application/schema+json", body=False),
        }},
        "/check": {"post": {
            "operationId": "check", "summary": "Every public question of a case answered under one regime",
            "parameters": [regime, lang, variant], "requestBody": body,
            "responses": responses("Every public question answered, explained and receipted",
                                   ref("CheckResult")),
        }},
        "/check/compare": {"post": {
            "operationId": "compare", "summary": "A case under all three regimes, the differences marked",
            "parameters": [lang, variant], "requestBody": body,
            "responses": responses("The case under all three regimes", ref("CompareResult")),
        }},
        **(extra_paths or {}),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "enplan_rules case API", "version": version,
                 "description": "Answers the public questions of the En Plan trial, the One Plan law and "
                                "sector law for a case document. See docs/api.md."},
        "servers": [{"url": "/"}],
        **({"security": [{"bearer": []}]} if token_required else {}),
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {
                "type": "http", "scheme": "bearer",
                "description": "Required on every endpoint but /health when the server sets ENPLAN_API_TOKEN",
            }},
            "schemas": {"Case": case, **answer_schemas(), **gateway_schemas()},
        },
    }


JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"),
              (dict, "object"), (type(None), "null"))
REFUSAL_CODES = {
    "post": ("400", "401", "404", "405", "408", "413", "415"),
    "get": ("400", "401", "404", "405"),
}


def _json_type(value):
    return next(name for kind, name in JSON_TYPES if isinstance(value, kind))


def normalised(spec):
    """A copy of the gateway spec after every endpoint module has added its paths (the history endpoints
    register their own): every enum typed, every refusal declared with the Error schema, and the schema
    documents under /schemas/ declared as application/schema+json, as they are served."""
    import copy

    spec = copy.deepcopy(spec)
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("enum"), list) and node["enum"] and "type" not in node:
                types = sorted({_json_type(value) for value in node["enum"]})
                node["type"] = types[0] if len(types) == 1 else types
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    error = {"application/json": {"schema": ref("Error")}}
    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in REFUSAL_CODES.get(method, ()):
                responses.setdefault(code, {"description": "Refused: see the Error items", "content": error})
            ok = responses.get("200", {}).get("content", {})
            if path.startswith("/schemas/") and set(ok) == {"application/json"}:
                ok["application/schema+json"] = ok.pop("application/json")
    return spec
