"""The history page: a case history (YAML or JSON, pasted or as a file; or started from a case on /ui/), reviewed —
findings first (one line each, said once when it is the same under every regime, "6 dage for sent"), then a timeline
picture per regime (the answers month by month, each duty's window, due date and what was done), the change points,
and the history itself to edit below.

Served by the gateway at /history/ (registered with the API's history endpoints); server-rendered, no JavaScript.
"""

import datetime
import os
from functools import cache

import jinja2
import yaml
from markupsafe import Markup, escape

from enplan_rules import labels, regimes
from enplan_rules.history import form as history_form
from enplan_rules.history.document import DERIVED_FACTS
from enplan_rules.history.report import DUTIES, STATUSES, _duty
from enplan_rules.ui import form as case_form
from enplan_rules.ui.texts import HINTS, LABELS, date_words, dates_in, month_words, t

HERE = os.path.dirname(__file__)
EXAMPLE = os.path.join(HERE, "example.yaml")
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
COLOURS = {"met": "#00703c", "late": "#8a5300", "missing": "#b10e1e", "depends": "#6f3c97",
           "after_required": "#8a5300", "not_required_done": "#5f6366"}
YES, NO = "#1d4f91", "#e4e6e8"
WORDS = {
    "title": ("Sagsforløb: tidslinje og gennemgang", "Case history: timeline and review"),
    "intro": ("Et sagsforløb er sagens oplysninger, daterede ændringer og hvad der blev gjort (samtaler, tilbud, "
              "planer). Gennemgangen viser fundene først: frister, der ikke er overholdt, og planer, der mangler. "
              "Ingen navne eller CPR-numre.",
              "A case history is the case's facts, dated changes and what was done (meetings, offers, plans). The "
              "review shows the findings first: deadlines missed and plans missing. No names or CPR numbers."),
    "start_from_case": ("Start fra en sag: udfyld sagen på siden for en sag og vælg »Start et sagsforløb«.",
                        "Start from a case: fill in the case on the case page and choose »Start a case history«."),
    "to_case_page": ("Til siden for en sag", "To the case page"),
    "to_law": ("Loven på siden", "The law on the page"),
    "file": ("Eller indlæs en fil (YAML eller JSON)", "Or load a file (YAML or JSON)"),
    "text_hint": ("YAML eller JSON som i scenarios/histories/. Datoer som ÅÅÅÅ-MM-DD i filen.",
                  "YAML or JSON as in scenarios/histories/. Dates as YYYY-MM-DD in the file."),
    "edit_history": ("Sagsforløbet (ret og gennemgå igen)", "The case history (edit and review again)"),
    "under_all": ("under alle tre regimer", "under all three regimes"),
    "under": ("under", "under"),
    "due": ("frist", "due"),
    "no_deadline": ("loven fastsætter ingen frist", "the law sets no deadline"),
    "done": ("gjort", "done"),
    "days_late": ("{n} dage for sent", "{n} days late"),
    "day_late": ("1 dag for sent", "1 day late"),
    "days_after": ("lavet {n} dage efter, at planen blev krævet", "made {n} days after the plan was required"),
    "day_after": ("lavet 1 dag efter, at planen blev krævet", "made 1 day after the plan was required"),
    "required_from": ("krævet fra", "required from"),
    "before_first_offer": ("før første tilbud", "before the first offer"),
    "no_offer": ("frist: før første tilbud, og intet tilbud er registreret", "due before the first offer, and no offer is recorded"),
    "guided": ("Sagsforløbet i en formular", "The case history in a form"),
    "guided_intro": ("Udfyld sagen som på siden for en sag, derefter ændringerne med dato og hvad der blev gjort. "
                     "Formularen bliver til det samme sagsforløb som en fil.",
                     "Fill in the case as on the case page, then the dated changes and what was done. The form "
                     "becomes the same case history as a file."),
    "text_form": ("Eller indsæt eller indlæs et sagsforløb", "Or paste or load a case history"),
    "to_form": ("Udfyld formularen fra sagsforløbet", "Fill in the form from the case history"),
    "add_person": ("Tilføj en person", "Add a person"),
    "depends_on": ("afhænger af", "depends on"),
    "ambiguity": ("Usikkerhed i lovgrundlaget", "Contested reading"),
    "timeline_region": ("Tidslinje, {regime} (kan rulles sidelæns)", "Timeline, {regime} (scrolls sideways)"),
    "history": ("Sagsforløb", "Case history"),
    "regime": ("Regime", "Regime"),
    "all": ("Alle tre", "All three"),
    "from": ("Fra måned", "From month"),
    "to": ("Til måned", "To month"),
    "review": ("Gennemgå", "Review"),
    "invalid": ("Sagsforløbet er ugyldigt", "The case history is invalid"),
    "findings": ("Fund", "Findings"),
    "none": ("Ingen fund.", "No findings."),
    "timeline": ("Tidslinje", "Timeline"),
    "changes": ("Ændringer i svarene", "Changes in the answers"),
    "legend_yes": ("ja", "yes"),
    "legend_no": ("nej", "no"),
    "done_tick": ("gjort (dato)", "done (date)"),
    "note": ("Gennemgangen er en lovfortolkning med angivne usikkerheder, ikke en afgørelse.",
             "The review is a reading of the law with its uncertainties marked, not a decision."),
    "other_lang": ("English", "Dansk"),
    "parity": ("Mødeparitet", "Meeting parity"),
    "notes": ("Bemærkninger", "Notes"),
}


