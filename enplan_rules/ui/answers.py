"""The answers of `compare` as the page and the case note show them: one card per question with the three regimes,
the deciding facts once per question, meetings as whole numbers per period, the questions that cannot apply to a
person folded away, the duties that remain and the flags."""

from enplan_rules import labels, regimes
from enplan_rules.answers.render import branch_lines, dependency_lines
from enplan_rules.ui.texts import ADULT_QUESTIONS, CHILD_QUESTIONS, NOT_FOR_ROLE

NOT_DUTIES = ("in_trial", "legal_basis_unresolved", "outside_jobcenter")  # answers that are not duties to act
split_reasoning = labels.split_reasoning
meetings_words = labels.meetings_words


def answer_words(question_id, answer, lang):
    """The answer as the page shows it."""
    value = answer.get("value")
    if answer.get("status") == "depends":
        return answer["answer_text"]  # the engine's sentence: "Ja, medmindre borgeren samtykker"
    if question_id == "ordinary_meetings":
        words = meetings_words(value, lang)
        if words:
            return words[:1].upper() + words[1:]
    return answer.get("answer_text", str(value))


def _kind(answer):
    return answer.get("status") or ("yes" if answer.get("value") is True else "no" if answer.get("value") is False
                                    else "number")


def _cell(regime, question_id, answer, lang):
    reasoning, facts = split_reasoning(answer.get("reasoning", ""), lang)
    unverified = [{**p, "label": labels.parameter_label(p["name"], lang)} for p in answer.get("unverified_parameters", [])]
    return {"regime": regime, "answer": answer, "words": answer_words(question_id, answer, lang),
            "kind": _kind(answer), "reasoning": reasoning, "facts": facts,
            "citations": answer.get("citations", []), "ambiguities": answer.get("ambiguities", []),
            "unverified": unverified, "dependencies": dependency_lines(answer, lang),
            "branches": branch_lines(answer, lang),
            "flagged": bool(answer.get("ambiguities") or answer.get("unverified_parameters"))}


def _folded(role, question_id, cells):
    """Whether the question cannot apply to a person with `role` (and says no, or none, in every regime)."""
    if question_id not in (ADULT_QUESTIONS if role == "child" else CHILD_QUESTIONS):
        return False
    return all(cell["answer"].get("value") in (False, 0, 0.0) and cell["answer"].get("value") is not True
               for cell in cells)


def person_views(result, case, lang):
    """Per person: {"id", "role", "questions": [...], "folded": [...], "why_folded"}."""
    views = []
    first = result["regimes"][regimes.NAMES[0]]
    for person in case["persons"]:
        pid = person["id"]
        role = person.get("role", "parent")
        questions, folded = [], []
        for question_id, base in first["persons"][pid]["answers"].items():
            cells = [_cell(regime, question_id, result["regimes"][regime]["persons"][pid]["answers"][question_id], lang)
                     for regime in regimes.NAMES]
            facts = []
            for cell in cells:
                facts.extend(f for f in cell["facts"] if f not in facts)
            view = {"id": question_id, "question": base["question"], "cells": cells, "facts": facts,
                    "differs": bool(base.get("differs_between_regimes"))}
            (folded if _folded(role, question_id, cells) else questions).append(view)
        views.append({"id": pid, "role": role, "role_name": labels.choice("role", role, lang), "questions": questions,
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
