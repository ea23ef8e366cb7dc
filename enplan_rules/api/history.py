"""`POST /check/history`: a case history in; its timeline under each regime, the change points, the deadlines as
dates and the compliance review out. `GET /schemas/history.json`: the history document's JSON Schema.

Registered on the gateway by `register(app, spec)`; refusals are JSON naming the field (JSON pointer) in the
request's language, as on `/check`.
"""

import os

from flask import Response, request

from enplan_rules import regimes
from enplan_rules.api import budget, compact
from enplan_rules.api.body import check_content_type, parse_json
from enplan_rules.api.errors import LANGS, ApiError, field, json_response, text
from enplan_rules.api.spec import HISTORY_REGIME_CHOICES

REGIME_CHOICES = HISTORY_REGIME_CHOICES
PARAMETERS = {"regime": REGIME_CHOICES, "lang": LANGS, "one_plan_law_variant": regimes.VARIANTS,
              "form": compact.FORMS}
MONTH_PARAMETERS = ("from", "to")


def _lang():
    lang = request.args.get("lang", "da")
    return lang if lang in LANGS else "da"


def _query(lang):
    from enplan_rules.history.document import MONTH_PATTERN

    values = {}
    allowed = (*PARAMETERS, *MONTH_PARAMETERS)
    for name in request.args:
        given = request.args.getlist(name)
        if name not in allowed:
            raise ApiError(400, "invalid_parameter", text("unknown_parameter", lang), [
                field(f"{text('unknown_parameter', lang)} ({name[:40]})",
                      text("expected_parameters", lang, names=", ".join(allowed)), parameter=name[:40])])
        if len(given) > 1:
            raise ApiError(400, "invalid_parameter", text("repeated_parameter", lang), [
                field(text("repeated_parameter", lang), text("expected_once", lang), parameter=name)])
        value = given[0]
        ok = MONTH_PATTERN.match(value) if name in MONTH_PARAMETERS else value in PARAMETERS[name]
        if not ok:
            expected = "YYYY-MM" if name in MONTH_PARAMETERS else text(
                "expected_one_of", lang, values=", ".join(PARAMETERS[name]))
            raise ApiError(400, "invalid_parameter", text("invalid_parameter", lang), [
                field(f"{text('invalid_parameter', lang)} ({value[:40]!r})", expected, parameter=name)])
        values[name] = value
    return values


def _refusal(error, lang):
    items = []
    for item in error.errors:
        pointer = str(item.get("pointer", ""))
        if pointer in ("/from", "/to") and pointer[1:] in request.args:
            items.append(field(str(item["message"]), str(item["expected"]), parameter=pointer[1:]))
        else:
            items.append(field(str(item["message"]), str(item["expected"]), pointer=pointer))
    message = "Sagsforløbet er ugyldigt." if lang == "da" else "The case history is invalid."
    return ApiError(400, "invalid_history", message, items)


def _within_budget(document, regime, lang, first, last):
    """Refuse (400, naming what to shrink) a valid history whose review is beyond the request budget."""
    from enplan_rules.history import HistoryError, regime_names, validate

    first, last = validate(document, lang, first, last)
    faults = budget.over_budget(document, len(regime_names(regime)), first, last, lang)
    if faults:
        raise HistoryError(faults)


def _too_slow(lang):
    message = ("Gennemgangen tog længere end serverens tidsbudget." if lang == "da"
               else "The review took longer than the server's time budget.")
    expected = (f"en kortere periode (from/to), ét regime eller færre ukendte oplysninger (højst {budget.CPU_SECONDS:g} s CPU-tid)"
                if lang == "da" else
                f"a shorter range (from/to), one regime or fewer unknown facts (at most {budget.CPU_SECONDS:g} s of CPU)")
    return ApiError(503, "over_time_budget", message, [field(message, expected, parameter="to")])


