"""The engine path: a case in, the answer model out (`enplan_rules.answers.model`), built once.

`check_model` validates the case (`enplan_rules.case`), computes every public question under a regime in one
simulation together with its contingent copies (`enplan_rules.answers.contingent`), and explains each answer:
paragraphs, reasoning, contested readings, unverified values, what it depends on — and, where the case leaves a
deciding fact unknown, the status `depends` with its sentence and each branch with its own reasoning.
`check` and `compare` return the model's JSON form, which the API sends and every interface renders.
"""

import hashlib
import json

import numpy
from openfisca_core import periods

import enplan_rules
from enplan_rules import labels, memo, regimes
from enplan_rules.answers import birth_date, contingent, unrecorded
from enplan_rules.answers import model as m
from enplan_rules.answers import request as contingent_request
from enplan_rules.answers.readings import ENGINE
from enplan_rules.answers.readings import state as readings_state
from enplan_rules.answers.readings import switched as readings_switched
from enplan_rules.answers.readings import system as readings_system
from enplan_rules.case.check import _answer_text, _json_value
from enplan_rules.case.questions import QUESTIONS, SENTENCES
from enplan_rules.case.texts import FACTS, YES_NO
from enplan_rules.case.validation import LANGS, CaseError, _message, validate
from enplan_rules.legal import provenance, register, source_records, texts
from enplan_rules.legal.dependencies import Values, explain_values

MESSAGES_NOTE = (
    "Svarene er en lovfortolkning med angivne usikkerheder, ikke en afgørelse.",
    "The answers are a reading of the law with its uncertainties marked, not a decision.",
)


@memo.on_structure  # a variable's paragraphs and records: the same under any readings or overrides
def _grounds(system, name, month):
    """What a citation of rule `name` rests on in `month`: its reference texts and addresses, and its source
    records (None: the rule has neither). The same for every case, so looked up once per system, rule and month."""
    if name not in system.variables:
        return None
    variable = system.variables[name]
    # a rule's paragraph; a case fact's reference (why the fact matters) is no citation of the answer
    reference = (variable.reference or []) if variable.formulas else []
    reference = [reference] if isinstance(reference, str) else list(reference)
    records = source_records.for_variable(system, name, month)
    if not reference and not records:
        return None
    texts = tuple(r for r in reference if not r.startswith("http"))
    urls = tuple(r for r in reference if r.startswith("http"))
    return texts, urls, tuple(records)


def _in_force(period):
    return m.InForce(str(period["from"]), str(period["to"]) if period.get("to") else None) if period else None


def _source(record, month):
    """A source record as the model's Source: for a record quoting an official text, the version in force in
    `month` with its number, period in force, address, words and the SHA-256 of the vendored text."""
    summary = source_records.summary(record, month)
    return m.Source(
        id=summary.get("id"), statute=summary.get("statute"), document=summary.get("document"),
        paragraph=summary.get("paragraph"), version=summary.get("version"), address=summary.get("address"),
        read_on=summary.get("read_on"), status=m.SourceStatus(summary["status"]) if summary.get("status") else None,
        excerpt=summary.get("excerpt"), verdict=m.Verdict(summary["verdict"]) if summary.get("verdict") else None,
        searched=summary.get("searched"), text_id=summary.get("text_id"), number=summary.get("number"),
        in_force=_in_force(summary.get("in_force")), text_sha256=summary.get("text_sha256"),
    )


def _law_texts(citations):
    """The official texts, in the versions in force, that `citations` quote (what the receipt lists)."""
    found = {source.text_id for citation in citations for source in (citation.source, *citation.further_sources)
             if source is not None and source.text_id}
    return tuple(m.LawText(**{**described, "in_force": _in_force(described["in_force"])})
                 for described in (texts.describe(text_id) for text_id in sorted(found)))


