"""Contingent answers: what each answer rests on among human judgements, contested readings and unknown facts.

For a validated case, `evaluate` evaluates the rules again — in ONE vectorised simulation — with, as extra copies
of the case's family:

- each judgement fact (enplan_rules/legal/judgements.yaml) of each person flipped, one at a time;
- each register reading's switch turned to its other side, one at a time (enplan_rules.answers.readings);
- and, where the case gives a fact as `null` (unknown), every combination of values of the unknown facts.

Every flip that changes an answer becomes one of the answer's `dependencies` with the answer under the flip; an
answer that differs between the values of an unknown fact has the status `depends`, its sentence built from the
branches (the smallest conditions covering them, in the judgements' own phrases), never written per question, and
each branch's reasoning read in a copy of the case where it holds. `enplan_rules.answers.engine` builds the model.
Only flips whose variable the answers read at all are evaluated (the static trace of the regime), so a flip
that is not evaluated cannot change an answer.
"""

import dataclasses
import itertools
import os
from dataclasses import dataclass
from functools import cache

import numpy
from openfisca_core import periods

from enplan_rules import labels, yamlfiles
from enplan_rules.answers import readings as readings_module
from enplan_rules.case.check import situation
from enplan_rules.case.questions import ANSWER_WORDS, QUESTIONS
from enplan_rules.case.texts import FACTS
from enplan_rules.case.validation import CaseError
from enplan_rules.legal import register
from enplan_rules.legal.dependencies import static_closures
from enplan_rules.simulations import build_simulation

JUDGEMENTS_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "legal", "judgements.yaml")
MAX_COMBINATIONS = 64  # unknown facts given as null: at most this many combinations of their values are evaluated
MAX_COMBINATIONS_WITH_UNRECORDED = 4096  # with the judgements a case leaves unrecorded (answers.unrecorded) as well
MAX_EVALUATED_PERSONS = 200_000  # persons in the one re-evaluation (copies × combinations × the case's persons)
UNKNOWN = "depends"
WORDS = {
    "da": {"unless": "medmindre", "if": "hvis", "and": "og", "or": "eller", "otherwise": "ellers",
           "unknown": "ved ikke", "reading": "efter den alternative læsning af register {id} (»{text}«)",
           "engine_reading": "efter motorens læsning af register {id} (»{text}«)",
           "fact": "{label}: {value}", "yes": "ja", "no": "nej", "of": " ({person})"},
    "en": {"unless": "unless", "if": "if", "and": "and", "or": "or", "otherwise": "otherwise",
           "unknown": "unknown", "reading": "under the alternative reading of register {id} ({text})",
           "engine_reading": "under the engine's reading of register {id} ({text})",
           "fact": "{label}: {value}", "yes": "yes", "no": "no", "of": " ({person})"},
}


class TooManyUnknowns(ValueError):
    def __init__(self, pointers, count, unrecorded=()):
        super().__init__(f"{count} combinations of unknown facts; at most {MAX_COMBINATIONS}")
        self.pointers = pointers
        self.count = count
        self.unrecorded = list(unrecorded)


@cache
def judgements():
    """The judgement register's entries (read-only)."""
    with open(JUDGEMENTS_PATH, encoding="utf-8") as file:
        return tuple(yamlfiles.load(file)["entries"])


@cache
def judgement_facts():
    """{fact: (entry, {True: (da, en), False: (da, en)})} for every fact a judgement maps to."""
    facts = {}
    for entry in judgements():
        for fact in entry.get("facts") or []:
            facts[fact["name"]] = (entry, {bool(k): tuple(v) for k, v in fact["when"].items()})
    return facts


@cache
def _FACT_ORDER():  # noqa: N802
    return {name: position for position, name in enumerate(judgement_facts())}


@dataclass(frozen=True)
class Flip:
    kind: str  # judgement | reading
    id: str  # judgement or register id
    person: int | None  # index of the person whose fact is flipped (None: a reading, for everybody)
    name: str  # the fact, or the reading id
    value: object  # the flipped value (a fact's value, or "engine" / "alternative")


