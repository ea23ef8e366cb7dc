"""LSD § 13 c: the agreement on employment goal and effort for a category-2 sickness-benefit recipient.

LSD § 13 c stk. 2: "Aftalen skal indgå i den sygemeldtes »Min Plan«" — the agreement is part of Min Plan, not a
plan of its own, so it is not counted as one more plan where the One Plan law asks whether several plans are to
be made."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import SicknessBenefitCategory
from enplan_rules.variable import Variable


class lsd_13c_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A category-2 sickness-benefit recipient must have a § 13 c agreement (which forms part of Min Plan)"
    label_da = "En sygedagpengemodtager i kategori 2 skal have en aftale efter § 13 c (som indgår i »Min Plan«)"
    reference = ["LSD § 13 c stk. 2; § 12 stk. 1 nr. 2", citations.LSD]

    def formula(person, period):
        return person("sickness_benefit_category", period) == SicknessBenefitCategory.category_2


class lsd_13c_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces the § 13 c agreement (not before lov 707, LSD § 13 e)"
    label_da = "En helhedsorienteret plan erstatter aftalen efter § 13 c (ikke før lov 707, LSD § 13 e)"
    reference = ["LSD § 13 c as it stood before lov nr. 707 af 8.6.2018", citations.LSD]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lsd_13c_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the § 13 c agreement (not outside the trial)"
    label_da = "Forsøget fritager for aftalen efter § 13 c (ikke uden for forsøget)"
    reference = ["LSD § 13 c applies in full outside the trial", citations.LSD]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_lsd_13c(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The LSD § 13 c category-2 agreement must be made (inside Min Plan, unless a holistic plan replaces it)"
    label_da = (
        "Aftalen for kategori 2 efter LSD § 13 c skal indgås (i »Min Plan«, medmindre en helhedsorienteret "
        "plan erstatter den)"
    )
    reference = ["LSD § 13 c", citations.LSD]

    def formula(person, period):
        return (
            person("lsd_13c_plan_triggered", period)
            & ~person("lsd_13c_plan_replaced_by_holistic_plan", period)
            & ~person("lsd_13c_plan_set_aside_by_trial", period)
        )
