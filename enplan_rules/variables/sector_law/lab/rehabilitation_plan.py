"""LAB § 30 a: the rehabilitation plan (rehabiliteringsplan), its action part and its preparatory part."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class lab_30a_action_part_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A person whose case goes before the rehabilitation team must have a rehabilitation plan with an action part"
    label_da = (
        "En person, hvis sag forelægges rehabiliteringsteamet, skal have en rehabiliteringsplan med en "
        "indsatsdel"
    )
    reference = ["LAB § 30 a stk. 1", citations.LAB]

    def formula(person, period):
        return person("rehabilitation_team_case", period)


class lab_30a_action_part_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces the action part (sector law has none)"
    label_da = "En helhedsorienteret plan erstatter indsatsdelen (sektorlovgivningen har ingen)"
    reference = ["LAB § 30 a as it stood before lov nr. 707 af 8.6.2018", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lab_30a_action_part_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the separate action part (none outside the trial)"
    label_da = "Forsøget fritager for den særskilte indsatsdel (ikke uden for forsøget)"
    reference = ["LAB § 30 a applies in full outside the trial", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_lab_30a_action_part(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate action part (indsatsdel) of the rehabilitation plan must be made (LAB § 30 a)"
    label_da = "En særskilt indsatsdel af rehabiliteringsplanen skal udarbejdes (LAB § 30 a)"
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
    label_da = "Rehabiliteringsplanens forberedende del skal udarbejdes (LAB § 30 a); intet regime fritager for den"
    reference = [
        "LAB § 30 a; the trial does NOT exempt the preparatory part (Bilag 1, 'Undtagelser'); "
        "lov 707 lets the holistic plan replace only the action part",
        citations.LAB,
        citations.ONE_PLAN_LAW,
    ]

    def formula(person, period):
        return person("rehabilitation_team_case", period)