def register(app, spec=None):
    """Add the history endpoints to the gateway app (and to its OpenAPI `spec`)."""
    from enplan_rules.history import HistoryError, load_history_schema, review

    @app.post("/check/history")
    def check_history():
        lang = _lang()
        query = _query(lang)
        regime = query.get("regime", "all")
        request.environ["enplan.regime"] = ",".join(regimes.NAMES) if regime == "all" else regime
        check_content_type(request.headers.get("Content-Type"), lang)
        document = parse_json(request.get_data(cache=False), lang)
        try:
            _within_budget(document, regime, lang, query.get("from"), query.get("to"))
            with budget.deadline():
                result = review(document, regime, lang, query.get("from"), query.get("to"),
                                query.get("one_plan_law_variant", regimes.DEFAULT_VARIANT))
        except HistoryError as error:
            raise _refusal(error, lang) from None
        except budget.BudgetExceeded:
            raise _too_slow(lang) from None
        if query.get("form") == "compact":
            result = compact.compact(result)
        return json_response(result, headers={"Content-Language": lang})

    @app.get("/schemas/history.json")
    def history_schema():
        response = json_response(load_history_schema())
        response.headers["Content-Type"] = "application/schema+json"
        return response

    register_page(app)
    if spec is not None:
        add_to_spec(spec, load_history_schema())
    return app


def _html(body, status=200):
    from enplan_rules.history.page import CSP

    return Response(body, status=status, mimetype="text/html", headers={"Content-Security-Policy": CSP})


