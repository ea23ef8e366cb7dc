"""The `enplan check` report in text or Markdown: per question the answer, the paragraphs with their links,
the reasoning, the contested readings and unverified values it rests on, and the provenance receipt; with
every regime, the answers side by side and the differences marked."""

import json

from enplan_rules import regimes
from enplan_rules.answers.render import dependency_lines
from enplan_rules.case.texts import FACTS, YES_NO
from enplan_rules.labels import (
    choice,
    meetings_words,
    parameter_label,
    pick,
    regime_name,
    split_reasoning,
    text,
)
from enplan_rules.scenarios.expect import describe

DIFF_MARK = "≠"


def fact_lines(case, lang):
    """The case facts in words: [(heading, [fact, ...])], the case first, then each person."""
    i = 0 if lang == "da" else 1
    head = [f"{text('municipality', lang)}: {choice('municipality', case['municipality'], lang)}",
            f"{text('period', lang)}: {case.get('month') or case.get('date')}"]
    groups = [("", head)]
    for person in case["persons"]:
        facts = []
        for name, value in person.items():
            if name in ("id", "role"):
                continue
            label = FACTS.get(name, (name, name))[i]
            if value is None:  # a fact not known (the engine's contingent answers)
                value = pick(("ved ikke", "not known"), lang)
            elif isinstance(value, bool):
                value = YES_NO[lang][0 if value else 1]
            else:
                value = choice(name, value, lang)
            facts.append(f"{label}: {value}")
        role = choice("role", person.get("role", "parent"), lang)
        groups.append((f"{person['id']} ({role})", facts))
    return groups


def _citation_text(citation, markdown):
    urls = citation.get("urls") or ([citation["url"]] if citation.get("url") else [])
    source = citation.get("source") or {}
    address = source.get("address") if isinstance(source, dict) else None
    excerpt = f" »{citation['excerpt']}«" if citation.get("excerpt") else ""
    if markdown:
        first = f"[{citation['text']}]({urls[0]})" if urls else citation["text"]
        more = [f"[{n + 2}]({u})" for n, u in enumerate(urls[1:])]
        if address and address not in urls:
            more.append(f"[{source.get('document') or address}]({address})")
        return " ".join([first] + more) + excerpt
    if address and address not in urls:
        urls = [*urls, address]
    return citation["text"] + ("  <" + ">  <".join(urls) + ">" if urls else "") + excerpt


def _answer_words(question_id, answer, lang):
    """The answer in words: meetings as whole numbers per period ("4 om året"), "afhænger af" for a contingent one."""
    if answer.get("value") == "depends":
        return pick(("Afhænger af", "Depends"), lang)
    if question_id == "ordinary_meetings":
        words = meetings_words(answer.get("value"), lang)
        if words:
            return words[:1].upper() + words[1:]
    return answer["answer_text"]


def _roles(case):
    return {p["id"]: p.get("role", "parent") for p in case["persons"]}


def _unverified_text(parameters, lang="en"):
    def shown(value):
        if isinstance(value, bool):
            return YES_NO["da" if lang == "da" else "en"][0 if value else 1]
        return json.dumps(value, ensure_ascii=False)

    return "; ".join(f"{parameter_label(p['name'], lang)} = {shown(p['value'])}" for p in parameters)


def _receipt_line(receipt, lang):
    counts = {}
    for parameter in receipt["parameters"]:
        counts[parameter["status"]] = counts.get(parameter["status"], 0) + 1
    statuses = ", ".join(f"{status} {count}" for status, count in sorted(counts.items()))
    return (f"{receipt['package']} {text('version', lang)} {receipt['package_version']} · "
            f"{text('regime', lang).lower()} {receipt['regime']} ({receipt['one_plan_law_variant']}) · "
            f"{text('period', lang).lower()} {receipt['period']} · "
            f"{len(receipt['parameters'])} {text('parameters', lang)} ({statuses}) · "
            f"{text('request_hash', lang)} {receipt['request_sha256']}")


