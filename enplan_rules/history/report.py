"""The review of a case history as text or markdown: findings first, then deadlines, change points, parity, notes."""

import json

from enplan_rules import labels
from enplan_rules.answers.render import branch_lines
from enplan_rules.case.questions import QUESTIONS

QUESTION_TEXT = {q.id: (q.da, q.en) for q in QUESTIONS}

DUTIES = {
    "right_and_duty_first_offer": ("Første ret og pligt-tilbud", "First right-and-duty offer"),
    "sickness_followup": ("Sygedagpengeopfølgning", "Sickness-benefit follow-up"),
    "contact_process_first_phase": ("Kontaktforløbets første fase", "Contact process, first phase"),
    "contact_process_year": ("Kontaktforløbet, samtaler pr. 12 måneder", "Contact process, interviews per 12 months"),
    "plan": ("Plan", "Plan"),
}
STATUSES = {
    "met": ("overholdt", "met"),
    "late": ("for sent", "late"),
    "missing": ("mangler", "missing"),
    "not_required_done": ("ikke krævet, men gjort (til orientering)", "not required but done (informational)"),
    "depends": ("afhænger af en vurdering, der ikke er registreret", "depends on a judgement not recorded"),
    "after_required": ("lavet efter, at planen blev krævet", "made after the plan was required"),
}
WORDS = {
    "title": ("Sagsforløb", "Case history"),
    "findings": ("Fund", "Findings"),
    "no_findings": ("Ingen fund.", "No findings."),
    "deadlines": ("Frister og hvad der blev gjort", "Deadlines and what was done"),
    "changes": ("Ændringer i svarene", "Changes in the answers"),
    "start": ("Udgangspunkt", "Start"),
    "parity": ("Mødeparitet", "Meeting parity"),
    "parity_text": (
        "Mødeparitet er et spørgsmål om målgruppen, ikke om den enkelte sag (BEK 529 § 29). Sagens egne tal: "
        "{held} afholdte samtaler/opfølgninger mod {required} efter de ordinære regler i {months} måneder ({start}–{end}).",
        "Meeting parity is a target-group question, not a case question (BEK 529 § 29). The case's own count: "
        "{held} meetings/follow-ups held against {required} under the ordinary rules over {months} months ({start}–{end}).",
    ),
    "notes": ("Bemærkninger", "Notes"),
    "due": ("frist", "due"),
    "no_deadline": ("loven fastsætter ingen frist", "the law sets no deadline"),
    "done": ("gjort", "done"),
    "none_done": ("intet registreret", "nothing recorded"),
    "days": ("dage", "days"),
    "depends_on": ("afhænger af", "depends on"),
    "if_required": ("hvis krævet", "if required"),
    "parameters": ("parametre", "parameters"),
    "required": ("krævet", "required"),
    "held": ("afholdt", "held"),
    "why": ("begrundelse", "reasoning"),
    "changed": ("ændret", "changed"),
    "from_date": ("fra", "from"),
    "date_only": ("ingen oplysning eller parameter; svaret ændres med datoen (alder, tid i målgruppen, frist)",
                  "no fact or parameter; the answer changes with the date (an age, the time in the target group, a deadline)"),
    "contested": ("omstridt læsning", "contested reading"),
    "unverified": ("hviler på ikke-verificerede værdier", "rests on unverified values"),
    "expectations": ("Forventninger", "Expectations"),
    "met": ("opfyldt", "met"),
    "not_met": ("IKKE OPFYLDT", "NOT MET"),
    "missing_exp": ("mangler", "missing"),
    "unexpected": ("uventet", "unexpected"),
    "months": ("måneder", "months"),
}


def w(key, lang, **values):
    return WORDS[key][0 if lang == "da" else 1].format(**values)


