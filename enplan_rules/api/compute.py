"""The /calculate answer, as OpenFisca's web API gives it, for a situation the strict validation accepted.

OpenFisca's handler builds the simulation with its general SimulationBuilder (deep copy of the input, a
pass over every variable of the system, axes) and finds and writes back the requested values with dpath
glob searches; for a family case that costs as much as the calculation itself. The validation has already
checked the structure and listed the requested values, so here the populations are set up directly, each
(variable, period) is computed once, vectorised (in a CaseSimulation, which memoises every array it reads), and
the values are written into the situation in place.
The answer is the same as OpenFisca's (tests compare the two on fixed and generated situations), except
that dates are written as ISO dates (YYYY-MM-DD) instead of HTTP dates.
"""

from openfisca_core.indexed_enums import Enum

from enplan_rules.simulations import build_simulation, parse_period


def calculate(tax_benefit_system, situation, requested):
    """Fill every null of `situation` (listed in `requested`) with its computed value; return it."""
    simulation = build_simulation(tax_benefit_system, situation, memoised=True)
    simulation.hold_inputs()
    results = {}
    indexes = {}
    for plural, instance_id, name, period in requested:
        key = (name, period)
        if key not in results:
            variable = tax_benefit_system.variables[name]
            array = simulation.calculate(name, parse_period(period)[0])
            if variable.value_type == Enum:
                values = [item.name for item in array.decode()]
            elif variable.value_type is float:
                values = [float(str(value)) for value in array]  # float32 without spurious decimals
            elif variable.value_type is str:
                values = [str(value) for value in array]
            else:
                values = array.tolist()
            results[key] = values
        if plural not in indexes:
            population = simulation.get_population(plural)
            indexes[plural] = {}
            for index, id_ in enumerate(population.ids):
                indexes[plural].setdefault(id_, index)  # the first instance of an id, as OpenFisca's get_index
        situation[plural][instance_id][name][period] = results[key][indexes[plural][instance_id]]
    return situation
