"""Source records: for every rule and parameter value, the text it was read in and the words it encodes.

The records live in `legal/sources/<statute>.yaml` (see `index.yaml` there for the format). A record that quotes
an official text names the vendored versions (`legal/texts/`) in which its words stand; a citation of it in a
month quotes the version in force that month. Records without an official text (the municipalities' own
decisions, resting on the seeds) or not yet read say so. This module loads them once, answers which records
ground a rule or a parameter in a given month, and counts how many rules and parameter values are verified
against an official text (`coverage`, printed by `enplan sources`).
"""

import datetime
import os
from functools import cache, lru_cache

from enplan_rules import yamlfiles
from enplan_rules.legal import texts

SOURCES_DIR = os.path.join(os.path.dirname(__file__), "sources")
# sourced: quoted from an official text of the version in force (`versions`); seeds: the municipalities' own
# documents, where no official text exists; secondary: an agency page, commentary or a draft (further reading,
# never verification); unverified: not found, `searched` says where it was looked for
STATUSES = ("sourced", "seeds", "secondary", "unverified")
VERDICTS = ("matches", "corrected", "judgement", "no_text")
LAYERS = ("sector_law", "one_plan_law", "trial")
RECORD_FIELDS = ("id", "statute", "document", "paragraph", "version", "address", "read_on", "status", "excerpt",
                 "verdict")


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


@cache
def _load():
    with open(os.path.join(SOURCES_DIR, "index.yaml"), encoding="utf-8") as file:
        index = yamlfiles.load(file)
    records = {}
    for statute in index["statutes"]:
        with open(os.path.join(SOURCES_DIR, f"{statute}.yaml"), encoding="utf-8") as file:
            content = yamlfiles.load(file)
        documents = content.get("documents") or {}
        for raw in content["records"]:
            record = dict(documents[raw["doc"]]) if "doc" in raw else {}
            record.update({key: value for key, value in raw.items() if key != "doc"})
            record["statute"] = statute
            record.setdefault("rules", [])
            record.setdefault("parameters", [])
            _normalise(record)
            if record["id"] in records:
                raise ValueError(f"source record {record['id']} is defined twice")
            records[record["id"]] = record
    return index["statutes"], records


def _normalise(record):
    """Give a record its versions (each with text, paragraph, excerpt, from, to), status, verdict and span."""
    versions = []
    for entry in record.get("versions") or []:
        document = texts.document(entry["text"])
        versions.append({
            "text": entry["text"],
            "paragraph": entry.get("paragraph") or record["paragraph"],
            "excerpt": entry.get("excerpt") or record.get("excerpt"),
            "from": _date(entry.get("from")) or document["in_force"]["from"],
            "to": _date(entry.get("to")) if entry.get("to") else document["in_force"]["to"],
        })
    record["versions"] = versions
    if versions:
        record["status"] = "sourced"
        record.setdefault("verdict", "matches")
        ends = [version["to"] for version in versions]
        record["in_force"] = {"from": min(version["from"] for version in versions),
                              "to": None if None in ends else max(ends)}
        latest = max(versions, key=lambda version: version["from"])
        document = texts.document(latest["text"])
        record.setdefault("document", document["title"])
        record.setdefault("version", document["number"])
        record.setdefault("address", document["address"])
        return
    if record.get("status") == "sourced":  # quoted from a web page, a draft or commentary: not an official text
        record["status"] = "secondary"
    record.setdefault("verdict", "no_text")
    in_force = record.get("in_force") or {}
    record["in_force"] = {"from": _date(in_force.get("from")), "to": _date(in_force.get("to"))}


def statutes():
    """{statute folder: title}."""
    return dict(_load()[0])


def records():
    """{record id: record}, read-only."""
    return _load()[1]


def summary(record, month=None):
    """The fields an answer carries for a record (JSON-ready; a fresh dict, so a caller may change it): for a
    record quoting an official text, the version in force in `month` (the newest version when no month is given)
    with its number, period in force, address, words and the SHA-256 of the vendored text."""
    return dict(_summary(record["id"], None if month is None else str(month)[:7]))


def _day(month):
    return _date(month + "-01") if isinstance(month, str) and len(month) == 7 else _date(str(month)[:10])


