"""LAB § 30 a: the rehabilitation plan (rehabiliteringsplan), its action part and its preparatory part."""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from enplan_rules import citations
from enplan_rules.entities import Person


class lab_30a_action_part_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A person whose case goes before the rehabilitation team must have a rehabilitation plan with an action part"
    reference = ["LAB § 30 a stk. 1", citations.LAB]

    def formula(person, period):
        return person("rehabilitation_team_case", period)


class lab_30a_action_part_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces the action part (sector law has none)"
    reference = ["LAB § 30 a as it stood before lov nr. 707 af 8.6.2018", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lab_30a_action_part_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the separate action part (none outside the trial)"
    reference = ["LAB § 30 a applies in full outside the trial", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_lab_30a_action_part(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate action part (indsatsdel) of the rehabilitation plan must be made (LAB § 30 a)"
    reference = ["LAB § 30 a", citations.LAB]

    def formula(person, period):
        return (
            person("lab_30a_action_part_triggered", period)
            & ~person("lab_30a_action_part_replaced_by_holistic_plan", period)
            & ~person("lab_30a_action_part_set_aside_by_trial", period)
        )


class rehabilitation_plan_preparatory_part_required(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The preparatory part (forberedende del) of the rehabilitation plan must be made (LAB § 30 a); no regime sets it aside"
    reference = [
        "LAB § 30 a; the trial does NOT exempt the preparatory part (Bilag 1, 'Undtagelser'); "
        "lov 707 lets the holistic plan replace only the action part",
        citations.LAB,
        citations.ONE_PLAN_LAW,
    ]

    def formula(person, period):
        return person("rehabilitation_team_case", period)
