"""Contingent answers: what each answer rests on among human judgements, contested readings and unknown facts.

For a checked case, `annotate` evaluates the rules again — in ONE vectorised simulation — with, as extra copies
of the case's family:

- each judgement fact (enplan_rules/legal/judgements.yaml) of each person flipped, one at a time;
- each register reading's switch turned to its other side, one at a time (enplan_rules.answers.readings);
- and, where the case gives a fact as `null` (unknown), every combination of values of the unknown facts.

Every flip that changes an answer is listed in the answer's `dependencies` with the answer under the flip; an
answer that differs between the values of an unknown fact becomes `value: "depends"`, its text built from the
branches (the smallest conditions covering them, in the judgements' own phrases), never written per question.
Only flips whose variable the answers read at all are evaluated (the static trace of the regime), so a flip
that is not evaluated cannot change an answer.
"""

import itertools
import os
from dataclasses import dataclass
from functools import cache

import numpy
import yaml
from openfisca_core import periods

from enplan_rules import labels
from enplan_rules.answers import readings as readings_module
from enplan_rules.legal import register
from enplan_rules.legal.dependencies import static_closures
from enplan_rules.simulations import build_simulation

JUDGEMENTS_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "legal", "judgements.yaml")
MAX_COMBINATIONS = 64  # unknown facts given as null: at most this many combinations of their values are evaluated
MAX_COMBINATIONS_WITH_UNRECORDED = 4096  # with the judgements a case leaves unrecorded (case.unrecorded) as well
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
        return tuple(yaml.safe_load(file)["entries"])


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
    from enplan_rules.case.questions import ANSWER_WORDS

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
        from enplan_rules.case.texts import FACTS

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

    def describe(self, outcome):
        """The text of an outcome: the value, or 'A, unless …' / 'B if …; otherwise A'."""
        words = WORDS[self.lang]
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
            branches.append({"value": value, "answer_text": _value_text(value, self.lang), "condition": condition,
                             "default": value == default})
            if value != default:
                parts.append((value, condition))
        if len(parts) == 1:
            text = f"{_value_text(default, self.lang)}, {words['unless']} {parts[0][1]}"
        else:
            text = "; ".join(f"{_value_text(v, self.lang)}, {words['if']} {c}" for v, c in parts)
            text += f"; {words['otherwise']} {_value_text(default, self.lang)}"
        return text, branches


def _tiled_simulation(system, base_situation, copies, month):
    """One simulation holding `copies` of the case's family — each a list of ({person index: {fact: value}},
    switches) — built with the case's own input arrays tiled, then each copy's changed facts set."""
    simulation = build_simulation(system, base_situation, len(copies), memoised=True)
    total = simulation.persons.count
    count = total // len(copies)
    period = periods.period(month)
    changes = {}  # {fact: {value: [positions]}}: each value converted and set once, for all its positions
    for c, (facts, switches) in enumerate(copies):
        offset = c * count
        for index, values in facts.items():
            for name, value in values.items():
                changes.setdefault(name, {}).setdefault(value, []).append(offset + index)
        for reading_id in switches:
            changes.setdefault(readings_module.switch_variable(reading_id), {}).setdefault(True, []).extend(
                range(offset, offset + count))
    for name, by_value in changes.items():
        variable = system.variables[name]
        at = periods.period("ETERNITY") if variable.definition_period == "eternity" else period
        holder = simulation.persons.get_holder(name)
        known = holder.get_array(at)
        array = known.copy() if known is not None else variable.default_array(total)
        for value, positions in by_value.items():
            array[numpy.asarray(positions, dtype=numpy.int64)] = variable.check_set_value(value)
        holder.put_in_cache(array, at)
    simulation.hold_inputs()
    return simulation


def _tiled_columns(system, base_situation, n_copies, columns, month):
    """`_tiled_simulation` set column by column: each column (person index or None for every person, fact, the
    values per copy or one value, the copies it applies to or None for all) is written with numpy indexing."""
    simulation = build_simulation(system, base_situation, n_copies, memoised=True)
    total = simulation.persons.count
    count = total // n_copies
    period = periods.period(month)
    arrays = {}
    for index, name, values, where in columns:
        variable = system.variables[name]
        at = periods.period("ETERNITY") if variable.definition_period == "eternity" else period
        if name not in arrays:
            holder = simulation.persons.get_holder(name)
            known = holder.get_array(at)
            arrays[name] = (holder, at, known.copy() if known is not None else variable.default_array(total))
        array = arrays[name][2]
        if where is None:  # values for the first len(values) copies (the copy of the case as given is left alone)
            where = numpy.arange(len(values) if isinstance(values, numpy.ndarray) else n_copies)
        copy_numbers = numpy.asarray(where)
        members = range(count) if index is None else [index]
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