def _expectation_lines(outcomes, lang):
    if not outcomes:
        return [text("no_expectations", lang)], True
    met = sum(o["met"] for o in outcomes)
    lines = [f"{text('expectations', lang)}: {met} {text('of', lang)} {len(outcomes)} {text('met', lang)}."]
    for outcome in outcomes:
        if not outcome["met"]:
            line = f" ({'linje' if lang == 'da' else 'line'} {outcome['line']})" if outcome.get("line") else ""
            lines.append(f"{text('not_met', lang)}: {describe(outcome, lang)}{line}")
    return lines, met == len(outcomes)


def _flag_lines(answers_by_regime, lang):
    """Ambiguity ids with the regimes they are flagged under, and unverified values (union)."""
    flags = {}
    entries = {}
    unverified = {}
    for regime, answer in answers_by_regime.items():
        for entry in answer["ambiguities"]:
            flags.setdefault(entry["id"], []).append(regime)
            entries[entry["id"]] = entry
        for parameter in answer["unverified_parameters"]:
            unverified.setdefault(parameter["name"], parameter)
    return flags, entries, list(unverified.values())


class _Writer:
    def __init__(self, markdown):
        self.md = markdown
        self.lines = []

    def heading(self, level, title):
        if self.md:
            self.lines += ["", "#" * level + " " + title, ""]
        else:
            self.lines += ["", title, ("=" if level <= 1 else "-") * min(len(title), 100)]

    def line(self, value="", indent=0):
        if self.md:
            self.lines.append(("  " * max(indent - 1, 0) + "- " if indent else "") + value)
        else:
            self.lines.append("  " * indent + value)

    def blank(self):
        self.lines.append("")

    def text(self):
        out = []
        for line in self.lines:  # no runs of blank lines
            if line == "" and (not out or out[-1] == ""):
                continue
            out.append(line)
        return "\n".join(out).strip() + "\n"


def _header(w, scenario, regime, period, lang):
    w.heading(1, scenario.title or scenario.path)
    b = 1 if w.md else 0
    w.line(f"{text('scenario', lang)}: {scenario.path}", b)
    if scenario.source:
        w.line(f"{text('source', lang)}: {scenario.source}", b)
    if scenario.description:
        w.blank()
        w.line(" ".join(scenario.description.split()))
    w.blank()
    if regime == "all":
        w.line(f"{text('regimes', lang)}: " + "; ".join(
            f"{regime_name(r, lang)} ({r})" for r in regimes.NAMES), b)
    else:
        w.line(f"{text('regime', lang)}: {regime_name(regime, lang)} ({regime})", b)
    w.line(f"{text('period', lang)}: {period} · {text('municipality', lang)}: "
           f"{choice('municipality', scenario.case['municipality'], lang)} · {text('language', lang)}: {lang}", b)
    w.heading(2, text("facts", lang))
    for heading, facts in fact_lines(scenario.case, lang)[1:]:
        w.line(f"{text('person', lang)} {heading}: " + ("; ".join(facts) if facts else "-"), b)


def _answer_details(w, answer, lang, indent):
    if answer["citations"]:
        w.line(f"{text('paragraphs', lang)}:", indent)
        for citation in answer["citations"]:
            w.line(_citation_text(citation, w.md), indent + 1)
    if answer["reasoning"]:
        w.line(f"{text('reasoning', lang)}: {answer['reasoning']}", indent)
    for line in dependency_lines(answer, lang):  # contingent answers (enplan_rules.answers)
        w.line(line, indent)


def _facts_once(w, by_regime, lang, indent):
    """The deciding facts of a question, once (the union over the regimes)."""
    facts = []
    for answer in by_regime.values():
        facts.extend(f for f in split_reasoning(answer["reasoning"], lang)[1] if f not in facts)
    if facts:
        w.line(f"{pick(('Afgørende oplysninger', 'Deciding facts'), lang)}: " + "; ".join(facts), indent)


