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
STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
VALUE = {
    "type": ["boolean", "integer", "number", "string", "null"],
    "description": "The answer: true/false for yes-no questions, a number for counts; a string such as "
                   "\"depends\" when the answer depends on facts the case does not give",
}


# What every receipt says (/check's and the history's): the package, the law's version, the request's hash.
RECEIPT = {
    "package": STRING,
    "package_version": STRING,
    "one_plan_law_variant": {"type": "string", "enum": list(regimes.VARIANTS)},
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


def explained_answer():
    """The properties of an answer with its explanation (/check's Answer and the history's answers share them)
    and the ones every such answer has."""
    properties = {
        "question": STRING,
        "value": VALUE,
        "answer_text": STRING,
        "citations": array(ref("Citation")),
        "reasoning": {**STRING, "description": "The facts and rules that decide the answer"},
        "ambiguities": array(ref("Ambiguity")),
        "unverified_parameters": array(ref("UnverifiedParameter")),
        "dependencies": array(ref("Dependency")),
        "branches": {**array(ref("Branch")),
                     "description": "Where `value` is \"depends\": each value the answer takes, and when"},
        "unknown_facts": {**array(ref("UnknownFact")),
                          "description": "Where `value` is \"depends\": the unknown (null) facts it depends on"},
        "overridden_parameters": {**array(STRING),
                                  "description": "The parameters set for this request (`override`) the answer used"},
    }
    return properties, ("question", "value", "answer_text", "citations", "reasoning", "ambiguities",
                        "unverified_parameters")


def judges():
    """Who makes the judgements of the judgement register (citizen, caseworker, ...)."""
    from enplan_rules.answers.contingent import judgements

    return sorted({entry["who"] for entry in judgements() if entry.get("who")})


def answer_schemas():
    """Answer, Citation, Source, Ambiguity, UnverifiedParameter, Dependency, Receipt, results."""
    from enplan_rules.answers.readings import ALTERNATIVE, ENGINE
    from enplan_rules.legal.source_records import STATUSES, VERDICTS

    regime_enum = {"type": "string", "enum": list(regimes.NAMES)}
    explained, explained_required = explained_answer()
    return {
        "Source": obj({
            "id": NULLABLE_STRING,
            "statute": {**NULLABLE_STRING, "description": "The statute the record belongs to, e.g. lab, sel, trial"},
            "document": NULLABLE_STRING,
            "paragraph": NULLABLE_STRING,
            "version": NULLABLE_STRING,
            "address": NULLABLE_STRING,
            "status": {"type": ["string", "null"], "enum": [*STATUSES, None],
                       "description": "sourced: quoted from the official text of the version in force; seeds: "
                                      "the municipalities' own documents (no official text exists); secondary: "
                                      "an agency page, commentary or draft; unverified: not read"},
            "verdict": {"type": ["string", "null"], "enum": [*VERDICTS, None],
                        "description": "The reading of the rule against the text: matches, corrected (the rule "
                                       "was changed to match), judgement (the words leave it to a named "
                                       "judgement), no_text (no official text exists)"},
            "read_on": NULLABLE_STRING,
            "excerpt": {**NULLABLE_STRING, "description": "The text's own (Danish) words, in the version in force"},
            "searched": {**NULLABLE_STRING, "description": "Where the words were looked for, when not found"},
            "text_id": {**NULLABLE_STRING, "description": "The vendored official text quoted, e.g. lbk-2016-1342"},
            "number": {**NULLABLE_STRING, "description": "Its official number, e.g. 'LBK nr. 1342 af 21.11.2016'"},
            "in_force": {"oneOf": [ref("InForce"), {"type": "null"}]},
            "text_sha256": {**NULLABLE_STRING, "description": "SHA-256 of the vendored text the words are from"},
        }, description="Where the cited words stand: the official document in the version in force in the "
                       "case's month, its paragraph, address and period in force (or, with no official text, "
                       "the document read)"),
        "InForce": obj({
            "from": {**STRING, "description": "First day in force (YYYY-MM-DD)"},
            "to": {**NULLABLE_STRING, "description": "Last day in force, null while still in force"},
        }, required=("from", "to")),
        "LawText": obj({
            "text_id": STRING,
            "number": STRING,
            "title": STRING,
            "address": STRING,
            "in_force": ref("InForce"),
            "sha256": {**STRING, "description": "SHA-256 of the vendored file (enplan_rules/legal/texts/)"},
        }, required=("text_id", "number", "title", "address", "in_force", "sha256"),
           description="An official text, in one version, that the answers quote"),
        "Citation": obj({
            "text": {**STRING, "description": "The provisions, e.g. 'Lov nr. 658 af 8.6.2017 § 2 nr. 7'"},
            "url": {**NULLABLE_STRING, "description": "The first retsinformation.dk address, if any"},
            "urls": array(STRING),
            "variable": {**STRING, "description": "The rules variable the citation belongs to"},
            "excerpt": {**NULLABLE_STRING, "description": "The statute's own (Danish) words, when known"},
            "source": {"oneOf": [ref("Source"), {"type": "null"}]},
            "further_sources": {**array(ref("Source")),
                                "description": "The other records of the provisions (each text once per answer)"},
        }, required=("text", "urls", "variable")),
        "Ambiguity": obj({
            "id": {**STRING, "description": "The entry of the ambiguity register, e.g. R5"},
            "title": STRING,
            "reading": {**STRING, "description": "The reading the rules apply"},
            "alternative": {**STRING, "description": "The reading they do not apply"},
            "reading_used": {"type": "string", "enum": [ENGINE, ALTERNATIVE],
                             "description": "The reading this answer was computed under (entries with a switch)"},
        }, required=("id", "title", "reading", "alternative")),
        "UnverifiedParameter": obj({
            "name": STRING,
            "value": {"description": "The parameter's value on the date of the case"},
            "status": {"type": "string", "description": "'unverified': not checked against the source"},
            "description": STRING,
            "start": {**STRING, "description": "The date the value applies from (YYYY-MM-DD)"},
        }, required=("name", "value", "status")),
        "Branch": obj({
            "value": VALUE,
            "answer_text": STRING,
            "condition": {**STRING, "description": "When the answer is this value"},
            "default": {"type": "boolean", "description": "The value the answer takes otherwise"},
        }, required=("value", "answer_text", "condition", "default"),
           description="One value of an answer that depends on unknown facts, and when it holds"),
        "Dependency": obj({
            "kind": {"type": "string", "enum": ["judgement", "reading", "unknown_fact"],
                     "description": "judgement: a fact a person judges (judgement register); reading: a "
                                    "contested reading of the law (ambiguity register); unknown_fact: a fact the "
                                    "case gives as null (the answer for each of its values)"},
            "id": {**NULLABLE_STRING, "description": "The register entry, e.g. J5 or R15 (null: an unknown fact "
                                                     "no judgement names)"},
            "person": {**NULLABLE_STRING, "description": "Whose fact it is (null for a reading)"},
            "fact": {**NULLABLE_STRING, "description": "The case fact (null for a reading)"},
            "reading": {**NULLABLE_STRING, "description": "The register entry of a reading (null for a judgement)"},
            "who": {"type": ["string", "null"], "enum": [*judges(), None],
                    "description": "Who makes the judgement (null for a reading)"},
            "given_value": {"description": "The fact's value in the case (or its default), the reading used, or "
                                           "null for an unknown fact"},
            "alternative": {"description": "The other value of the fact, the other reading, or the unknown fact's "
                                           "value this branch assumes"},
            "alternative_value": VALUE,
            "alternative_answer_text": STRING,
            "alternative_branches": {**array(ref("Branch")),
                                     "description": "When the alternative answer itself depends on unknown facts"},
            "condition": {**STRING, "description": "When the alternative answer holds, in the request's language"},
            "condition_da": STRING,
            "condition_en": STRING,
        }, required=("kind", "id", "given_value", "alternative", "alternative_value", "alternative_answer_text",
                     "condition"),
           description="What the answer would be if a judgement or a contested reading went the other way "
                       "(contingent answers)"),
        "Answer": obj({
            **explained,
            "variable": {**STRING, "description": "The rules variable that answers the question"},
            "differs_between_regimes": {"type": "boolean", "description": "Only in /check/compare"},
        }, required=(*explained_required, "variable")),
        "ReceiptParameter": obj({
            "name": STRING,
            "value": {"description": "The value on the date of the case"},
            "start": STRING,
            "status": STRING,
        }, required=("name", "value")),
        "UnknownFact": obj({
            "person": STRING,
            "fact": {**STRING, "description": "A case fact given as null (Ved ikke)"},
        }, required=("person", "fact"), description="A fact the case gives as unknown"),
        "Override": obj({
            "name": {**STRING, "description": "An unverified parameter"},
            "value": {"description": "The value set for this request"},
            "engine_value": {"description": "The engine's value on the date of the case"},
        }, required=("name", "value"), description="A parameter value set for the request (`override`)"),
        "Receipt": obj({
            **RECEIPT,
            "regime": regime_enum,
            "regime_description": STRING,
            "period": STRING,
            "parameters": array(ref("ReceiptParameter")),
            "readings": {"type": "object", "additionalProperties": {"type": "string", "enum": [ENGINE, ALTERNATIVE]},
                         "description": "The reading used for every register entry with a switch (`reading`)"},
            "overrides": {**array(ref("Override")), "description": "The parameter values set for the request"},
            "unknown_facts": {**array(ref("UnknownFact")), "description": "The facts the case gives as null"},
            "contingent_copies": {"type": "integer", "minimum": 0,
                                  "description": "How many copies of the case the contingent answers evaluated"},
            "texts": {**array(ref("LawText")),
                      "description": "The official texts and versions the answers quote, with a hash of each"},
            "unrecorded_judgements": {**array(ref("UnknownFact")),
                                      "description": "The judgements the case does not record that can change an "
                                                     "answer: evaluated as unknown, never assumed"},
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
VARIANT = query_parameter("one_plan_law_variant", "The version of the One Plan law (default enacted)",
                          {"type": "string", "enum": list(regimes.VARIANTS), "default": regimes.DEFAULT_VARIANT})


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
            "parameters": [regime, LANG, VARIANT], "requestBody": body,
            "responses": responses("Every public question answered, explained and receipted",
                                   ref("CheckResult")),
        }},
        "/check/compare": {"post": {
            "operationId": "compare", "summary": "A case under all three regimes, the differences marked",
            "parameters": [LANG, VARIANT], "requestBody": body,
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
            "schemas": {"Case": body_schema(case_schema), **answer_schemas(), **gateway_schemas()},
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
    regime = enum(regimes.NAMES)
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
            "lang": enum(LANGS),
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
            "value": VALUE,
            "ambiguities": {**array(STRING),
                            "description": "The ids of the register entries the answer rests on (when any)"},
            "unverified": {"type": "boolean", "description": "true: the answer rests on unverified values"},
        }, required=("value",), description="A month's answer: its value and flags (the explanation is in the "
                                             "change points and the start)"),
        "HistoryChangePoint": obj({
            "month": MONTH,
            "person": STRING,
            "question_id": enum(question_ids),
            "from": {**VALUE, "description": "The answer the month before"},
            "to": {**VALUE, "description": "The answer from this month"},
            "from_text": STRING,
            "facts_changed": {**array(ref("HistoryFactChange")),
                              "description": "The facts that changed (none: the answer changed with the date alone, "
                                             "e.g. a law in force, an age, a deadline)"},
            "parameters_changed": {**array(ref("ReceiptParameter")),
                                   "description": "The case's parameters that take a new value from this month"},
            **explained,
        }, required=("month", "person", "question_id", "from", "to", "from_text", "facts_changed",
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
            "finding": {"type": "boolean", "description": "The status is late, missing or depends"},
            "due": {**NULLABLE_DATE, "description": "The deadline (null for plans: they are due while required)"},
            "window_start": {**NULLABLE_DATE, "description": "From when the duty can be met"},
            "done": {**array(DATE), "description": "The record's dates that meet it (or were done)"},
            "days_late": {"type": ["integer", "null"], "minimum": 1},
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


def _history_limits():
    from enplan_rules.api import budget

    return (f"Limits: at most {budget.MAX_MONTH_REGIMES} months × regimes, and months × regimes × (1 + unknown "
            f"facts) at most {budget.MAX_WORK}, else 400 naming what to shrink (/to or the `to` parameter, "
            f"/persons); a review that has used {budget.CPU_SECONDS:g} s of CPU (or runs {budget.WALL_SECONDS:g} s) is stopped and answered 503. "
            "The body is at most the server's body limit (413 beyond it).")


def history_paths(history_schema):
    """POST /check/history and GET /schemas/history.json."""
    from enplan_rules.api.history import REGIME_CHOICES
    from enplan_rules.history import DEFAULT_FROM, DEFAULT_TO
    from enplan_rules.history.files import parse
    from enplan_rules.history.page import example_text

    regime = query_parameter("regime", "The regime, or all three (default all)",
                             enum(REGIME_CHOICES) | {"default": "all"})
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
            "parameters": [regime, LANG, *months, VARIANT], "requestBody": body,
            "responses": responses("The timeline per regime and month, the change points, the deadlines as dates "
                                   "and the review", ref("HistoryResult")),
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
