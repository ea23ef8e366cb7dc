"""A simulation set up directly from a validated situation, as OpenFisca's SimulationBuilder does it (no axes).

OpenFisca's builder deep-copies the input and walks every variable of the system; for a small case that costs as
much as the calculation. The API, the case path and the tests use this instead; tests compare both builders on
fixed and generated situations (tests/case/test_one_simulation.py). The case path builds, in one simulation,
many copies of a case (its contingent answers) as a `CaseSimulation`, which memoises what it reads.
"""

import functools

import numpy
from openfisca_core import periods
from openfisca_core.populations import GroupPopulation, Population
from openfisca_core.simulations import Simulation

from enplan_rules import memo


@functools.lru_cache(maxsize=4096)
def parse_period(period_string):
    """The period and its stop instant (None for ETERNITY); periods are immutable, so parses are cached."""
    period = periods.period(period_string)
    return period, (period.stop if period.unit != periods.DateUnit.ETERNITY else None)


def build_simulation(tax_benefit_system, situation, copies=1, memoised=False):
    """The simulation of a validated `situation`, set up as OpenFisca's SimulationBuilder does (without axes):
    persons in declaration order; each group entity's declared instances, then one instance per person not
    allocated to any (with the first role); inputs set per period from the shortest periods to the longest.

    With `copies` > 1 the simulation holds that many copies of the situation one after the other, each with its
    own group instances (numbered ids), and every input array tiled: the contingent answers evaluate
    variations of one case in one vectorised simulation. `memoised`: a `CaseSimulation`, for one request."""
    if memoised:
        simulation = CaseSimulation(tax_benefit_system)
    else:
        simulation = Simulation(tax_benefit_system, tax_benefit_system.instantiate_entities())
    populations = simulation.populations
    variables = tax_benefit_system.variables
    person_ids = list(situation[tax_benefit_system.person_entity.plural])
    person_index = {person_id: index for index, person_id in enumerate(person_ids)}
    persons = simulation.persons
    inputs = {}  # (entity key, variable) -> {period: [(instance index, value)]}
    counts = {}  # entity key -> instances in one copy

    def tiled_ids(ids):  # the copies are told apart by position; their ids are numbers, as OpenFisca's defaults are
        return ids if copies == 1 else numpy.arange(len(ids) * copies)

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

    counts[persons.entity.key] = len(person_ids)
    persons.count = len(person_ids) * copies
    persons.ids = tiled_ids(person_ids)
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
        counts[entity.key] = len(ids)
        population.count = len(ids) * copies
        population.ids = tiled_ids(ids)
        population.members_entity_id = (
            numpy.tile(numpy.array(membership, dtype=numpy.int32), copies)
            + numpy.repeat(numpy.arange(copies, dtype=numpy.int32) * len(ids), len(person_ids))
        ).astype(numpy.int32)
        population.members_role = roles * copies
        collect(entity, instances)

    for (entity_key, name), by_period in inputs.items():
        population = populations[entity_key]
        variable = variables[name]
        holder = population.get_holder(name)
        for period in sorted(by_period, key=periods.key_period_size):
            array = variable.default_array(counts[entity_key])
            for index, value in by_period[period]:
                array[index] = variable.check_set_value(value)
            if variable.end is None or period.start.date <= variable.end:
                holder.set_input(period, array if copies == 1 else numpy.tile(array, copies))
    return simulation


class _Memoised:
    """A population whose calls without options are answered from its simulation's memo when computed already."""

    def __call__(self, variable_name, period, options=None):
        if options is None:
            array = self.simulation.computed.get((variable_name, period))
            if array is not None:
                return array
        return super().__call__(variable_name, period, options)


class _Persons(_Memoised, Population):
    pass


class _Groups(_Memoised, GroupPopulation):
    pass


@memo.on_first_argument
def _formula(variable, period):
    return variable.get_formula(period)


class CaseSimulation(Simulation):
    """A simulation for one request: OpenFisca's, with every array it has read or computed memoised by variable
    and period, and each variable's formula for a period looked up once. A request's simulation reads the same
    few variables hundreds of times, and OpenFisca's checks on every read cost more than the numpy work on a few
    rows. Set every input, then call `hold_inputs`, before the first calculation; the formulas never change an
    array they read, so a memoised array (a default one too) is never stale."""

    def __init__(self, tax_benefit_system):
        persons = _Persons(tax_benefit_system.person_entity)
        populations = {persons.entity.key: persons}
        for entity in tax_benefit_system.group_entities:
            populations[entity.key] = _Groups(entity, persons)
        super().__init__(tax_benefit_system, populations)
        self.computed = {}

    def hold_inputs(self):
        """Memoise every input array (they are read first through OpenFisca's checks otherwise)."""
        for population in self.populations.values():
            for name, holder in population._holders.items():  # noqa: SLF001 — the inputs: nothing is computed yet
                for period in holder.get_known_periods():
                    self.computed[(name, period)] = holder.get_array(period)

    def calculate(self, variable_name, period):
        key = (variable_name, period)
        array = self.computed.get(key)
        if array is None:
            array = self.computed[key] = super().calculate(variable_name, period)
        return array

    def _run_formula(self, variable, population, period):
        if self.trace:
            return super()._run_formula(variable, population, period)
        formula = _formula(variable, period)
        if formula is None:
            return None
        if formula.__code__.co_argcount == 2:
            return formula(population, period)
        return formula(population, period, self.tax_benefit_system.get_parameters_at_instant)
