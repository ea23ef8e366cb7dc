"""The answer model: one typed, immutable description of an answer that every interface renders.

`enplan_rules.answers.engine` builds it once per request; the API sends `to_json(model)`, and the page, the PDF,
`enplan check`, `enplan review` and the reports print the same JSON form, so no interface decides anything.
`enplan_rules.answers.schema` generates the /spec's JSON Schemas from these classes.

Plain frozen dataclasses, not pydantic: the model only carries what the engine computed (there is nothing to
validate or coerce — the engine is the only producer), dataclasses are in the standard library (pydantic is no
dependency of the package, only of its development tools), and the schema generator is small enough to control
exactly what a client generator sees (one component per enum, OpenAPI 3.1 nullability).

An answer's `status` says what kind of answer it is — yes, no, a number, or depends (on facts the case does not
give) — and `value` is true/false, the number, or null where it depends: never a word in a boolean field.
Optional fields marked `OMIT_NONE` are left out of the JSON when None (they are absent from older answers too).
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from types import MappingProxyType

OMIT_NONE = {"omit_none": True}


class Status(str, enum.Enum):
    """What kind of answer it is."""

    yes = "yes"
    no = "no"
    number = "number"
    depends = "depends"


class DependencyKind(str, enum.Enum):
    """What an answer depends on: a judgement (judgement register), a contested reading (ambiguity register), or a
    fact the case gives as null."""

    judgement = "judgement"
    reading = "reading"
    unknown_fact = "unknown_fact"


class Judge(str, enum.Enum):
    """Who makes a judgement of the judgement register."""

    municipality = "municipality"
    caseworker = "caseworker"
    citizen = "citizen"
    holder_of_parental_authority = "holder of parental authority"


class Reading(str, enum.Enum):
    """Which reading of a register entry with a switch an answer was computed under."""

    engine = "engine"
    alternative = "alternative"


class SourceStatus(str, enum.Enum):
    """sourced: quoted from the official text of the version in force; seeds: the municipalities' own documents (no
    official text exists); secondary: an agency page, commentary or draft; unverified: not read."""

    sourced = "sourced"
    seeds = "seeds"
    secondary = "secondary"
    unverified = "unverified"


class Verdict(str, enum.Enum):
    """How a source record's words compare with the official text: they match it, were corrected to it, are a
    judgement of it, or no text was read."""

    matches = "matches"
    corrected = "corrected"
    judgement = "judgement"
    no_text = "no_text"


class Regime(str, enum.Enum):
    """The regimes an answer is computed under."""

    sector_law = "sector_law"
    one_plan_law = "one_plan_law"
    trial = "trial"


class OnePlanLawVariant(str, enum.Enum):
    """The text of the One Plan law the answers read: the consultation draft, the tabled bill, or as enacted."""

    consultation_draft = "consultation_draft"
    tabled_bill = "tabled_bill"
    enacted = "enacted"


class Lang(str, enum.Enum):
    """The language of the answers' words."""

    da = "da"
    en = "en"


Scalar = bool | float | str  # a fact's or a parameter's value: true/false, a number or a code


@dataclass(frozen=True)
class InForce:
    """The dates a version of a text is the law: the first day, and the last (null while still in force)."""

    from_: str = field(metadata={"json": "from"})
    to: str | None = None


@dataclass(frozen=True)
class Source:
    """Where the cited words were read: the document, its paragraph and version, its address, and when."""

    id: str | None = None
    statute: str | None = None
    document: str | None = None
    paragraph: str | None = None
    version: str | None = None
    address: str | None = None
    read_on: str | None = None
    status: SourceStatus | None = None
    excerpt: str | None = None
    verdict: Verdict | None = None
    searched: str | None = None
    text_id: str | None = None
    number: str | None = None
    in_force: InForce | None = None
    text_sha256: str | None = None


@dataclass(frozen=True)
class Citation:
    """A deciding rule's paragraphs, their addresses, and the source records of their words."""

    text: str
    variable: str
    urls: tuple[str, ...] = ()
    url: str | None = None
    excerpt: str | None = None
    source: Source | None = None
    further_sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Ambiguity:
    """A flag: an entry of the ambiguity register the answer rests on, in the request's language."""

    id: str
    title: str
    reading: str
    alternative: str
    reading_used: Reading | None = field(default=None, metadata=OMIT_NONE)


@dataclass(frozen=True)
class UnverifiedParameter:
    """A flag: a parameter value the answer rests on that is not checked against the source."""

    name: str
    value: Scalar | None
    status: str
    description: str | None = None
    start: str | None = None


@dataclass(frozen=True)
class Branch:
    """One answer a depends-answer takes, the condition under which it holds, and the reasoning there."""

    condition: str
    status: Status
    value: bool | float | None
    answer_text: str
    default: bool
    reasoning: str = ""


