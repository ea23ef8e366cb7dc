"""A birth date the case does not give is not assumed.

The engine's `birth_date` keeps a default (1 Jan 1970) so that a bare simulation runs, but an age decides answers:
SEL § 140 a (a young person of 16–22; parental consent under 18), LAB § 21 b / LBA § 102 (right and duty sooner
for a dagpenge recipient under 30 or from 50), the trial's target groups by age (Ballerup's children 0–15,
Frederikssund's young people 16–22, …). In the case path a person without a birth date is therefore answered only
where the answers are the same at every age: the family is evaluated once with that person at each age on either
side of every age limit the rules read in the case's month (the parameters whose path names an age, and the
majority at 18), in one vectorised simulation. Where an answer changes with the age, the request is refused with
the field named and the ages at which the answers change — computed from the rules, not written here.
"""

import datetime
import random

import numpy
from openfisca_core import periods

from enplan_rules.answers import contingent
from enplan_rules.case.check import situation
from enplan_rules.case.questions import QUESTIONS
from enplan_rules.case.validation import CaseError
from enplan_rules.simulations import build_simulation

MAJORITY = 18  # SEL § 140 a stk. 2 and the holistic plan's parental consent: "under 18 år"
OLDEST = 70  # the oldest age probed: past every age limit of the rules
CONTEXTS = 6  # drawn assignments of the unrecorded judgements, besides all-default and all-other


def _age_limits(parameters, path=""):
    """Every numeric parameter value whose path names an age (`…_age`, `…_age.minimum`, `under_age`)."""
    found = set()
    for key, child in getattr(parameters, "_children", {}).items():
        name = f"{path}.{key}" if path else key
        if hasattr(child, "_children"):
            found |= _age_limits(child, name)
        elif any("age" in part.split("_") for part in name.split(".")) and isinstance(child, (int, float)):
            found.add(int(child))
    return found


def probe_ages(system, month):
    """The ages at which to evaluate a person with no birth date: each age limit the rules read that month, one
    year below and one above it, and the youngest and oldest ages."""
    limits = _age_limits(system.parameters(f"{month}-01")) | {MAJORITY}
    return sorted({0, OLDEST} | {age + step for age in limits for step in (-1, 0, 1) if 0 <= age + step <= OLDEST})


def _born(month, age):
    """The birth date of a person who is exactly `age` on the first day of `month`."""
    year, number = (int(part) for part in month.split("-"))
    return datetime.date(year - age, number, 1)


def _unrecorded_judgements(persons, system):
    """[(person index, fact, default)] for each boolean judgement a person does not record."""
    return [(index, name, bool(system.variables[name].default_value))
            for index, person in enumerate(persons) for name in contingent.judgement_facts()
            if name not in person and name in system.variables and system.variables[name].value_type is bool]


def _contexts(judgements):
    """Assignments of the unrecorded judgements: all at their defaults, all at the other value, and CONTEXTS drawn
    with a fixed seed (the same for the same judgements: answers are reproducible)."""
    draw = random.Random(len(judgements))
    contexts = [[default for _i, _n, default in judgements], [not default for _i, _n, default in judgements]]
    return contexts + [[draw.random() < 0.5 for _ in judgements] for _ in range(CONTEXTS if judgements else 0)]


