"""The answers of `compare` as the page and the case note show them: per person the regime that applies to the case
on its date (from the engine's own answers), each answer one line with its paragraph and its evidence folded under it,
then the comparison with the other regimes; meetings as whole meetings per period, the questions that cannot apply
to a person folded away, the duties that remain and the flags."""

from enplan_rules import labels, regimes
from enplan_rules.answers.render import branch_lines, dependency_lines
from enplan_rules.ui.texts import ADULT_QUESTIONS, CHILD_QUESTIONS, NOT_FOR_ROLE, dates_in, t

NOT_DUTIES = ("in_trial", "legal_basis_unresolved", "outside_jobcenter")  # answers that are not duties to act
split_reasoning = labels.split_reasoning
citation_label = labels.citation_label  # one filter for the page, the case note and the history page
meetings_words = labels.meetings_words


def answer_words(question_id, answer, lang, ordinary_rules_apply=True, regime=None):
    """The answer as the page shows it: the engine's `answer_text` (for a `depends` answer the whole sentence of what
    it depends on), a number of meetings as meetings per period — or, where the ordinary contact-process rules do
    not apply in the regime, that they do not apply."""
    value = answer.get("value")
    if answer.get("status") == "depends":
        return answer["answer_text"]  # the engine's sentence: "Ja, medmindre borgeren samtykker"
    if question_id == "ordinary_meetings":
        if not ordinary_rules_apply:
            if regime == "trial":
                return "Gælder ikke i forsøget" if lang == "da" else "Does not apply in the trial"
            return "Gælder ikke" if lang == "da" else "Does not apply"
        words = meetings_words(value, lang)
        if words:
            return words[:1].upper() + words[1:]
    text = answer.get("answer_text")
    if text:
        return text
    if value == "depends":
        return t("depends", lang).capitalize()
    return str(value)


def _kind(answer):
    return answer.get("status") or ("yes" if answer.get("value") is True else "no" if answer.get("value") is False
                                    else "number")


def parameter_words(parameter, lang):
    """A parameter for a reader: its label in words, else its description — never its internal name."""
    label = labels.parameter_label(parameter["name"], lang)
    if label == parameter["name"]:
        label = (parameter.get("description") or "").split(":")[0].strip() or (
            "en værdi uden beskrivelse" if lang == "da" else "a value without a description")
    return {**parameter, "label": label}


def _citation(citation, lang):
    return {**citation, "label": citation_label(citation.get("text", ""), lang)}


def _cell(regime, question_id, answer, lang, ordinary_rules_apply=True):
    reasoning, facts = split_reasoning(dates_in(answer.get("reasoning", "")), lang)
    unverified = [parameter_words(p, lang) for p in answer.get("unverified_parameters", [])]
    citations = [_citation(c, lang) for c in answer.get("citations", [])]
    return {"regime": regime, "answer": answer,
            "words": answer_words(question_id, answer, lang, ordinary_rules_apply, regime),
            "paragraph": citations[0]["label"] if citations else "",
            "kind": _kind(answer), "reasoning": reasoning, "facts": facts,
            "citations": citations, "ambiguities": answer.get("ambiguities", []),
            "unverified": unverified, "dependencies": dependency_lines(answer, lang),
            "branches": branch_lines(answer, lang),
            "flagged": bool(answer.get("ambiguities") or answer.get("unverified_parameters"))}


def _folded(role, question_id, cells):
    """Whether the question cannot apply to a person with `role` (and says no, or none, in every regime)."""
    if question_id not in (ADULT_QUESTIONS if role == "child" else CHILD_QUESTIONS):
        return False
    return all(cell["answer"].get("value") in (False, 0, 0.0) and cell["answer"].get("value") is not True
               for cell in cells)


def ordinary_rules_apply(result, regime, person_id):
    """Whether the ordinary contact-process rules apply to the person under `regime` (the engine's own answer)."""
    answer = result["regimes"][regime]["persons"][person_id]["answers"].get("contact_process")
    return answer is None or answer.get("value") is not False