def _closure_union(system, variables):
    closures = static_closures(system)
    names = set()
    for variable in variables:
        names |= closures[variable][0]
    return names


def _domain(system, name):
    variable = system.variables[name]
    if variable.value_type is bool:
        return [False, True]
    possible = getattr(variable, "possible_values", None)
    if possible is not None:
        return [member.name for member in possible]
    return None


def _given(system, person, name):
    """The value the case gives (or the variable's default where it is absent)."""
    if name in person:
        return person[name]
    default = system.variables[name].default_value
    return default.name if hasattr(default, "name") and not isinstance(default, bool) else default


def _plain(value):
    if isinstance(value, (numpy.bool_, bool)):
        return bool(value)
    if isinstance(value, numpy.integer):
        return int(value)
    if isinstance(value, (numpy.floating, float)):
        return round(float(value), 4)
    return str(value)


def _plain_array(raw):
    """`_plain` of every element, as an object array of the same shape (Python bools, ints, floats, strs)."""
    raw = numpy.asarray(raw)
    if raw.dtype.kind == "f":
        return numpy.round(raw.astype(float), 4).astype(object)
    if raw.dtype.kind in "biuU":
        return raw.astype(object)
    return numpy.vectorize(_plain, otypes=[object])(raw)


def _value_text(value, lang):
    if isinstance(value, bool):
        return ANSWER_WORDS[lang][0 if value else 1]
    return f"{value:g}" if isinstance(value, float) else str(value)


def _fact_phrase(name, value, lang, person_label):
    """The condition phrase for a fact having `value`: the judgement's own words, or 'label: value'."""
    i = 0 if lang == "da" else 1
    words = WORDS[lang]
    entry = judgement_facts().get(name)
    if entry and isinstance(value, bool):
        phrase = entry[1][value][i]
    else:
        label = FACTS.get(name, (name, name))[i]
        shown = (words["yes"] if value else words["no"]) if isinstance(value, bool) else labels.choice(name, value, lang)
        phrase = words["fact"].format(label=label, value=shown)
    return phrase + (words["of"].format(person=person_label) if person_label else "")


def _reading_phrase(reading_id, choice, lang):
    entry = register.by_id().get(reading_id, {})
    title = entry.get("title_da" if lang == "da" else "title", entry.get("title", reading_id))
    key = "reading" if choice == readings_module.ALTERNATIVE else "engine_reading"
    return WORDS[lang][key].format(id=reading_id, text=title)


def _cover(members, sizes):
    """Small terms ({axis: index}) whose union is exactly the set `members` of index tuples (greedy prime cover)."""
    members = set(members)
    implicants = set()
    seen = set()  # each term is looked at once, whichever member it came from
    for member in members:
        for size in range(len(sizes) + 1):
            for axes in itertools.combinations(range(len(sizes)), size):
                term = tuple((axis, member[axis]) for axis in axes)
                if term in seen:
                    continue
                seen.add(term)
                fixed = dict(term)
                covered = list(itertools.product(*(
                    [fixed[axis]] if axis in fixed else range(size_) for axis, size_ in enumerate(sizes))))
                if all(combo in members for combo in covered):
                    implicants.add((term, frozenset(covered)))
    uncovered = set(members)
    chosen = []
    while uncovered:
        term, covered = max(implicants, key=lambda t: (len(t[1] & uncovered), -len(t[0])))
        chosen.append(term)
        uncovered -= covered
    return sorted(chosen, key=lambda term: (len(term), term))


