"""The guided form of the history page: the persons with the fields of the page for a case (`enplan_rules.ui.form`'s
field definitions, not a copy), the dated changes ("from this date, this fact becomes this value") and what was done
(plans made, meetings held, offers given, follow-ups held), read into the history document the YAML path takes —
one schema, one path — and back (a pasted or loaded history, or a case from /ui/, fills the form).

Dates are typed the Danish way (dd.mm.åååå) and months with a month picker; every error is placed at its field
in the user's language. Works without JavaScript: a fixed number of empty rows, and buttons that add more."""

import re

from enplan_rules import labels
from enplan_rules.history.document import DERIVED_FACTS, changeable_facts, load_history_schema
from enplan_rules.history.report import PLAN_NAMES, QUESTION_TEXT
from enplan_rules.ui import form as case_form
from enplan_rules.ui.texts import LABELS, t

RECORD_DATES = ("meetings", "offers", "followups")  # the record's lists of dates (one text field each)
PLAN_ROWS = 2  # empty plan rows per person
CHANGE_ROWS = 3  # empty change rows
MAX_ROWS = 60
FACT_VALUES = {"yes": True, "no": False, "unknown": None}
PERSON_FIELDS = tuple(f for f in case_form.PERSON_FIELDS if f.name not in DERIVED_FACTS)  # meetings: from the record
WORDS = {
    "record": ("Hvad der blev gjort", "What was done"),
    "plans": ("Planer lavet", "Plans made"),
    "plan_kind": ("Plan", "Plan"),
    "plan_date": ("Dato planen blev lavet", "Date the plan was made"),
    "choose_plan": ("Vælg en plan", "Choose a plan"),
    "meetings": ("Samtaler holdt (datoer)", "Meetings held (dates)"),
    "offers": ("Ret og pligt-tilbud påbegyndt (datoer)", "Right-and-duty offers begun (dates)"),
    "followups": ("Sygedagpengeopfølgninger holdt (datoer)", "Sickness-benefit follow-ups held (dates)"),
    "dates_hint": ("dd.mm.åååå, flere adskilt af mellemrum eller komma", "dd.mm.yyyy, several separated by spaces or commas"),
    "changes": ("Ændringer med dato", "Dated changes"),
    "changes_hint": ("Fra datoen får oplysningen den nye værdi, indtil den ændres igen. En ændring af målgruppen sætter "
                     "startdatoen i målgruppen til ændringens dato.",
                     "From the date the fact has the new value, until it changes again. A change of the target group "
                     "sets the start date in the group to the change's date."),
    "change_n": ("Ændring {n}", "Change {n}"),
    "change_date": ("Fra dato", "From date"),
    "change_person": ("Person", "Person"),
    "the_municipality": ("(kommunen)", "(the municipality)"),
    "change_fact": ("Oplysning", "Fact"),
    "choose_fact": ("Vælg en oplysning", "Choose a fact"),
    "change_value": ("Ny værdi", "New value"),
    "choose_value": ("Vælg en værdi", "Choose a value"),
    "change_other": ("Eller en dato eller et tal", "Or a date or a number"),
    "change_other_hint": ("til en dato (dd.mm.åååå) eller et antal", "for a date (dd.mm.yyyy) or a count"),
    "values_facts": ("Ja, nej eller ikke oplyst", "Yes, no or not given"),
    "add_plan": ("Tilføj en plan", "Add a plan"),
    "add_change": ("Tilføj en ændring", "Add a change"),
    "from": ("Første måned", "First month"),
    "to": ("Sidste måned", "Last month"),
    "month_hint": ("Tidslinjen fra og til (måned og år)", "The timeline from and to (month and year)"),
    "bad_dates": ("skriv hver dato som dd.mm.åååå; denne kan ikke læses: {date}",
                  "write each date as dd.mm.yyyy; this one cannot be read: {date}"),
    "choose_a_value": ("vælg en værdi, der passer til oplysningen", "choose a value that fits the fact"),
    "need_fact": ("vælg hvilken oplysning der ændres", "choose which fact changes"),
    "need_date": ("ændringen skal have en dato", "the change needs a date"),
    "not_whole_number": ("skriv et helt tal", "write a whole number"),
    "plan_needs_both": ("vælg planen og skriv datoen", "choose the plan and write its date"),
}




def w(key, lang, **values):
    word = labels.pick(WORDS[key], lang)
    return word.format(**values) if values else word


def plan_kinds(lang):
    """[(kind, words)] of the plans a record may hold (the history schema's list)."""
    kinds = load_history_schema()["properties"]["persons"]["items"]["properties"]["record"]["properties"]["plans"][
        "items"]["properties"]["kind"]["enum"]
    return [(kind, labels.pick(PLAN_NAMES.get(kind) or QUESTION_TEXT[kind], lang)) for kind in kinds]


