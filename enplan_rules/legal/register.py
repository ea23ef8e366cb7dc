"""The ambiguity register: contested readings of the sources, and which answers rest on them."""

import os
from functools import cache

import numpy
import yaml

REGISTER_PATH = os.path.join(os.path.dirname(__file__), "ambiguity_register.yaml")


@cache
def _entries():
    with open(REGISTER_PATH, encoding="utf-8") as file:
        return tuple(yaml.safe_load(file)["entries"])


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
    if callable(cache_):  # a dependencies._Values memo
        if name not in simulation.tax_benefit_system.variables:
            return None
        return cache_(name, decoded=True)
    if name not in cache_:
        variable = simulation.tax_benefit_system.variables.get(name)
        if variable is None:
            cache_[name] = None
        else:
            values = simulation.calculate(name, period)
            if variable.value_type.__name__ == "Enum" or hasattr(values, "decode_to_str"):
                values = values.decode_to_str()
            cache_[name] = numpy.asarray(values)
    return cache_[name]


def _matches(values, expected):
    if isinstance(expected, dict) and "not" in expected:
        return ~_matches(values, expected["not"])
    if isinstance(expected, list):
        return numpy.isin(values, expected)
    return values == expected


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
    period = str(period)
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
        applies = conditions_hold(entry, simulation, period, count, cache_)
        if entry.get("touch_must_be_true"):
            touched_true = numpy.zeros(count, dtype=bool)
            for name in touched:
                touched_true |= numpy.asarray(_values(simulation, name, period, cache_), dtype=bool)
            applies &= touched_true
        result[entry["id"]] = applies
    return result
