"""Which register entries and which parameters (with their status) a computed answer depended on.

The raw material is OpenFisca's trace: every variable and parameter read while computing the answer. A variable
computed earlier for another answer shows up without children in later trace trees, so the trace trees are merged
into one dependency graph first.
"""

import numpy
from openfisca_core import periods

from enplan_rules.enums import EmploymentTargetGroup, Municipality
from enplan_rules.legal import provenance, register

_GROUP_KEYS = {member.name for member in EmploymentTargetGroup}
_MUNICIPALITY_KEYS = {member.name for member in Municipality}


def dependency_graph(tracer):
    """(variable, period) -> [set of (variable, period) read, set of parameter names read]."""
    graph = {}
    stack = list(tracer.trees)
    while stack:
        node = stack.pop()
        entry = graph.setdefault((node.name, str(node.period)), [set(), set()])
        entry[0].update((child.name, str(child.period)) for child in node.children)
        entry[1].update(parameter.name for parameter in node.parameters)
        stack.extend(node.children)
    return graph


def closure(graph, key):
    """Every (variable, period) and parameter name the computation of `key` read, directly or not."""
    seen = {key}
    parameters = set()
    stack = [key]
    while stack:
        children, params = graph.get(stack.pop(), (set(), set()))
        parameters |= params
        for child in children - seen:
            seen.add(child)
            stack.append(child)
    return seen, parameters


def _keyed_to(simulation, period, name):
    """For a parameter keyed by target group or municipality: which persons it concerns (None: everybody)."""
    concerned = None
    for part in name.split("."):
        for keys, variable in ((_GROUP_KEYS, "employment_target_group"), (_MUNICIPALITY_KEYS, "municipality")):
            if part in keys:
                values = simulation.calculate(variable, period).decode_to_str()
                match = numpy.asarray(values) == part
                concerned = match if concerned is None else concerned & match
    return concerned


def explain(simulation, variable, period):
    """For each member of the variable's entity: the register entries and parameters the answer rested on.

    The simulation must have been built with tracing on (`simulation.trace = True` before any calculation).
    Returns a list (one dict per entity member) with `ambiguities` (register entries), `parameters` and
    `unverified_parameters` (descriptions with value, start date, status, reference), and `variables` (the names
    of the variables the answer was computed from).
    """
    if not simulation.trace:
        raise ValueError("explain() needs a simulation built with trace=True")
    period = periods.period(period)
    system = simulation.tax_benefit_system
    values = simulation.calculate(variable, period)
    count = len(values)
    graph = dependency_graph(simulation.tracer)
    used, parameter_names = closure(graph, (variable, str(period)))
    used_names = {name for name, _ in used}
    is_person = system.variables[variable].entity.key == "person"

    results = [
        {"ambiguities": [], "parameters": [], "unverified_parameters": [], "variables": sorted(used_names)}
        for _ in range(count)
    ]
    condition_cache = {}
    for entry in register.load():
        touched = [key for key in used if key[0] in entry["touches"]]
        if not touched:
            continue
        if is_person:
            applies = register.conditions_hold(entry, simulation, str(period), count, condition_cache)
            if entry.get("touch_must_be_true"):
                touched_true = numpy.zeros(count, dtype=bool)
                for name, at in touched:
                    touched_true |= numpy.asarray(simulation.calculate(name, at), dtype=bool)
                applies &= touched_true
        else:
            applies = numpy.full(count, not entry.get("applies_when"))
        summary = {key: entry[key] for key in ("id", "title", "reading", "alternative")}
        for index in numpy.flatnonzero(applies):
            results[index]["ambiguities"].append(summary)

    at = period.start
    for name in sorted(parameter_names):
        description = provenance.describe(system.parameters, name, at)
        concerned = _keyed_to(simulation, period, name) if is_person else None
        for index in range(count):
            if concerned is not None and not concerned[index]:
                continue
            results[index]["parameters"].append(description)
            if description["status"] == "unverified":
                results[index]["unverified_parameters"].append(description)
    return results