def change_facts(lang):
    """[(fact, words)] a dated change may set: the municipality, and each person field the history lets change."""
    facts = [("municipality", t("municipality", lang))]
    for name in changeable_facts():
        if name in case_form.FIELDS and name not in DERIVED_FACTS:
            facts.append((name, labels.pick(LABELS[name], lang)[:1].upper() + labels.pick(LABELS[name], lang)[1:]))
    return facts


def value_groups(lang):
    """[(group words, [(value, words)])]: the values a change can give (the other field takes dates and counts)."""
    groups = [(w("values_facts", lang), [("yes", t("yes_word", lang)), ("no", t("no_word", lang)),
                                          ("unknown", t("not_given", lang))])]
    for name in ("employment_target_group", "sickness_benefit_category", "helsingoer_solution", "municipality"):
        word = t("municipality", lang) if name == "municipality" else labels.pick(LABELS[name], lang)
        groups.append((word[:1].upper() + word[1:], [(f"{name}:{value}", text)
                                                     for value, text in case_form.select_options(name, lang)]))
    return groups


def blank(lang):
    values = case_form.blank_form(lang)
    values.update({"from": "", "to": "", "changes": [{} for _ in range(CHANGE_ROWS)]})
    for raw in values["slots"]:
        raw.update({"plans": [{} for _ in range(PLAN_ROWS)], **{name: "" for name in RECORD_DATES}})
    return values


def _count(form, name, default):
    try:
        return max(0, min(int(form.get(name, default)), MAX_ROWS))
    except ValueError:
        return default


def read(form, lang):
    """The submitted form as typed (nothing lost): the person fields as /ui/ reads them, the record and the changes."""
    values = case_form.read_form(form, lang)
    values.update({"from": (form.get("from") or "").strip()[:20], "to": (form.get("to") or "").strip()[:20]})
    for slot, raw in enumerate(values["slots"]):
        raw["plans"] = [{"kind": (form.get(f"p{slot}-plan{row}-kind") or "").strip()[:40],
                         "date": (form.get(f"p{slot}-plan{row}-date") or "").strip()[:40]}
                        for row in range(_count(form, f"p{slot}-plans", PLAN_ROWS))]
        for name in RECORD_DATES:
            raw[name] = (form.get(f"p{slot}-{name}") or "").strip()[:4000]
    values["changes"] = [{key: (form.get(f"c{row}-{key}") or "").strip()[:40] for key in ("date", "person", "fact",
                                                                                           "value", "other")}
                         for row in range(_count(form, "changes", CHANGE_ROWS))]
    return values


def _dates(text):
    return [part for part in re.split(r"[,;\s]+", text or "") if part]


def _iso_dates(text):
    """(ISO dates, the first that cannot be read or None)."""
    dates = []
    for part in _dates(text):
        date = case_form.read_date(part)
        if not case_form.is_date(date):
            return dates, part
        dates.append(date)
    return dates, None


def _change_value(change, lang):
    """(the fact's value for the document, error or None)."""
    fact, value, other = change["fact"], change["value"], change["other"]
    if fact == "municipality":
        name, _, chosen = value.partition(":")
        ok = name == "municipality" and chosen in labels.CHOICES["municipality"]
        return (chosen, None) if ok else (None, w("choose_a_value", lang))
    field = case_form.FIELDS[fact]
    if field.kind in ("bool", "fact"):
        return (FACT_VALUES[value], None) if value in FACT_VALUES else (None, w("choose_a_value", lang))
    if field.kind == "select":
        name, _, chosen = value.partition(":")
        ok = name == fact and chosen in labels.CHOICES[fact]
        return (chosen, None) if ok else (None, w("choose_a_value", lang))
    if field.kind == "date":
        date = case_form.read_date(other or value)
        return (date, None) if case_form.is_date(date) else (None, t("bad_date", lang))
    try:
        return int(other or value), None
    except ValueError:
        return None, w("not_whole_number", lang)


