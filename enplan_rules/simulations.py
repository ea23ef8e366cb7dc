"""A simulation set up directly from a validated situation, as OpenFisca's SimulationBuilder does it (no axes).

OpenFisca's builder deep-copies the input and walks every variable of the system; for a small case that costs as
much as the calculation. The API, the case path and the tests use this instead; tests compare both builders on
fixed and generated situations.
"""

import functools

import numpy
from openfisca_core import periods
from openfisca_core.simulations import Simulation


@functools.lru_cache(maxsize=4096)
def parse_period(period_string):
    """The period and its stop instant (None for ETERNITY); periods are immutable, so parses are cached."""
    period = periods.period(period_string)
    return period, (period.stop if period.unit != periods.DateUnit.ETERNITY else None)


def build_simulation(tax_benefit_system, situation):
    """The simulation of a validated `situation`, set up as OpenFisca's SimulationBuilder does (without axes):
    persons in declaration order; each group entity's declared instances, then one instance per person not
    allocated to any (with the first role); inputs set per period from the shortest periods to the longest."""
    populations = tax_benefit_system.instantiate_entities()
    simulation = Simulation(tax_benefit_system, populations)
    variables = tax_benefit_system.variables
    person_ids = list(situation[tax_benefit_system.person_entity.plural])
    person_index = {person_id: index for index, person_id in enumerate(person_ids)}
    persons = simulation.persons
    persons.count = len(person_ids)
    persons.ids = person_ids
    inputs = {}  # (entity key, variable) -> {period: [(instance index, value)]}

    def collect(entity, instances):
        for index, instance in enumerate(instances.values()):
            for name, values in instance.items():
                variable = variables.get(name)
                if variable is None or variable.entity.key != entity.key:
                    continue  # a role
                for period_string, value in values.items():
                    if value is not None:
                        period = parse_period(period_string)[0]
                        inputs.setdefault((entity.key, name), {}).setdefault(period, []).append((index, value))

    collect(persons.entity, situation[persons.entity.plural])
    for entity in tax_benefit_system.group_entities:
        population = populations[entity.key]
        instances = situation.get(entity.plural) or {}
        ids = list(instances)
        membership = [-1] * len(person_ids)
        roles = [None] * len(person_ids)
        for group_index, instance in enumerate(instances.values()):
            for role in entity.roles:
                members = instance.get(role.plural or role.key, [])
                for position, person_id in enumerate([members] if isinstance(members, str) else members):
                    membership[person_index[person_id]] = group_index
                    roles[person_index[person_id]] = role.subroles[position] if role.subroles else role
        for index, group_index in enumerate(membership):
            if group_index < 0:
                ids.append(person_ids[index])
                membership[index] = len(ids) - 1
                roles[index] = entity.flattened_roles[0]
        population.count = len(ids)
        population.ids = ids
        population.members_entity_id = numpy.array(membership, dtype=numpy.int32)
        population.members_role = roles
        collect(entity, instances)

    for (entity_key, name), by_period in inputs.items():
        population = populations[entity_key]
        variable = variables[name]
        holder = population.get_holder(name)
        for period in sorted(by_period, key=periods.key_period_size):
            array = variable.default_array(population.count)
            for index, value in by_period[period]:
                array[index] = variable.check_set_value(value)
            if variable.end is None or period.start.date <= variable.end:
                holder.set_input(period, array)
    return simulation