def _unknowns(case, system, unrecorded=frozenset()):
    """The unknown facts (given as null) with their domains and pointers. `unrecorded`: the (person index, fact)
    among them that the case did not give at all (judgements left unrecorded, see case.unrecorded): the request's
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
    if given > MAX_COMBINATIONS:  # the request's own nulls: refused at their fields
        raise TooManyUnknowns([p for p, u in zip(pointers, unknowns, strict=True) if u not in unrecorded], given)
    if count > MAX_COMBINATIONS_WITH_UNRECORDED:  # judgements left unrecorded: the answer asks for them
        raise TooManyUnknowns(pointers, count, unrecorded=[p for p, u in zip(pointers, unknowns, strict=True)
                                                           if u in unrecorded])
    return unknowns, domains, pointers


def evaluate(case, month, regime, variant, readings=None, overrides=None, question_ids=None, unrecorded=frozenset(),
             inert=frozenset()):
    """The contingent answers of a validated case: {person id: {question id: {...}}} (see `annotate`)."""
    from enplan_rules.case.check import situation
    from enplan_rules.case.questions import QUESTIONS

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
            continue  # nothing this answer reads is flipped or unknown: it cannot change (annotate keeps it as is)
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
                        unknown_branches.append((axis, value, branch))
            answers[person["id"]][question.id] = {
                "base": base, "dependencies": dependencies, "unknown_branches": unknown_branches,
            }
    return {"answers": answers, "texts": result, "unknowns": unknowns, "domains": domains, "flips": flips,
            "copies": len(copies), "system": system, "simulation": simulation,
            "base_rows": slice(base_copy * len(persons), (base_copy + 1) * len(persons))}


def _who(flip):
    if flip.kind == "reading":
        return None
    return next(e for e in judgements() if e["id"] == flip.id).get("who")


def _dependency(kind, ident, person_id, fact, who, given, alternative, outcome, texts, lang, condition):
    text, branches = texts[lang].describe(outcome)
    item = {
        "kind": kind,
        "id": ident,
        "person": person_id,
        "fact": fact,
        "reading": ident if kind == "reading" else None,
        "who": who,
        "given_value": given,
        "alternative": alternative,
        "alternative_value": outcome.value,
        "alternative_answer_text": text,
        "condition": condition[lang],
        "condition_da": condition["da"],
        "condition_en": condition["en"],
    }
    if branches:
        item["alternative_branches"] = branches
    return item


def _condition(flip, persons, labels_):
    out = {}
    for lang in ("da", "en"):
        if flip.kind == "reading":
            out[lang] = _reading_phrase(flip.name, flip.value, lang)
        else:
            out[lang] = f"{WORDS[lang]['if']} {_fact_phrase(flip.name, flip.value, lang, labels_[flip.person])}"
    return out


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
        from enplan_rules.case.check import CaseError

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


def annotate(result, case, regime, lang, variant, readings=None, overrides=None, evaluated=None):
    """Add `dependencies` to every answer of `result` (a check() result), `value: "depends"` where an unknown fact
    decides it, and the readings and overrides used to the receipt. Returns `result`. `evaluated`: the case's
    `evaluate_case` where the caller has it already (check() computes its answers from the same simulation)."""
    readings = readings or {}
    month = result["period"]
    contingent = evaluated or evaluate_case(case, month, regime, lang, variant, readings, overrides)
    persons = case["persons"]
    labels_ = {i: (p["id"] if len(persons) > 1 else None) for i, p in enumerate(persons)}
    texts = contingent["texts"]
    system = contingent["system"]
    unknowns = contingent["unknowns"]
    state = readings_module.state(readings)
    for person in persons:
        for question_id, answer in result["persons"][person["id"]]["answers"].items():
            found = contingent["answers"][person["id"]].get(question_id) or {
                "base": Outcome(answer["value"]), "dependencies": [], "unknown_branches": [],  # it cannot change
            }
            items = []
            for flip, outcome in found["dependencies"]:
                if flip.kind == "reading":
                    given = state.get(flip.name, readings_module.ENGINE)
                    person_id, fact = None, None
                else:
                    given = bool(_given(system, persons[flip.person], flip.name))
                    person_id, fact = persons[flip.person]["id"], flip.name
                items.append(_dependency(flip.kind, flip.id, person_id, fact, _who(flip), given, flip.value, outcome,
                                         texts, lang, _condition(flip, persons, labels_)))
            for axis, value, outcome in found["unknown_branches"]:
                index, name = unknowns[axis]
                entry = judgement_facts().get(name)
                condition = {
                    code: f"{WORDS[code]['if']} {_fact_phrase(name, value, code, labels_[index])}" for code in ("da", "en")
                }
                items.append(_dependency("unknown_fact", entry[0]["id"] if entry else None, persons[index]["id"], name,
                                         entry[0].get("who") if entry else None, None, value, outcome, texts, lang,
                                         condition))
            answer["dependencies"] = items
            base = found["base"]
            if base.value == UNKNOWN:
                text, branches = texts[lang].describe(base)
                answer["value"] = UNKNOWN
                answer["answer_text"] = text
                answer["branches"] = branches
                answer["unknown_facts"] = [
                    {"person": persons[unknowns[axis][0]]["id"], "fact": unknowns[axis][1]} for axis in base.essential
                ]
            flagged = {entry.get("id") for entry in answer.get("ambiguities", [])}
            for item in items:  # an answer that a reading's switch changes rests on that entry, whatever its flags say
                if item["kind"] == "reading" and item["id"] not in flagged and "ambiguities" in answer:
                    answer["ambiguities"].append(_localised(register.by_id()[item["id"]], lang))
                    flagged.add(item["id"])
            for entry in answer.get("ambiguities", []):
                if entry.get("id") in state:
                    entry["reading_used"] = state[entry["id"]]
            if overrides:
                overridden = [p["name"] for p in answer.get("unverified_parameters", []) if p["name"] in overrides]
                if overridden:
                    answer["overridden_parameters"] = overridden
        _mark_unknown_facts(result["persons"][person["id"]]["answers"], person, system, lang)
    receipt = result.setdefault("receipt", {})
    receipt["readings"] = state
    receipt["overrides"] = [
        {"name": name, "value": value, "engine_value": _engine_value(regime, variant, name, month)}
        for name, value in sorted((overrides or {}).items())
    ]
    receipt["unknown_facts"] = [{"person": persons[i]["id"], "fact": name} for i, name in unknowns]
    receipt["contingent_copies"] = contingent["copies"]
    if readings or overrides:
        import hashlib
        import json

        request = {"case": case, "regime": regime, "lang": lang, "one_plan_law_variant": variant,
                   "readings": dict(sorted(readings.items())), "overrides": dict(sorted((overrides or {}).items()))}
        canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        receipt["request_sha256"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return result


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


def _remapped(outcome, positions):
    """`outcome` with its essential unknowns renumbered from a group's list of unknowns to the whole case's."""
    if outcome.value != UNKNOWN:
        return outcome
    return Outcome(outcome.value, outcome.table, tuple(positions[axis] for axis in outcome.essential))


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
    unknowns, domains, _pointers = _unknowns(whole, system, frozenset(unrecorded))  # the whole case's, for texts
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
        for person_id, by_question in result["answers"].items():
            for question_id, found in by_question.items():
                answers[person_id][question_id] = {
                    "base": _remapped(found["base"], local),
                    "dependencies": [(flip, _remapped(outcome, local)) for flip, outcome in found["dependencies"]],
                    "unknown_branches": [(local[axis], value, _remapped(branch, local))
                                         for axis, value, branch in found["unknown_branches"]],
                }
        copies += result["copies"]
        flips.extend(flip for flip in result["flips"] if flip not in flips)
        merged = merged or result
    person_labels = {i: (p["id"] if len(case["persons"]) > 1 else None) for i, p in enumerate(case["persons"])}
    return {**merged, "answers": answers, "unknowns": unknowns, "domains": domains, "flips": flips,
            "copies": copies, "texts": {lang: _Texts(unknowns, domains, person_labels, lang) for lang in ("da", "en")}}


def _localised(entry, lang):
    keys = ("title", "reading", "alternative")
    suffix = "_da" if lang == "da" else ""
    return {"id": entry["id"], **{key: entry.get(key + suffix, entry[key]) for key in keys}}


def _engine_value(regime, variant, name, month):
    from enplan_rules import regimes
    from enplan_rules.legal import provenance

    return provenance.describe(regimes.load(regime, variant).parameters, name, periods.period(month).start)["value"]


def _mark_unknown_facts(answers, person, system, lang):
    """In the reasoning, an unknown fact reads 'unknown', never its default value."""
    from enplan_rules.case.texts import FACTS, YES_NO

    i = 0 if lang == "da" else 1
    for name, value in person.items():
        if value is not None or name not in FACTS or name not in system.variables:
            continue
        default = system.variables[name].default_value
        if isinstance(default, bool):
            shown = YES_NO[lang][0 if default else 1]
        else:
            shown = labels.choice(name, getattr(default, "name", str(default)), lang)
        old = f"{FACTS[name][i]}: {shown}"
        new = f"{FACTS[name][i]}: {WORDS[lang]['unknown']}"
        for answer in answers.values():
            if old in answer.get("reasoning", ""):
                answer["reasoning"] = answer["reasoning"].replace(old, new)
