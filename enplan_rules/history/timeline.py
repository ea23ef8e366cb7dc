"""The timeline of a case history: every month's answers under a regime, and the months they change.

The answers come from ONE OpenFisca simulation per regime over all the months: the month case documents of the
history (`document.month_cases`) are turned into OpenFisca situations by the case path's own builder
(`enplan_rules.case.check.situation`), merged (the persons, family and cohort are the same every month; each input
is set for its month) and computed month by month. The engine's person formulas read only their own month, so each
month's answers equal what `enplan_rules.case.check` answers for that month's case document (a property test over
generated histories checks it). The reasoning, citations and register entries of a change point are `check`'s own
answer for that month; the value `check` gives there is compared with the timeline's, and a difference is an error.
"""

import functools
import logging

import numpy
from openfisca_core import periods

from enplan_rules import regimes
from enplan_rules.answers import birth_date, check
from enplan_rules.answers.model import status_of
from enplan_rules.case.check import _answer_text, _json_value, situation
from enplan_rules.case.questions import QUESTIONS
from enplan_rules.history.document import month_cases, months
from enplan_rules.legal import register
from enplan_rules.legal.dependencies import explain_static
from enplan_rules.simulations import build_simulation

log = logging.getLogger("enplan_rules.history")

# Variables the deadlines and the review read per month, besides the answers.
EXTRA_VARIABLES = (
    "age",
    "employment_target_group",
    "sickness_benefit_category",
    "benefit_start_date",
    "in_en_plan_trial",
    "has_complex_problems",
    "lab_contact_process_triggered",
    "lab_contact_process_set_aside_by_trial",
    "lsd_13b_followup_set_aside_by_trial",
    "right_and_duty_regime_applies",
    "right_and_duty_set_aside_by_trial",
    "ordinary_required_meetings",
    "lab_ordinary_required_meetings",
    "meetings_held",
    "municipality",
    *sorted({name for q in QUESTIONS for name in q.trigger}),
)


@functools.cache
def _signature_variables(system):
    """What `explain_static` reads of a month besides the answers: the register's condition variables, the
    variables it needs true, and the target group and municipality (the parameter leaves an answer rests on
    depend only on these, dependencies.py). Two months with the same values of these and of the answers get the
    same register entries and unverified flags."""
    names = {"employment_target_group", "municipality"}
    for entry in register.entries():
        names |= register.condition_variables(entry)
        if entry.get("touch_must_be_true"):
            names |= set(entry["touches"])
    return tuple(sorted(
        name for name in names
        if name in system.variables and system.variables[name].entity.key == "person"
        and system.variables[name].definition_period == "month"
    ))


def merged_situation(cases):
    """One OpenFisca situation holding every month's case (same persons and groups; inputs per month)."""
    merged = None
    for month, case in cases.items():
        one = situation(case, month)
        if merged is None:
            merged = one
            continue
        for person_id, inputs in one["persons"].items():
            target = merged["persons"][person_id]
            for name, values in inputs.items():
                target.setdefault(name, {}).update(values)
    return merged


def _question_ids(system):
    return [q for q in QUESTIONS if q.variable in system.variables]


