"""The web page for legal staff: a guided form for the case facts, a review step, and the answers under the three
regimes side by side, as a link that reproduces them, a scenario file and a case note (print or PDF).

Server-rendered HTML that works without JavaScript (a few lines show and hide the fields that can matter, copy the
link and print). Mount it at /ui: every URL it makes is relative to the WSGI SCRIPT_NAME. Answers come from
`enplan_rules.answers.compare`, the same path as the API and `enplan check`.

The case lives in the URL (`?case=…`, the case document deflated and base64url-encoded): it carries no names or
CPR numbers (the case document refuses them). The note fields of the case note (reference, date, caseworker,
notes) never go into a URL: the browser prints them from the page, and the PDF endpoint receives them in the body
of its POST only, renders them and forgets them (never logged, never stored).
"""

import datetime
import logging
import os

import yaml
from flask import Flask, Response, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from enplan_rules import labels, regimes
from enplan_rules.answers import compare
from enplan_rules.case import CaseError, validate
from enplan_rules.reforms.one_plan_law_version import versions as one_plan_law_versions
from enplan_rules.scenarios import ScenarioError, format_error, parse
from enplan_rules.scenarios.report import fact_lines
from enplan_rules.ui import answers as views
from enplan_rules.ui import form as case_form
from enplan_rules.ui.texts import HINTS, LABELS, date_words, dates_in, month_words, t

LOG = logging.getLogger("enplan_rules.ui")
HERE = os.path.dirname(__file__)
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
NOTE_FIELDS = ("reference", "date", "caseworker", "text")
NOTE_LIMITS = {"reference": 100, "date": 40, "caseworker": 100, "text": 4000}


def _lang():
    values = request.form.getlist("lang") if request.method == "POST" else []
    lang = values[-1] if values else request.args.get("lang", "da")
    return lang if lang in labels.LANGS else "da"


def _error_label(key, lang):
    if key in ("municipality", "month"):
        return t(key, lang)
    if key == "persons":
        return t("persons", lang)
    if key == "file":
        return t("load_file", lang)
    if key.startswith("p") and "-" in key:
        slot, name = key[1:].split("-", 1)
        if slot.isdigit():
            word = t("id", lang) if name == "id" else t("role", lang) if name == "role" else labels.pick(
                LABELS.get(name, (name, name)), lang)
            return f"{t('person_n', lang, n=int(slot) + 1)}, {word}"
    return t("case", lang)


def _version():
    """The text of the One Plan law the answers are computed under (`version` in the link or the form)."""
    version = request.values.get("version", regimes.DEFAULT_VARIANT)
    return version if version in regimes.VARIANTS else regimes.DEFAULT_VARIANT


def _version_name(version, lang):
    found = one_plan_law_versions()[version]
    return found["label_da"] if lang == "da" else found["label_en"]


def _context(lang, values, errors=None, **extra):
    municipality = values.get("municipality", "")
    version = _version()
    context = {
        "error_label": lambda key: _error_label(key, lang),
        "lang": lang,
        "other_lang": "en" if lang == "da" else "da",
        "t": lambda key, **kw: t(key, lang, **kw),
        "label": lambda name: labels.pick(LABELS.get(name, (name, name)), lang),
        "hint": lambda name: labels.pick(HINTS[name], lang) if name in HINTS else "",
        "options": lambda name: case_form.select_options(name, lang),
        "regime_name": lambda name: labels.regime_name(name, lang),
        "regime_description": lambda name: labels.pick(labels.REGIME_DESCRIPTIONS[name], lang),
        "status_name": lambda status: labels.pick(labels.STATUS.get(status, (status, status)), lang),
        "choice": lambda name, value: labels.choice(name, value, lang),
        "shown": lambda field, raw: case_form.shown(field, raw, municipality, values.get("month", "")),
        "young_person_ages": case_form.young_person_ages(),
        "fields": case_form.PERSON_FIELDS,
        "groups": case_form.GROUPS,
        "field_id": case_form.field_id,
        "values": values,
        "errors": errors or {},
        "regime_names": regimes.NAMES,
        "max_persons": case_form.MAX_PERSONS,
        "step": "edit",
        "code": None,
        "unknown_marks": "",
        "result": None,
        "case": None,
        "version": version,
        "versions": [(name, _version_name(name, lang)) for name in reversed(regimes.VARIANTS)],
        "version_name": _version_name(version, lang),
        "default_version": regimes.DEFAULT_VARIANT,
        "history_home": f"{_root()}/history/?lang={lang}",
        "law_home": f"{_root()}/lov/?lang={lang}",
    }
    context.update(extra)

    def case_url(to_lang, step=None):
        arguments = {"lang": to_lang, "case": context["code"]}
        if version != regimes.DEFAULT_VARIANT:
            arguments["version"] = version
        if step:
            arguments["step"] = step
        if context["unknown_marks"]:
            arguments["unknown"] = context["unknown_marks"]
        return url_for("index", **arguments)

    context["case_url"] = case_url
    return context


