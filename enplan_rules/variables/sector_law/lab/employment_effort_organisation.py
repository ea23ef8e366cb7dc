"""LAB § 1 a and the organisation act §§ 5–6: the municipal employment effort is run by the jobcenter."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class employment_effort_outside_jobcenter_allowed_by_one_plan_law(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "LAB § 1 a stk. 2 2. pkt. counts another unit as 'jobcenter' (not before lov 707)"
    label_da = "LAB § 1 a stk. 2 2. pkt. regner en anden enhed som »jobcenter« (ikke før lov 707)"
    reference = ["LAB § 1 a stk. 2 as it stood before lov nr. 707 af 8.6.2018", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class employment_effort_outside_jobcenter_allowed_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial lets another unit run the employment effort (not outside the trial)"
    label_da = "Forsøget lader en anden enhed varetage beskæftigelsesindsatsen (ikke uden for forsøget)"
    reference = ["Organisation act § 5 stk. 1, § 6 stk. 1 1. pkt., stk. 4 2. pkt.", citations.ORGANISATION_ACT]

    def formula(person, period):
        return person.empty_array().astype(bool)


class employment_effort_outside_jobcenter_allowed(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A municipal unit other than the jobcenter may run the citizen's employment effort"
    label_da = "En anden kommunal enhed end jobcenteret må varetage borgerens beskæftigelsesindsats"
    reference = [
        "LAB § 1 a; organisation act § 5 stk. 1, § 6 stk. 1 1. pkt., stk. 4 2. pkt.; organisation order kap. 1",
        citations.LAB,
        citations.ORGANISATION_ACT,
    ]

    def formula(person, period):
        return person("employment_effort_outside_jobcenter_allowed_by_one_plan_law", period) | person(
            "employment_effort_outside_jobcenter_allowed_by_trial", period
        )