def _citations(system, names, month):
    """One citation per deciding rule: its paragraph reference, and the source records in force in `month` —
    the document, paragraph, version and address read, and the Danish words the rule encodes (`excerpt`)."""
    citations = []
    seen = set()
    shown = set()
    for name in names:
        grounds = _grounds(system, name, month)
        if grounds is None:
            continue
        texts, urls, records = grounds
        key = (texts, urls)
        if key in seen:
            continue
        seen.add(key)
        fresh = [record for record in records if record["id"] not in shown]  # each text once per answer
        worded = sorted((record for record in fresh if record.get("excerpt") or record["versions"]),
                        key=lambda record: source_records.CATEGORIES.index(source_records.category(record)))
        first = (worded or fresh or [None])[0]
        shown.update(record["id"] for record in records)
        citations.append(m.Citation(
            text="; ".join(texts), url=urls[0] if urls else None, urls=urls, variable=name,
            excerpt=source_records.summary(first, month)["excerpt"] if first else None,
            source=_source(first, month) if first else None,
            further_sources=tuple(_source(record, month) for record in fresh if record is not first),
        ))
    return tuple(citations)


def _fact_text(system, values, name, index, lang):
    """'label: value' for an input fact of the person at `index` (`values`: the case's `Values`)."""
    if getattr(system.variables[name], "possible_values", None) is not None:
        value = labels.choice(name, values(name, decoded=True)[index], lang)
    else:
        value = values(name)[index]
    if isinstance(value, (bool, numpy.bool_)):
        value = YES_NO[lang][0 if value else 1]
    label = FACTS.get(name, (name, name))[0 if lang == "da" else 1]
    return f"{label}: {value}"


def _active_in(name, regime):
    """Whether a set-aside variable carries a law in `regime` (in the regimes below it, it is plainly false)."""
    if name.endswith("_by_trial"):
        return regime == "trial"
    if "holistic_plan" in name or name.endswith("_by_one_plan_law"):
        return regime in ("one_plan_law", "trial")
    return True


def _reasoning(question, values_at, lang, regime):
    """The sentences that decide the answer, and the variables they rest on."""
    i = 0 if lang == "da" else 1
    parts = []
    deciding = []
    for name in question.trigger:
        holds = values_at(name)
        if name in SENTENCES:
            parts.append(SENTENCES[name][0 if holds else 1][i])
        deciding.append(name)
        if not holds:
            return parts, deciding
    active = [name for name in question.set_asides if _active_in(name, regime)]
    lifted = [name for name in active if values_at(name)]
    for name in lifted:
        parts.append(SENTENCES[name][0][i])
        deciding.append(name)
    if not lifted:
        parts.extend(SENTENCES[name][1][i] for name in active)
        deciding.extend(active)
    return parts, deciding


def _ambiguity(entry, lang, reading_used=None):
    """A register entry in the request's language (the register keeps both)."""
    keys = ("title", "reading", "alternative")
    suffix = "_da" if lang == "da" else ""
    words = {key: entry.get(key + suffix, entry[key]) for key in keys}
    return m.Ambiguity(id=entry["id"], **words, reading_used=m.Reading(reading_used) if reading_used else None)


def _branches(raw):
    """The model's branches from contingent's [{value, answer_text, condition, default, reasoning}]."""
    return tuple(
        m.Branch(condition=b["condition"], status=m.status_of(b["value"]), value=b["value"],
                 answer_text=b["answer_text"], default=b["default"], reasoning=b.get("reasoning", ""))
        for b in raw
    )