@dataclass
class Outcome:
    """An answer reduced over the unknown facts: one value, or the values by combination."""

    value: object  # a plain value, or UNKNOWN
    table: object = None  # numpy array over the essential unknowns' values (UNKNOWN only)
    essential: tuple = ()  # indices into the list of unknowns
    block: int = 0  # the block of copies it was read from: 0 the case as given, n the n-th flip
    fixed: tuple = ()  # ((unknown index, value index), ...) that hold throughout (a branch of one fact's value)
    # read in a group's own evaluation (see `_evaluate_groups`): (its simulation, its unknowns' sizes, {the case's
    # unknown index: the group's}); None: read in the case's one evaluation
    group: tuple = None

    def copy_index(self, member, sizes):
        """The copy of the case (in `evaluate`'s simulation) that holds the combination `member` of the essential
        unknowns' values (the others at their first value, or fixed): where a branch's reasoning is read. For an
        outcome read in a group's evaluation: (that evaluation's simulation, the copy in it)."""
        local = (lambda axis: axis) if self.group is None else self.group[2].__getitem__
        if self.group is not None:
            sizes = self.group[1]
        full = [0] * len(sizes)
        for axis, index in self.fixed:
            full[local(axis)] = index
        for axis, index in zip(self.essential, member, strict=True):
            full[local(axis)] = index
        combos = int(numpy.prod(sizes)) if sizes else 1
        copy = self.block * combos + (int(numpy.ravel_multi_index(full, sizes)) if sizes else 0)
        return copy if self.group is None else (self.group[0], copy)

    def key(self):
        if self.value != UNKNOWN:
            return ("value", self.value)
        return ("depends", self.essential, tuple(self.table.ravel().tolist()))


def _reduce(values, sizes):
    """`values` over every combination of the unknowns (flattened, C order) -> an Outcome."""
    table = numpy.asarray(values, dtype=object).reshape(sizes) if sizes else numpy.asarray(values, dtype=object)
    flat = table.ravel().tolist()
    if all(v == flat[0] for v in flat):
        return Outcome(flat[0])
    essential = tuple(
        axis for axis in range(len(sizes))
        if numpy.asarray(table != numpy.broadcast_to(table.take([0], axis=axis), table.shape), dtype=bool).any()
    )
    index = tuple(slice(None) if axis in essential else 0 for axis in range(len(sizes)))
    return Outcome(UNKNOWN, table[index], essential)


class _Texts:
    def __init__(self, unknowns, domains, labels_, lang):
        self.unknowns = unknowns
        self.domains = domains
        self.labels = labels_
        self.lang = lang

    def order(self, unknown_index):
        """Facts in the judgement register's order (plain facts first), then by person."""
        person, name = self.unknowns[unknown_index]
        return (_FACT_ORDER().get(name, -1), person, name)

    def literal(self, unknown_index, value_index):
        person, name = self.unknowns[unknown_index]
        return _fact_phrase(name, self.domains[unknown_index][value_index], self.lang, self.labels[person])

    def describe(self, outcome, reason=None):
        """The text of an outcome — the value, or 'A, unless …' / 'B if …; otherwise A' — and its branches:
        [{value, answer_text, condition, default, reasoning}], each branch's reasoning `reason(copy index)` read
        in a copy of the case where it holds (none without `reason`)."""
        words = WORDS[self.lang]
        all_sizes = [len(domain) for domain in self.domains]
        if outcome.value != UNKNOWN:
            return _value_text(outcome.value, self.lang), []
        sizes = [len(self.domains[u]) for u in outcome.essential]
        by_value = {}
        for combo in itertools.product(*map(range, sizes)):
            by_value.setdefault(outcome.table[combo], []).append(combo)
        first = outcome.table[tuple(0 for _ in sizes)]
        default = max(by_value, key=lambda v: (len(by_value[v]), v == first))
        branches = []
        parts = []
        for value, members in by_value.items():
            terms = _cover(members, sizes)
            condition = f" {words['or']} ".join(
                f" {words['and']} ".join(
                    self.literal(outcome.essential[axis], index)
                    for axis, index in sorted(term, key=lambda item: self.order(outcome.essential[item[0]]))
                )
                for term in terms
            )
            reasoning = reason(outcome.copy_index(members[0], all_sizes)) if reason else ""
            branches.append({"value": value, "answer_text": _value_text(value, self.lang), "condition": condition,
                             "default": value == default, "reasoning": reasoning})
            if value != default:
                parts.append((value, condition))
        if len(parts) == 1:
            text = f"{_value_text(default, self.lang)}, {words['unless']} {parts[0][1]}"
        else:
            text = "; ".join(f"{_value_text(v, self.lang)}, {words['if']} {c}" for v, c in parts)
            text += f"; {words['otherwise']} {_value_text(default, self.lang)}"
        return text, branches


