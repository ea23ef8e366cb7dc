"""SEL § 54 and § 70: plans for the parents of a child placed in care."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class sel_54_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the § 54 plan (not outside the trial)"
    label_da = "Forsøget fritager for § 54-planen (ikke uden for forsøget)"
    reference = ["SEL § 54 applies in full outside the trial", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_sel_54(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate SEL § 54 plan for the parent of a child in care must be made"
    label_da = "En særskilt plan efter SEL § 54 for forælderen til et anbragt barn skal udarbejdes"
    reference = ["SEL § 54", citations.SEL]

    def formula(person, period):
        return person("parent_of_child_in_care", period) & ~person("sel_54_plan_set_aside_by_trial", period)


class sel_70_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the § 70 plan (not outside the trial)"
    label_da = "Forsøget fritager for § 70-planen (ikke uden for forsøget)"
    reference = ["SEL § 70 applies in full outside the trial", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_sel_70(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate SEL § 70 plan for support to the parent of a child in care must be made"
    label_da = "En særskilt plan efter SEL § 70 for støtte til forælderen til et anbragt barn skal udarbejdes"
    reference = ["SEL § 70", citations.SEL]

    def formula(person, period):
        return person("parent_of_child_in_care", period) & ~person("sel_70_plan_set_aside_by_trial", period)