def register_page(app):
    """The history page at /history/: a form for a history (YAML or JSON), the review with a timeline picture."""
    import yaml

    from enplan_rules.history import HistoryError, review
    from enplan_rules.history import form as guided
    from enplan_rules.history import page as history_page
    from enplan_rules.history.files import HistoryFileError, parse

    def lang_of():
        lang = request.form.get("lang") or request.args.get("lang", "da")
        return lang if lang in LANGS else "da"

    @app.get("/history/")
    def history_form():
        lang = lang_of()
        text_ = history_page.example_text()
        values = None
        if request.args.get("case"):  # a case from the page (/ui/) starts a history: the form and the text
            from enplan_rules.case import CaseError, validate
            from enplan_rules.ui.form import LinkError, decode_case

            try:
                case = decode_case(request.args["case"])
                validate(case, lang)
            except (LinkError, CaseError):
                errors = [{"where": "case", "message": "linket til sagen kan ikke læses" if lang == "da"
                           else "the link to the case cannot be read", "expected": ""}]
                return _html(history_page.render(lang, text_, errors=errors, base=request.script_root), 422)
            text_ = history_page.history_from_case(case, lang)
            values = guided.from_history(yaml.safe_load(text_))
        return _html(history_page.render(lang, text_, base=request.script_root, values=values))

    def guided_form(lang):
        """The guided form submitted: a row added, the fields updated, or the history it makes reviewed — through
        the same path as a pasted history (its YAML, then `review_text`)."""
        values = guided.read(request.form, lang)
        action = request.form.get("action", "review")
        regime = request.form.get("regime", "all")
        regime = regime if regime in REGIME_CHOICES else "all"
        common = {"regime": regime, "base": request.script_root}
        if action == "add_change":
            values["changes"] = values["changes"][:guided.MAX_ROWS - 1] + [{}]
        elif action.startswith("add_plan:") and action[9:].isdigit() and int(action[9:]) < len(values["slots"]):
            plans = values["slots"][int(action[9:])]["plans"]
            plans[:] = plans[:guided.MAX_ROWS - 1] + [{}]
        elif action == "add_person" and len(values["slots"]) < guided.case_form.MAX_PERSONS:
            slot = guided.case_form.empty_slot(len(values["slots"]), lang)
            slot.update({"plans": [{} for _ in range(guided.PLAN_ROWS)], **{n: "" for n in guided.RECORD_DATES}})
            values["slots"].append(slot)
        if action != "review":
            return _html(history_page.render(lang, history_page.example_text(), values=values, **common))
        history, field_errors, where = guided.to_history(values, lang)
        text_ = yaml.safe_dump(history, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
        if field_errors:
            return _html(history_page.render(lang, text_, values=values, field_errors=field_errors, **common), 422)
        body, status, errors = review_text(lang, text_, regime, "", "")
        if errors:
            placed = guided.place([{"pointer": e.get("pointer", ""), "message": e["message"],
                                    "expected": e.get("expected", "")} for e in errors], where)
            return _html(history_page.render(lang, text_, values=values, field_errors=placed, **common), status)
        return _html(history_page.render(lang, text_, result=body, values=values, **common))

    def review_text(lang, text_, regime, first, last):
        """(review, status, errors) of a history's text: one path for the form, a pasted text and a file."""
        try:
            file = parse(text_, "history", lang)
            _within_budget(file.history, regime, lang, first or None, last or None)
            with budget.deadline():
                return review(file.history, regime, lang, first or None, last or None), 200, []
        except budget.BudgetExceeded:
            error = _too_slow(lang)
            return None, 503, [{"where": "to", "pointer": "/to", "message": error.message,
                                "expected": error.items[0]["expected"]}]
        except HistoryFileError as error:
            line = "linje" if lang == "da" else "line"
            return None, 422, [{"where": f"{line} {e['line']}: {e['field']}" if e.get("line") else e.get("field") or "/",
                                "pointer": e.get("field") or "", "message": e["message"],
                                "expected": e.get("expected", "")} for e in error.errors]
        except HistoryError as error:
            return None, 422, [{"where": e["pointer"] or "/", "pointer": e["pointer"], "message": e["message"],
                                "expected": e["expected"]} for e in error.errors]

    @app.post("/history/")
    def history_review():
        lang = lang_of()
        if request.form.get("mode") == "form":
            return guided_form(lang)
        text_ = request.form.get("history", "")
        upload = request.files.get("file")
        if upload is not None and upload.filename:  # a file chosen: it is the history
            try:
                text_ = upload.read(512 * 1024).decode("utf-8")
            except UnicodeDecodeError:
                errors = [{"where": "file", "message": "filen er ikke UTF-8-tekst" if lang == "da"
                           else "the file is not UTF-8 text", "expected": ""}]
                return _html(history_page.render(lang, "", errors=errors, base=request.script_root), 422)
        regime = request.form.get("regime", "all")
        first, last = request.form.get("from", "").strip(), request.form.get("to", "").strip()
        values = {"regime": regime, "first": first, "last": last, "base": request.script_root}
        errors = []
        if regime not in REGIME_CHOICES:
            errors.append({"where": "regime", "message": text("invalid_parameter", lang), "expected": ", ".join(REGIME_CHOICES)})
        from enplan_rules.history.document import MONTH_PATTERN

        for name, value in (("from", first), ("to", last)):
            if value and not MONTH_PATTERN.match(value):
                errors.append({"where": name, "message": text("invalid_parameter", lang), "expected": "YYYY-MM"})
        if errors:
            return _html(history_page.render(lang, text_, errors=errors, **values), 422)
        if request.form.get("action") == "to_form":  # the form filled from the history
            try:
                file = parse(text_, "history", lang)
            except HistoryFileError:
                pass  # the review below says what is wrong, line by line
            else:
                return _html(history_page.render(lang, text_, values=guided.from_history(file.history), **values))
        result, status, errors = review_text(lang, text_, regime, first, last)
        if errors:
            return _html(history_page.render(lang, text_, errors=errors, **values), status)
        return _html(history_page.render(lang, text_, result=result, **values))

    @app.get("/history/history.css")
    def history_css():
        path = os.path.join(os.path.dirname(history_page.__file__), "static", "history.css")
        with open(path, encoding="utf-8") as file:
            return Response(file.read(), mimetype="text/css")


def add_to_spec(spec, schema):
    """/check/history and /schemas/history.json in the gateway's OpenAPI `spec`: the history document (`schema`)
    as the History component, the answer's components (`spec.history_schemas`)."""
    from enplan_rules.api.compact import compact_schemas
    from enplan_rules.api.spec import body_schema, history_paths, history_schemas

    components = spec.setdefault("components", {}).setdefault("schemas", {})
    components["History"] = body_schema(schema)
    components.update(history_schemas(schema))
    for name, twin in compact_schemas(components, ["HistoryResult"]).items():
        components.setdefault(name, twin)  # the answers' compact twins are the gateway's already
    spec["paths"].update(history_paths(schema))