def _tiled_columns(system, base_situation, n_copies, columns, month):
    """One simulation holding `n_copies` copies of the case's family, built with the case's own input arrays
    tiled, then each copy's changed facts set column by column: each column (person index or None for every person, fact, the
    values per copy or one value, the copies it applies to or None for all) is written with numpy indexing, in
    `month` (or in each month of a list of them: a history's months)."""
    simulation = build_simulation(system, base_situation, n_copies, memoised=True)
    total = simulation.persons.count
    count = total // n_copies
    month_periods = [periods.period(m) for m in ([month] if isinstance(month, str) else month)]
    eternity = [periods.period("ETERNITY")]
    arrays = {}
    for index, name, values, where in columns:
        variable = system.variables[name]
        if where is None:  # values for the first len(values) copies (the copy of the case as given is left alone)
            where = numpy.arange(len(values) if isinstance(values, numpy.ndarray) else n_copies)
        copy_numbers = numpy.asarray(where)
        members = range(count) if index is None else [index]
        for at in eternity if variable.definition_period == "eternity" else month_periods:
            if (name, at) not in arrays:
                holder = simulation.persons.get_holder(name)
                known = holder.get_array(at)
                arrays[(name, at)] = (holder, at, known.copy() if known is not None else variable.default_array(total))
            array = arrays[(name, at)][2]
            for member in members:
                positions = copy_numbers * count + member
                if isinstance(values, numpy.ndarray):
                    for value in dict.fromkeys(values.tolist()):
                        array[positions[values == value]] = variable.check_set_value(value)
                else:
                    array[positions] = variable.check_set_value(values)
    for holder, at, array in arrays.values():
        holder.put_in_cache(array, at)
    simulation.hold_inputs()
    return simulation


def _unknowns(case, system, unrecorded=frozenset(), limited=True):
    """The unknown facts (given as null) with their domains and pointers. `unrecorded`: the (person index, fact)
    among them that the case did not give at all (judgements left unrecorded, see answers.unrecorded): the request's
    own nulls are limited to MAX_COMBINATIONS, all together to MAX_COMBINATIONS_WITH_UNRECORDED."""
    unknowns, domains, pointers = [], [], []
    for index, person in enumerate(case["persons"]):
        for name, value in person.items():
            if value is None and name in system.variables:
                domain = _domain(system, name)
                if domain is None:
                    continue
                unknowns.append((index, name))
                domains.append(domain)
                pointers.append(f"/persons/{index}/{name}")
    count = int(numpy.prod([len(d) for d in domains])) if domains else 1
    given = int(numpy.prod([len(d) for d, u in zip(domains, unknowns, strict=True) if u not in unrecorded] or [1]))
    if not limited:  # the whole case's list when its groups are evaluated apart (each group is limited)
        return unknowns, domains, pointers
    if given > MAX_COMBINATIONS:  # the request's own nulls: refused at their fields
        raise TooManyUnknowns([p for p, u in zip(pointers, unknowns, strict=True) if u not in unrecorded], given)
    if count > MAX_COMBINATIONS_WITH_UNRECORDED:  # judgements left unrecorded: the answer asks for them
        raise TooManyUnknowns(pointers, count, unrecorded=[p for p, u in zip(pointers, unknowns, strict=True)
                                                           if u in unrecorded])
    return unknowns, domains, pointers