def _merged_details(w, by_regime, lang, indent):
    """Paragraphs once, each marked with the regimes that cite it where not all do; reasoning per regime."""
    cited = {}
    for regime, answer in by_regime.items():
        for citation in answer["citations"]:
            cited.setdefault(citation["text"], (citation, []))[1].append(regime)
    if cited:
        w.line(f"{text('paragraphs', lang)}:", indent)
        for citation, under in cited.values():
            only = "" if len(under) == len(by_regime) else " [" + ", ".join(regime_name(r, lang) for r in under) + "]"
            w.line(_citation_text(citation, w.md) + only, indent + 1)
    reasons = {regime: split_reasoning(answer["reasoning"], lang)[0] for regime, answer in by_regime.items()}
    reasons = {regime: reasoning for regime, reasoning in reasons.items() if reasoning}
    if len(set(reasons.values())) == 1 and len(reasons) == len(by_regime):
        w.line(f"{text('reasoning', lang)} ({text('same_in_all', lang).lower()}): {next(iter(reasons.values()))}", indent)
    elif reasons:
        w.line(f"{text('reasoning', lang)}:", indent)
        for regime, reasoning in reasons.items():
            w.line(f"{regime_name(regime, lang)}: {reasoning}", indent + 1)
    _facts_once(w, by_regime, lang, indent)


def _flags(w, answers_by_regime, lang, indent, show_regimes):
    flags, entries, unverified = _flag_lines(answers_by_regime, lang)
    for entry_id, under in flags.items():
        where = f" [{text('flagged_under', lang)}: {', '.join(regime_name(r, lang) for r in under)}]" if show_regimes else ""
        w.line(f"⚠ {text('ambiguity', lang)} {entry_id}: {entries[entry_id]['title']}{where}", indent)
    if unverified:
        w.line(f"⚠ {text('unverified', lang)}: {_unverified_text(unverified, lang)}", indent)
    return entries


def _register_appendix(w, entries, lang):
    if not entries:
        return
    w.heading(2, text("register", lang))
    for entry_id in sorted(entries, key=lambda e: (e[0], int(e[1:]) if e[1:].isdigit() else 0)):
        entry = entries[entry_id]
        w.line(f"**{entry_id}: {entry['title']}**" if w.md else f"{entry_id}: {entry['title']}")
        w.line(f"{text('engine_reading', lang)}: {entry['reading']}", 1)
        if entry.get("alternative"):
            w.line(f"{text('alternative', lang)}: {entry['alternative']}", 1)


def _single(w, scenario, result, lang):
    roles = _roles(scenario.case)
    entries = {}
    for person_id, person in result["persons"].items():
        w.heading(2, f"{text('person', lang)} {person_id} ({choice('role', roles[person_id], lang)})")
        for n, (question_id, answer) in enumerate(person["answers"].items(), 1):
            if w.md:
                w.line(f"**{n}. {answer['question']}** — **{_answer_words(question_id, answer, lang)}** `{question_id}`")
            else:
                w.line(f"{n}. {answer['question']} [{question_id}]")
                w.line(f"{text('answer', lang)}: {_answer_words(question_id, answer, lang)}", 2)
            _answer_details(w, answer, lang, 1 if w.md else 2)
            entries.update(_flags(w, {result["regime"]: answer}, lang, 1 if w.md else 2, False))
            w.blank()
    return entries


