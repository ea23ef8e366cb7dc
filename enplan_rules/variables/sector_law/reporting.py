"""Reporting of the active employment effort to the shared data base and statistical data warehouse.

The first trial order keeps the duty in the trial: "Frikommunen skal fortsat indberette data om den aktive
indsats" (frikommuneforsøg II, 2017, § 1 stk. 3). No regime sets it aside.
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import in_any_target_group
from enplan_rules.variable import Variable


class reporting_to_shared_database_required(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Data on the active effort for the citizen must be reported to the shared data base and statistical data "
        "warehouse (the trial keeps the duty: frikommuneforsøg II § 1 stk. 3)"
    )
    label_da = (
        "Data om den aktive indsats for borgeren skal indberettes til det fælles datagrundlag og statistiske "
        "datavarehus (forsøget bevarer pligten: frikommuneforsøg II § 1 stk. 3)"
    )
    reference = [
        "Bekendtgørelse om det fælles datagrundlag og statistiske datavarehus for beskæftigelsesindsatsen, as named "
        "in frikommuneforsøg II (2017) § 1 stk. 3: 'Frikommunen skal fortsat indberette data om den aktive indsats'",
        citations.TRIAL_ORDER_2017,
    ]

    def formula(person, period):
        return in_any_target_group(person, period)