def evaluate(case, month, regime, variant, readings=None, overrides=None, question_ids=None, unrecorded=frozenset(),
             inert=frozenset()):
    """The contingent answers of a validated case: {person id: {question id: {base, dependencies, unknown_branches}}}.
    `unrecorded`: the (person index, fact) among the unknowns that the case did not give at all (see
    answers.unrecorded); `inert`: the unrecorded judgements found to change no answer (not flipped)."""
    readings = readings or {}
    system = readings_module.switched(regime, variant, readings, overrides)
    questions = [q for q in QUESTIONS if q.variable in system.variables and (question_ids is None or q.id in question_ids)]
    used = _closure_union(system, [q.variable for q in questions])
    persons = case["persons"]
    unknowns, domains, pointers = _unknowns(case, system, unrecorded)
    unknown_keys = set(unknowns)
    flips = []
    for index, person in enumerate(persons):
        for name, (entry, _when) in judgement_facts().items():
            if name not in system.variables or name not in used or (index, name) in unknown_keys:
                continue
            if (index, name) in inert:  # an unrecorded judgement found to change no answer of the case
                continue
            flips.append(Flip("judgement", entry["id"], index, name, not bool(_given(system, person, name))))
    for switch in readings_module.active_switches(system):
        if any(name in used for name, _ in switch.alters):
            current = readings.get(switch.id, readings_module.ENGINE)
            other = readings_module.ALTERNATIVE if current == readings_module.ENGINE else readings_module.ENGINE
            flips.append(Flip("reading", switch.id, None, switch.id, other))
    combos = list(itertools.product(*domains)) if domains else [()]
    if len(combos) * (len(flips) + 1) * len(persons) > MAX_EVALUATED_PERSONS:
        raise TooManyUnknowns(pointers, len(combos))
    # the copies: for each flip (none first), every combination of the unknown facts' values — set column-wise
    n_combos = len(combos)
    n_copies = n_combos * (len(flips) + 1)
    columns = []  # (person index or None for all, fact, values per copy or one value, copies it applies to or None)
    for k, (index, name) in enumerate(unknowns):
        per_combo = numpy.empty(n_combos, dtype=object)
        per_combo[:] = [combo[k] for combo in combos]
        columns.append((index, name, numpy.tile(per_combo, len(flips) + 1), None))
    for number, flip in enumerate(flips, start=1):
        where = numpy.arange(number * n_combos, (number + 1) * n_combos)
        if flip.kind == "judgement":
            columns.append((flip.person, flip.name, flip.value, where))
        else:
            columns.append((None, readings_module.switch_variable(flip.name), True, where))
    # the case as given: the first copy, or — where facts are unknown, and each copy gives them a value — one more
    base_copy = n_copies if unknowns else 0
    simulation = _tiled_columns(system, situation(case, month), n_copies + (1 if unknowns else 0), columns, month)
    copies = range(n_copies)
    period = periods.period(month)
    sizes = [len(d) for d in domains]
    shape = (len(flips) + 1, len(combos), len(persons))
    person_labels = {i: (p["id"] if len(persons) > 1 else None) for i, p in enumerate(persons)}
    result = {}
    for lang in ("da", "en"):
        result[lang] = _Texts(unknowns, domains, person_labels, lang)
    answers = {p["id"]: {} for p in persons}
    changed_names = {flip.name for flip in flips if flip.kind == "judgement"} | {name for _, name in unknowns}
    for flip in flips:
        if flip.kind == "reading":
            changed_names |= {name for name, _ in readings_module.SWITCHES[flip.name].alters}
    closures = static_closures(system)
    for question in questions:
        if not closures[question.variable][0] & changed_names:
            continue  # nothing this answer reads is flipped or unknown: it cannot change (the engine keeps it as is)
        array = simulation.calculate(question.variable, period)
        if hasattr(array, "decode_to_str"):
            array = array.decode_to_str()
        raw = numpy.asarray(array)[: len(copies) * len(persons)].reshape(shape)
        changed = (raw != raw[0:1]).any(axis=1)  # (flip, person): the flip changes some combination
        values = None
        for index, person in enumerate(persons):
            if len(combos) == 1:
                base = Outcome(_plain(raw[0, 0, index]))
                dependencies = [
                    (flips[number - 1], Outcome(_plain(raw[number, 0, index])))
                    for number in numpy.flatnonzero(changed[:, index]) if number > 0
                ]
                answers[person["id"]][question.id] = {"base": base, "dependencies": dependencies, "unknown_branches": []}
                continue
            if values is None:
                values = _plain_array(raw)
            base = _reduce(values[0, :, index], sizes)
            dependencies = []
            for number in numpy.flatnonzero(changed[:, index]):
                if number == 0:
                    continue
                alternative = _reduce(values[number, :, index], sizes)
                alternative.block = int(number)
                if alternative.key() != base.key():
                    dependencies.append((flips[number - 1], alternative))
            unknown_branches = []
            if base.value == UNKNOWN:
                for axis in base.essential:
                    for value_index, value in enumerate(domains[axis]):
                        selected = values[0].reshape(*sizes, len(persons))[..., index].take(value_index, axis=axis)
                        other_sizes = [s for a, s in enumerate(sizes) if a != axis]
                        branch = _reduce(numpy.asarray(selected, dtype=object).ravel().tolist(), other_sizes)
                        # the remaining unknowns keep their positions: renumber essential axes back
                        if branch.value == UNKNOWN:
                            branch.essential = tuple(a if a < axis else a + 1 for a in branch.essential)
                        branch.fixed = ((axis, value_index),)
                        unknown_branches.append((axis, value, branch))
            answers[person["id"]][question.id] = {
                "base": base, "dependencies": dependencies, "unknown_branches": unknown_branches,
            }
    return {"answers": answers, "texts": result, "unknowns": unknowns, "domains": domains, "flips": flips,
            "copies": len(copies), "system": system, "simulation": simulation,
            "base_rows": slice(base_copy * len(persons), (base_copy + 1) * len(persons))}