def version_in_force(record, month):
    """The version of an official-text record in force in `month` (the latest to enter into force), or None."""
    day = _day(month)
    current = [v for v in record["versions"] if v["from"] <= day and (v["to"] is None or day <= v["to"])]
    return max(current, key=lambda version: version["from"]) if current else None


@cache
def _summary(record_id, month):
    record = records()[record_id]
    result = {key: record.get(key) for key in RECORD_FIELDS}
    result["read_on"] = str(record["read_on"]) if record.get("read_on") else None
    result["searched"] = record.get("searched")
    result.update({"text_id": None, "number": None, "in_force": None, "text_sha256": None})
    if record["versions"]:
        version = version_in_force(record, month) if month else max(record["versions"], key=lambda v: v["from"])
        if version is None:
            return result
        described = texts.describe(version["text"])
        result.update({
            "document": described["title"],
            "version": described["number"],
            "number": described["number"],
            "text_id": version["text"],
            "address": described["address"],
            "paragraph": version["paragraph"],
            "excerpt": version["excerpt"],
            "in_force": {"from": str(version["from"]), "to": str(version["to"]) if version["to"] else None},
            "text_sha256": described["sha256"],
            "read_on": None,
        })
    return result


def in_force(record, month):
    """Whether the words of `record` were the law in `month` (a 'YYYY-MM' string or a date): for an
    official-text record, whether one of its versions was in force then."""
    if record["versions"]:
        return version_in_force(record, month) is not None
    day = _day(month)
    start, end = record["in_force"]["from"], record["in_force"]["to"]
    return (start is None or day >= start) and (end is None or day <= end)


@cache
def _rule_index():
    index = {}
    for record in records().values():
        for rule in record["rules"]:
            index.setdefault(rule, []).append(record["id"])
    return index


def layer_of(variable):
    """The law layer whose folder defines the formula of an OpenFisca variable (sector_law, one_plan_law, trial)."""
    formula = next(iter(variable.formulas.values()))
    layer = getattr(formula, "law_layer", None)  # a formula wrapped by a reform keeps the layer it wraps
    if layer:
        return layer
    path = formula.__code__.co_filename.replace(os.sep, "/")
    for layer in LAYERS:
        if f"/variables/{layer}/" in path:
            return layer
    raise ValueError(f"the formula of {variable.name} is not in a law layer's folder: {path}")


def for_rule(name, layer):
    """The records that ground rule `name` as the law layer `layer` defines it."""
    index = _rule_index()
    ids = index.get(f"{layer}/{name}", []) + index.get(name, [])
    return [records()[record_id] for record_id in dict.fromkeys(ids)]


def for_variable(system, name, month=None):
    """The records grounding variable `name` of `system`, limited to those in force in `month` when given.

    A record quoting an official text is returned only for a month in which one of its versions was in force, so
    no answer cites words that were not the law that month; where none of a rule's records is in force (a LAB
    rule after 31 Dec 2019 with no LBA record), only its records without an official text remain, and register
    R12 flags the answer.
    """
    variable = system.variables[name]
    if not variable.formulas:
        return []
    return list(_for_rule_in(layer_of(variable), name, None if month is None else str(month)[:7]))


@lru_cache(maxsize=8192)  # answers ask for the same rule and month again and again
def _for_rule_in(layer, name, month):
    found = for_rule(name, layer)
    if month is None:
        return tuple(found)
    current = [record for record in found if in_force(record, month)]
    return tuple(current or [record for record in found if not record["versions"]])


def for_parameter(name, metadata=None):
    """The records covering parameter leaf `name` (exact name, a listed prefix, or its `metadata.source`)."""
    found = []
    source = (metadata or {}).get("source")
    for record in records().values():
        if record["id"] == source or any(
            name == entry or (entry.endswith(".") and name.startswith(entry)) for entry in record["parameters"]
        ):
            found.append(record)
    return found


def rules(systems):
    """Every rule of the given systems: {(layer, name): variable}, one per law layer that defines a formula."""
    result = {}
    for system in systems:
        for name, variable in system.variables.items():
            if variable.formulas:
                result.setdefault((layer_of(variable), name), variable)
    return result


def parameter_leaves(node, prefix=""):
    """(dotted name, leaf) for every parameter leaf under `node`."""
    for key, child in node.children.items():
        name = f"{prefix}.{key}" if prefix else key
        if hasattr(child, "children"):
            yield from parameter_leaves(child, name)
        else:
            yield name, child


