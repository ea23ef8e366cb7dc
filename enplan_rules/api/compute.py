"""The /calculate answer, as OpenFisca's web API gives it, without its per-value path searches.

OpenFisca's handler finds the requested values (nulls) with dpath glob searches and merges the results
back the same way, which costs more than the calculation itself for a family case. The strict validation
already lists the requested values, so here each (variable, period) is computed once, vectorised, and the
values are written into the situation in place. The answer is the same as OpenFisca's (the tests compare
them), except that dates are written as ISO dates (YYYY-MM-DD) instead of HTTP dates.
"""

from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import SimulationBuilder


def calculate(tax_benefit_system, situation, requested):
    """Fill every null of `situation` (listed in `requested`) with its computed value; return it."""
    simulation = SimulationBuilder().build_from_entities(tax_benefit_system, situation)
    results = {}
    indexes = {}
    for plural, instance_id, name, period in requested:
        key = (name, period)
        if key not in results:
            variable = tax_benefit_system.variables[name]
            array = simulation.calculate(name, period)
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
            indexes[plural] = {id_: index for index, id_ in enumerate(population.ids)}
        situation[plural][instance_id][name][period] = results[key][indexes[plural][instance_id]]
    return situation