def evaluate_case(case, month, regime, lang, variant, readings=None, overrides=None, unrecorded=frozenset(),
                  inert=frozenset(), touched=None):
    """`evaluate`, refusing a case with too many unknown facts as a CaseError (in the request's language).

    With `touched` ({unrecorded judgement: question variables it can change}), the unrecorded judgements are
    evaluated in independent groups — those that change a common answer together — each with only its own
    questions, so that a case with ten unrecorded judgements in four groups evaluates 2^6 + 2 + 2 + 4 combinations
    instead of 2^10; the answers are the same (an answer reads only its own group's judgements)."""
    try:
        if touched and len(unrecorded) > 1:
            return _evaluate_groups(case, month, regime, variant, readings or {}, overrides, list(unrecorded),
                                    frozenset(inert), touched)
        return evaluate(case, month, regime, variant, readings or {}, overrides, unrecorded=frozenset(unrecorded),
                        inert=frozenset(inert))
    except TooManyUnknowns as error:
        if error.unrecorded:
            raise CaseError([
                {"pointer": pointer,
                 "message": ("skønnet er ikke oplyst, og for mange uoplyste skøn afgør svarene" if lang == "da"
                             else "this judgement is not recorded, and too many unrecorded judgements decide the "
                                  "answers"),
                 "expected": ("oplys skønnet (true eller false) eller null for ukendt" if lang == "da"
                              else "record the judgement (true or false), or null for unknown")}
                for pointer in error.unrecorded
            ]) from None
        raise CaseError([
            {"pointer": pointer,
             "message": ("for mange ukendte oplysninger" if lang == "da" else "too many unknown facts"),
             "expected": f"fewer unknown facts: at most {MAX_COMBINATIONS} combinations of their values, fewer for "
                         f"a large family ({error.count} combinations given)"}
            for pointer in error.pointers
        ]) from None




def _groups(unrecorded, touched):
    """The unrecorded judgements in groups that share an answer (connected through the questions they change)."""
    parent = {fact: fact for fact in unrecorded}

    def root(fact):
        while parent[fact] != fact:
            parent[fact] = parent[parent[fact]]
            fact = parent[fact]
        return fact

    by_question = {}
    for fact in unrecorded:
        for question in touched.get(fact, ()):
            by_question.setdefault(question, []).append(fact)
    for facts in by_question.values():
        for other in facts[1:]:
            parent[root(other)] = root(facts[0])
    groups = {}
    for fact in unrecorded:
        groups.setdefault(root(fact), []).append(fact)
    return list(groups.values())


def _remapped(outcome, positions, group):
    """`outcome` with its unknowns renumbered from a group's list of unknowns to the whole case's (`positions`),
    and where its branches are read: `group` (see `Outcome.group`)."""
    return dataclasses.replace(outcome, essential=tuple(positions[axis] for axis in outcome.essential),
                               fixed=tuple((positions[axis], index) for axis, index in outcome.fixed), group=group)