class _Builder:
    """Builds the answers of one check: the case, its simulation and copies, the readings of the request."""

    def __init__(self, case, month, regime, lang, variant, readings, overrides):
        """`case` validated (its `month`)."""
        self.given_case, self.regime, self.lang, self.variant = case, regime, lang, variant
        self.readings, self.overrides = readings or {}, overrides or {}
        self.month = month
        self.system = readings_system(regime, variant, readings, overrides)
        birth_date.require_where_it_matters(case, self.month, self.system, lang)  # an age is never assumed
        # a judgement the case does not record is unknown where it can change an answer (never assumed)
        # (found under the switched system: an alternative reading may make another judgement matter)
        self.unrecorded, inert, touched = unrecorded.split_unrecorded(
            case, self.month, readings_switched(regime, variant, readings, overrides))
        self.case = case = unrecorded.with_unknown(case, self.unrecorded)
        # one simulation for the answers and their dependencies: the case as given is one of its copies
        self.evaluated = contingent.evaluate_case(case, self.month, regime, lang, variant, readings, overrides,
                                                  self.unrecorded, inert, touched)
        self.values = Values(self.evaluated["simulation"], self.month, self.evaluated["base_rows"], self.system)
        self.persons = case["persons"]
        self.labels = {i: (p["id"] if len(self.persons) > 1 else None) for i, p in enumerate(self.persons)}
        self.state = readings_state(self.readings)
        self.copies = {}
        self.facts = [self._facts(index, person) for index, person in enumerate(self.persons)]

    def _facts(self, index, person):
        given = set(person) | {"municipality"}
        unknown = {name for name, value in person.items() if value is None}
        i = 0 if self.lang == "da" else 1
        out = []
        for name in FACTS:
            if name not in given or name not in self.system.variables or self.system.variables[name].formulas:
                continue
            if name in unknown:  # an unknown fact reads 'unknown', never its default value
                out.append((name, f"{FACTS[name][i]}: {contingent.WORDS[self.lang]['unknown']}"))
            else:
                out.append((name, _fact_text(self.system, self.values, name, index, self.lang)))
        return out

    def _copy_values(self, copy):
        """The computed values of one copy of the case in the contingent simulation (`copy`: its index, or — for
        an answer evaluated with its own group of unrecorded judgements — (that group's simulation, its index))."""
        simulation, number = copy if isinstance(copy, tuple) else (self.evaluated["simulation"], copy)
        key = (id(simulation), number)
        if key not in self.copies:
            count = len(self.persons)
            self.copies[key] = Values(simulation, self.month, slice(number * count, (number + 1) * count),
                                      self.system)
        return self.copies[key]

    def _branch_reason(self, question, index):
        """reason(copy) -> the reasoning of `question` for the person at `index` in that copy of the case."""
        def reason(copy):
            values = self._copy_values(copy)

            def values_at(name):
                return name in self.system.variables and bool(values(name)[index])

            return "; ".join(_reasoning(question, values_at, self.lang, self.regime)[0])
        return reason

    def _describe(self, outcome, question, index):
        return self.evaluated["texts"][self.lang].describe(outcome, self._branch_reason(question, index))

    def _dependency(self, kind, ident, person_id, fact, who, given, alternative, outcome, condition, question,
                    index):
        text, branches = self._describe(outcome, question, index)
        depends = outcome.value == contingent.UNKNOWN
        return m.Dependency(
            kind=m.DependencyKind(kind), id=ident, person=person_id, fact=fact,
            reading=ident if kind == "reading" else None, who=m.Judge(who) if who else None,
            given_value=given, alternative=alternative,
            alternative_status=m.Status.depends if depends else m.status_of(outcome.value),
            alternative_value=None if depends else outcome.value, alternative_answer_text=text,
            condition=condition[self.lang], condition_da=condition["da"], condition_en=condition["en"],
            alternative_branches=_branches(branches) if branches else None,
        )

    def _dependencies(self, found, question, index):
        items = []
        for flip, outcome in found["dependencies"]:
            if flip.kind == "reading":
                given, person_id, fact = self.state.get(flip.name, ENGINE), None, None
            else:
                given = bool(contingent.given(self.system, self.persons[flip.person], flip.name))
                person_id, fact = self.persons[flip.person]["id"], flip.name
            items.append(self._dependency(flip.kind, flip.id, person_id, fact, contingent.who(flip), given,
                                          flip.value, outcome, contingent.condition(flip, self.labels), question,
                                          index))
        unknowns = self.evaluated["unknowns"]
        for axis, value, outcome in found["unknown_branches"]:
            person_index, name = unknowns[axis]
            entry = contingent.judgement_facts().get(name)
            items.append(self._dependency(
                "unknown_fact", entry[0]["id"] if entry else None, self.persons[person_index]["id"], name,
                entry[0].get("who") if entry else None, None, value, outcome,
                contingent.unknown_condition(name, value, self.labels[person_index]), question, index))
        return tuple(items)

    def answer(self, question, index, explanation, used_parameters):
        lang = self.lang
        value = _json_value(self.values(question.variable)[index])

        def values_at(name):
            return name in self.system.variables and bool(self.values(name)[index])

        parts, deciding = _reasoning(question, values_at, lang, self.regime)
        used = set(explanation["variables"])
        facts = [text for name, text in self.facts[index] if name in used]
        for parameter in explanation["parameters"]:
            used_parameters[parameter["name"]] = parameter
        found = self.evaluated["answers"][self.persons[index]["id"]].get(question.id) or {
            "base": contingent.Outcome(value), "dependencies": [], "unknown_branches": [],  # it cannot change
        }
        dependencies = self._dependencies(found, question, index)
        base = found["base"]
        branches, unknown_facts = (), ()
        if base.value == contingent.UNKNOWN:
            status, shown = m.Status.depends, None
            text, raw = self._describe(base, question, index)
            branches = _branches(raw)
            unknowns = self.evaluated["unknowns"]
            unknown_facts = tuple(m.UnknownFact(self.persons[unknowns[axis][0]]["id"], unknowns[axis][1])
                                  for axis in base.essential)
            parts = []  # the deciding sentences differ between the branches: each branch has its own
        else:
            status, shown, text = m.status_of(value), value, _answer_text(question, value, lang)
        reasoning = "; ".join(parts)
        if facts:
            reasoning += (". " if reasoning else "") + labels.FACTS_PREFIX[lang] + "; ".join(facts)
        flagged = [entry["id"] for entry in explanation["ambiguities"]]
        entries = list(explanation["ambiguities"])
        for dependency in dependencies:  # an answer a reading's switch changes rests on that entry, whatever its flags
            if dependency.kind == m.DependencyKind.reading and dependency.id not in flagged:
                entries.append(register.by_id()[dependency.id])
                flagged.append(dependency.id)
        unverified = explanation["unverified_parameters"]
        overridden = tuple(p["name"] for p in unverified if p["name"] in self.overrides)
        return m.Answer(
            question=question.da if lang == "da" else question.en, variable=question.variable,
            status=status, value=shown, answer_text=text, reasoning=reasoning,
            citations=_citations(self.system, [question.variable, *deciding], self.month),
            ambiguities=tuple(_ambiguity(entry, lang, self.state.get(entry["id"])) for entry in entries),
            unverified_parameters=tuple(
                m.UnverifiedParameter(name=p["name"], value=p["value"], status=p["status"],
                                      description=p.get("description"), start=_date(p.get("start")))
                for p in unverified),
            dependencies=dependencies, branches=branches, unknown_facts=unknown_facts,
            overridden_parameters=overridden or None,
        )

    def receipt(self, used_parameters, persons):
        request = {"case": self.given_case, "regime": self.regime, "lang": self.lang,
                   "one_plan_law_variant": self.variant}
        if self.readings or self.overrides:
            request.update(readings=dict(sorted(self.readings.items())), overrides=dict(sorted(self.overrides.items())))
        canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        unknowns = self.evaluated["unknowns"]
        return m.Receipt(
            package="enplan_rules", package_version=enplan_rules.__version__, regime=m.Regime(self.regime),
            regime_description=regimes.DESCRIPTIONS[self.regime],
            one_plan_law_variant=m.OnePlanLawVariant(self.variant),
            period=self.month,
            parameters=tuple(m.ReceiptParameter(name=p["name"], value=p["value"], start=_date(p.get("start")),
                                                status=p.get("status"))
                             for _, p in sorted(used_parameters.items())),
            request_sha256=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
            readings=m.frozen({key: m.Reading(value) for key, value in self.state.items()}),
            overrides=tuple(m.Override(name=name, value=value, engine_value=self._engine_value(name))
                            for name, value in sorted(self.overrides.items())),
            unknown_facts=tuple(m.UnknownFact(self.persons[i]["id"], name) for i, name in unknowns),
            contingent_copies=self.evaluated["copies"],
            texts=_law_texts([citation for person in persons.values() for answer in person.answers.values()
                              for citation in answer.citations]),
            unrecorded_judgements=tuple(m.UnknownFact(self.persons[index]["id"], name)
                                        for index, name in self.unrecorded),
        )

    def _engine_value(self, name):
        parameters = regimes.load(self.regime, self.variant).parameters
        return provenance.describe(parameters, name, periods.period(self.month).start)["value"]