def _unknown(values, lang):
    """The facts marked "ved ikke", in words, and whether the engine takes them as not known yet."""
    facts = []
    sent = True
    for slot, name in case_form.unknown_facts(values):
        raw = values["slots"][slot]
        facts.append(f"{raw.get('id') or t('person_n', lang, n=slot + 1)}: {labels.pick(LABELS[name], lang)}")
        sent = sent and case_form.null_accepted(name)
    return facts, sent


def _answers_context(lang, case, code, unknown=""):
    version = _version()
    result = compare(case, lang, version)
    shared = {"unknown": unknown} if unknown else {}
    if version != regimes.DEFAULT_VARIANT:
        shared["version"] = version
    values = case_form.from_case(case, unknown)
    people = views.person_views(result, case, lang)
    entries, unverified = views.summaries(result, lang)
    unknown, unknown_sent = _unknown(values, lang)
    _link_citations(people, lang, result.get("period"))
    words = {(view["id"], q["id"], cell["regime"]): cell["words"] for view in people
             for q in view["questions"] + view["folded"] for cell in q["cells"]}
    return _context(lang, values, step="answers", code=code, result=result, case=case, people=people,
                    word_of=lambda person, question, regime: words[(person, question, regime)],
                    duties=views.duties(people), entries=entries, unverified=unverified,
                    facts=_fact_lines(case, lang), unknown=unknown, unknown_sent=unknown_sent,
                    link=request.host_url.rstrip("/") + url_for("index", lang=lang, case=code, **shared),
                    unknown_marks=unknown, today=date_words(datetime.date.today().isoformat()),
                    period_words=month_words(result["period"], lang),
                    history_url=_history_url(lang, code) if code else None)


def _link_citations(people, lang, period):
    """Each citation's address on the law page (/lov/): the paragraph it quotes, as an absolute address (the case
    note's PDF keeps it)."""
    from enplan_rules.lawpage import citation_href

    base = request.host_url.rstrip("/") + _root()
    for view in people:
        for question in view["questions"] + view["folded"]:
            for cell in question["cells"]:
                for citation in cell["citations"]:
                    citation["law_url"] = citation_href(citation, base, lang, str(period or "")[:7] or None)


def _root():
    """The gateway's root above the page's /ui (the gateway serves /history/ next to /ui/)."""
    return request.script_root[:-len("/ui")] if request.script_root.endswith("/ui") else ""


def _history_url(lang, code):
    """The case-history page, started from this case."""
    return f"{_root()}/history/?lang={lang}&case={code}"


def _fact_lines(case, lang):
    """The case's facts in words, the dates written dd.mm.åååå."""
    return [(heading, [dates_in(line) for line in lines]) for heading, lines in fact_lines(case, lang)]


def _note_fields(form):
    return {name: (form.get(f"note_{name}") or "").strip()[:NOTE_LIMITS[name]] for name in NOTE_FIELDS}


