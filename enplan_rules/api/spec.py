"""The OpenAPI 3.1 description of the gateway (served at /spec): /check, /check/compare and /check/history with
their full answer schemas, the other gateway endpoints, every refusal, and the bearer token.

A case system generates its typed client from it (a test does so with openapi-python-client) and
schemathesis fuzzes the server against it. The schemas describe what `enplan_rules.case.check`, `compare` and
`enplan_rules.history.review` return; answers may carry more keys than listed (new keys are added, never
removed), though a test validates real answers with every listed object closed, so none goes undescribed.
The history endpoints add their part (`history_schemas`, `history_paths`) when they register.
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
HISTORY_REGIME_CHOICES = ("all", *regimes.NAMES)  # /check/history's `regime`: one regime, or all three
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
VALUE = {"type": ["boolean", "number", "null"],
         "description": "The answer: true/false for yes-no questions, a number for counts; null where it depends "
                        "on facts the case does not give (`status` depends)"}


# What every receipt says (/check's and the history's): the package, the law's version, the request's hash.
RECEIPT = {
    "package": STRING,
    "package_version": STRING,
    "one_plan_law_variant": {"$ref": REF + "OnePlanLawVariant"},  # the answer model's enum
    "request_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                       "description": "SHA-256 of the canonical request (case, regime, lang, variant)"},
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


HISTORY_ANSWER_FIELDS = ("question", "status", "value", "answer_text", "branches", "reasoning", "citations",
                         "ambiguities", "unverified_parameters", "dependencies")


def explained_answer():
    """The properties of an answer with its explanation as the history carries it (the model's Answer without
    `variable`), and the ones every such answer has."""
    from enplan_rules.answers.model import Answer
    from enplan_rules.answers.schema import properties_of

    return properties_of(Answer, HISTORY_ANSWER_FIELDS)


def answer_schemas():
    """Answer, Citation, Source, Dependency, Branch, Receipt, CheckResult, CompareResult and the enums they use:
    generated from the answer model (enplan_rules.answers.model), the one source of truth."""
    from enplan_rules.answers.schema import components

    return components()


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


REFUSALS = {
    "400": "Invalid request: each item of `errors` names the field (pointer or parameter)",
    "401": "Missing or wrong bearer token (when the server has one)",
    "404": "No such path",
    "405": "Method not allowed on this path",
    "408": "The request did not arrive within the server's read timeout",
    "413": "Body larger than the server's limit",
    "415": "Body not declared as JSON (Content-Type)",
}
BODY_REFUSALS = ("400", "401", "404", "405", "408", "413", "415")
GET_REFUSALS = ("400", "401", "404", "405")


def responses(description, schema, media="application/json", body=True):
    """The answer of an operation: 200 with `schema`, and its refusals (JSON errors)."""
    ok = {"200": {"description": description, "content": {media: {"schema": schema}}}}
    error = {"application/json": {"schema": ref("Error")}}
    return {**ok, **{code: {"description": REFUSALS[code], "content": error}
                     for code in (BODY_REFUSALS if body else GET_REFUSALS)}}


def schema_document(operation_id, summary):
    """GET of a JSON Schema the server serves under /schemas/."""
    return {"get": {"operationId": operation_id, "summary": summary,
                    "responses": responses(f"{summary} (JSON Schema 2020-12)", {"type": "object"},
                                           media="application/schema+json", body=False)}}


def query_parameter(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


LANG = query_parameter("lang", "The language of answers and refusals (default da)",
                       {"type": "string", "enum": list(LANGS), "default": "da"})
FORM = query_parameter("form", "full: every answer with its citations, register entries and unverified values; "
                              "compact: each of those once per response, in `references`, the answers naming them "
                              "by id (default full)", {"type": "string", "enum": ["full", "compact"], "default": "full"})
VARIANT = query_parameter("one_plan_law_variant", "The version of the One Plan law (default enacted)",
                          {"type": "string", "enum": list(regimes.VARIANTS), "default": regimes.DEFAULT_VARIANT})

READING = {**query_parameter(
    "reading", "Answer under a register entry's alternative reading: `R1` or `R1:alternative` (`R1:engine` for the "
               "engine's own); repeatable, each entry once. Applies to every regime run; the receipt lists it",
    {"type": "array", "items": {"type": "string", "maxLength": 100}}), "style": "form", "explode": True}
OVERRIDE = {**query_parameter(
    "override", "A parameter value of your own for this request, `name=value` (e.g. "
                "`trial.meeting_parity_tolerance=0.2`); repeatable, each name once. Applies to every regime run "
                "that has the parameter; one no regime has is refused (400); the receipt lists those used",
    {"type": "array", "items": {"type": "string", "maxLength": 200}}), "style": "form", "explode": True}


def either(result):
    """The answer of an operation with `form`: the full result, or its compact twin."""
    return {"anyOf": [ref(result), ref("Compact" + result)]}


def with_compact_twins(schemas, roots):
    """`schemas` and the compact twins of the results `roots` (enplan_rules.api.compact)."""
    from enplan_rules.api.compact import compact_schemas

    return {**schemas, **compact_schemas(schemas, roots)}


def body_schema(schema):
    """A JSON Schema document as a component: without $schema and $id, which client generators do not take."""
    return {key: value for key, value in schema.items() if key not in ("$schema", "$id")}


def gateway_spec(case_schema, version, token_required=False, extra_paths=None):
    """The OpenAPI document of the gateway. `case_schema` is the case document's JSON Schema; with
    `token_required` every operation but /health requires the bearer token (the scheme is always declared,
    so generated clients can send it)."""
    regime = query_parameter("regime", "The regime (default trial)",
                             {"type": "string", "enum": list(regimes.NAMES), "default": "trial"})
    body = {"required": True, "content": {"application/json": {
        "schema": ref("Case"), "examples": {"family": {"summary": "A Ballerup family", "value": EXAMPLE_CASE}},
    }}}
    paths = {
        "/": {"get": {"operationId": "index", "summary": "The regimes and links",
                      "responses": responses("Index of regimes and links", ref("Index"), body=False)}},
        "/health": {"get": {"operationId": "health", "summary": "Whether the server is up (open without token)",
                            "security": [],
                            "responses": responses("The server is up", ref("Health"), body=False)}},
        "/schemas/case.json": schema_document("caseSchema", "The case document's JSON Schema"),
        "/check": {"post": {
            "operationId": "check", "summary": "Every public question of a case answered under one regime",
            "description": _check_limits(),
            "parameters": [regime, LANG, VARIANT, FORM, READING, OVERRIDE], "requestBody": body,
            "responses": responses("Every public question answered, explained and receipted",
                                   either("CheckResult")),
        }},
        "/check/compare": {"post": {
            "operationId": "compare", "summary": "A case under all three regimes, the differences marked",
            "description": _check_limits(),
            "parameters": [LANG, VARIANT, FORM, READING, OVERRIDE], "requestBody": body,
            "responses": responses("The case under all three regimes", either("CompareResult")),
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
            "schemas": with_compact_twins({"Case": body_schema(case_schema), **answer_schemas(),
                                           **gateway_schemas()}, ("CheckResult", "CompareResult")),
        },
    }


# -- the case history (POST /check/history) ----------------------------------------------------------------

MONTH = {"type": "string", "pattern": "^\\d{4}-(0[1-9]|1[0-2])$", "description": "A month (YYYY-MM)"}
DATE = {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}
NULLABLE_DATE = {**DATE, "type": ["string", "null"]}
COUNT = {"type": "integer", "minimum": 0}
FACT_VALUE = {"type": ["boolean", "integer", "string", "null"]}
REVIEW_STATUSES = {
    "met": "done by the deadline",
    "late": "done, `days_late` days after the deadline",
    "missing": "not done",
    "not_required_done": "done where the regime did not require it (informational)",
    "depends": "owed or not on a judgement the history does not record (`depends_on`)",
    "after_required": "a plan whose paragraph sets no deadline, made after the first month it was required "
                      "(`days_after` days after `window_start`)",
}


def enum(values, description=None, nullable=False):
    schema = {"type": ["string", "null"] if nullable else "string", "enum": [*values, *([None] if nullable else [])]}
    return {**schema, "description": description} if description else schema


def history_schemas(history_schema):
    """The components of /check/history's answer. `history_schema` is the history document's JSON Schema (the
    municipalities, target groups and facts it names are the ones the answer can name)."""
    from enplan_rules.case.questions import QUESTIONS
    from enplan_rules.history import duties, report

    person = history_schema["properties"]["persons"]["items"]["properties"]
    regime = ref("Regime")  # the answer model's enums: one component each
    question_ids = [question.id for question in QUESTIONS]
    duty = enum(report.DUTIES, "The duty: the first right-and-duty offer, a sickness-benefit follow-up, the "
                                "contact process's first phase or a 12-month block of it, or a plan")
    target_group = enum([group for group in person["employment_target_group"]["enum"] if group is not None],
                        "The LAB § 2 target group the time limit is read for")
    parameter = {**array(ref("ReceiptParameter")),
                 "description": "The parameters the time limit rests on: value, the date it applies from, status"}
    explained, explained_required = explained_answer()

    def by_person(answer, description):
        answers = {"type": "object", "propertyNames": enum(question_ids), "additionalProperties": answer,
                   "description": "By question id"}
        return {"type": "object", "additionalProperties": answers, "description": description}

    return {
        "HistoryResult": obj({
            "from": {**MONTH, "description": "The first month of the timeline"},
            "to": {**MONTH, "description": "The last month of the timeline"},
            "lang": ref("Lang"),
            "regimes": {**array(regime), "description": "The regimes answered (regime=all: all three)"},
            "package_version": STRING,
            "timeline": ref("HistoryTimeline"),
            "deadlines": {**array(ref("HistoryDeadline")), "description": "The review items that have a due date"},
            "review": {**array(ref("HistoryReviewItem")),
                       "description": "Each duty owed (or done where not owed) set against the record"},
            "findings": {**COUNT, "description": "How many review items are late, missing or depends"},
            "meeting_parity": array(ref("HistoryMeetingParity")),
            "notes": {**array(ref("HistoryNote")), "description": "Deadlines not reviewed, and why"},
            "receipt": ref("HistoryReceipt"),
            "note": {**STRING, "description": "What the review is (a reading of the law, not a decision)"},
        }, required=("from", "to", "lang", "regimes", "package_version", "timeline", "deadlines", "review",
                     "findings", "meeting_parity", "notes", "receipt", "note"),
           description="A case history's timeline under each regime, its change points, its deadlines as dates "
                       "and the compliance review"),
        "HistoryTimeline": obj({
            "months": array(MONTH),
            "regimes": obj({name: ref("HistoryRegimeTimeline") for name in regimes.NAMES},
                           description="By regime: the regimes of `regimes` only"),
        }, required=("months", "regimes")),
        "HistoryRegimeTimeline": obj({
            "start": ref("HistoryStart"),
            "months": array(ref("HistoryMonth")),
            "change_points": {**array(ref("HistoryChangePoint")),
                              "description": "Every month an answer differs from the month before"},
            "computed_by": enum(["simulation", "check"],
                                "simulation: one simulation over all the months; check: month by month through "
                                "/check's own path (where the two would differ)"),
        }, required=("start", "months", "change_points", "computed_by")),
        "HistoryStart": obj({
            "month": MONTH,
            "persons": by_person(ref("HistoryAnswer"), "The first month's answers, explained, by person id"),
        }, required=("month", "persons")),
        "HistoryAnswer": obj(explained, required=explained_required,
                             description="An answer with its explanation, as /check gives it (without `variable`)"),
        "HistoryMonth": obj({
            "month": MONTH,
            "municipality": enum(history_schema["properties"]["municipality"]["enum"]),
            "persons": by_person(ref("HistoryMonthAnswer"), "The month's answers, by person id"),
        }, required=("month", "municipality", "persons")),
        "HistoryMonthAnswer": obj({
            "status": ref("Status"),
            "value": VALUE,
            "answer_text": {**STRING, "description": "Where the answer depends: its sentence"},
            "ambiguities": {**array(STRING),
                            "description": "The ids of the register entries the answer rests on (when any)"},
            "unverified": {"type": "boolean", "description": "true: the answer rests on unverified values"},
        }, required=("status", "value"), description="A month's answer: its value and flags (the explanation is in the "
                                             "change points and the start)"),
        "HistoryChangePoint": obj({
            "month": MONTH,
            "person": STRING,
            "question_id": enum(question_ids),
            "from": {**VALUE, "description": "The answer the month before"},
            "to": {**VALUE, "description": "The answer from this month"},
            "from_status": {"allOf": [ref("Status")], "description": "The answer's status the month before"},
            "from_text": {**STRING, "description": "The answer the month before, in words"},
            "facts_changed": {**array(ref("HistoryFactChange")),
                              "description": "The facts that changed (none: the answer changed with the date alone, "
                                             "e.g. a law in force, an age, a deadline)"},
            "parameters_changed": {**array(ref("ReceiptParameter")),
                                   "description": "The case's parameters that take a new value from this month"},
            **explained,
        }, required=("month", "person", "question_id", "from", "to", "from_status", "from_text", "facts_changed",
                     "parameters_changed", *explained_required),
           description="A month an answer changes: the facts and parameters that changed, and the new answer "
                       "explained"),
        "HistoryFactChange": obj({
            "fact": enum(["municipality", *(name for name in person if name not in ("id", "role", "record"))]),
            "from": FACT_VALUE,
            "to": FACT_VALUE,
        }, required=("fact", "from", "to")),
        "HistoryDeadline": obj({
            "regime": regime,
            "person": STRING,
            "duty": duty,
            "due": {**DATE, "description": "The deadline"},
            "window_start": {**DATE, "description": "From when the duty can be met"},
            "paragraph": {**STRING, "description": "The provisions the duty rests on"},
            "parameters": parameter,
            "required_count": {**COUNT, "description": "Contact process: meetings required in the window"},
            "number": {"type": "integer", "minimum": 1, "description": "Sickness-benefit follow-up: which one"},
            "target_group": target_group,
        }, required=("regime", "person", "duty", "due", "window_start", "paragraph", "parameters")),
        "HistoryReviewItem": obj({
            "regime": regime,
            "person": STRING,
            "duty": duty,
            "paragraph": {**STRING, "description": "The provisions the duty rests on"},
            "status": enum(REVIEW_STATUSES, "; ".join(f"{key}: {text}" for key, text in REVIEW_STATUSES.items())),
            "finding": {"type": "boolean", "description": "The status is late, missing, depends or after_required"},
            "due": {**NULLABLE_DATE, "description": "The deadline (null for a plan whose paragraph sets none)"},
            "window_start": {**NULLABLE_DATE, "description": "From when the duty can be met"},
            "done": {**array(DATE), "description": "The record's dates that meet it (or were done)"},
            "days_late": {"type": ["integer", "null"], "minimum": 1},
            "days_after": {"type": "integer", "minimum": 1,
                           "description": "after_required: days from window_start to the plan"},
            "deadline_rule": enum(("period", "first_followup", "before_first_offer", "none"),
                                  "Plans: the deadline's rule — so many months from window_start, the first "
                                  "sickness-benefit follow-up, before the first offer recorded, or none set by the law"),
            "deadline_law": {**STRING, "description": "Plans: the words of the law that set the deadline"},
            "parameters": parameter,
            "target_group": target_group,
            "number": {"type": "integer", "minimum": 1, "description": "Sickness-benefit follow-up: which one"},
            "required_count": {**COUNT, "description": "Contact process: meetings required in the window"},
            "held_count": {**COUNT, "description": "Contact process: meetings held in the window"},
            "months_applying": {**COUNT, "description": "Contact process: months the ordinary rules applied"},
            "months": {**array(MONTH), "minItems": 2, "maxItems": 2,
                       "description": "The first and last month of the window (contact process) or spell (plan)"},
            "depends_on": {**array(enum(sorted({fact for facts in duties.JUDGEMENTS.values() for fact in facts}))),
                           "description": "status depends: the judgement facts the history does not record"},
            "status_if_required": enum(("met", "late", "missing"), "status depends: the status if the duty is owed"),
            "reason_month": {**MONTH, "description": "not_required_done: the month the regime did not require it"},
            "plan": enum([question.id for question in duties.PLAN_QUESTIONS], "Plans: the plan"),
            "question": enum([question.id for question in duties.PLAN_QUESTIONS], "Plans: the question answered"),
            "met_by": enum(("one_plan", "separate_plan"), "Plans the trial replaces: what met the duty"),
            "note": enum(("meeting_parity", "no_plan_made"),
                         "meeting_parity: the contact process was set aside, parity is a target-group question; "
                         "no_plan_made: neither the separate plan nor a one plan that replaces it was made"),
        }, required=("regime", "person", "duty", "paragraph", "status", "finding", "due", "window_start", "done"),
           description="A duty owed under a regime, its deadline and what the record shows"),
        "HistoryMeetingParity": obj({
            "regime": regime,
            "person": STRING,
            "paragraph": STRING,
            "months": {**COUNT, "description": "The months the trial set the ordinary meetings aside"},
            "from": MONTH,
            "to": MONTH,
            "held": {**COUNT, "description": "Meetings and follow-ups held in those months"},
            "ordinary_required": {"type": "number", "minimum": 0,
                                  "description": "Meetings the ordinary rules would require in those months"},
            "note": enum(["target_group_question"], "Parity is a target-group question, not a case question"),
        }, required=("regime", "person", "paragraph", "months", "from", "to", "held", "ordinary_required", "note")),
        "HistoryNote": obj({
            "regime": regime,
            "person": STRING,
            "duty": enum([*report.DUTIES, "right_and_duty_next_offers"]),
            "code": enum(sorted(duties.NOTES), "Why the deadline is not reviewed"),
            "note": {**STRING, "description": "The same in the request's language"},
        }, required=("regime", "person", "duty", "code", "note")),
        "HistoryReceipt": obj({**RECEIPT, "texts": {**array(ref("LawText")),
                                                    "description": "The official texts and versions quoted"}},
                              required=tuple(RECEIPT),
                              description="Provenance: package version, the One Plan law's version, the request's "
                                          "hash (history, regimes, lang, months, variant)"),
    }


def _check_limits():
    from enplan_rules.answers.contingent import MAX_COMBINATIONS
    from enplan_rules.api import budget
    from enplan_rules.case import load_schema

    persons = load_schema()["properties"]["persons"]["maxItems"]
    return (f"Limits: at most {persons} persons and {MAX_COMBINATIONS} combinations of unknown facts, else 400 naming them; "
            f"a check that has used {budget.CHECK_CPU_SECONDS:g} s of CPU (or runs {budget.CHECK_WALL_SECONDS:g} s) "
            "is stopped and answered 503 `over_time_budget`, naming what to shrink (/persons: fewer persons, fewer "
            "unknown facts, the unrecorded judgements recorded). The body is at most the server's body limit "
            "(413 beyond it).")


def _history_limits():
    from enplan_rules.api import budget

    return (f"Limits: at most {budget.MAX_MONTH_REGIMES} months × regimes, and months × regimes × (1 + unknown "
            f"facts) at most {budget.MAX_WORK}, else 400 naming what to shrink (/to or the `to` parameter, "
            f"/persons); a review that has used {budget.CPU_SECONDS:g} s of CPU (or runs {budget.WALL_SECONDS:g} s) is stopped and answered 503. "
            "The body is at most the server's body limit (413 beyond it).")


def history_paths(history_schema):
    """POST /check/history and GET /schemas/history.json."""
    from enplan_rules.history import DEFAULT_FROM, DEFAULT_TO
    from enplan_rules.history.files import parse
    from enplan_rules.history.page import example_text

    regime = query_parameter("regime", "The regime, or all three (default all)",
                             enum(HISTORY_REGIME_CHOICES) | {"default": "all"})
    months = [query_parameter(name, f"The {which} month of the timeline (default: the history's `{name}`, "
                                    f"else {default})", MONTH)
              for name, which, default in (("from", "first", DEFAULT_FROM), ("to", "last", DEFAULT_TO))]
    example = parse(example_text(), "example").history
    body = {"required": True, "content": {"application/json": {
        "schema": ref("History"),
        "examples": {"family": {"summary": "A Ballerup mother and child across the trial", "value": example}},
    }}}
    return {
        "/check/history": {"post": {
            "operationId": "checkHistory",
            "summary": "A case history's timeline, change points, deadlines and compliance review",
            "description": _history_limits(),
            "parameters": [regime, LANG, *months, VARIANT, FORM], "requestBody": body,
            "responses": responses("The timeline per regime and month, the change points, the deadlines as dates "
                                   "and the review", either("HistoryResult")),
        }},
        "/schemas/history.json": schema_document("historySchema", "The case history's JSON Schema"),
    }

JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"),
              (dict, "object"), (type(None), "null"))
REFUSAL_CODES = {"post": BODY_REFUSALS, "get": GET_REFUSALS}


def _json_type(value):
    return next(name for kind, name in JSON_TYPES if isinstance(value, kind))


def closed(schema):
    """A copy of `schema` (a spec or a part) in which every object schema that lists its properties allows no
    others. The served spec leaves them open (clients of an older version keep working when a key is added);
    the tests validate real answers against the closed copy, so no field of an answer goes undescribed."""
    import copy

    schema = copy.deepcopy(schema)
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                node.setdefault("additionalProperties", False)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return schema


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
