"""The ambiguity register: contested readings of the sources, and which answers rest on them."""

import os
from functools import cache

import numpy
from openfisca_core import periods

from enplan_rules import yamlfiles

REGISTER_PATH = os.path.join(os.path.dirname(__file__), "ambiguity_register.yaml")


@cache
def _register():
    with open(REGISTER_PATH, encoding="utf-8") as file:
        return yamlfiles.load(file)


@cache
def _entries():
    return tuple(_register()["entries"])


@cache
def settled():
    """The entries the official texts settled (read-only): id, title, settled_by (text id and paragraph), reading.
    Kept so an id is never reused; no answer depends on them."""
    return tuple(_register().get("settled") or ())


def load():
    """Every register entry (a fresh list of dicts)."""
    return [dict(entry) for entry in _entries()]


def entries():
    """Every register entry, read-only."""
    return _entries()


def by_id():
    return {entry["id"]: entry for entry in _entries()}


def condition_variables(entry):
    names = set()
    for condition in entry.get("applies_when") or []:
        names.update(condition)
    return names


def _values(simulation, name, period, cache_):
    """The values of `name` as an array, Enum values as their names (memoised in `cache_`)."""
    if callable(cache_):  # a dependencies._Values memo
        if name not in simulation.tax_benefit_system.variables:
            return None
        return cache_(name, decoded=True)
    if name not in cache_:
        if name not in simulation.tax_benefit_system.variables:
            cache_[name] = None
        else:
            cache_[name] = simulation.calculate(name, period)
    return cache_[name]


def _matches(values, expected):
    """Where `values` equals `expected` (a value, a list of values, or {not: ...}); Enum arrays by index."""
    if isinstance(expected, dict) and "not" in expected:
        return ~_matches(values, expected["not"])
    wanted = expected if isinstance(expected, list) else [expected]
    enum = getattr(values, "possible_values", None)
    if enum is not None:
        indices = [enum[name].index for name in wanted if name in enum.__members__]
        return numpy.isin(numpy.asarray(values), indices)
    if isinstance(expected, list):
        return numpy.isin(values, expected)
    return numpy.asarray(values) == expected


def conditions_hold(entry, simulation, period, count, cache_=None):
    """Bool array over persons: one of the entry's conditions holds (no conditions: all true)."""
    cache_ = {} if cache_ is None else cache_
    conditions = entry.get("applies_when") or []
    if not conditions:
        return numpy.ones(count, dtype=bool)
    result = numpy.zeros(count, dtype=bool)
    for condition in conditions:
        holds = numpy.ones(count, dtype=bool)
        for name, expected in condition.items():
            values = _values(simulation, name, period, cache_)
            if values is None:  # the regime has no such variable: the contested reading is not in play
                holds[:] = False
                break
            holds &= _matches(values, expected)
        result |= holds
    return result


def flags(simulation, period):
    """For each register entry, a bool array over persons: whose answers that month rest on the entry.

    Vectorised and without a trace, for populations: an entry applies where one of its touched person variables
    exists in the regime (and, where the entry says so, is true for the person) and one of its conditions holds.
    """
    period = periods.period(period)
    system = simulation.tax_benefit_system
    count = simulation.persons.count
    cache_ = {}
    result = {}
    for entry in _entries():
        touched = [
            name
            for name in entry["touches"]
            if name in system.variables and system.variables[name].entity.key == "person"
        ]
        if not touched:
            continue
        applies = numpy.ones(count, dtype=bool)
        if entry.get("touch_must_be_true"):
            applies = numpy.zeros(count, dtype=bool)
            for name in touched:
                applies |= numpy.asarray(_values(simulation, name, period, cache_), dtype=bool)
        if applies.any():
            applies &= conditions_hold(entry, simulation, period, count, cache_)
        result[entry["id"]] = applies
    return result