def create_app():
    """The WSGI app of the page (Flask). Its routes assume it is mounted at /ui."""
    app = Flask(__name__, template_folder=os.path.join(HERE, "templates"),
                static_folder=os.path.join(HERE, "static"), static_url_path="/static")
    app.config["MAX_CONTENT_LENGTH"] = 300 * 1024  # a scenario file may be up to 256 KiB
    app.config["MAX_FORM_PARTS"] = 1000
    app.jinja_env.filters["capfirst"] = lambda value: str(value)[:1].upper() + str(value)[1:]
    app.jinja_env.filters["words"] = _value_words
    app.jinja_env.filters["date_words"] = date_words
    for name in regimes.NAMES:  # load once, before the first request
        regimes.load(name)

    @app.after_request
    def headers(response):
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def case_from_link(lang):
        """(case, code) of the `case` argument, or a response: the page for a link that cannot be read."""
        code = request.args.get("case", "")
        try:
            case = case_form.decode_case(code)
        except case_form.LinkError:
            return None, (render_template("error.html", lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                                          title=t("bad_link", lang), text=t("bad_link_text", lang), code=400), 400)
        try:
            validate(case, lang)
        except CaseError as exc:  # a link written by hand: show the form with every problem at its field
            if not isinstance(case, dict) or not isinstance(case.get("persons"), list) or not all(
                    isinstance(p, dict) for p in case["persons"]):
                return None, (render_template("error.html", lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                                              title=t("bad_link", lang), text=t("bad_link_text", lang), code=400), 400)
            values = case_form.read_form(_flatten(case), lang)
            errors = case_form.place_errors(exc, list(range(len(case["persons"]))), lang)
            return None, (render_template("page.html", **_context(lang, values, errors)), 422)
        return case, code

    @app.get("/")
    def index():
        lang = _lang()
        if "case" not in request.args:
            return render_template("page.html", **_context(lang, case_form.blank_form(lang)))
        case, code = case_from_link(lang)
        if case is None:
            return code
        step = request.args.get("step", "answers")
        unknown = request.args.get("unknown", "")[:2000]
        values = case_form.from_case(case, unknown)
        if step == "edit":
            return render_template("page.html", **_context(lang, values, code=code, unknown_marks=unknown))
        if step == "review":
            facts, sent = _unknown(values, lang)
            return render_template("page.html", **_context(lang, values, step="review", code=code, case=case,
                                                           facts=_fact_lines(case, lang), unknown=facts,
                                                           unknown_sent=sent, unknown_marks=unknown))
        try:
            return render_template("page.html", **_answers_context(lang, case, code, unknown))
        except CaseError as exc:  # valid, but not answerable as given (e.g. the answers turn on a missing birth
            # date): the form again, with the problem at its field
            errors = case_form.place_errors(exc, list(range(len(case["persons"]))), lang)
            return render_template("page.html", **_context(lang, values, errors, code=code, unknown_marks=unknown)), 422

    @app.post("/")
    def submit():
        lang = _lang()
        values = case_form.read_form(request.form, lang)
        action = request.form.get("action", "review")
        if action == "add" and len(values["slots"]) < case_form.MAX_PERSONS:
            values["slots"].append(case_form.empty_slot(len(values["slots"]), lang))
            return render_template("page.html", **_context(lang, values))
        if action == "refresh":
            return render_template("page.html", **_context(lang, values))
        case, errors = case_form.check_form(values, lang)
        if errors:
            return render_template("page.html", **_context(lang, values, errors)), 422
        code = case_form.encode_case(case)
        unknown = case_form.unknown_marks(values, case)
        if len(code) > case_form.MAX_LINK:  # twenty full persons: answered here, without a link
            return render_template("page.html", **_answers_context(lang, case, None, unknown))
        step = {"answers": None, "check": None}.get(action, "review")
        extra = {"step": step} if step else {}
        if unknown:
            extra["unknown"] = unknown
        if _version() != regimes.DEFAULT_VARIANT:
            extra["version"] = _version()
        return redirect(url_for("index", lang=lang, case=code, **extra), 303)

    @app.post("/load")
    def load_file():
        lang = _lang()
        upload = request.files.get("scenario")
        values = case_form.blank_form(lang)
        if upload is None or not upload.filename:
            return render_template("page.html", **_context(lang, values, {"file": t("no_file", lang)})), 422
        data = upload.read(300 * 1024)
        name = os.path.basename(upload.filename)[:100]
        try:
            scenario = parse(data.decode("utf-8"), name, lang)
        except UnicodeDecodeError:
            message = f"{name}: {'filen er ikke UTF-8-tekst' if lang == 'da' else 'the file is not UTF-8 text'}"
            return render_template("page.html", **_context(lang, values, {"file": message})), 422
        except ScenarioError as exc:
            lines = [format_error(e, lang) for e in exc.errors]
            return render_template("page.html", **_context(lang, values, {"file": lines[0]},
                                                           load_errors=lines)), 422
        code = case_form.encode_case(scenario.case)
        version = {"version": scenario.one_plan_law_variant} if scenario.one_plan_law_variant else {}
        return redirect(url_for("index", lang=lang, case=code, step="review", **version), 303)

    def posted_case(lang):
        code = request.form.get("case", "")
        try:
            case = case_form.decode_case(code)
            validate(case, lang)
        except (case_form.LinkError, CaseError):
            return None
        return case

    @app.post("/scenario.yaml")
    def scenario_file():
        lang = _lang()
        case = posted_case(lang)
        if case is None:  # the form itself (without a link yet)
            values = case_form.read_form(request.form, lang)
            case, errors = case_form.check_form(values, lang)
            if errors:
                return render_template("page.html", **_context(lang, values, errors)), 422
        document = {"title": f"{labels.choice('municipality', case['municipality'], lang)}, "
                             f"{case.get('month') or case.get('date')}",
                    "source": "enplan /ui", "regime": "all", **case}
        if _version() != regimes.DEFAULT_VARIANT:
            document["one_plan_law_variant"] = _version()
        if request.form.get("pin"):
            document["expect"] = pinned(compare(case, lang, _version()))
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
        return Response(text, mimetype="application/yaml",
                        headers={"Content-Disposition": 'attachment; filename="scenario.yaml"'})

    @app.post("/note.pdf")
    def note_pdf():
        lang = _lang()
        case = posted_case(lang)
        if case is None:
            return render_template("error.html", lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                                   title=t("bad_link", lang), text=t("bad_link_text", lang), code=400), 400
        from enplan_rules.api import budget
        from enplan_rules.ui import note

        if len(case["persons"]) > note.MAX_PERSONS:
            return render_template("error.html", lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                                   title=t("note_too_large", lang),
                                   text=t("note_too_large_text", lang, persons=note.MAX_PERSONS), code=400), 400
        context = _answers_context(lang, case, request.form.get("case"))
        context["note"] = _note_fields(request.form)  # rendered into the PDF, never logged or kept
        context["made"] = datetime.date.today().isoformat()
        try:
            with budget.deadline():
                pdf = note.render_pdf(render_template("note.html", **context), os.path.join(HERE, "static"))
        except (budget.BudgetExceeded, note.NoteTooLarge) as error:
            status = 400 if isinstance(error, note.NoteTooLarge) else 503
            return render_template("error.html", lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                                   title=t("note_too_large", lang),
                                   text=t("note_too_large_text", lang, persons=note.MAX_PERSONS), code=status), status
        return Response(pdf, mimetype="application/pdf",
                        headers={"Content-Disposition": 'attachment; filename="sagsnotat.pdf"'})

    @app.errorhandler(CaseError)
    def case_refused(error):  # e.g. more unknown facts than the answers can be computed for
        lang = request.args.get("lang") if request.args.get("lang") in labels.LANGS else "da"
        return render_template("error.html", lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                               title=t("case_refused", lang), text=str(error), code=400), 400

    @app.errorhandler(HTTPException)
    def http_error(error):
        lang = request.args.get("lang") if request.args.get("lang") in labels.LANGS else "da"
        title = t("not_found", lang) if error.code == 404 else (
            t("too_large", lang) if error.code == 413 else error.name)
        return render_template("error.html", lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                               title=title, code=error.code), error.code

    @app.errorhandler(Exception)
    def server_error(error):
        LOG.exception("ui: unexpected error on %s %s", request.method, request.path)
        lang = request.args.get("lang") if request.args.get("lang") in labels.LANGS else "da"
        return render_template("error.html", lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                               title=t("error_title", lang), text=t("error_text", lang), code=500), 500

    return app