class RegimeTimeline:
    """The months of one regime: values and flags of every answer, and the simulation they came from."""

    def __init__(self, history, regime, month_list, cases, one_plan_law_variant="enacted"):
        self.regime = regime
        self.months = month_list
        self.cases = cases
        self.system = regimes.load(regime, one_plan_law_variant)
        self.variant = one_plan_law_variant
        self.ids = [p["id"] for p in history["persons"]]
        self.simulation = build_simulation(self.system, merged_situation(cases), memoised=True)
        self.simulation.hold_inputs()  # every array read or computed is kept by variable and period
        self.questions = _question_ids(self.system)
        names = [q.variable for q in self.questions]
        self.values = {}  # month -> person id -> question id -> value
        self.flags = {}  # month -> person id -> question id -> (ambiguity ids, unverified)
        self.extra = {}  # month -> variable -> array
        explained = {}  # signature -> flags: months that feed the explanation the same values share it
        signature_names = [name for name in _signature_variables(self.system) if name not in names]
        for month in month_list:
            period = periods.period(month)
            arrays = {q.variable: self.simulation.calculate(q.variable, period) for q in self.questions}
            self.values[month] = {
                pid: {q.id: _json_value(arrays[q.variable][i]) for q in self.questions} for i, pid in enumerate(self.ids)
            }
            signature = tuple(
                numpy.asarray(self.simulation.calculate(name, period)).tobytes()
                for name in signature_names
            ) + tuple(numpy.asarray(arrays[name]).tobytes() for name in names)
            if signature not in explained:
                explanations = explain_static(self.simulation, names, month)
                explained[signature] = {
                    pid: {
                        q.id: (
                            tuple(sorted(e["id"] for e in explanations[q.variable][i]["ambiguities"])),
                            bool(explanations[q.variable][i]["unverified_parameters"]),
                        )
                        for q in self.questions
                    }
                    for i, pid in enumerate(self.ids)
                }
            self.flags[month] = explained[signature]
            extra = {}
            for name in EXTRA_VARIABLES:
                if name in self.system.variables:
                    values = self.simulation.calculate(name, period)
                    extra[name] = values.decode_to_str() if hasattr(values, "decode_to_str") else values
            self.extra[month] = extra
        self._checked = {}
        self.computed_by = "simulation"

    def fact(self, name, month, person_id):
        return self.extra[month][name][self.ids.index(person_id)]

    def checked(self, month, lang):
        """`check`'s own answer for the month (memoised)."""
        key = (month, lang)
        if key not in self._checked:
            self._checked[key] = check(self.cases[month], self.regime, lang, self.variant, month_of_history=True)
        return self._checked[key]

    def from_check(self, lang):
        """Replace every month's values and flags by `check`'s own (the slow path, always equal to the case path)."""
        for month in self.months:
            persons = self.checked(month, lang)["persons"]
            self.values[month] = {pid: {qid: answer_key(a) for qid, a in persons[pid]["answers"].items()}
                                  for pid in self.ids}
            self.flags[month] = {
                pid: {qid: (tuple(sorted(e["id"] for e in a["ambiguities"])), bool(a["unverified_parameters"]))
                      for qid, a in persons[pid]["answers"].items()}
                for pid in self.ids
            }
        self.computed_by = "check"

    def change_points(self):
        """[(month, person id, question id, before, after)] for every month whose answer differs from the month before."""
        points = []
        for previous, month in zip(self.months, self.months[1:], strict=False):
            for pid in self.ids:
                for question in self.questions:
                    before = self.values[previous][pid][question.id]
                    after = self.values[month][pid][question.id]
                    if before != after:
                        points.append((month, pid, question.id, before, after))
        return points


def answer_key(answer):
    """What a month's timeline holds for a `check` answer: its value, or ("depends", its sentence) — a depends
    answer changes when its sentence does (truthy: a duty that depends is owed on one of its branches)."""
    return ("depends", answer["answer_text"]) if answer.get("status") == "depends" else answer["value"]


def shown(key, lang):
    """A timeline value as the answer model shows it: {status, value, answer_text}."""
    if isinstance(key, tuple):
        return {"status": "depends", "value": None, "answer_text": key[1]}
    return {"status": status_of(key).value, "value": key, "answer_text": _answer_text(None, key, lang)}


def _explained(answer):
    keep = ("question", "status", "value", "answer_text", "branches", "reasoning", "citations", "ambiguities", "unverified_parameters",
            "dependencies")
    return {key: answer[key] for key in keep if key in answer}


class Disagreement(Exception):
    """The simulation's answer of a month differs from `check`'s (e.g. `check` gained a kind of answer the
    simulation does not compute): the timeline is then taken from `check` month by month."""


def _cross_check(timeline, month, pid, question_id, answer):
    value = timeline.values[month][pid][question_id]
    if answer_key(answer) != value:  # the vectorised months must equal the case path
        raise Disagreement(f"{timeline.regime} {month} {pid} {question_id}: {value!r} vs {answer_key(answer)!r}")


def previous_month(month_list, month):
    return month_list[month_list.index(month) - 1]