def w(key, lang, **values):
    word = WORDS[key][0 if lang == "da" else 1]
    return word.format(**values) if values else word


def danish_date(value):
    """"2017-09-14" as "14.09.2017" (anything else unchanged)."""
    text = str(value or "")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}.{text[5:7]}.{text[:4]}"
    return text


def findings(result, lang):
    """The findings, each once: the same finding (person, duty, plan, status, due date, what was done) under several
    regimes is one line naming them ("under alle tre regimer" when it is all of them)."""
    grouped = {}
    for item in result["review"]:
        if not item.get("finding"):
            continue
        key = (item["person"], item["duty"], item.get("plan"), item.get("number"), item["status"], item.get("due"),
               item.get("days_late"), tuple(item.get("done", [])))
        grouped.setdefault(key, {**item, "regimes": []})["regimes"].append(item["regime"])
    lines = []
    for item in grouped.values():
        status = STATUSES[item["status"]][0 if lang == "da" else 1]
        if item["status"] == "late" and item.get("days_late") is not None:
            days = item["days_late"]
            status = w("day_late", lang) if days == 1 else w("days_late", lang, n=days)
        if item["status"] == "after_required":
            days = item["days_after"]
            status = w("day_after", lang) if days == 1 else w("days_after", lang, n=days)
        where = (w("under_all", lang) if len(item["regimes"]) == len(result["regimes"]) == len(regimes.NAMES)
                 else f"{w('under', lang)} " + ", ".join(labels.regime_name(r, lang) for r in item["regimes"]))
        lines.append({"status": item["status"], "status_words": status, "person": item["person"],
                      "duty": _duty(item, lang), "paragraph": labels.citation_label(item.get("paragraph", ""), lang),
                      "due": _due_words(item, lang),
                      "done": [danish_date(d) for d in item.get("done", [])], "where": where,
                      "depends_on": [labels.pick(LABELS.get(name, (name, name)), lang)
                                     for name in item.get("depends_on") or []]})
    return lines


def _point_words(point, side, lang):
    """A change point's answer before or after, as the page for a case says it: meetings as whole meetings per
    period ("1 samtale pr. 3. måned", never 0.3333), else the engine's own words."""
    value = point.get(side)
    if point.get("question_id") == "ordinary_meetings" and labels.meetings_words(value, lang):
        return labels.meetings_words(value, lang)
    return point.get("from_text" if side == "from" else "answer_text")


def _due_words(item, lang):
    """The deadline in words: "frist 14.09.2017" (before the first offer: said so), or, for a plan whose paragraph
    sets none, "loven fastsætter ingen frist" with the date it was first required."""
    if item.get("due"):
        words = f"{w('due', lang)} {danish_date(item['due'])}"
        return words + (f" ({w('before_first_offer', lang)})" if item.get("deadline_rule") == "before_first_offer" else "")
    words = w("no_deadline", lang) if item.get("deadline_rule") != "before_first_offer" else w("no_offer", lang)
    if item.get("duty") == "plan" and item.get("window_start"):
        words += f"; {w('required_from', lang)} {danish_date(item['window_start'])}"
    return words


