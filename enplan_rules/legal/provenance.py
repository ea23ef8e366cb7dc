"""Where a parameter's value comes from: its reference, its status (sourced, seeds, unverified) and its date."""

from functools import cache

from openfisca_core.parameters import Parameter
from openfisca_core.periods import instant as to_instant

from enplan_rules.enums import EmploymentTargetGroup

STATUSES = ("sourced", "seeds", "unverified")


def find(parameters, name):
    """The parameter or node at dotted `name`, with its ancestors (root first)."""
    node = parameters
    chain = [node]
    for part in name.split("."):
        node = node.children[part]
        chain.append(node)
    return chain


def status(parameters, name):
    """The nearest `metadata.status` on the parameter or its ancestors ('unverified' if none says) — but a value
    that says `sourced` is only as sourced as its records: without a record quoting an official text it is
    `unverified` (a web page or a draft does not verify a value where the official text exists), and with only
    the municipalities' own documents it is `seeds`."""
    chain = find(parameters, name)
    for node in reversed(chain):
        value = (getattr(node, "metadata", None) or {}).get("status")
        if value:
            if value == "sourced":
                return _record_status(name, chain[-1].metadata.get("source") if chain[-1].metadata else None)
            return value
    return "unverified"


@cache
def _record_status(name, source):
    from enplan_rules.legal import source_records

    found = source_records.for_parameter(name, {"source": source} if source else None)
    if any(record["status"] == "sourced" for record in found):
        return "sourced"
    if any(record["status"] == "seeds" for record in found):
        return "seeds"
    return "unverified"


def describe(parameters, name, at):
    """A JSON-ready description of parameter `name` at instant `at`."""
    chain = find(parameters, name)
    leaf = chain[-1]
    instant = to_instant(at)
    start = None
    value = None
    for at_instant in getattr(leaf, "values_list", []):  # newest first
        if at_instant.instant_str <= str(instant):
            start = at_instant.instant_str
            value = at_instant.value
            break
    reference = None
    note = None
    for node in reversed(chain):
        reference = reference or getattr(node, "reference", None) or (node.metadata or {}).get("reference")
        note = note or (node.metadata or {}).get("source_note")
    if isinstance(value, bool) or value is None:
        json_value = value
    else:
        json_value = float(value) if isinstance(value, float) else int(value) if float(value).is_integer() else value
    return {
        "name": name,
        "value": json_value,
        "start": start,
        "status": status(parameters, name),
        "description": leaf.description or "",
        "reference": reference if isinstance(reference, (str, type(None))) else list(reference),
        "source_note": note,
    }


def complete_metadata(node, status=None, reference=None):
    """Give every leaf under `node` its own `metadata.status`, `metadata.reference` and `description`.

    The YAML trees keep status and reference on a folder where all its leaves share them; OpenFisca (its web API, a
    Legislation Explorer) shows a leaf's own metadata only. So each leaf takes the nearest status and reference of
    itself or its folders, and a leaf without a description that stands for a LAB § 2 target group is described as
    its folder's description for that group. Anything a leaf states itself is kept. Idempotent.
    """
    metadata = getattr(node, "metadata", None) or {}
    status = metadata.get("status") or status
    reference = metadata.get("reference") or reference
    if isinstance(node, Parameter):
        node.metadata = {**metadata, **({"status": status} if status else {}),
                         **({"reference": reference} if reference else {})}
        return
    for key, child in node.children.items():
        if isinstance(child, Parameter) and not child.description and node.description:
            group = EmploymentTargetGroup.__members__.get(key)
            if group is not None:
                child.description = f"{node.description}: {group.value}"
        complete_metadata(child, status, reference)
