"""The history page: paste a case history (YAML or JSON), get the review — findings first, a timeline picture per
regime (the answers month by month, each duty's window, due date and what was done), then the change points.

Served by the gateway at /history/ (registered with the API's history endpoints); server-rendered, no JavaScript.
"""

import datetime
import os
from functools import cache

import jinja2
from markupsafe import Markup, escape

from enplan_rules import labels, regimes
from enplan_rules.history.report import DUTIES, STATUSES

HERE = os.path.dirname(__file__)
EXAMPLE = os.path.join(HERE, "example.yaml")
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
COLOURS = {"met": "#00703c", "late": "#b36b00", "missing": "#b10e1e", "depends": "#6f3c97",
           "not_required_done": "#8a8a8a"}
YES, NO = "#1d4f91", "#e4e6e8"
WORDS = {
    "title": ("Sagsforløb: tidslinje og gennemgang", "Case history: timeline and review"),
    "intro": ("Indsæt et sagsforløb (YAML eller JSON, som i scenarios/histories/): oplysninger som daterede ændringer "
              "og hvad der blev gjort. Ingen navne eller CPR-numre.",
              "Paste a case history (YAML or JSON, as in scenarios/histories/): facts as dated changes and what was "
              "done. No names or CPR numbers."),
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


def w(key, lang):
    return WORDS[key][0 if lang == "da" else 1]


@cache
def _environment():
    return jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


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
        name = DUTIES.get(item["duty"], (item["duty"],) * 2)[0 if lang == "da" else 1]
        if item["duty"] == "plan":
            name = f"{name} {item.get('plan', '')}"
        rows.append(("duty", f"{item['person']}: {name}", item))
    width = label_width + cell * len(months) + 10
    height = 30 + row * len(rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(labels.regime_name(regime, lang))}">']
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


def render(lang, text, regime="all", first="", last="", result=None, errors=None, base=""):
    lang = lang if lang in labels.LANGS else "da"
    template = _environment().get_template("history.html")
    return template.render(
        lang=lang, other_lang="en" if lang == "da" else "da", base=base, w=lambda key: w(key, lang), text=text,
        regime=regime, first=first, last=last, result=result, errors=errors or [],
        regime_names=regimes.NAMES, regime_name=lambda name: labels.regime_name(name, lang),
        status_name=lambda status: STATUSES[status][0 if lang == "da" else 1],
        duty_name=lambda duty: DUTIES.get(duty, (duty, duty))[0 if lang == "da" else 1],
        svg=lambda name: timeline_svg(result, name, lang), colours=COLOURS,
    )