def history_from_case(case, lang):
    """The YAML of a case history that starts from a case of the page (/ui/): its facts from its month, no changes
    and nothing done yet — to be completed with dated changes and the record."""
    month = case.get("month") or str(case.get("date", ""))[:7]
    persons = []
    for person in case["persons"]:
        entry = {key: value for key, value in person.items() if value is not None and key not in DERIVED_FACTS}
        entry["record"] = {"meetings": [], "offers": [], "plans": []}
        persons.append(entry)
    document = {"title": ("Sagsforløb fra siden for en sag" if lang == "da" else "Case history from the case page"),
                "municipality": case["municipality"], "from": month, "to": month, "persons": persons, "changes": []}
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)


@cache
def _environment():
    environment = jinja2.Environment(  # the page for a case's templates too: its person fields (fields.html)
        loader=jinja2.FileSystemLoader([os.path.join(HERE, "templates"),
                                        os.path.join(os.path.dirname(case_form.__file__), "templates")]),
        autoescape=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["capfirst"] = lambda value: str(value)[:1].upper() + str(value)[1:]
    environment.filters["date_words"] = date_words
    return environment


def example_text():
    with open(EXAMPLE, encoding="utf-8") as file:
        return file.read()


def _month_index(months, date):
    month = date[:7]
    if month < months[0]:
        return 0.0
    if month > months[-1]:
        return float(len(months))
    day = datetime.date.fromisoformat(date)
    days = (datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1) - day.replace(day=1)).days
    return months.index(month) + (day.day - 1) / days


def timeline_svg(result, regime, lang):
    """One SVG: boolean answers month by month, then each duty of the regime (window, due date, done dates)."""
    months = result["timeline"]["months"]
    data = result["timeline"]["regimes"][regime]
    label_width, cell, row = 330, 14, 18
    rows = []
    questions = {}
    for month in data["months"]:
        for pid, answers in month["persons"].items():
            for qid, answer in answers.items():
                if isinstance(answer["value"], bool):
                    questions.setdefault((pid, qid), []).append(answer["value"])
    start_answers = data["start"]["persons"]
    for (pid, qid), values in questions.items():
        if any(values):
            question = start_answers[pid][qid]["question"]
            rows.append(("answer", f"{pid}: {question}", values))
    items = [i for i in result["review"] if i["regime"] == regime]
    for item in items:
        rows.append(("duty", f"{item['person']}: {_duty(item, lang)}", item))
    width = label_width + cell * len(months) + 10
    height = 30 + row * len(rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(labels.regime_name(regime, lang))}"><rect width="100%" height="100%" fill="#fff"/>']
    for index, month in enumerate(months):
        x = label_width + index * cell
        if month.endswith("-01") or index == 0:
            parts.append(f'<line x1="{x}" y1="18" x2="{x}" y2="{height}" stroke="#b1b4b6" stroke-width="1"/>')
            parts.append(f'<text x="{x + 2}" y="14" font-size="11" fill="#1b1b1b">{month[:4] if month.endswith("-01") else month}</text>')
    y = 30
    for kind, label, payload in rows:
        short = label if len(label) <= 58 else label[:57] + "…"
        parts.append(f'<text x="4" y="{y + 12}" font-size="11" fill="#1b1b1b"><title>{escape(label)}</title>{escape(short)}</text>')
        if kind == "answer":
            for index, value in enumerate(payload):
                x = label_width + index * cell
                parts.append(f'<rect x="{x}" y="{y + 2}" width="{cell - 1}" height="{row - 5}" fill="{YES if value else NO}">'
                             f'<title>{months[index]}: {w("legend_yes" if value else "legend_no", lang)}</title></rect>')
        else:
            item = payload
            colour = COLOURS[item["status"]]
            begin = item.get("window_start") or (item["months"][0] + "-01" if item.get("months") else None)
            end = item.get("due") or (item["months"][1] + "-28" if item.get("months") else begin)
            if begin and end:
                x1 = label_width + _month_index(months, begin) * cell
                x2 = label_width + _month_index(months, end) * cell
                status = STATUSES[item["status"]][0 if lang == "da" else 1]
                parts.append(f'<rect x="{x1:.1f}" y="{y + 5}" width="{max(x2 - x1, 2):.1f}" height="{row - 10}" '
                             f'fill="{colour}" fill-opacity="0.35" stroke="{colour}">'
                             f'<title>{escape(status)}: {escape(begin)} – {escape(end)}</title></rect>')
                if item.get("due"):
                    parts.append(f'<rect x="{x2 - 1:.1f}" y="{y + 1}" width="3" height="{row - 2}" fill="{colour}"/>')
            for date in item.get("done", []):
                x = label_width + _month_index(months, date) * cell
                parts.append(f'<rect x="{x - 1:.1f}" y="{y + 3}" width="2" height="{row - 6}" fill="#1b1b1b">'
                             f'<title>{escape(date)}</title></rect>')
        y += row
    parts.append("</svg>")
    return Markup("".join(parts))


