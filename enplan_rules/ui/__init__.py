"""The web page for legal staff: a form for the case facts and the answers under the three regimes side by side.

Server-rendered HTML, no JavaScript needed (a few lines only enhance the language switch and printing).
Mount it at /ui: every URL it makes is relative to the WSGI SCRIPT_NAME. Answers come from
`enplan_rules.case.compare`, the same path as the API and `enplan check`.
"""

import logging
import os

import yaml
from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from enplan_rules import labels, regimes
from enplan_rules.case import CaseError, compare
from enplan_rules.scenarios.report import fact_lines
from enplan_rules.ui import form as case_form
from enplan_rules.ui.texts import HINTS, LABELS, t

LOG = logging.getLogger("enplan_rules.ui")
HERE = os.path.dirname(__file__)
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _lang():
    values = request.form.getlist("lang") if request.method == "POST" else []
    lang = values[-1] if values else request.args.get("lang", "da")
    return lang if lang in labels.LANGS else "da"


def _error_label(key, lang):
    if key in ("municipality", "month"):
        return t(key, lang)
    if key == "persons":
        return t("persons", lang)
    if key.startswith("p") and "-" in key:
        slot, name = key[1:].split("-", 1)
        if slot.isdigit():
            word = t("id", lang) if name == "id" else t("role", lang) if name == "role" else labels.pick(
                LABELS.get(name, (name, name)), lang)
            return f"{t('person_n', lang, n=int(slot) + 1)}, {word}"
    return t("case", lang)


def _context(lang, values, errors=None, result=None, case=None):
    return {
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
        "fields": case_form.PERSON_FIELDS,
        "groups": case_form.GROUPS,
        "field_id": case_form.field_id,
        "values": values,
        "errors": errors or {},
        "result": result,
        "case": case,
        "regime_names": regimes.NAMES,
        "facts": fact_lines(case, lang) if case and result else None,
        "max_persons": case_form.MAX_PERSONS,
    }


def _summaries(result):
    """Per regime: flagged register entries and unverified values, in order of first appearance."""
    entries, unverified = {}, {}
    for regime in regimes.NAMES:
        for person in result["regimes"][regime]["persons"].values():
            for answer in person["answers"].values():
                for entry in answer["ambiguities"]:
                    entries.setdefault(entry["id"], {**entry, "regimes": []})
                    if regime not in entries[entry["id"]]["regimes"]:
                        entries[entry["id"]]["regimes"].append(regime)
                for parameter in answer["unverified_parameters"]:
                    unverified.setdefault(parameter["name"], parameter)
    return list(entries.values()), list(unverified.values())


def create_app():
    """The WSGI app of the page (Flask). Its routes assume it is mounted at /ui."""
    app = Flask(__name__, template_folder=os.path.join(HERE, "templates"),
                static_folder=os.path.join(HERE, "static"), static_url_path="/static")
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    app.config["MAX_FORM_PARTS"] = 1000
    app.jinja_env.filters["capfirst"] = lambda value: str(value)[:1].upper() + str(value)[1:]
    for name in regimes.NAMES:  # load once, before the first request
        regimes.load(name)

    @app.after_request
    def headers(response):
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.get("/")
    def index():
        lang = _lang()
        return render_template("page.html", **_context(lang, case_form.blank_form(lang)))

    @app.post("/")
    def submit():
        lang = _lang()
        values = case_form.read_form(request.form, lang)
        if request.form.get("action") == "add" and len(values["slots"]) < case_form.MAX_PERSONS:
            values["slots"].append(case_form.empty_slot(len(values["slots"]), lang))
            return render_template("page.html", **_context(lang, values))
        case, errors = case_form.check_form(values, lang)
        if errors:
            return render_template("page.html", **_context(lang, values, errors)), 422
        try:
            result = compare(case, lang)
        except CaseError as exc:  # validated above; kept for safety: errors go to their fields
            _, _, slot_of = case_form.to_case(values, lang)
            errors = case_form.place_errors(exc, slot_of, lang)
            return render_template("page.html", **_context(lang, values, errors)), 422
        context = _context(lang, values, result=result, case=case)
        context["entries"], context["unverified"] = _summaries(result)
        return render_template("page.html", **context)

    @app.post("/scenario.yaml")
    def scenario_file():
        lang = _lang()
        values = case_form.read_form(request.form, lang)
        case, errors = case_form.check_form(values, lang)
        if errors:
            return render_template("page.html", **_context(lang, values, errors)), 422
        document = {"title": f"{labels.choice('municipality', case['municipality'], lang)}, {case['month']}",
                    "source": "enplan /ui", "regime": "all", **case}
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, default_flow_style=False)
        return Response(text, mimetype="application/yaml",
                        headers={"Content-Disposition": 'attachment; filename="scenario.yaml"'})

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
