"""The facts of a case, as a caseworker or a case system records them."""

from datetime import date

import numpy
from openfisca_core import periods
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.variables import Variable

from enplan_rules.entities import Person
from enplan_rules.enums import (
    EmploymentTargetGroup,
    HelsingoerSolution,
    Municipality,
    SicknessBenefitCategory,
)


def set_input_spread_whole_meetings(holder, period, array):
    """Spread a count given for several months over them in whole meetings, keeping the total exactly."""
    period = periods.period(period)
    if period.unit == MONTH and period.size == 1:
        holder._set(period, array)
        return
    months = list(period.get_subperiods(MONTH))
    total = numpy.asarray(array, dtype=numpy.int64)
    base, remainder = numpy.divmod(total, len(months))
    for index, month in enumerate(months):
        holder._set(month, (base + (index < remainder)).astype(numpy.int32))


class municipality(Variable):
    value_type = Enum
    possible_values = Municipality
    default_value = Municipality.other
    entity = Person
    definition_period = MONTH
    label = "The municipality responsible for the citizen's case"
    set_input = set_input_dispatch_by_period


class birth_date(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Person
    definition_period = ETERNITY
    label = "Date of birth"


class employment_target_group(Variable):
    value_type = Enum
    possible_values = EmploymentTargetGroup
    default_value = EmploymentTargetGroup.none
    entity = Person
    definition_period = MONTH
    label = "The LAB § 2 target group the citizen is in (benefit or programme)"
    set_input = set_input_dispatch_by_period


class sickness_benefit_category(Variable):
    value_type = Enum
    possible_values = SicknessBenefitCategory
    default_value = SicknessBenefitCategory.none
    entity = Person
    definition_period = MONTH
    label = "The sickness-benefit follow-up category the citizen is visited to (LSD § 12)"
    set_input = set_input_dispatch_by_period


class benefit_start_date(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Person
    definition_period = MONTH
    label = "Date the citizen entered the current target group (unknown: taken as long-standing)"
    set_input = set_input_dispatch_by_period


class has_complex_problems(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen has complex and compound problems (komplekse og sammensatte problemer)"
    set_input = set_input_dispatch_by_period


class consents_to_one_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen takes part in / consents to one integrated plan"
    set_input = set_input_dispatch_by_period


class refuses_one_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen refuses a holistic plan (matters only under the consultation draft of the One Plan law, which gave a right to refuse)"
    set_input = set_input_dispatch_by_period


class receives_adult_social_support(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen receives adult support under the Social Services Act that triggers a SEL § 141 action plan"
    set_input = set_input_dispatch_by_period


class receives_child_special_support(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The child receives special support that triggers a SEL § 140 action plan"
    set_input = set_input_dispatch_by_period


class parent_of_child_in_care(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen is a parent of a child placed in care (SEL §§ 54, 70)"
    set_input = set_input_dispatch_by_period


class has_mentor(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen has mentor support under LAB § 31 b"
    set_input = set_input_dispatch_by_period


class rehabilitation_team_case(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's case goes before the rehabilitation team (LAB § 30 a)"
    set_input = set_input_dispatch_by_period


class assessed_not_to_benefit_from_offers(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A professional assessment finds the citizen will not benefit from right-and-duty offers"
    set_input = set_input_dispatch_by_period


class meetings_held(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = (
        "Individual job or follow-up meetings held with the citizen that month (a total given for a longer "
        "period is spread over its months, whole meetings, the first months taking the remainder)"
    )
    set_input = set_input_spread_whole_meetings


class municipal_visitation_to_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The municipality's own visitation placed the citizen in its trial target group (Allerød, Gribskov, Halsnæs)"
    set_input = set_input_dispatch_by_period


class has_adult_disability_or_rehabilitation_case(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen also has a case in adult disability or rehabilitation (Furesø's target group)"
    set_input = set_input_dispatch_by_period


class helsingoer_solution(Variable):
    value_type = Enum
    possible_values = HelsingoerSolution
    default_value = HelsingoerSolution.none
    entity = Person
    definition_period = MONTH
    label = "Helsingør's trial solution the citizen's case belongs to"
    set_input = set_input_dispatch_by_period


class departments_with_case(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Number of municipal departments (fagcentre) in which the citizen has a case"
    set_input = set_input_dispatch_by_period


class en_plan_start_date(Variable):
    value_type = date
    default_value = date(9999, 12, 31)
    entity = Person
    definition_period = ETERNITY
    label = "Date the citizen's (family's) En Plan collaboration began; none recorded: 9999-12-31"


class parental_authority_consents_to_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "For a child or young person under 18: the holder of parental authority consents to a holistic plan "
        "in place of (parts of) the SEL § 140 action plan (SEL § 140 a stk. 2)"
    )
    set_input = set_input_dispatch_by_period
