"""Meeting parity: does the target group as a whole get the meetings the ordinary rules would give it?"""

import numpy
from openfisca_core.model_api import ADD
from openfisca_core.periods import YEAR
from openfisca_core.variables import Variable

from enplan_rules import citations
from enplan_rules.entities import Cohort

# Averages are single-precision sums: a shortfall below this many meetings is rounding, not a shortfall.
ROUNDING = 1e-4


def _average(cohort, variable, period):
    total = cohort.sum(cohort.members(variable, period, options=[ADD]))
    return total / numpy.maximum(cohort.nb_persons(), 1)


class average_meetings_held(Variable):
    value_type = float
    entity = Cohort
    definition_period = YEAR
    label = "Average number of meetings held per member over the year"
    reference = ["BEK nr. 529 af 23.5.2018 § 29 (Bilag 1: 'omtrent det samme gennemsnitlige antal møder')", citations.TRIAL_ORDER]

    def formula(cohort, period):
        return _average(cohort, "meetings_held", period)


class average_ordinary_required_meetings(Variable):
    value_type = float
    entity = Cohort
    definition_period = YEAR
    label = "Average number of meetings per member the ordinary contact rules require over the year"
    reference = ["LAB kap. 7; LSD § 13 b", citations.LAB, citations.LSD]

    def formula(cohort, period):
        return _average(cohort, "ordinary_required_meetings", period)


class meeting_parity_held(Variable):
    value_type = bool
    entity = Cohort
    definition_period = YEAR
    label = "The cohort received at least the average number of meetings the ordinary rules require (outside the trial no shortfall is allowed)"
    reference = ["LAB kap. 7; LSD § 13 b: every required meeting is owed", citations.LAB, citations.LSD]

    def formula(cohort, period):
        return cohort("average_meetings_held", period) >= cohort("average_ordinary_required_meetings", period) - ROUNDING