PLAN_NAMES = {  # the plans a record holds, named as a caseworker names them (the schema's plan kinds)
    "plan_lab_min_plan": ("»Min Plan« (LAB §§ 27–30)", "»Min Plan« (LAB §§ 27–30)"),
    "plan_lab_30a_action_part": ("Rehabiliteringsplanens indsatsdel (LAB § 30 a)",
                                 "The rehabilitation plan's action part (LAB § 30 a)"),
    "rehabilitation_preparatory_part": ("Rehabiliteringsplanens forberedende del (LAB § 30 a)",
                                        "The rehabilitation plan's preparatory part (LAB § 30 a)"),
    "plan_lab_kap_12a_12b": ("Plan for ressourceforløb/jobafklaringsforløb (LAB kap. 12 a–12 b)",
                             "Ressourceforløb / jobafklaringsforløb plan (LAB kap. 12 a–12 b)"),
    "plan_sel_141": ("Handleplan (SEL § 141)", "Action plan (SEL § 141)"),
    "plan_sel_140": ("Barnets handleplan (SEL § 140)", "The child's action plan (SEL § 140)"),
    "plan_sel_54": ("Plan for støtten til forældrene (SEL § 54)", "Plan of the support to the parents (SEL § 54)"),
    "plan_sel_70": ("Tilbud om revision af forældrenes plan (SEL § 70 stk. 4)",
                    "Offer to revise the parents' plan (SEL § 70 stk. 4)"),
    "plan_las_50": ("Revalidendens »Min Plan« (LAS § 50)", "The revalidend's »Min Plan« (LAS § 50)"),
    "plan_lsd_13c": ("Aftale efter sygedagpengelovens § 13 c", "Sickness-benefit agreement (LSD § 13 c)"),
    "mentor_form": ("Mentoraftale (LAB § 31 c)", "Mentor agreement (LAB § 31 c)"),
    "one_plan": ("Én plan / den helhedsorienterede plan", "The one plan / the holistic plan"),
}


def _regime(name, lang):
    return labels.REGIMES[name][0 if lang == "da" else 1]


def _duty(item, lang):
    name = DUTIES.get(item["duty"], (item["duty"], item["duty"]))[0 if lang == "da" else 1]
    if item["duty"] == "plan":
        plan = item.get("plan")
        words = PLAN_NAMES.get(plan) or QUESTION_TEXT.get(plan) or (plan, plan)
        return f"{name}: {words[0 if lang == 'da' else 1]}"
    if item.get("number"):
        name += f" nr. {item['number']}" if lang == "da" else f" no. {item['number']}"
    return name


def _status(item, lang, upper=False):
    text = STATUSES[item["status"]][0 if lang == "da" else 1]
    text = text.upper() if upper else text
    if item["status"] in ("late", "after_required"):
        text += f" ({item.get('days_late') or item.get('days_after')} {w('days', lang)})"
    if item["status"] == "depends":
        text += f" ({w('depends_on', lang)}: {', '.join(item['depends_on'])}; {w('if_required', lang)}: " \
                f"{STATUSES[item['status_if_required']][0 if lang == 'da' else 1]})"
    return text


def _item_line(item, lang, markdown):
    parts = [f"{_regime(item['regime'], lang)} · {item['person']} · {_duty(item, lang)}"]
    if item.get("due"):
        parts.append(f"{w('due', lang)} {item['due']}")
    elif item.get("deadline_rule") == "none":
        parts.append(w("no_deadline", lang))
    if item.get("months") and not item.get("due"):
        parts.append(f"{item['months'][0]}–{item['months'][1]}")
    if item.get("required_count") is not None:
        parts.append(f"{w('required', lang)} {item['required_count']}, {w('held', lang)} {item.get('held_count', 0)}")
    done = ", ".join(item["done"]) or w("none_done", lang)
    parts.append(f"{w('done', lang)}: {done}")
    status = _status(item, lang, upper=item["finding"])
    head = f"**{status}**" if markdown and item["finding"] else status
    line = f"{head} — " + " · ".join(parts)
    if item.get("paragraph"):
        line += f" ({item['paragraph']})"
    if item.get("parameters"):
        line += f"; {w('parameters', lang)}: " + ", ".join(
            f"{p['name']} = {p['value']} ({p['status']})" for p in item["parameters"])
    return line


def _citations(answer, markdown):
    out = []
    for citation in answer.get("citations", []):
        if markdown and citation.get("url"):
            out.append(f"[{citation['text']}]({citation['url']})")
        else:
            out.append(citation["text"] + (f" <{citation['url']}>" if citation.get("url") else ""))
    return "; ".join(out)


