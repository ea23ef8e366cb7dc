"""The right and duty to an offer (ret og pligt til tilbud): LAB §§ 85, 87–88, 92, 96 b and BEK § 134 to 31 Dec 2019;
LBA §§ 102, 105 from 1 Jan 2020."""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import EmploymentTargetGroup
from enplan_rules.formula_helpers import by_group, group_is
from enplan_rules.variable import Variable

RIGHT_AND_DUTY = "LAB §§ 85, 87–88, 92, 96 b; BEK § 134 (to 2019); LBA §§ 102, 105 (from 2020)"


class right_and_duty_regime_applies(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's target group is under the right-and-duty regime"
    label_da = "Borgerens målgruppe er omfattet af ret og pligt"
    reference = [RIGHT_AND_DUTY, citations.LAB, citations.BEK_LAB]

    def formula(person, period, parameters):
        return by_group(parameters(period).lab.right_and_duty.under_regime, person, period)


class right_and_duty_first_offer_due(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The deadline for the first offer falls in or before this month "
        "(deadline = entry into the group + the group's number of months; to 2019 dagpenge under 30 and from 50: "
        "13 weeks, counted as 3 months)"
    )
    label_da = (
        "Fristen for det første tilbud falder i eller før denne måned (frist = indtræden i målgruppen + "
        "gruppens antal måneder; til og med 2019 for dagpenge under 30 og fra 50 år: 13 uger, regnet som 3 måneder)"
    )
    reference = [RIGHT_AND_DUTY, citations.LAB, citations.BEK_LAB]

    def formula(person, period, parameters):
        rules = parameters(period).lab.right_and_duty
        deadline = by_group(rules.first_offer_deadline_months, person, period)
        short = rules.dagpenge_short_deadline  # every leaf read in every month, so each answer names them alike
        age = person("age", period)
        young_or_senior = group_is(person, period, EmploymentTargetGroup.dagpenge) & (
            (age < short.under_age) | (age >= short.from_age)
        )
        deadline = numpy.where(young_or_senior & bool(short.applies), short.deadline_months, deadline)
        return person("months_in_target_group", period) >= deadline


class right_and_duty_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets the offers aside for a period (not outside the trial)"
    label_da = "Forsøget fritager for tilbuddene i en periode (ikke uden for forsøget)"
    reference = ["LAB §§ 85–96 c apply in full outside the trial", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class right_and_duty_offer_required(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The municipality must (by this month) have given a right-and-duty offer"
    label_da = "Kommunen skal (senest i denne måned) have givet et ret og pligt-tilbud"
    reference = [RIGHT_AND_DUTY, citations.LAB, citations.BEK_LAB]

    def formula(person, period):
        return (
            person("right_and_duty_regime_applies", period)
            & person("right_and_duty_first_offer_due", period)
            & ~person("right_and_duty_set_aside_by_trial", period)
        )