def to_history(values, lang):
    """(history document, errors {field key: message}, where): `where` maps the document's persons, plans and
    changes back to the form's rows for placing the schema's errors."""
    case, errors, slot_of = case_form.to_case({**values, "month": ""}, lang)
    history = {}
    if values["municipality"]:
        history["municipality"] = values["municipality"]
    for key in ("from", "to"):
        if values[key]:
            history[key] = values[key]
    persons = []
    plan_rows = {}
    for index, (person, slot) in enumerate(zip(case["persons"], slot_of, strict=True)):
        raw = values["slots"][slot]
        record = {}
        rows = []
        for row, plan in enumerate(raw.get("plans", [])):
            if not plan.get("kind") and not plan.get("date"):
                continue
            date = case_form.read_date(plan.get("date", ""))
            if not plan.get("kind") or not date:
                errors[f"p{slot}-plan{row}-{'kind' if not plan.get('kind') else 'date'}"] = w("plan_needs_both", lang)
                continue
            if not case_form.is_date(date):
                errors[f"p{slot}-plan{row}-date"] = t("bad_date", lang)
                continue
            record.setdefault("plans", []).append({"kind": plan["kind"], "date": date})
            rows.append(row)
        plan_rows[index] = rows
        for name in RECORD_DATES:
            dates, bad = _iso_dates(raw.get(name, ""))
            if bad:
                errors[f"p{slot}-{name}"] = w("bad_dates", lang, date=bad[:20])
            elif dates:
                record[name] = dates
        person = {k: v for k, v in person.items() if k not in DERIVED_FACTS}  # the record gives the meetings held
        persons.append({**person, **({"record": record} if record else {})})
    history["persons"] = persons
    changes = []
    change_rows = []
    for row, change in enumerate(values.get("changes", [])):
        if not any(change.get(key) for key in ("date", "fact", "value", "other")):
            continue
        date = case_form.read_date(change.get("date", ""))
        if not date:
            errors[f"c{row}-date"] = w("need_date", lang)
        elif not case_form.is_date(date):
            errors[f"c{row}-date"] = t("bad_date", lang)
        if change.get("fact") not in dict(change_facts(lang)):
            errors[f"c{row}-fact"] = w("need_fact", lang)
            continue
        value, error = _change_value(change, lang)
        if error:
            errors[f"c{row}-value"] = error
            continue
        document = {"date": date}
        if change["fact"] != "municipality" and change.get("person"):
            document["person"] = change["person"]
        document[change["fact"]] = value
        changes.append(document)
        change_rows.append(row)
    if changes:
        history["changes"] = changes
    return history, errors, {"slots": slot_of, "plans": plan_rows, "changes": change_rows}


def place(history_errors, where):
    """{field key: message} for the errors of a HistoryError (pointers into the document the form built)."""
    placed = {}
    for error in history_errors:
        parts = str(error.get("pointer", "")).split("/")[1:]
        key = "history"
        if parts and parts[0] in ("municipality", "from", "to"):
            key = parts[0]
        elif parts[:1] == ["persons"] and len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(where["slots"]):
            index = int(parts[1])
            slot = where["slots"][index]
            if len(parts) >= 5 and parts[2:4] == ["record", "plans"] and parts[4].isdigit():
                rows = where["plans"].get(index, [])
                position = int(parts[4])
                key = f"p{slot}-plan{rows[position]}-{parts[5] if len(parts) > 5 else 'date'}" if position < len(rows) \
                    else f"p{slot}-plans"
            elif len(parts) >= 4 and parts[2] == "record":
                key = f"p{slot}-{parts[3]}"
            else:
                key = case_form.field_id(slot, parts[2] if len(parts) > 2 else "id")
        elif parts[:1] == ["persons"]:
            key = "persons"
        elif parts[:1] == ["changes"] and len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(where["changes"]):
            row = where["changes"][int(parts[1])]
            name = parts[2] if len(parts) > 2 else "fact"
            key = f"c{row}-{name if name in ('date', 'person') else 'value'}"
        message = error["message"]
        expected = error.get("expected") or ""
        if expected and len(expected) <= 140:
            message += f" ({expected})"
        placed.setdefault(key, message)
    return placed


def from_history(history):
    """The form's values for a (valid) history document: the inverse of `to_history`."""
    persons = [{k: v for k, v in person.items() if k != "record"} for person in history.get("persons", [])]
    values = case_form.from_case({"municipality": history.get("municipality", ""), "month": "", "persons": persons})
    values.update({"from": history.get("from", ""), "to": history.get("to", "")})
    for slot, raw in enumerate(values["slots"]):
        person = history["persons"][slot] if slot < len(history.get("persons", [])) else {}
        record = person.get("record", {})
        raw["plans"] = [{"kind": plan["kind"], "date": case_form_date(plan["date"])} for plan in record.get("plans", [])]
        raw["plans"] += [{} for _ in range(PLAN_ROWS)]
        for name in RECORD_DATES:
            raw[name] = " ".join(case_form_date(date) for date in record.get(name, []))
    changes = []
    for change in history.get("changes", []):
        for fact, value in change.items():
            if fact in ("date", "person"):
                continue
            row = {"date": case_form_date(change["date"]), "person": change.get("person", ""), "fact": fact,
                   "value": "", "other": ""}
            field = case_form.FIELDS.get(fact)
            if fact == "municipality" or (field and field.kind == "select"):
                row["value"] = f"{fact}:{value}"
            elif field and field.kind in ("bool", "fact"):
                row["value"] = "unknown" if value is None else "yes" if value else "no"
            else:
                row["other"] = case_form_date(str(value))
            changes.append(row)
    values["changes"] = changes + [{} for _ in range(CHANGE_ROWS)]
    return values


def case_form_date(value):
    """An ISO date as the form shows it (dd.mm.åååå); anything else unchanged."""
    from enplan_rules.ui.texts import date_words

    return date_words(value)


def person_ids(values):
    return [raw.get("id") for raw in values["slots"] if raw.get("id")]
