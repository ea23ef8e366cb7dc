"""Meeting parity: does the target group as a whole get the meetings the ordinary rules would give it?"""

import numpy
from openfisca_core.model_api import ADD
from openfisca_core.periods import YEAR

from enplan_rules import citations
from enplan_rules.entities import Cohort
from enplan_rules.variable import Variable

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
    label_da = "Det gennemsnitlige antal afholdte møder pr. medlem over året"
    reference = ["BEK nr. 529 af 23.5.2018 § 29 (Bilag 1: 'omtrent det samme gennemsnitlige antal møder')", citations.TRIAL_ORDER]

    def formula(cohort, period):
        return _average(cohort, "meetings_held", period)


class average_ordinary_required_meetings(Variable):
    value_type = float
    entity = Cohort
    definition_period = YEAR
    label = "Average number of meetings per member the ordinary contact rules require over the year"
    label_da = "Det gennemsnitlige antal møder pr. medlem, som de almindelige kontaktregler kræver over året"
    reference = ["LAB kap. 7; LSD § 13 b", citations.LAB, citations.LSD]

    def formula(cohort, period):
        return _average(cohort, "ordinary_required_meetings", period)


class meeting_parity_held(Variable):
    value_type = bool
    entity = Cohort
    definition_period = YEAR
    label = "The cohort received at least the average number of meetings the ordinary rules require (outside the trial no shortfall is allowed)"
    label_da = (
        "Gruppen fik mindst det gennemsnitlige antal møder, de almindelige regler kræver (uden for forsøget "
        "tillades intet underskud)"
    )
    reference = ["LAB kap. 7; LSD § 13 b: every required meeting is owed", citations.LAB, citations.LSD]

    def formula(cohort, period):
        return cohort("average_meetings_held", period) >= cohort("average_ordinary_required_meetings", period) - ROUNDING
