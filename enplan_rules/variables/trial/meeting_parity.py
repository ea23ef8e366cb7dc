"""Meeting parity in the trial: the target group as a whole gets roughly the same average number of meetings."""

from openfisca_core.model_api import ADD
from openfisca_core.periods import YEAR

from enplan_rules import citations
from enplan_rules.entities import Cohort
from enplan_rules.variable import Variable

# Averages are single-precision sums: a shortfall below this many meetings is rounding, not a shortfall.
ROUNDING = 1e-4


class cohort_in_trial(Variable):
    value_type = bool
    entity = Cohort
    definition_period = YEAR
    label = "Every member of the cohort was in the trial in at least one month of the year"
    label_da = "Hvert medlem af gruppen var med i forsøget i mindst én måned af året"
    reference = ["BEK nr. 529 af 23.5.2018 § 29: the rule concerns the trial's target group", citations.TRIAL_ORDER]

    def formula(cohort, period):
        months_in_trial = cohort.members("in_en_plan_trial", period, options=[ADD])
        return cohort.all(months_in_trial > 0)


class meeting_parity_held(Variable):
    value_type = bool
    entity = Cohort
    definition_period = YEAR
    label = (
        "The trial's target group received roughly the same average number of meetings as under the ordinary "
        "rules: no more than the tolerance below it (the law gives no tolerance — register 9)"
    )
    label_da = (
        "Forsøgets målgruppe fik omtrent det samme gennemsnitlige antal møder som efter de almindelige "
        "regler: højst tolerancen under (loven angiver ingen tolerance — register 9)"
    )
    reference = [
        "BEK nr. 529 af 23.5.2018 § 29; Bilag 1: 'omtrent det samme gennemsnitlige antal møder'",
        citations.TRIAL_ORDER,
    ]

    def formula(cohort, period, parameters):
        tolerance = parameters(period).trial.meeting_parity_tolerance
        held = cohort("average_meetings_held", period)
        required = cohort("average_ordinary_required_meetings", period)
        allowed_shortfall = required * tolerance * cohort("cohort_in_trial", period)
        return held >= required - allowed_shortfall - ROUNDING
