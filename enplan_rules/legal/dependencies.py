"""Which register entries and which parameters (with their status) a computed answer depended on.

The raw material is OpenFisca's trace: every variable and parameter read while computing the answer. A variable
computed earlier for another answer shows up without children in later trace trees, so the trace trees are merged
into one dependency graph first.

The engine's formulas read all their operands whatever the values, so which variables an answer reads does not
depend on the case; which parameter leaves it reads depends only on the citizen's target group and municipality.
`explain_static` uses that: it traces once, per regime, a probe population holding every target group and every
municipality, and then explains any untraced simulation by filtering those leaves for each person. Both paths
return the same result (tests check this).
"""

from functools import cache, lru_cache

import numpy
from openfisca_core import periods
from openfisca_core.simulation_builder import SimulationBuilder

from enplan_rules import memo
from enplan_rules.enums import EmploymentTargetGroup, Municipality
from enplan_rules.legal import provenance, register

_GROUP_KEYS = {member.name for member in EmploymentTargetGroup}
_MUNICIPALITY_KEYS = {member.name for member in Municipality}
PROBE_MONTH = "2019-03"


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


class Values:
    """Computed arrays of one simulation and period, decoded once: of every row, or of the rows `rows` (a slice:
    one copy of the case in a simulation that holds several). `system` is the system whose variables and parameters
    explain the answers (default: the simulation's own)."""

    def __init__(self, simulation, period, rows=None, system=None):
        self.simulation = simulation
        self.period = periods.period(period)
        self.rows = slice(None) if rows is None else rows
        self.system = simulation.tax_benefit_system if system is None else system
        self.arrays = {}

    def present_keys(self):
        """The target groups and municipalities that occur in the simulation."""
        if "present" not in self.arrays:
            self.arrays["present"] = set(self("employment_target_group", decoded=True)) | set(
                self("municipality", decoded=True)
            )
        return self.arrays["present"]

    def resting_on(self, entry, touched):
        """The indices of the persons whose answer reading `touched` rests on register entry `entry`: one of its
        conditions holds (and, where the entry says so, one of the touched variables is true for them)."""
        key = _entry_key(entry, touched)
        if key not in self.arrays:
            count = len(self("municipality"))
            applies = register.conditions_hold(entry, self.simulation, self.period, count, self)
            if entry.get("touch_must_be_true"):
                touched_true = numpy.zeros(count, dtype=bool)
                for name in touched:
                    touched_true |= self(name).astype(bool)
                applies &= touched_true
            self.arrays[key] = numpy.flatnonzero(applies).tolist()
        return self.arrays[key]

    def keyed_to(self, key):
        """The indices of the persons a parameter keyed by (target group, municipality) `key` concerns (a parameter
        keyed to a group or municipality absent from the rows concerns nobody)."""
        if key not in self.arrays:
            group, municipality = key
            present = self.present_keys()
            concerned = numpy.ones(len(self("municipality")), dtype=bool)
            if group is not None:
                concerned &= self("employment_target_group", decoded=True) == group
            if municipality is not None:
                concerned &= self("municipality", decoded=True) == municipality
            absent = (group is not None and group not in present) or (
                municipality is not None and municipality not in present
            )
            self.arrays[key] = [] if absent else numpy.flatnonzero(concerned).tolist()
        return self.arrays[key]

    def __call__(self, name, decoded=False):
        key = (name, decoded)
        if key not in self.arrays:
            values = self.simulation.calculate(name, self.period)[self.rows]
            if decoded and hasattr(values, "decode_to_str"):
                values = values.decode_to_str()
            self.arrays[key] = numpy.asarray(values)
        return self.arrays[key]


@cache
def _parameter_keys(name):
    """The target group and municipality a parameter leaf is keyed by (None where it is not)."""
    parts = name.split(".")
    group = next((part for part in parts if part in _GROUP_KEYS), None)
    municipality = next((part for part in parts if part in _MUNICIPALITY_KEYS), None)
    return group, municipality


@cache
def _by_key(parameter_names):
    """Parameter names grouped by the (target group, municipality) they are keyed by, in name order."""
    groups = {}
    for name in sorted(parameter_names):
        groups.setdefault(_parameter_keys(name), []).append(name)
    return {key: tuple(names) for key, names in groups.items()}


@memo.on_first_argument
def _describe(system, name, instant):
    return provenance.describe(system.parameters, name, instant)


def _entry_key(entry, touched):
    """What the persons an entry concerns depend on: the entry, and the touched variables where one must be true."""
    return ("entry", entry["id"], touched if entry.get("touch_must_be_true") else None)