@dataclass(frozen=True)
class Dependency:
    """What the answer would be if a judgement, a contested reading or an unknown fact went the other way."""

    kind: DependencyKind
    id: str | None
    condition: str
    condition_da: str
    condition_en: str
    given_value: Scalar | None
    alternative: Scalar
    alternative_status: Status
    alternative_value: bool | float | None
    alternative_answer_text: str
    person: str | None = None
    fact: str | None = None
    reading: str | None = None
    who: Judge | None = None
    alternative_branches: tuple[Branch, ...] | None = field(default=None, metadata=OMIT_NONE)


@dataclass(frozen=True)
class UnknownFact:
    """A fact the case gives as null (Ved ikke)."""

    person: str
    fact: str


@dataclass(frozen=True)
class Answer:
    """One public question answered for one person: the typed answer, its words, why, and what it rests on."""

    question: str
    variable: str
    status: Status
    value: bool | float | None
    answer_text: str
    reasoning: str
    citations: tuple[Citation, ...] = ()
    ambiguities: tuple[Ambiguity, ...] = ()
    unverified_parameters: tuple[UnverifiedParameter, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    branches: tuple[Branch, ...] = ()
    unknown_facts: tuple[UnknownFact, ...] = ()
    overridden_parameters: tuple[str, ...] | None = field(default=None, metadata=OMIT_NONE)
    differs_between_regimes: bool | None = field(default=None, metadata=OMIT_NONE)


@dataclass(frozen=True)
class PersonAnswers:
    """Every public question for one person, by question id."""

    answers: Mapping[str, Answer]


@dataclass(frozen=True)
class ReceiptParameter:
    """A parameter value the answers used, with the date it applies from and its status."""

    name: str
    value: Scalar | None
    start: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Override:
    """A parameter value set for the request (`override`)."""

    name: str
    value: Scalar
    engine_value: Scalar | None = None


@dataclass(frozen=True)
class LawText:
    """An official text, in one version, that the answers quote (vendored in enplan_rules/legal/texts/)."""

    text_id: str
    number: str
    title: str
    address: str
    in_force: InForce
    sha256: str


@dataclass(frozen=True)
class Receipt:
    """Provenance: the package and its version, the regime, the period, the parameters and readings used."""

    package: str
    package_version: str
    regime: Regime
    regime_description: str
    one_plan_law_variant: OnePlanLawVariant
    period: str
    parameters: tuple[ReceiptParameter, ...]
    request_sha256: str
    readings: Mapping[str, Reading] = field(default_factory=lambda: MappingProxyType({}))
    overrides: tuple[Override, ...] = ()
    unknown_facts: tuple[UnknownFact, ...] = ()
    contingent_copies: int = 1
    texts: tuple[LawText, ...] = ()
    unrecorded_judgements: tuple[UnknownFact, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    """Every public question of a case under one regime, by person id, with the receipt."""

    regime: Regime
    period: str
    lang: Lang
    package_version: str
    persons: Mapping[str, PersonAnswers]
    receipt: Receipt
    note: str


@dataclass(frozen=True)
class Difference:
    """A question whose answer differs between the regimes, with its status and value under each."""

    person: str
    question: str
    statuses: Mapping[str, Status]
    values: Mapping[str, bool | float | None]


@dataclass(frozen=True)
class CompareResult:
    """A case under every regime, and the answers that differ."""

    period: str
    lang: Lang
    package_version: str
    regimes: Mapping[str, CheckResult]
    differences: tuple[Difference, ...]


def frozen(mapping):
    """A read-only view of a dict (the model's mappings)."""
    return MappingProxyType(dict(mapping))


def status_of(value):
    """The status of a plain answer value (true, false or a number)."""
    if value is True:
        return Status.yes
    if value is False:
        return Status.no
    return Status.number


def _layout(cls, cache={}):  # noqa: B006  (one layout per class, for the life of the process)
    """[(attribute, JSON key, left out when None)] of a model class."""
    if cls not in cache:
        cache[cls] = [(item.name, item.metadata.get("json", item.name), bool(item.metadata.get("omit_none")))
                      for item in fields(cls)]
    return cache[cls]


def to_json(node):
    """The JSON form of a model object (dicts, lists, strings, numbers, booleans, null)."""
    if node is None or isinstance(node, (bool, int, float)):
        return node
    if isinstance(node, str):
        return node.value if isinstance(node, enum.Enum) else node
    if isinstance(node, (tuple, list)):
        return [to_json(value) for value in node]
    if isinstance(node, Mapping):
        return {str(key): to_json(value) for key, value in node.items()}
    if is_dataclass(node):
        out = {}
        for name, key, omit in _layout(type(node)):
            value = getattr(node, name)
            if value is None and omit:
                continue
            out[key] = to_json(value)
        return out
    if isinstance(node, enum.Enum):
        return node.value
    return node