def applicable_regime(result, case, person_id, lang):
    """(regime, sentence): the regime that applies to the person on the case's date, from the engine's own answers —
    the trial where the trial regime answers that the person is in the trial; else the One Plan law where it is in
    force on the date (its parameter); else sector law — and the sentence that says so."""
    municipality = labels.choice("municipality", case.get("municipality", ""), lang)
    in_trial = result["regimes"]["trial"]["persons"][person_id]["answers"].get("in_trial", {})
    value = "depends" if in_trial.get("status") == "depends" else in_trial.get("value")  # depends: value is null
    period = str(result.get("period", ""))
    in_force = bool(regimes.load("one_plan_law").parameters(f"{period[:7]}-01").one_plan_law.in_force)
    fallback = "one_plan_law" if in_force else "sector_law"
    if lang == "da":
        place = f"{municipality} Kommune" if case.get("municipality") != "other" else "kommunen"
        fallback_words = ("lov om én plan (lov nr. 707 af 8.6.2018) og sektorlovgivningen gælder" if in_force
                          else "sektorlovgivningen gælder")
        if value is True:
            return "trial", f"Sagen er omfattet af frikommuneforsøget i {place}."
        if value == "depends":
            return "trial", (f"Om sagen er omfattet af frikommuneforsøget i {place}, afhænger af "
                             f"oplysninger, der ikke er givet. Svarene nedenfor er forsøgets; ellers {fallback_words}.")
        return fallback, f"Sagen er ikke omfattet af frikommuneforsøget; {fallback_words}."
    place = f"{municipality} Municipality" if case.get("municipality") != "other" else "the municipality"
    fallback_words = ("the One Plan law (lov nr. 707 af 8.6.2018) and sector law apply" if in_force
                      else "sector law applies")
    if value is True:
        return "trial", f"The case is covered by the free-municipality trial in {place}."
    if value == "depends":
        return "trial", (f"Whether the case is covered by the free-municipality trial in {place} depends "
                         f"on facts not given. The answers below are the trial's; otherwise {fallback_words}.")
    return fallback, f"The case is not covered by the free-municipality trial; {fallback_words}."


def person_views(result, case, lang):
    """Per person: {"id", "role", "regime" (the one that applies), "regime_sentence", "questions": [...] (each with
    "primary", its answer under that regime, and "others"), "folded": [...], "why_folded"}."""
    views = []
    first = result["regimes"][regimes.NAMES[0]]
    for person in case["persons"]:
        pid = person["id"]
        role = person.get("role", "parent")
        applies, sentence = applicable_regime(result, case, pid, lang)
        questions, folded = [], []
        for question_id, base in first["persons"][pid]["answers"].items():
            cells = [_cell(regime, question_id, result["regimes"][regime]["persons"][pid]["answers"][question_id], lang,
                           ordinary_rules_apply(result, regime, pid))
                     for regime in regimes.NAMES]
            facts = []
            for cell in cells:
                facts.extend(f for f in cell["facts"] if f not in facts)
            primary = next(cell for cell in cells if cell["regime"] == applies)
            view = {"id": question_id, "question": base["question"], "cells": cells, "facts": facts,
                    "differs": bool(base.get("differs_between_regimes")), "primary": primary,
                    "others": [cell for cell in cells if cell["regime"] != applies]}
            (folded if _folded(role, question_id, cells) else questions).append(view)
        views.append({"id": pid, "role": role, "role_name": labels.choice("role", role, lang), "questions": questions,
                      "regime": applies, "regime_sentence": sentence,
                      "folded": folded, "why_folded": labels.pick(NOT_FOR_ROLE[role], lang)})
    return views


def duties(views):
    """[(person id, question text, [regimes where it is a duty])]: the plans and rules that remain somewhere."""
    found = []
    for view in views:
        for question in view["questions"]:
            if question["id"] in NOT_DUTIES:
                continue
            where = [cell["regime"] for cell in question["cells"]
                     if cell["answer"].get("value") is True or cell["kind"] == "depends"
                     or (cell["kind"] == "number" and (cell["answer"].get("value") or 0) > 0)]
            if where:
                words = {cell["regime"]: cell["words"] for cell in question["cells"]}
                found.append({"person": view["id"], "question": question["question"], "id": question["id"],
                              "regimes": where, "words": words, "differs": question["differs"]})
    return found


def summaries(result, lang):
    """Per regime: flagged register entries and unverified values (with their labels), in order of appearance."""
    entries, unverified = {}, {}
    for regime in regimes.NAMES:
        for person in result["regimes"][regime]["persons"].values():
            for answer in person["answers"].values():
                for entry in answer.get("ambiguities", []):
                    entries.setdefault(entry["id"], {**entry, "regimes": []})
                    if regime not in entries[entry["id"]]["regimes"]:
                        entries[entry["id"]]["regimes"].append(regime)
                for parameter in answer.get("unverified_parameters", []):
                    unverified.setdefault(parameter["name"], {**parameter,
                                                              "label": labels.parameter_label(parameter["name"], lang)})
    return list(entries.values()), list(unverified.values())


def all_words(result, lang):
    """{(person, question, regime): the answer as the page shows it} for every answer of `compare`."""
    return {(person_id, question_id, regime): answer_words(question_id, answer, lang,
                                                           ordinary_rules_apply(result, regime, person_id), regime)
            for regime in regimes.NAMES
            for person_id, person in result["regimes"][regime]["persons"].items()
            for question_id, answer in person["answers"].items()}
