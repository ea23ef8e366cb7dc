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

from enplan_rules.answers import contingent, unrecorded
from enplan_rules.case.check import situation
from enplan_rules.case.questions import QUESTIONS
from enplan_rules.case.validation import CaseError
from enplan_rules.month_names import month_words

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


def _probe(system, base_situation, month_list, persons, judgements):
    """{person index: [ages at which some answer changes, in any of the months]} for each person without a birth
    date: one simulation per such person holding the family at every probe age under every assignment of the
    unrecorded judgements (`unrecorded.context_assignments`), written over the tiled inputs in every month."""
    contexts = unrecorded.context_assignments(judgements, CONTEXTS if judgements else 0,
                                              random.Random(len(judgements)))
    ages = sorted(set().union(*(probe_ages(system, month) for month in month_list)))
    questions = [q.variable for q in QUESTIONS if q.variable in system.variables]
    count, n_ages = len(persons), len(ages)
    n_copies = len(contexts) * n_ages
    grid = numpy.repeat(numpy.asarray(contexts, dtype=bool).reshape(len(contexts), -1), n_ages, axis=0)
    columns = [(person, name, grid[:, number].astype(object), None)
               for number, (person, name, _default) in enumerate(judgements)]
    born = numpy.array([_born(month_list[0], age) for age in ages] * len(contexts), dtype=object)
    month_periods = [periods.period(month) for month in month_list]
    found = {}
    for index in [i for i, person in enumerate(persons) if person.get("birth_date") is None]:
        simulation = contingent._tiled_columns(system, base_situation, n_copies,
                                               [*columns, (index, "birth_date", born, None)], month_list)
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
                  unrecorded.unrecorded_candidates(persons, system))


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
                  unrecorded.unrecorded_candidates([dict.fromkeys(names) for names in recorded], system))


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
        raise _refusal(changes, (f"i {month_words(month, 'da')}", f"in {month_words(month, 'en')}"), lang)


def require_over_history(cases, merged_situation, system, lang):
    """The same for a history's month cases: refused when an answer in any month changes with the age."""
    changes = ages_that_change_history_answers(cases, merged_situation, system)
    if changes:
        first, last = list(cases)[0], list(cases)[-1]
        da = [month_words(month, "da") for month in (first, last)]
        en = [month_words(month, "en") for month in (first, last)]
        raise _refusal(changes, (f"i {da[0]} – {da[1]} (alderen i {da[0]})", f"in {en[0]} – {en[1]} (the age in {en[0]})"),
                       lang)
