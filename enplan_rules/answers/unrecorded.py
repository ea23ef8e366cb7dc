"""Judgements a case does not record are unknown, not assumed.

The law leaves some questions to people (the judgement register, `legal/judgements.yaml`): whether the
municipality offers a holistic plan or uses a trial exemption for the case ('kan' — an option, not a duty), whether
the caseworker finds complex and compound problems or a need to coordinate, whether the citizen consents. The
OpenFisca variables keep a documented default, so a bare simulation still runs; but in the case path (the API,
the page, `enplan check`, histories) a judgement the case does not give is *unknown*, and an answer that turns on
it is `depends`, with the conditions it depends on.

Only the judgements that can change an answer of this case in its month are made unknown, so that the answer's
conditions name what matters and the combinations stay few: a judgement is taken to matter when flipping it changes
some answer of the family in one of a set of contexts — every other unrecorded judgement at its default, every one
at the other value, and CONTEXTS further assignments drawn with a fixed seed — so that judgements that only matter
together (two exemptions that each suffice; an offer, a coordination need and an exemption) are found.
"""

import random

import numpy
from openfisca_core import periods

from enplan_rules.answers import contingent
from enplan_rules.answers import readings as readings_module
from enplan_rules.case.check import situation
from enplan_rules.case.questions import QUESTIONS
from enplan_rules.legal.dependencies import static_closures

CONTEXTS = 48  # assignments of the other unrecorded judgements in which each one is flipped (besides the two extremes)


def unrecorded_candidates(persons, system, used=None):
    """[(person index, fact, default)] for each boolean judgement fact a person does not give (of the facts in
    `used`, when given)."""
    found = []
    for index, person in enumerate(persons):
        for name in contingent.judgement_facts():
            if name in person or name not in system.variables or (used is not None and name not in used):
                continue
            variable = system.variables[name]
            if variable.value_type is not bool:
                continue
            found.append((index, name, bool(variable.default_value)))
    return found


def context_assignments(candidates, draws, draw):
    """Assignments of the candidates: all at their defaults, all at the other value, then `draws` drawn from the
    seeded `draw` (the same contexts for the same candidates: answers are reproducible)."""
    return ([[default for _i, _n, default in candidates], [not default for _i, _n, default in candidates]]
            + [[draw.random() < 0.5 for _ in candidates] for _ in range(draws)])


def split_unrecorded(case, month, system):
    """([(index, fact)] the unrecorded judgements that can change an answer in `month`, [(index, fact)] those that
    cannot — whose other value need not be evaluated either, {(index, fact): {question variables it changes}})."""
    questions = [q.variable for q in QUESTIONS if q.variable in system.variables]
    closures = static_closures(system)
    used = set()
    for name in questions:
        used |= closures[name][0]
    candidates = unrecorded_candidates(case["persons"], system, used)
    if not candidates:
        return [], [], {}
    draw = random.Random(len(candidates))
    assignments = context_assignments(candidates, CONTEXTS if len(candidates) > 1 else 0, draw)
    # each assignment once under the readings the case asks for and once with register switches turned — all of
    # them, or a draw of them (an alternative reading may make another judgement matter, and the answer's
    # dependencies show the answer under each alternative reading)
    switches = [readings_module.switch_variable(switch.id) for switch in readings_module.active_switches(system)
                if readings_module.switch_variable(switch.id) in system.variables]
    if switches:
        assignments = assignments + assignments
    # the copies: per assignment, its base then each candidate flipped — written column by column
    block = len(candidates) + 1
    n_copies = len(assignments) * block
    grid = numpy.repeat(numpy.asarray(assignments, dtype=bool), block, axis=0)  # (copy, candidate)
    for number in range(len(candidates)):
        grid[number + 1::block, number] ^= True
    columns = [(index, name, grid[:, number].astype(object), None)
               for number, (index, name, _default) in enumerate(candidates)]
    # the facts the request gives as unknown (null) take either value too, a draw per context: a judgement that
    # matters only when one of them takes its other value is found as well
    for index, person in enumerate(case["persons"]):
        for name, value in person.items():
            if value is None and name in system.variables and system.variables[name].value_type is bool:
                drawn = numpy.asarray([draw.random() < 0.5 for _ in assignments], dtype=bool)
                columns.append((index, name, numpy.repeat(drawn, block).astype(object), None))
    half = len(assignments) // 2
    for name in switches:  # the second half: each context with its own draw of switches turned (the first: all)
        contexts = [half] + [c for c in range(half + 1, len(assignments)) if draw.random() < 0.5]
        turned = (numpy.asarray(contexts)[:, None] * block + numpy.arange(block)[None, :]).ravel()
        columns.append((None, name, True, turned))
    simulation = contingent._tiled_columns(system, situation(case, month), n_copies, columns, month)
    period = periods.period(month)
    persons = len(case["persons"])
    touched = {}
    shape = (len(assignments), block, persons)
    for name in questions:
        values = simulation.calculate(name, period)
        values = values.decode_to_str() if hasattr(values, "decode_to_str") else values
        rows = numpy.asarray(values).reshape(shape)  # (context, base or flipped candidate, person)
        changed = (rows[:, 1:, :] != rows[:, :1, :]).any(axis=(0, 2))  # per candidate: some context, some person
        for i in numpy.flatnonzero(changed):
            touched.setdefault((candidates[i][0], candidates[i][1]), set()).add(name)
    return ([(index, fact) for index, fact, _default in candidates if (index, fact) in touched],
            [(index, fact) for index, fact, _default in candidates if (index, fact) not in touched],
            touched)


def with_unknown(case, unrecorded):
    """A copy of `case` in which each of the `unrecorded` judgements is given as unknown (null)."""
    persons = [dict(person) for person in case["persons"]]
    for index, name in unrecorded:
        persons[index][name] = None
    return {**case, "persons": persons}


def at_defaults(case, system=None):
    """A copy of `case` in which every judgement it does not record is recorded at the variable's documented
    default — the engine's former assumption, for a caller that wants to state it explicitly (and see it in the
    case it sends) rather than leave the judgements unknown."""
    from enplan_rules import regimes

    system = system or regimes.load("trial")
    persons = [dict(person) for person in case["persons"]]
    for person in persons:
        for name in contingent.judgement_facts():
            if name in system.variables and name not in person:
                default = system.variables[name].default_value
                person[name] = default if isinstance(default, bool) else getattr(default, "name", default)
    return {**case, "persons": persons}
