"""LAS § 50: the plan the seeds list under the Active Social Policy Act (read as the revalidering plan)."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import by_group
from enplan_rules.variable import Variable


class las_50_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's situation calls for a LAS § 50 plan (groups: parameter las.section_50_plan, unverified)"
    label_da = (
        "Borgerens situation udløser en plan efter LAS § 50 (grupper: parameteren las.section_50_plan, ikke "
        "verificeret)"
    )
    reference = ["LAS § 50", citations.LAS]

    def formula(person, period, parameters):
        return by_group(parameters(period).las.section_50_plan.applies_to, person, period)


class las_50_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the LAS § 50 plan (not outside the trial)"
    label_da = "Forsøget fritager for planen efter LAS § 50 (ikke uden for forsøget)"
    reference = ["LAS § 50 applies in full outside the trial", citations.LAS]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_las_50(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate LAS § 50 plan must be made"
    label_da = "En særskilt plan efter LAS § 50 skal udarbejdes"
    reference = ["LAS § 50", citations.LAS]

    def formula(person, period):
        return person("las_50_plan_triggered", period) & ~person("las_50_plan_set_aside_by_trial", period)
