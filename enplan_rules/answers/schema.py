"""The JSON Schemas (OpenAPI 3.1 components) of the answer model, generated from its classes: one source of truth
for what /check, /check/compare and /check/history send.

Every dataclass becomes a component with every field typed and every field the JSON always carries required;
every enum becomes ONE component, referenced wherever it is used (nullable: `anyOf` it and null), so a generated
client has one model per concept. Descriptions come from the classes' docstrings and `FIELD_DOCS`.
"""

import enum
import inspect
import types
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass

from enplan_rules.answers import model

REF = "#/components/schemas/"
PRIMITIVES = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
ROOTS = (model.CheckResult, model.CompareResult)
FIELD_DOCS = {
    ("Answer", "status"): "yes, no, a number, or depends (on facts the case gives as null)",
    ("Answer", "value"): "true/false for yes-no questions, a number for counts; null where the answer depends",
    ("Answer", "answer_text"): "The answer in words; where it depends, its sentence in the request's language "
                               "('Ja, medmindre borgeren samtykker'), built from the branches",
    ("Answer", "reasoning"): "The rules and facts that decide the answer (a depends-answer: the facts; each branch "
                             "has its own reasoning)",
    ("Answer", "branches"): "Where the answer depends: each answer it takes, when, and why",
    ("Answer", "unknown_facts"): "Where the answer depends: the unknown (null) facts it depends on",
    ("Answer", "overridden_parameters"): "The parameters set for this request (`override`) the answer used",
    ("Answer", "differs_between_regimes"): "Only in /check/compare",
    ("Answer", "variable"): "The rules variable that answers the question",
    ("Branch", "condition"): "When the answer is this one, in the request's language",
    ("Branch", "default"): "The answer the question takes otherwise",
    ("Branch", "reasoning"): "The rules that decide the answer in this branch",
    ("Citation", "text"): "The provisions, e.g. 'Lov nr. 658 af 8.6.2017 § 2 nr. 7'",
    ("Citation", "url"): "The first retsinformation.dk address, if any",
    ("Citation", "variable"): "The rules variable the citation belongs to",
    ("Citation", "excerpt"): "The statute's own (Danish) words, when known",
    ("Citation", "further_sources"): "The other records of the provisions (each text once per answer)",
    ("Source", "statute"): "The statute the record belongs to, e.g. lab, sel, trial",
    ("Source", "number"): "The official number of the version read, e.g. 'LBK nr. 1342 af 21.11.2016'",
    ("Source", "excerpt"): "The source's own (Danish) words, when known",
    ("Source", "searched"): "Where the words were looked for, when not found",
    ("Dependency", "id"): "The register entry, e.g. J5 or R15 (null: an unknown fact no judgement names)",
    ("Dependency", "given_value"): "The fact's value in the case (or its default), the reading used, or null for "
                                   "an unknown fact",
    ("Dependency", "alternative"): "The other value of the fact, the other reading, or the unknown fact's value "
                                   "this branch assumes",
    ("Dependency", "alternative_branches"): "When the alternative answer itself depends on unknown facts",
    ("Dependency", "condition"): "When the alternative answer holds, in the request's language",
    ("Receipt", "request_sha256"): "SHA-256 of the canonical request (case, regime, lang, variant, readings, "
                                   "overrides)",
    ("Receipt", "readings"): "The reading used for every register entry with a switch (`reading`)",
    ("Receipt", "contingent_copies"): "How many copies of the case the contingent answers evaluated",
    ("Receipt", "texts"): "The versions of the official texts the citations were checked against",
}


def _doc(node):
    doc = inspect.getdoc(node) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _type(hint, found):
    """The schema of a type hint; the dataclasses and enums it names are added to `found`."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        nullable = len(members) < len(typing.get_args(hint))
        if all(member in PRIMITIVES for member in members):
            names = [PRIMITIVES[member] for member in members] + (["null"] if nullable else [])
            return {"type": names[0] if len(names) == 1 else names}
        options = [_type(member, found) for member in members] + ([{"type": "null"}] if nullable else [])
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _type(typing.get_args(hint)[0], found)}
    if origin in (Mapping, dict) or origin is typing.Mapping:
        return {"type": "object", "additionalProperties": _type(typing.get_args(hint)[1], found)}
    if hint in PRIMITIVES:
        return {"type": PRIMITIVES[hint]}
    if isinstance(hint, type) and (is_dataclass(hint) or issubclass(hint, enum.Enum)):
        found.append(hint)
        return {"$ref": REF + hint.__name__}
    raise TypeError(f"no JSON Schema for {hint!r}")


def _component(cls, found):
    if issubclass(cls, enum.Enum):
        return {"type": "string", "enum": [member.value for member in cls], "description": _doc(cls)}
    hints = typing.get_type_hints(cls)
    properties, required = {}, []
    for item in fields(cls):
        name = item.metadata.get("json", item.name)
        schema = _type(hints[item.name], found)
        doc = FIELD_DOCS.get((cls.__name__, item.name))
        if doc:
            schema = {**schema, "description": doc} if "$ref" not in schema else {"allOf": [schema],
                                                                                  "description": doc}
        properties[name] = schema
        if not item.metadata.get("omit_none"):
            required.append(name)
    return {"type": "object", "properties": properties, "required": required, "description": _doc(cls)}


def components(roots=ROOTS):
    """{name: schema} for every class reachable from `roots` (the results of /check and /check/compare)."""
    out = {}
    found = list(roots)
    while found:
        cls = found.pop()
        if cls.__name__ not in out:
            out[cls.__name__] = _component(cls, found)
    return dict(sorted(out.items()))


def properties_of(cls, names=None):
    """The property schemas of `cls`'s JSON (those in `names`, in that order), and the required ones among them —
    for a component that carries part of a model class (the history's answers)."""
    schema = _component(cls, [])
    names = list(names or schema["properties"])
    return ({name: schema["properties"][name] for name in names},
            tuple(name for name in names if name in schema["required"]))


def value_schema():
    """The schema of an answer's value: true/false, a number, or null where it depends."""
    return _type(typing.get_type_hints(model.Answer)["value"], [])
