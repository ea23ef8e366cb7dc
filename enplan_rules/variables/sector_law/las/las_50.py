"""LAS § 50: the plan the seeds list under the Active Social Policy Act (read as the revalidering plan)."""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import by_group


class las_50_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's situation calls for a LAS § 50 plan (groups: parameter las.section_50_plan, unverified)"
    reference = ["LAS § 50", citations.LAS]

    def formula(person, period, parameters):
        return by_group(parameters(period).las.section_50_plan.applies_to, person, period)


class las_50_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the LAS § 50 plan (not outside the trial)"
    reference = ["LAS § 50 applies in full outside the trial", citations.LAS]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_las_50(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate LAS § 50 plan must be made"
    reference = ["LAS § 50", citations.LAS]

    def formula(person, period):
        return person("las_50_plan_triggered", period) & ~person("las_50_plan_set_aside_by_trial", period)