CATEGORIES = ("verified", "judgement", "seeds", "unverified")
CATEGORY_TEXT = {
    "verified": "verified against the official text of the version in force",
    "judgement": "a named judgement or reading (the words quoted leave it to a person)",
    "seeds": "the municipalities' own decisions (no official text exists; the seeds)",
    "unverified": "unverified (no official text read yet; what was searched is listed)",
}


def category(record):
    """verified, judgement, seeds or unverified: what a record lets one say of the rule it grounds."""
    if record["status"] == "sourced":
        return "judgement" if record.get("verdict") == "judgement" else "verified"
    if record["status"] == "seeds":
        return "seeds"
    return "unverified"


def _worst(found):
    """The record with the weakest category: a rule is only as verified as the least verified text it rests on."""
    return max(found, key=lambda record: CATEGORIES.index(category(record))) if found else None


def _best(found):
    """The record with the strongest category."""
    return min(found, key=lambda record: CATEGORIES.index(category(record))) if found else None


def coverage(systems):
    """Per statute and category: the rules and parameter values of the given systems.

    A rule is as verified as the least verified record that grounds it (and counted under that record's statute):
    verified when each quotes an official text of the versions in force, judgement when a quoted text leaves the
    rule to a named judgement, seeds when it rests on the municipalities' own documents, unverified otherwise. A
    parameter value is verified when a record quoting an official text covers it and its own status is `sourced`.
    Returns ({statute: {"rules": {category: n}, "parameters": {category: n}}}, [what has no record],
    [(kind, name, record) for every unverified rule or value]).
    """
    from enplan_rules.legal import provenance

    table = {statute: {"rules": dict.fromkeys(CATEGORIES, 0), "parameters": dict.fromkeys(CATEGORIES, 0)}
             for statute in statutes()}
    missing = []
    unverified = []
    for (layer, name), _variable in sorted(rules(systems).items()):
        worst = _worst(for_rule(name, layer))
        if worst is None:
            missing.append(f"rule {layer}/{name}")
            continue
        kind = category(worst)
        table[worst["statute"]]["rules"][kind] += 1
        if kind == "unverified":
            unverified.append(("rule", f"{layer}/{name}", worst))
    seen = set()
    for system in systems:
        for name, leaf in parameter_leaves(system.parameters):
            if name in seen:
                continue
            seen.add(name)
            best = _best(for_parameter(name, leaf.metadata))
            if best is None:
                missing.append(f"parameter {name}")
                continue
            kind = category(best)
            status = provenance.status(system.parameters, name)
            if kind in ("verified", "judgement") and status not in ("sourced", "contested"):
                kind = "unverified"
            if status == "contested":
                kind = "judgement"
            table[best["statute"]]["parameters"][kind] += 1
            if kind == "unverified":
                unverified.append(("parameter", name, best))
    return table, missing, unverified


def coverage_lines(systems):
    """The coverage table as lines of text, per statute and in total, then every unverified rule or value."""
    table, missing, unverified = coverage(systems)
    lines = []
    total = {"rules": dict.fromkeys(CATEGORIES, 0), "parameters": dict.fromkeys(CATEGORIES, 0)}

    def row(label, counts, title=""):
        parts = []
        for kind in ("rules", "parameters"):
            n = counts[kind]
            parts.append(f"{kind} {n['verified']:3} of {sum(n.values()):3} verified, {n['judgement']:2} judgement, "
                         f"{n['seeds']:2} seeds, {n['unverified']:2} unverified")
        return f"{label:13} " + "; ".join(parts) + (f"  ({title})" if title else "")

    for statute, title in statutes().items():
        for kind in total:
            for key in CATEGORIES:
                total[kind][key] += table[statute][kind][key]
        lines.append(row(statute, table[statute], title))
    lines.append(row("all", total))
    lines.append("categories: " + "; ".join(f"{key}: {text}" for key, text in CATEGORY_TEXT.items()))
    grouped = {}
    for kind, name, record in unverified:
        grouped.setdefault(record["id"], (record, []))[1].append(f"{kind} {name}")
    for record_id, (record, names) in grouped.items():
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        lines.append(f"unverified: {record_id} ({record['status']}) grounds {shown}; "
                     f"searched: {record.get('searched') or '(not said)'}")
    lines.extend(f"no source record: {item}" for item in missing)
    return lines