def _date(value):
    return None if value is None else str(value)


def check_model(case, regime="trial", lang="da", one_plan_law_variant="enacted", readings=None, overrides=None,
                month_of_history=False):
    """Every public question of the engine for each person in `case`, explained, with a provenance receipt: the
    typed model (`enplan_rules.answers.model.CheckResult`). `month_of_history`: `case` is one month of a case
    history (`enplan_rules.case.validate`)."""
    if lang not in LANGS:
        raise CaseError([{"pointer": "", "message": _message("unknown_lang", "en"), "expected": "da or en"}])
    if regime not in regimes.NAMES:
        raise CaseError([{"pointer": "", "message": _message("unknown_regime", lang),
                          "expected": ("en af: " if lang == "da" else "one of: ") + ", ".join(regimes.NAMES)}])
    if one_plan_law_variant not in regimes.VARIANTS:
        raise CaseError([{"pointer": "", "message": "ukendt version af lov om én plan" if lang == "da"
                          else "unknown version of the One Plan law",
                          "expected": ("en af: " if lang == "da" else "one of: ") + ", ".join(regimes.VARIANTS)}])
    month = validate(case, lang, month_of_history)
    readings, overrides = contingent_request.prepare(readings, overrides, regime, one_plan_law_variant, lang)
    builder = _Builder(case, month, regime, lang, one_plan_law_variant, readings, overrides)
    questions = [q for q in QUESTIONS if q.variable in builder.system.variables]
    explanations = explain_values(builder.values, [q.variable for q in questions])
    used_parameters = {}
    persons = {}
    for index, person in enumerate(case["persons"]):
        persons[person["id"]] = m.PersonAnswers(m.frozen({
            question.id: builder.answer(question, index, explanations[question.variable][index], used_parameters)
            for question in questions
        }))
    return m.CheckResult(
        regime=m.Regime(regime), period=builder.month, lang=m.Lang(lang), package_version=enplan_rules.__version__,
        persons=m.frozen(persons), receipt=builder.receipt(used_parameters, persons),
        note=MESSAGES_NOTE[0 if lang == "da" else 1],
    )