def render(result, lang="da", fmt="text", file=None, outcomes=None):
    markdown = fmt == "markdown"
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    bullet = "- " if markdown else "  "
    lines = []
    title = (file.title if file and file.title else w("title", lang))
    lines.append(f"{h1}{title}")
    lines.append(f"{result['from']} – {result['to']} · " + ", ".join(_regime(r, lang) for r in result["regimes"]))
    lines.append("")
    findings = [i for i in result["review"] if i["finding"]]
    lines.append(f"{h2}{w('findings', lang)} ({len(findings)})")
    lines.extend(f"{bullet}{_item_line(i, lang, markdown)}" for i in findings)
    if not findings:
        lines.append(bullet + w("no_findings", lang))
    lines.append("")
    lines.append(f"{h2}{w('deadlines', lang)}")
    lines.extend(f"{bullet}{_item_line(i, lang, markdown)}" for i in result["review"] if not i["finding"])
    lines.append("")
    lines.append(f"{h2}{w('changes', lang)}")
    for regime in result["regimes"]:
        data = result["timeline"]["regimes"][regime]
        lines.append(f"{'### ' if markdown else ''}{_regime(regime, lang)}")
        for point in data["change_points"]:
            lines.append(f"{bullet}{point['month']} · {point['person']} · {point['question']} [{point['question_id']}]: "
                         f"{point['from_text']} → {point['answer_text']}")
            changed = "; ".join(f"{c['fact']}: {c['from'] if c['from'] is not None else '-'} → {c['to'] if c['to'] is not None else '-'}"
                                for c in point.get("facts_changed", []))
            changed = "; ".join(filter(None, [changed] + [
                f"{p['name']} = {p['value']} {w('from_date', lang)} {p['start']} ({p['status']})"
                for p in point.get("parameters_changed", [])]))
            lines.append(f"{bullet}  {w('changed', lang)}: {changed or w('date_only', lang)}")
            lines.append(f"{bullet}  {w('why', lang)}: {point['reasoning']}")
            lines.extend(f"{bullet}    {line}" for line in branch_lines(point, lang))  # a depends-answer's branches
            cited = _citations(point, markdown)
            if cited:
                lines.append(f"{bullet}  {cited}")
            for entry in point.get("ambiguities", []):
                lines.append(f"{bullet}  {w('contested', lang)} {entry['id']}: {entry['title']}")
            if point.get("unverified_parameters"):
                lines.append(f"{bullet}  {w('unverified', lang)}: " + ", ".join(p["name"] for p in point["unverified_parameters"]))
        lines.append("")
    if result["meeting_parity"]:
        lines.append(f"{h2}{w('parity', lang)}")
        for entry in result["meeting_parity"]:
            lines.append(f"{bullet}{_regime(entry['regime'], lang)} · {entry['person']}: " + w(
                "parity_text", lang, held=entry["held"], required=f"{entry['ordinary_required']:g}",
                months=entry["months"], start=entry["from"], end=entry["to"]))
        lines.append("")
    if result["notes"]:
        lines.append(f"{h2}{w('notes', lang)}")
        lines.extend(f"{bullet}{_regime(n['regime'], lang)} · {n['person']} · {n['duty']}: {n['note']}" for n in result["notes"])
        lines.append("")
    if outcomes:
        lines.append(f"{h2}{w('expectations', lang)}")
        for outcome in outcomes:
            state = w("met", lang) if outcome["met"] else w("not_met", lang)
            where = f":{outcome['line']}" if outcome.get("line") else ""
            lines.append(f"{bullet}{state}{where}: {outcome['check']} / {outcome['regime']}")
            for item in outcome["missing"]:
                lines.append(f"{bullet}  {w('missing_exp', lang)}: {json.dumps(item, ensure_ascii=False)}")
            for item in outcome["unexpected"]:
                lines.append(f"{bullet}  {w('unexpected', lang)}: {json.dumps(item, ensure_ascii=False)}")
        lines.append("")
    lines.append(result["note"])
    lines.append(f"request sha256 {result['receipt']['request_sha256']}")
    return "\n".join(lines) + "\n"