def _value_words(value):
    """A parameter's value for a reader: yes/no in the page's language, numbers with their decimals."""
    lang = _lang()
    if isinstance(value, bool):
        return t("yes_word" if value else "no_word", lang).lower()
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if lang == "da" else f"{value:g}"
    return str(value)


def pinned(result):
    """The `expect:` block of today's answers: regime → person → question → answer (yes/no or a number; an answer
    that depends on a fact not known is left out, the format has no word for it)."""
    expect = {}
    for regime in regimes.NAMES:
        for person_id, person in result["regimes"][regime]["persons"].items():
            for question_id, answer in person["answers"].items():
                value = answer["value"]
                if isinstance(value, bool) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
                    expect.setdefault(regime, {}).setdefault(person_id, {})[question_id] = value
    return expect


def _flatten(case):
    """A case document as the form's fields (for a hand-written link that does not validate)."""
    data = {"municipality": str(case.get("municipality", "")), "month": str(case.get("month") or case.get("date", "")),
            "slots": str(max(2, len(case["persons"])))}
    for slot, person in enumerate(case["persons"][:case_form.MAX_PERSONS]):
        for field in case_form.PERSON_FIELDS:
            if field.name not in person:
                continue
            value = person[field.name]
            if field.kind == "bool":
                if value is True:
                    data[case_form.field_id(slot, field.name)] = "on"
            elif field.kind == "fact":
                data[case_form.field_id(slot, field.name)] = "unknown" if value is None else "yes" if value is True else "no"
            else:
                data[case_form.field_id(slot, field.name)] = str(value)
    return data