@lru_cache(maxsize=4096)  # per set of variables read: bounded, as systems with overrides come and go
def _touching(used_names):
    """The register entries an answer reading `used_names` may rest on: (memo key, entry, touched variables,
    summary), and the names read in name order."""
    found = []
    for entry in register.entries():
        touched = tuple(name for name in entry["touches"] if name in used_names)
        if touched:
            summary = {key: entry[key] for key in ("id", "title", "reading", "alternative")}
            summary.update({key: entry[key] for key in ("title_da", "reading_da", "alternative_da") if key in entry})
            found.append((_entry_key(entry, touched), entry, touched, summary))
    return tuple(found), tuple(sorted(used_names))


@memo.on_first_argument  # per system, parameters read and month
def _parameter_groups(system, parameter_names, instant):
    """The parameters an answer reads, by the (target group, municipality) key they are keyed by, in name order:
    (key, descriptions at `instant`, those of them that are unverified)."""
    groups = []
    for key, names in _by_key(parameter_names).items():
        descriptions = [_describe(system, name, instant) for name in names]
        groups.append((key, descriptions, [d for d in descriptions if d["status"] == "unverified"]))
    return tuple(groups)


def _explain(values, variable, used_names, parameter_names):
    system = values.system
    count = len(values(variable))
    is_person = system.variables[variable].entity.key == "person"
    entries, names_read = _touching(used_names)
    results = [
        {"ambiguities": [], "parameters": [], "unverified_parameters": [], "variables": list(names_read)}
        for _ in range(count)
    ]
    memo = values.arrays
    everybody = range(count)
    for key, entry, touched, summary in entries:
        if is_person:
            concerned = memo.get(key)
            if concerned is None:
                concerned = values.resting_on(entry, touched)
        else:
            concerned = everybody if not entry.get("applies_when") else ()
        for index in concerned:
            results[index]["ambiguities"].append(summary)

    for key, descriptions, unverified in _parameter_groups(system, parameter_names, values.period.start):
        if is_person and key != (None, None):
            concerned = memo.get(key)
            if concerned is None:
                concerned = values.keyed_to(key)
        else:
            concerned = everybody
        for index in concerned:
            results[index]["parameters"].extend(descriptions)
            results[index]["unverified_parameters"].extend(unverified)
    return results


def explain(simulation, variable, period):
    """For each member of the variable's entity: the register entries and parameters the answer rested on.

    See `explain_many`, of which this is the one-variable case.
    """
    return explain_many(simulation, [variable], period)[variable]


def explain_many(simulation, variables, period):
    """For each variable, and each member of its entity: the register entries and parameters it rested on.

    The simulation must have been built with tracing on (`simulation.trace = True` before any calculation).
    Returns, per variable, a list (one dict per entity member) with `ambiguities` (register entries),
    `parameters` and `unverified_parameters` (descriptions with value, start date, status, reference), and
    `variables` (the names of the variables the answer was computed from).
    """
    if not simulation.trace:
        raise ValueError("explain() needs a simulation built with trace=True")
    period = periods.period(period)
    values = Values(simulation, period)
    for variable in variables:
        values(variable)
    graph = dependency_graph(simulation.tracer)
    result = {}
    for variable in variables:
        used, parameter_names = closure(graph, (variable, str(period)))
        used_names = frozenset(name for name, _ in used)
        result[variable] = _explain(values, variable, used_names, frozenset(parameter_names))
    return result


def _probe_situation():
    persons = {}
    families = {}
    index = 0
    for municipality in Municipality:
        for group in EmploymentTargetGroup:
            parent, child = f"p{index}", f"c{index}"
            persons[parent] = {
                "municipality": {PROBE_MONTH: municipality.name},
                "employment_target_group": {PROBE_MONTH: group.name},
            }
            persons[child] = {"municipality": {PROBE_MONTH: municipality.name}}
            families[f"f{index}"] = {"parents": [parent], "children": [child]}
            index += 1
    return {"persons": persons, "families": families, "cohorts": {"all": {"members": list(persons)}}}


@memo.on_structure  # the same for a system made for readings or overrides: its formulas read every leaf always
def static_closures(system):
    simulation = SimulationBuilder().build_from_entities(system, _probe_situation())
    simulation.trace = True
    period = periods.period(PROBE_MONTH)
    names = [
        name for name, variable in system.variables.items()
        if variable.entity.key == "person" and variable.definition_period == "month" and variable.formulas
    ]
    for name in names:
        simulation.calculate(name, period)
    graph = dependency_graph(simulation.tracer)
    closures = {}
    for name in names:
        used, parameter_names = closure(graph, (name, str(period)))
        closures[name] = (frozenset(n for n, _ in used), frozenset(parameter_names))
    return closures


def explain_static(simulation, variables, period):
    """As `explain_many`, for person MONTH variables of an untraced simulation (dependencies traced once per regime)."""
    return explain_values(Values(simulation, period), variables)


def explain_values(values, variables):
    """As `explain_static`, for the rows and the system of `values` (a `Values`)."""
    closures = static_closures(values.system)
    return {variable: _explain(values, variable, *closures[variable]) for variable in variables}