def _evaluate_groups(case, month, regime, variant, readings, overrides, unrecorded, inert, touched):
    """`evaluate` per group of unrecorded judgements (see `evaluate_case`), merged into one result."""
    from enplan_rules.case.questions import QUESTIONS

    def with_unknown(facts):  # the case as given, with only `facts` of the unrecorded judgements unknown
        persons = [dict(person) for person in case["persons"]]
        for index, name in unrecorded:
            persons[index].pop(name, None)
        for index, name in facts:
            persons[index][name] = None
        return {**case, "persons": persons}

    system = readings_module.switched(regime, variant, readings, overrides)
    whole = with_unknown(unrecorded)
    unknowns, domains, _pointers = _unknowns(whole, system, frozenset(unrecorded), limited=False)  # for texts
    position = {key: number for number, key in enumerate(unknowns)}
    variables = {q.variable: q.id for q in QUESTIONS if q.variable in system.variables}
    groups = _groups(unrecorded, touched)
    claimed = set()
    runs = []
    for group in groups:
        questions = {variables[name] for fact in group for name in touched.get(fact, ()) if name in variables}
        claimed |= questions
        others = frozenset(inert | (set(unrecorded) - set(group)))
        runs.append((group, questions, others))
    rest = set(variables.values()) - claimed
    if rest:  # the answers no unrecorded judgement changes: the request's own unknowns and flips only
        runs.insert(0, ([], rest, frozenset(inert | set(unrecorded))))
    merged = None
    answers = {person["id"]: {} for person in case["persons"]}
    copies = 0
    flips = []
    for group, questions, others in runs:
        result = evaluate(with_unknown(group), month, regime, variant, readings, overrides, question_ids=questions,
                          unrecorded=frozenset(group), inert=others)
        local = [position[key] for key in result["unknowns"]]
        group = (result["simulation"], [len(domain) for domain in result["domains"]],
                 {whole_axis: axis for axis, whole_axis in enumerate(local)})
        for person_id, by_question in result["answers"].items():
            for question_id, found in by_question.items():
                answers[person_id][question_id] = {
                    "base": _remapped(found["base"], local, group),
                    "dependencies": [(flip, _remapped(outcome, local, group))
                                     for flip, outcome in found["dependencies"]],
                    "unknown_branches": [(local[axis], value, _remapped(branch, local, group))
                                         for axis, value, branch in found["unknown_branches"]],
                }
        copies += result["copies"]
        flips.extend(flip for flip in result["flips"] if flip not in flips)
        merged = merged or result
    person_labels = {i: (p["id"] if len(case["persons"]) > 1 else None) for i, p in enumerate(case["persons"])}
    return {**merged, "answers": answers, "unknowns": unknowns, "domains": domains, "flips": flips,
            "copies": copies, "texts": {lang: _Texts(unknowns, domains, person_labels, lang) for lang in ("da", "en")}}


def who(flip):
    """Who makes the judgement a flip turns (None for a reading)."""
    if flip.kind == "reading":
        return None
    return next(e for e in judgements() if e["id"] == flip.id).get("who")


def condition(flip, labels_):
    """{lang: the condition a flip stands for}: 'if <the fact's other value>', or the other reading."""
    out = {}
    for lang in ("da", "en"):
        if flip.kind == "reading":
            out[lang] = _reading_phrase(flip.name, flip.value, lang)
        else:
            out[lang] = f"{WORDS[lang]['if']} {_fact_phrase(flip.name, flip.value, lang, labels_[flip.person])}"
    return out


def unknown_condition(name, value, person_label):
    """{lang: 'if <the unknown fact has value>'}."""
    return {lang: f"{WORDS[lang]['if']} {_fact_phrase(name, value, lang, person_label)}" for lang in ("da", "en")}


def given(system, person, name):
    """The value the case gives for a judgement fact (or the variable's default where it is absent)."""
    return _given(system, person, name)