def compare_model(case, lang="da", one_plan_law_variant="enacted", readings=None, overrides=None):
    """The same case under every regime, side by side; `differences` lists the answers that differ. Each override
    applies to every regime that has its parameter (each receipt lists those it used); one no regime has is
    refused."""
    import dataclasses

    per_regime = contingent_request.overrides_per_regime(overrides, regimes.NAMES, one_plan_law_variant, lang)
    results = {name: check_model(case, name, lang, one_plan_law_variant, readings, per_regime[name])
               for name in regimes.NAMES}
    first = results[regimes.NAMES[0]]
    differences = []
    for person_id, person in first.persons.items():
        for question_id in person.answers:
            answers = {name: results[name].persons[person_id].answers[question_id] for name in regimes.NAMES}
            keys = {(a.status, json.dumps(a.value), a.answer_text if a.status == m.Status.depends else "")
                    for a in answers.values()}
            if len(keys) > 1:
                differences.append(m.Difference(
                    person=person_id, question=question_id,
                    statuses=m.frozen({name: a.status for name, a in answers.items()}),
                    values=m.frozen({name: a.value for name, a in answers.items()})))
    differing = {(d.person, d.question) for d in differences}

    def marked(result):
        return dataclasses.replace(result, persons=m.frozen({
            person_id: m.PersonAnswers(m.frozen({
                question_id: dataclasses.replace(answer, differs_between_regimes=(person_id, question_id) in differing)
                for question_id, answer in person.answers.items()}))
            for person_id, person in result.persons.items()}))

    return m.CompareResult(period=first.period, lang=m.Lang(lang), package_version=enplan_rules.__version__,
                           regimes=m.frozen({name: marked(result) for name, result in results.items()}),
                           differences=tuple(differences))


def check(case, regime="trial", lang="da", one_plan_law_variant="enacted", readings=None, overrides=None,
          month_of_history=False):
    """`check_model` in its JSON form (what the API sends and every interface renders)."""
    return m.to_json(check_model(case, regime, lang, one_plan_law_variant, readings, overrides, month_of_history))


def compare(case, lang="da", one_plan_law_variant="enacted", readings=None, overrides=None):
    """`compare_model` in its JSON form."""
    return m.to_json(compare_model(case, lang, one_plan_law_variant, readings, overrides))
