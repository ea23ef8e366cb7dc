"""The compact form of /check, /check/compare and /check/history (`?form=compact`): every citation, source record,
register entry and unverified value once per response, in `references`, and the answers naming them by id; a
history's months list only the answers that changed from the month before.

The full form repeats a paragraph's words in every answer that cites it, under every regime and in every change
point; a case system that stores the answers keeps each text once. Both forms carry the same answers: `expand`
turns the compact form back into the full one (a test checks it for every worked scenario and history).
"""

import copy
import hashlib
import json

FORMS = ("full", "compact")
REFERENCED = {  # the lists of objects an answer names by id, and the key each object is known by
    "citations": "variable",
    "ambiguities": "id",
    "unverified_parameters": "name",
    "further_sources": "id",
}
REFERENCED_SCHEMAS = {"citations": "Citation", "ambiguities": "Ambiguity", "unverified_parameters": "UnverifiedParameter",
                      "further_sources": "Source"}
TABLES = {"citations": "citations", "ambiguities": "ambiguities", "unverified_parameters": "unverified_parameters",
          "further_sources": "sources", "source": "sources"}  # a citation's sources share one table
REF = "#/components/schemas/"


def _id(kind, item, table):
    """The item's id in `table`: its own key (a variable, an entry id, a parameter name), with a short hash of its
    content where two different items share the key (a parameter with a new value, a citation's further sources)."""
    key = str(item.get(REFERENCED.get(kind, "id")))
    if table.get(key, item) == item:
        return key
    digest = hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:8]
    return f"{key}~{digest}"


def compact(body):
    """The compact form of a full answer body (a copy; `body` is not changed)."""
    out = copy.deepcopy(body)
    references = {table: {} for table in set(TABLES.values())}

    def named(kind, item):
        if kind == "citations":  # its sources first, so that equal citations compare equal
            if isinstance(item.get("source"), dict):
                item["source"] = named("source", item["source"])
            if item.get("further_sources"):
                item["further_sources"] = [named("further_sources", source) for source in item["further_sources"]]
        table = references[TABLES[kind]]
        ident = _id(kind, item, table)
        table[ident] = item
        return ident

    stack = [out]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for kind in REFERENCED:
                items = node.get(kind)
                if isinstance(items, list) and items and all(isinstance(item, dict) for item in items):
                    node[kind] = [named(kind, item) for item in items]
            stack.extend(value for key, value in node.items() if key not in REFERENCED)
        elif isinstance(node, list):
            stack.extend(node)
    _carry_forward(out, drop=True)
    return {**out, "form": "compact", "references": {table: dict(sorted(items.items()))
                                                     for table, items in sorted(references.items())}}


def expand(body):
    """The full form of a compact body."""
    out = copy.deepcopy(body)
    references = out.pop("references")
    out.pop("form")
    _carry_forward(out, drop=False)
    stack = [out]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for kind in REFERENCED:
                items = node.get(kind)
                table = references[TABLES[kind]]
                owner = "urls" if kind == "further_sources" else "question"  # an answer (a month's lists ids already)
                if owner in node and isinstance(items, list) and items and all(isinstance(item, str) and item in table
                                                                               for item in items):
                    node[kind] = [copy.deepcopy(table[item]) for item in items]
                    stack.extend(node[kind])
            if isinstance(node.get("source"), str) and "urls" in node:
                node["source"] = copy.deepcopy(references["sources"][node["source"]])
            stack.extend(value for key, value in node.items() if key not in REFERENCED)
        elif isinstance(node, list):
            stack.extend(node)
    return out


def _carry_forward(body, drop):
    """A history's months in the compact form list only the answers that differ from the month before (`drop`);
    expanded, every month has every answer again (the month before's, where not listed)."""
    for timeline in ((body.get("timeline") or {}).get("regimes") or {}).values():
        previous = None
        for month in timeline.get("months", []):
            full = {pid: dict(answers) for pid, answers in month["persons"].items()}
            if previous is not None:
                for pid, answers in month["persons"].items():
                    if drop:
                        month["persons"][pid] = {qid: answer for qid, answer in answers.items()
                                                 if previous.get(pid, {}).get(qid) != answer}
                    else:
                        full[pid] = {**previous.get(pid, {}), **answers}
                        month["persons"][pid] = full[pid]
            previous = full


def _compact_node(node, rename):
    """A schema node with references to the renamed components renamed, and the referenced lists made lists of
    ids."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and value[len(REF):] in rename:
                out[key] = REF + rename[value[len(REF):]]
            elif key == "properties" and isinstance(value, dict):
                out[key] = {
                    name: ({**{k: v for k, v in prop.items() if k != "items"}, "items": {"type": "string"},
                            "description": f"The ids of the response's `references.{TABLES[name]}`"}
                           if name in REFERENCED and prop.get("items") == {"$ref": REF + REFERENCED_SCHEMAS[name]}
                           else _compact_node(prop, rename))
                    for name, prop in value.items()
                }
            else:
                out[key] = _compact_node(value, rename)
        return out
    if isinstance(node, list):
        return [_compact_node(item, rename) for item in node]
    return node


def _reaches(schemas, name, memo):
    """Whether component `name` holds, at any depth, a list of referenced objects (then it has a compact twin)."""
    if name in memo:
        return memo[name]
    memo[name] = False
    text = json.dumps(schemas[name])
    direct = any(f'"items": {{"$ref": "{REF}{target}"}}' in text for target in REFERENCED_SCHEMAS.values())
    names = [part.split('"')[0] for part in text.split(f'"$ref": "{REF}')[1:]]
    memo[name] = direct or any(_reaches(schemas, other, memo) for other in names if other in schemas)
    return memo[name]


def compact_schemas(schemas, roots):
    """The compact twins (`Compact<Name>`) of the components from `roots` down to the answers, and `References`.
    `roots`: the result components (CheckResult, CompareResult, HistoryResult) present in `schemas`."""
    if "Citation" not in schemas:
        return {}
    memo = {}
    kept = set(REFERENCED_SCHEMAS.values()) - {"Citation"}  # a citation names its sources by id
    twins = {name: "Compact" + name for name in schemas if name not in kept and _reaches(schemas, name, memo)}
    out = {twins[name]: _compact_node(schemas[name], twins) for name in twins}
    if "CompactCitation" in out:
        out["CompactCitation"]["properties"]["source"] = {
            "type": ["string", "null"], "description": "The id of the response's `references.sources` entry"}
    nested = {name for name in twins.values() for other in out.values() if f'"{REF}{name}"' in json.dumps(other)}
    for root in roots:
        if root not in twins:
            continue
        schema = out[twins[root]]
        schema["properties"] = {**schema["properties"],
                                "form": {"type": "string", "enum": ["compact"]},
                                "references": {"$ref": REF + "References"}}
        if twins[root] not in nested:  # a result nested in another (compare's regimes) carries no references
            schema["required"] = [*schema.get("required", []), "form", "references"]
        schema["description"] = (schema.get("description", "") + " (compact form: each citation, register entry "
                                 "and unverified value once, in `references`)").strip()
    out["References"] = {
        "type": "object",
        "description": "Each citation, register entry and unverified value of the response once, by the id the "
                       "answers name it by",
        "properties": {table: {"type": "object", "additionalProperties": {"$ref": REF + target}}
                       for table, target in (("citations", "CompactCitation"), ("ambiguities", "Ambiguity"),
                                             ("unverified_parameters", "UnverifiedParameter"),
                                             ("sources", "Source"))},
        "required": ["ambiguities", "citations", "sources", "unverified_parameters"],
    }
    return out