def facts_changed(before, after, person_id):
    """The facts of the person (and the municipality) that differ between two month cases: [{fact, from, to}]
    (none: the answer changed with the date alone, e.g. a law in force, the trial's dates, an age, a deadline)."""
    changed = []
    if before["municipality"] != after["municipality"]:
        changed.append({"fact": "municipality", "from": before["municipality"], "to": after["municipality"]})
    old = next(p for p in before["persons"] if p["id"] == person_id)
    new = next(p for p in after["persons"] if p["id"] == person_id)
    for name in sorted((set(old) | set(new)) - {"id", "role", "meetings_held"}):
        if old.get(name) != new.get(name):
            changed.append({"fact": name, "from": old.get(name), "to": new.get(name)})
    return changed


def _regime_output(timeline, cases, lang):
    month_list = timeline.months
    start = timeline.checked(month_list[0], lang)
    start_answers = {}
    for pid in timeline.ids:
        start_answers[pid] = {}
        for question_id, answer in start["persons"][pid]["answers"].items():
            _cross_check(timeline, month_list[0], pid, question_id, answer)
            start_answers[pid][question_id] = _explained(answer)
    points = []
    for month, pid, question_id, before, after in timeline.change_points():
        checked = timeline.checked(month, lang)
        answer = checked["persons"][pid]["answers"][question_id]
        _cross_check(timeline, month, pid, question_id, answer)
        points.append({
            "month": month,
            "facts_changed": facts_changed(cases[previous_month(timeline.months, month)], cases[month], pid),
            # the case's parameters (its receipt) that take a new value from this month
            "parameters_changed": [p for p in checked["receipt"]["parameters"]
                                   if p.get("start") and str(p["start"])[:7] == month],
            "person": pid,
            "question_id": question_id,
            "from": shown(before, lang)["value"],
            "to": shown(after, lang)["value"],
            "from_status": shown(before, lang)["status"],
            "from_text": shown(before, lang)["answer_text"],
            **_explained(answer),
        })
    for (month, _), checked in timeline._checked.items():  # every answer of every month check was asked about
        for pid in timeline.ids:
            for question_id, answer in checked["persons"][pid]["answers"].items():
                _cross_check(timeline, month, pid, question_id, answer)
    monthly = []
    for month in month_list:
        monthly.append({
            "month": month,
            "municipality": cases[month]["municipality"],
            "persons": {
                pid: {
                    question_id: {
                        **{k: v for k, v in shown(value, lang).items() if k != "answer_text" or isinstance(value, tuple)},
                        **({"ambiguities": list(timeline.flags[month][pid][question_id][0])}
                           if timeline.flags[month][pid][question_id][0] else {}),
                        **({"unverified": True} if timeline.flags[month][pid][question_id][1] else {}),
                    }
                    for question_id, value in timeline.values[month][pid].items()
                }
                for pid in timeline.ids
            },
        })
    return {"start": {"month": month_list[0], "persons": start_answers}, "months": monthly,
            "change_points": points,
            "computed_by": timeline.computed_by}


def _no_age_assumed(cases, regime_names, one_plan_law_variant, lang):
    """A person without a birth date is answered only where no answer in any month changes with the age (as in
    the case path, `answers.birth_date`): a CaseError naming the field otherwise."""
    if all(person.get("birth_date") for person in next(iter(cases.values()))["persons"]):
        return
    merged = merged_situation(cases)
    for regime in regime_names:
        birth_date.require_over_history(cases, merged, regimes.load(regime, one_plan_law_variant), lang)


def build(history, regime_names, first, last, lang="da", one_plan_law_variant="enacted"):
    """Every regime's timeline: {"months", "regimes": {regime: {"start", "months", "change_points"}}} and the
    RegimeTimeline objects (for deadlines and the review)."""
    month_list = months(first, last)
    cases = month_cases(history, month_list)
    _no_age_assumed(cases, regime_names, one_plan_law_variant, lang)
    timelines = {}
    output = {}
    for regime in regime_names:
        timeline = RegimeTimeline(history, regime, month_list, cases, one_plan_law_variant)
        timelines[regime] = timeline
        try:
            output[regime] = _regime_output(timeline, cases, lang)
        except Disagreement as error:
            log.warning("timeline: simulation and check disagree (%s); answering every month through check", error)
            timeline.from_check(lang)
            output[regime] = _regime_output(timeline, cases, lang)
    return {"months": month_list, "regimes": output}, timelines