def _field_label(key, lang):
    """The words for a form field's key ("p0-birth_date": "Person 1, Fødselsdato"), for the error summary."""
    if key in ("municipality", "from", "to", "persons"):
        return t(key, lang) if key in ("municipality", "persons") else history_form.w(key, lang)
    if key.startswith("c") and "-" in key and key[1:].split("-")[0].isdigit():
        row, name = key[1:].split("-", 1)
        word = history_form.w({"date": "change_date", "person": "change_person", "fact": "change_fact"}.get(
            name, "change_value"), lang)
        return f"{history_form.w('change_n', lang, n=int(row) + 1)}, {word}"
    if key.startswith("p") and "-" in key and key[1:].split("-")[0].isdigit():
        slot, name = key[1:].split("-", 1)
        person = t("person_n", lang, n=int(slot) + 1)
        if name.startswith("plan") and "-" in name:
            row, part = name[4:].split("-", 1)
            word = history_form.w("plan_kind" if part == "kind" else "plan_date", lang)
            return f"{person}, {history_form.w('plans', lang).lower()} {int(row) + 1 if row.isdigit() else ''}, {word}"
        if name in history_form.RECORD_DATES:
            return f"{person}, {history_form.w(name, lang)}"
        word = t("id", lang) if name == "id" else t("role", lang) if name == "role" else labels.pick(
            LABELS.get(name, (name, name)), lang)
        return f"{person}, {word[:1].upper()}{word[1:]}"
    return w("history", lang)


def render(lang, text, regime="all", first="", last="", result=None, errors=None, base="", values=None,
           field_errors=None):
    """The page: the review of `result` first (when there is one), then the guided form (`values`, its errors at
    their fields), then the history `text` to paste or load."""
    lang = lang if lang in labels.LANGS else "da"
    values = values or history_form.blank(lang)
    field_errors = field_errors or {}
    errors = list(errors or []) + [{"where": _field_label(key, lang), "message": message, "expected": "", "key": key}
                                   for key, message in field_errors.items()]
    municipality = values.get("municipality", "")
    template = _environment().get_template("history.html")
    return template.render(
        values=values, fields=history_form.PERSON_FIELDS, groups=case_form.GROUPS, field_id=case_form.field_id,
        t=lambda key, **kw: t(key, lang, **kw), hf=lambda key, **kw: history_form.w(key, lang, **kw),
        label=lambda name: labels.pick(LABELS.get(name, (name, name)), lang),
        hint=lambda name: labels.pick(HINTS[name], lang) if name in HINTS else "",
        options=lambda name: case_form.select_options(name, lang),
        shown=lambda field, raw: case_form.shown(field, raw, municipality, values.get("from", "")),
        young_person_ages=case_form.young_person_ages(), max_persons=case_form.MAX_PERSONS,
        plan_kinds=history_form.plan_kinds(lang), change_facts=history_form.change_facts(lang),
        value_groups=history_form.value_groups(lang), person_ids=history_form.person_ids(values),
        citation=lambda text_: labels.citation_label(text_, lang), words_dates=dates_in,
        max_rows=history_form.MAX_ROWS, month=lambda value: month_words(value, lang),
        point_words=lambda point, side: _point_words(point, side, lang),
        lang=lang, other_lang="en" if lang == "da" else "da", base=base, w=lambda key: w(key, lang), text=text,
        regime=regime, first=first, last=last, result=result, errors=field_errors, summary=errors,
        regime_names=regimes.NAMES, regime_name=lambda name: labels.regime_name(name, lang),
        status_name=lambda status: STATUSES[status][0 if lang == "da" else 1],
        duty_name=lambda duty: DUTIES.get(duty, (duty, duty))[0 if lang == "da" else 1],
        svg=lambda name: timeline_svg(result, name, lang), colours=COLOURS,
        findings=findings(result, lang) if result else [], date=danish_date,
        region=lambda name: w("timeline_region", lang, regime=labels.regime_name(name, lang)),
        law_href=lambda citation, month: _law_href(citation, base, lang, month),
    )


def _law_href(citation, base, lang, month):
    """The citation's paragraph on the law page (/lov/), else its own address."""
    from enplan_rules.lawpage import citation_href

    return citation_href(citation, base, lang, str(month or "")[:7] or None) or citation.get("url")
