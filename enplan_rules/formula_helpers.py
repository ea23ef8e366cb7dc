"""Small pieces of rule logic that several paragraphs share."""

import functools
import weakref

import numpy
from openfisca_core import holders, periods

from enplan_rules.enums import EmploymentTargetGroup


def set_input_dispatch_by_period(holder, period, array):
    """OpenFisca's rule of that name (an input for a longer period applies to each of its definition periods
    not already set), with an input for exactly one definition period stored at once instead of through the
    sub-period walk and its date arithmetic: that walk was half the cost of setting up a small case."""
    if period.size == 1 and period.unit == holder.variable.definition_period != periods.DateUnit.ETERNITY:
        if holder.get_array(period) is None:
            holder._set(period, array)
        return
    holders.set_input_dispatch_by_period(holder, period, array)


@functools.cache
def _names(enum):
    """The member names of `enum`, by index."""
    return tuple(member.name for member in enum)


_PER_ARRAY = {}  # id(array): (weak reference to the array, {function's name: its result for the array})


def per_array(function):
    """`function(array)` computed once for each array object and kept while that array lives (a weak reference:
    the results are dropped with the array). For the arrays a simulation holds (an input, or a variable's
    calculated value), which the engine reads month after month and regime after regime and which are never
    changed in place: OpenFisca's own cache returns the very arrays it stores and rests on the same rule. The
    results are read-only, so a caller cannot change what the next caller is given.

    The results are kept here, by the function's file and name: OpenFisca loads a variables file once for each
    tax and benefit system (each regime has its own copy of the function), and every copy shares them."""
    name = (function.__code__.co_filename, function.__qualname__)

    @functools.wraps(function)
    def cached(array):
        key = id(array)
        entry = _PER_ARRAY.get(key)
        if entry is not None and entry[0]() is array:
            results = entry[1]
            if name in results:
                return results[name]
        else:
            try:
                reference = weakref.ref(array, functools.partial(_forget, key))
            except TypeError:  # (no weak reference to this object: computed each time)
                return function(array)
            results = {}
            _PER_ARRAY[key] = (reference, results)
        value = _kept(function(array), array)
        results[name] = value
        return value

    return cached


def _kept(value, array):
    """`value` (an array, or a tuple of them) read-only, copied where it is a view of `array`: a result holding the
    array would keep it alive, and so itself, for ever."""
    if isinstance(value, tuple):
        return tuple(_kept(part, array) for part in value)
    if isinstance(value, numpy.ndarray):
        if numpy.may_share_memory(value, array):
            value = value.copy()
        value.flags.writeable = False
    return value


def _forget(key, reference):
    """The weak reference's callback: drop the results of the array that no longer exists (only its own entry)."""
    entry = _PER_ARRAY.get(key)
    if entry is not None and entry[0] is reference:
        del _PER_ARRAY[key]


@per_array
def _codes(keys):
    """(the indices of the members that occur in the Enum array `keys`, in increasing order; `keys` as intp indices).
    A counting pass, quicker than numpy.unique on a case and on a population alike; the intp indices index a table
    three times faster than the enum's int16 codes, which numpy would convert at every lookup."""
    indices = numpy.asarray(keys, dtype=numpy.intp)
    return numpy.flatnonzero(numpy.bincount(indices.ravel(), minlength=len(keys.possible_values))), indices


def present_indices(keys):
    """The indices of the members that occur in the Enum array `keys`, in increasing order (counted once for
    each array: the municipality and the target group are looked up by many formulas each month)."""
    return _codes(keys)[0]


def lookup(node, keys):
    """Value of `node.<key>` for each entry of the Enum array `keys`.

    Reads only the children whose key occurs, so the trace records exactly which parameters (and so which
    sourced, seeds or unverified values) each answer rests on.
    """
    present, indices = _codes(keys)
    names = _names(keys.possible_values)
    values = [node[names[index]] for index in present]
    if len(values) == 1:  # one key for all (a case, or a population of one group): no table to index
        return numpy.full(indices.shape, values[0], dtype=numpy.asarray(values[0]).dtype)
    dtype = numpy.result_type(*[numpy.asarray(value).dtype for value in values]) if values else float
    table = numpy.zeros(len(names), dtype=dtype)
    table[present] = values
    return table[indices]


def group_is(person, period, *groups):
    """True where the person's employment target group is one of `groups`."""
    group = numpy.asarray(person("employment_target_group", period))
    found = numpy.zeros(group.shape, dtype=bool)
    for target_group in groups:
        found |= group == target_group.index
    return found


def in_any_target_group(person, period):
    """True where the person is in some LAB § 2 target group."""
    return person("employment_target_group", period) != EmploymentTargetGroup.none


def by_group(node, person, period):
    """The parameter `node` read for each person's employment target group."""
    return lookup(node, person("employment_target_group", period))


def municipality_parameter(person, period, parameters, path):
    """`trial.municipalities.<municipality>.<path>` for each person's municipality."""
    municipalities = parameters(period).trial.municipalities
    node = _PathNode(municipalities, path)
    return lookup(node, person("municipality", period))


class _PathNode:
    """`node[key].<path>` looked up as `self[key]`, so `lookup` can read a path under each keyed child."""

    def __init__(self, node, path):
        self.node = node
        self.parts = path.split(".")

    def __getitem__(self, key):
        value = self.node[key]
        for part in self.parts:
            value = value[part]
        return value


def trial_adopts(person, period, parameters, exemption):
    """True where the person's municipality adopted `exemption` of the trial order for that month."""
    return municipality_parameter(person, period, parameters, f"adopts.{exemption}")


def set_aside_in_trial(person, period, parameters, exemption):
    """A duty set aside for a citizen in the trial: the trial text in force that month gives the exemption
    (`trial_text_gives_<exemption>`: the order of that month, or lov 658 § 11), the municipality adopted it, and
    it uses it for this case (a judgement, never assumed). The exemption's own conditions (target groups,
    complex and compound problems) are the calling rule's."""
    return (
        person("in_en_plan_trial", period)
        & person(f"trial_text_gives_{exemption}", period)
        & trial_adopts(person, period, parameters, exemption)
        & person(f"municipality_uses_exemption_{exemption}", period)
    )