def _side_by_side(w, scenario, result, lang):
    roles = _roles(scenario.case)
    runs = result["regimes"]
    first = runs[regimes.NAMES[0]]
    entries = {}
    w.heading(2, text("differences", lang))
    if not result["differences"]:
        w.line(text("no_differences", lang))
    for difference in result["differences"]:
        question = first["persons"][difference["person"]]["answers"][difference["question"]]["question"]
        values = " · ".join(f"{regime_name(r, lang)}: "
                            f"{_answer_words(difference['question'], runs[r]['persons'][difference['person']]['answers'][difference['question']], lang)}"
                            for r in regimes.NAMES)
        w.line(f"{DIFF_MARK} {difference['person']}: {question} — {values}", 1)
    for person_id in first["persons"]:
        w.heading(2, f"{text('person', lang)} {person_id} ({choice('role', roles[person_id], lang)})")
        questions = first["persons"][person_id]["answers"]
        if w.md:
            w.line(f"| | {text('question', lang)} | " + " | ".join(regime_name(r, lang) for r in regimes.NAMES) + " |")
            w.line("|---|---|" + "---|" * len(regimes.NAMES))
            for n, (question_id, answer) in enumerate(questions.items(), 1):
                mark = DIFF_MARK if answer.get("differs_between_regimes") else ""
                cells = [_answer_words(question_id, runs[r]["persons"][person_id]["answers"][question_id], lang)
                         for r in regimes.NAMES]
                if mark:
                    cells = [f"**{c}**" for c in cells]
                question = answer["question"].replace("|", "\\|")
                w.line(f"| {mark} | {n}. {question} | " + " | ".join(cells) + " |")
            w.blank()
        for n, (question_id, answer) in enumerate(questions.items(), 1):
            by_regime = {r: runs[r]["persons"][person_id]["answers"][question_id] for r in regimes.NAMES}
            mark = f"{DIFF_MARK} " if answer.get("differs_between_regimes") else ""
            if w.md:
                w.line(f"**{mark}{n}. {answer['question']}** `{question_id}`")
            else:
                w.line(f"{mark}{n}. {answer['question']} [{question_id}]")
            w.line(" · ".join(f"{regime_name(r, lang)}: {_answer_words(question_id, a, lang)}" for r, a in by_regime.items())
                   + (f"  ({DIFF_MARK} {text('differs', lang)})" if mark else ""), 1 if w.md else 2)
            _merged_details(w, by_regime, lang, 1 if w.md else 2)
            entries.update(_flags(w, by_regime, lang, 1 if w.md else 2, True))
            w.blank()
    return entries


def render(scenario, run, lang="da", fmt="text"):
    """The report of one scenario run (see `enplan_rules.scenarios.run`) as text or Markdown."""
    w = _Writer(fmt == "markdown")
    result = run["result"]
    _header(w, scenario, run["regime"], result["period"], lang)
    if run["regime"] == "all":
        entries = _side_by_side(w, scenario, result, lang)
        receipts = [r["receipt"] for r in result["regimes"].values()]
        note = next(iter(result["regimes"].values()))["note"]
    else:
        entries = _single(w, scenario, result, lang)
        receipts = [result["receipt"]]
        note = result["note"]
    _register_appendix(w, entries, lang)
    w.heading(2, text("receipt", lang))
    for receipt in receipts:
        w.line(_receipt_line(receipt, lang), 1)
        unverified = [p for p in receipt["parameters"] if p["status"] == "unverified"]
        if unverified:
            w.line(f"{pick(('ikke verificeret', 'unverified'), lang)}: {_unverified_text(unverified, lang)}", 2)
        if receipt.get("overrides"):
            given = "; ".join(f"{o['name']} = {o['value']} ({pick(('motoren', 'engine'), lang)}: {o['engine_value']})"
                              for o in receipt["overrides"])
            w.line(f"{pick(('tilsidesat for denne kørsel', 'overridden for this run'), lang)}: {given}", 2)
    w.blank()
    w.line(note)
    w.heading(2, text("expectations", lang))
    lines, _ = _expectation_lines(run["outcomes"], lang)
    for line in lines:
        w.line(line, 1 if w.md and line != lines[0] else 0)
    return w.text()


def as_json(scenario, run):
    """The report of one scenario run as a JSON-ready dict."""
    return {
        "file": scenario.path,
        "title": scenario.title,
        "description": scenario.description,
        "source": scenario.source,
        "regime": run["regime"],
        "case": scenario.case,
        "result": run["result"],
        "expectations": run["outcomes"],
        "status": "ok" if all(o["met"] for o in run["outcomes"]) else "unmet",
    }