def _probe(system, base_situation, month_list, persons, judgements):
    """{person index: [ages at which some answer changes, in any of the months]} for each person without a birth
    date: one simulation per such person holding the family at every probe age under every context, each input
    tiled and the probed columns written over it for every month."""
    contexts = _contexts(judgements)
    ages = sorted(set().union(*(probe_ages(system, month) for month in month_list)))
    questions = [q.variable for q in QUESTIONS if q.variable in system.variables]
    count, n_ages = len(persons), len(ages)
    n_copies = len(contexts) * n_ages
    assignments = numpy.repeat(numpy.asarray(contexts, dtype=bool).reshape(len(contexts), -1), n_ages, axis=0)
    month_periods = [periods.period(month) for month in month_list]
    found = {}
    for index in [i for i, person in enumerate(persons) if person.get("birth_date") is None]:
        simulation = build_simulation(system, base_situation, n_copies, memoised=True)
        copies = numpy.arange(n_copies) * count
        born = numpy.array([_born(month_list[0], age) for age in ages] * len(contexts), dtype="datetime64[D]")
        holder = simulation.persons.get_holder("birth_date")
        eternity = periods.period("ETERNITY")
        dates = holder.get_array(eternity)
        dates = dates.copy() if dates is not None else system.variables["birth_date"].default_array(n_copies * count)
        dates[copies + index] = born
        holder.put_in_cache(dates, eternity)
        for number, (person, name, _default) in enumerate(judgements):
            holder = simulation.persons.get_holder(name)
            for period in month_periods:
                known = holder.get_array(period)
                array = known.copy() if known is not None else system.variables[name].default_array(n_copies * count)
                array[copies + person] = assignments[:, number]
                holder.put_in_cache(array, period)
        simulation.hold_inputs()
        changed = numpy.zeros(n_ages - 1, dtype=bool)
        for period in month_periods:
            answers = numpy.stack([numpy.asarray(simulation.calculate(name, period), dtype=numpy.float64)
                                   .reshape(len(contexts), n_ages, count) for name in questions], axis=2)
            changed |= (answers[:, 1:] != answers[:, :-1]).any(axis=(2, 3)).any(axis=0)  # between two ages
        if changed.any():
            found[index] = [ages[n + 1] for n in numpy.flatnonzero(changed)]
    return found


def ages_that_change_answers(case, month, system):
    """{person index: [ages at which some answer of the case changes]} for each person without a birth date whose
    age changes an answer in `month`. The judgements the case leaves unrecorded are unknown, so the ages are
    compared under several assignments of them: an age that matters only where, say, the citizen consents is
    found too."""
    persons = [{k: v for k, v in person.items() if v is not None} for person in case["persons"]]
    if all(person.get("birth_date") for person in persons):
        return {}
    return _probe(system, situation({**case, "persons": persons}, month), [month], persons,
                  _unrecorded_judgements(persons, system))


def ages_that_change_history_answers(cases, merged_situation, system):
    """The same for a history's month cases ({month: case}, one family; `merged_situation` their one situation):
    the ages (in the first month) that change an answer in any month; a judgement counts as unrecorded where no
    month records it."""
    month_list = list(cases)
    persons = [{k: v for k, v in person.items() if v is not None} for person in cases[month_list[0]]["persons"]]
    if all(person.get("birth_date") for person in persons):
        return {}
    recorded = [set().union(*({k for k, v in case["persons"][i].items() if v is not None} for case in cases.values()))
                for i in range(len(persons))]
    return _probe(system, merged_situation, month_list, persons,
                  _unrecorded_judgements([dict.fromkeys(names) for names in recorded], system))


def _refusal(changes, when, lang):
    """The CaseError: `when` is (da, en) words for the months and the age's month."""
    errors = []
    for index, ages in sorted(changes.items()):
        listed = ", ".join(str(age) for age in ages)
        if lang == "da":
            message = f"fødselsdatoen mangler, og svarene for denne person afhænger af alderen {when[0]}: de skifter ved {listed} år"
            expected = "personens fødselsdato"
        else:
            message = f"the birth date is missing and this person's answers depend on the age {when[1]}: they change at age {listed}"
            expected = "the person's date of birth"
        errors.append({"pointer": f"/persons/{index}/birth_date", "message": message, "expected": expected})
    return CaseError(errors)


def require_where_it_matters(case, month, system, lang):
    """Refuse (CaseError, the field named) a case in which a person without a birth date has answers that change
    with the age."""
    changes = ages_that_change_answers(case, month, system)
    if changes:
        raise _refusal(changes, (f"i {month}", f"in {month}"), lang)


def require_over_history(cases, merged_situation, system, lang):
    """The same for a history's month cases: refused when an answer in any month changes with the age."""
    changes = ages_that_change_history_answers(cases, merged_situation, system)
    if changes:
        first, last = list(cases)[0], list(cases)[-1]
        raise _refusal(changes, (f"i {first}..{last} (alderen i {first})", f"in {first}..{last} (the age in {first})"),
                       lang)
