"""Source records: for every rule and parameter value, the text it was read in and the words it encodes.

The records live in `legal/sources/<statute>.yaml` (see `index.yaml` there for the format). This module loads
them once, answers which records ground a rule or a parameter in a given month, and counts how many rules and
parameter values are verified against a primary text (`coverage`, printed by `enplan sources`).
"""

import datetime
import os
from functools import cache, lru_cache

import yaml

SOURCES_DIR = os.path.join(os.path.dirname(__file__), "sources")
STATUSES = ("sourced", "seeds", "unverified")
LAYERS = ("sector_law", "one_plan_law", "trial")
RECORD_FIELDS = ("id", "statute", "document", "paragraph", "version", "address", "read_on", "status", "excerpt")


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


@cache
def _load():
    with open(os.path.join(SOURCES_DIR, "index.yaml"), encoding="utf-8") as file:
        index = yaml.safe_load(file)
    records = {}
    for statute in index["statutes"]:
        with open(os.path.join(SOURCES_DIR, f"{statute}.yaml"), encoding="utf-8") as file:
            content = yaml.safe_load(file)
        documents = content.get("documents") or {}
        for raw in content["records"]:
            record = dict(documents[raw["doc"]]) if "doc" in raw else {}
            record.update({key: value for key, value in raw.items() if key != "doc"})
            record["statute"] = statute
            record.setdefault("rules", [])
            record.setdefault("parameters", [])
            in_force = record.get("in_force") or {}
            record["in_force"] = {"from": _date(in_force.get("from")), "to": _date(in_force.get("to"))}
            if record["id"] in records:
                raise ValueError(f"source record {record['id']} is defined twice")
            records[record["id"]] = record
    return index["statutes"], records


def statutes():
    """{statute folder: title}."""
    return dict(_load()[0])


def records():
    """{record id: record}, read-only."""
    return _load()[1]


def summary(record):
    """The fields an answer carries for a record (JSON-ready; a fresh dict, so a caller may change it)."""
    return dict(_summary(record["id"]))


@cache
def _summary(record_id):
    record = records()[record_id]
    result = {key: record.get(key) for key in RECORD_FIELDS}
    result["read_on"] = str(record["read_on"]) if record.get("read_on") else None
    result["searched"] = record.get("searched")
    return result


def in_force(record, month):
    """Whether the words of `record` were the law in `month` (a 'YYYY-MM' string or a date)."""
    day = _date(month + "-01") if isinstance(month, str) and len(month) == 7 else _date(str(month)[:10])
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

    Where none of a rule's records is in force in the month (a LAB rule after 31 Dec 2019 with no LBA record),
    the records are returned as they are: the answer then rests on repealed text, which register R12 flags.
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
    return tuple(current or found)


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


def _best(found):
    """The record with the strongest status (sourced, then seeds, then unverified)."""
    for status in STATUSES:
        for record in found:
            if record["status"] == status:
                return record
    return None


def _worst(found):
    """The record with the weakest status: a rule is only as verified as the least verified text it rests on."""
    for status in reversed(STATUSES):
        for record in found:
            if record["status"] == status:
                return record
    return None


def coverage(systems):
    """Per statute: how many rules and parameter values there are and how many are verified against primary text.

    A rule is verified when every record that grounds it has status `sourced` (it is counted under the statute
    of its least verified record); a parameter value when its own status is `sourced` and a sourced record
    covers it. Rules or values with no record at all are listed as `missing`.
    """
    from enplan_rules.legal import provenance

    table = {statute: {"rules": 0, "rules_verified": 0, "parameters": 0, "parameters_verified": 0}
             for statute in statutes()}
    missing = []
    for (layer, name), _variable in sorted(rules(systems).items()):
        worst = _worst(for_rule(name, layer))
        if worst is None:
            missing.append(f"rule {layer}/{name}")
            continue
        row = table[worst["statute"]]
        row["rules"] += 1
        row["rules_verified"] += worst["status"] == "sourced"
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
            row = table[best["statute"]]
            row["parameters"] += 1
            row["parameters_verified"] += (
                best["status"] == "sourced" and provenance.status(system.parameters, name) == "sourced"
            )
    return table, missing


def coverage_lines(systems):
    """The coverage table as lines of text: 'N of M rules verified against primary text' per statute."""
    table, missing = coverage(systems)
    lines = []
    total = {"rules": 0, "rules_verified": 0, "parameters": 0, "parameters_verified": 0}
    for statute, title in statutes().items():
        row = table[statute]
        for key in total:
            total[key] += row[key]
        lines.append(
            f"{statute:13} {row['rules_verified']:3} of {row['rules']:3} rules and "
            f"{row['parameters_verified']:3} of {row['parameters']:3} parameter values verified against primary text"
            f"  ({title})"
        )
    lines.append(
        f"{'all':13} {total['rules_verified']:3} of {total['rules']:3} rules and "
        f"{total['parameters_verified']:3} of {total['parameters']:3} parameter values verified against primary text"
    )
    lines.extend(f"no source record: {item}" for item in missing)
    return lines
