"""Meeting parity in the trial, per target group.

Every order makes it a premise of the contact-process trial 'at opfølgning og indsats både kvalitets- og
antalsmæssigt for hver af de målgrupper, der er nævnt i stk. 1, omtrent svarer til det hidtidige niveau pr.
målgruppe eller mere' (BEK 603 § 15 stk. 3, 1255 § 19 stk. 3, 529 § 29 stk. 3; from 2020 '… niveauet i lov om en
aktiv beskæftigelsesindsats pr. målgruppe eller mere', 1184 § 26 stk. 3). So parity is held only where it is held
in every LAB § 2 (LBA § 6) group of the cohort: a surplus in one group cannot hide a shortfall in another
(register R19). 'Omtrent' has no figure in any text: the tolerance is the engine's (register R9).
"""

import numpy
from openfisca_core.model_api import ADD
from openfisca_core.periods import YEAR

from enplan_rules import citations
from enplan_rules.entities import Cohort
from enplan_rules.variable import Variable

# Sums are single-precision: a shortfall below this many meetings is rounding, not a shortfall.
ROUNDING = 1e-4
ORDERS = [citations.TRIAL_ORDER_603, citations.TRIAL_ORDER_1255, citations.TRIAL_ORDER, citations.TRIAL_ORDER_1184]


def parity_tolerance(cohort, period, parameters):
    """The engine's tolerance for 'omtrent', for a cohort wholly in the trial; none otherwise."""
    return parameters(period).trial.meeting_parity_tolerance * cohort("cohort_in_trial", period)


def parity_in_every_group(cohort, period, tolerance):
    """True where, in each target group of the cohort (by each member's group in each month of `period`), the
    meetings held reach the meetings the ordinary rules require, less `tolerance` (a share; an array per cohort)."""
    held_by_group = {}
    required_by_group = {}
    for month in period.get_subperiods("month"):
        groups = numpy.asarray(cohort.members("employment_target_group", month))
        held = cohort.members("meetings_held", month)
        required = cohort.members("ordinary_required_meetings", month)
        for index in numpy.unique(groups):
            in_group = groups == index
            held_by_group[index] = held_by_group.get(index, 0) + cohort.sum(numpy.where(in_group, held, 0))
            required_by_group[index] = required_by_group.get(index, 0) + cohort.sum(numpy.where(in_group, required, 0))
    held_everywhere = numpy.ones(cohort.count, dtype=bool)
    for index, required in required_by_group.items():
        held_everywhere &= held_by_group[index] >= required * (1 - tolerance) - ROUNDING
    return held_everywhere


class cohort_in_trial(Variable):
    value_type = bool
    entity = Cohort
    definition_period = YEAR
    label = "Every member of the cohort was in the trial in at least one month of the year"
    label_da = "Hvert medlem af gruppen var med i forsøget i mindst én måned af året"
    reference = ["BEK 603 § 15 stk. 3, 1255 § 19 stk. 3, 529 § 29 stk. 3, 1184 § 26 stk. 3: the premise concerns the trial's target groups", *ORDERS]

    def formula(cohort, period):
        months_in_trial = cohort.members("in_en_plan_trial", period, options=[ADD])
        return cohort.all(months_in_trial > 0)


class meeting_parity_held_in_each_target_group(Variable):
    value_type = bool
    entity = Cohort
    definition_period = YEAR
    label = (
        "In each target group of the cohort, by each member's group month by month, the meetings held reach the "
        "ordinary rules' number less the tolerance ('pr. målgruppe' — register R19)"
    )
    label_da = (
        "I hver målgruppe i gruppen, efter hvert medlems målgruppe måned for måned, når de afholdte møder op på de "
        "almindelige reglers antal med fradrag af tolerancen ('pr. målgruppe' — register R19)"
    )
    reference = ["BEK 603 § 15 stk. 3; 1255 § 19 stk. 3; 529 § 29 stk. 3; 1184 § 26 stk. 3", *ORDERS]

    def formula(cohort, period, parameters):
        return parity_in_every_group(cohort, period, parity_tolerance(cohort, period, parameters))


class meeting_parity_held(Variable):
    value_type = bool
    entity = Cohort
    definition_period = YEAR
    label = (
        "Meeting parity held: in every target group of the cohort the meetings held reach the ordinary rules' "
        "number, less the tolerance for 'omtrent' (no text gives one — register R9); a surplus in one group cannot "
        "hide a shortfall in another ('pr. målgruppe' — register R19)"
    )
    label_da = (
        "Mødeparitet holdt: i hver målgruppe i gruppen når de afholdte møder op på de almindelige reglers antal, med "
        "fradrag af tolerancen for 'omtrent' (ingen tekst angiver en — register R9); et overskud i én målgruppe kan "
        "ikke dække et underskud i en anden ('pr. målgruppe' — register R19)"
    )
    reference = ["BEK 603 § 15 stk. 3; 1255 § 19 stk. 3; 529 § 29 stk. 3; 1184 § 26 stk. 3", *ORDERS]

    def formula(cohort, period, parameters):
        # Held in every group implies held on the pooled average; the pooled test is kept so that a cohort given
        # as averages alone (one group: the population comparison) is answered by the same formula.
        tolerance = parity_tolerance(cohort, period, parameters)
        held = cohort("average_meetings_held", period)
        required = cohort("average_ordinary_required_meetings", period)
        pooled = held >= required * (1 - tolerance) - ROUNDING
        return pooled & cohort("meeting_parity_held_in_each_target_group", period)
