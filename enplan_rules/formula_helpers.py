"""Small pieces of rule logic that several paragraphs share."""

import numpy

from enplan_rules.enums import EmploymentTargetGroup


def _names(keys):
    return [member.name for member in keys.possible_values]


def lookup(node, keys):
    """Value of `node.<key>` for each entry of the Enum array `keys`.

    Reads only the children whose key occurs, so the trace records exactly which parameters (and so which
    sourced, seeds or unverified values) each answer rests on.
    """
    indices = numpy.asarray(keys)
    result = None
    for index in numpy.unique(indices):
        value = node[_names(keys)[index]]
        if result is None:
            result = numpy.zeros(indices.shape, dtype=numpy.asarray(value).dtype)
        result[indices == index] = value
    if result is None:
        return numpy.zeros(indices.shape)
    return result


def group_is(person, period, *groups):
    """True where the person's employment target group is one of `groups`."""
    group = numpy.asarray(person("employment_target_group", period))
    return numpy.isin(group, [g.index for g in groups])


def in_any_target_group(person, period):
    """True where the person is in some LAB § 2 target group."""
    return person("employment_target_group", period) != EmploymentTargetGroup.none


def by_group(node, person, period):
    """The parameter `node` read for each person's employment target group."""
    return lookup(node, person("employment_target_group", period))


def municipality_parameter(person, period, parameters, path):
    """`trial.municipalities.<municipality>.<path>` for each person's municipality."""
    municipalities = parameters(period).trial.municipalities
    keys = person("municipality", period)
    indices = numpy.asarray(keys)
    result = numpy.zeros(indices.shape, dtype=bool)
    for index in numpy.unique(indices):
        node = municipalities[_names(keys)[index]]
        for part in path.split("."):
            node = node[part]
        result[indices == index] = node
    return result


def trial_adopts(person, period, parameters, exemption):
    """True where the person's municipality adopted `exemption` of the trial order for that month."""
    return municipality_parameter(person, period, parameters, f"adopts.{exemption}")


def set_aside_in_trial(person, period, parameters, exemption):
    """A duty set aside for a citizen in the trial, where the municipality adopted the exemption."""
    return person("in_en_plan_trial", period) & trial_adopts(person, period, parameters, exemption)
