"""LAB §§ 27–30 and BEK § 52: »Min Plan«, the plan for the employment effort."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import by_group
from enplan_rules.variable import Variable


class lab_min_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Persons in a LAB § 2 target group who can get an effort must have a »Min Plan«"
    label_da = "Personer i en målgruppe efter LAB § 2, som kan få en indsats, skal have en »Min Plan«"
    reference = ["LAB § 27 stk. 1; BEK § 52", citations.LAB, citations.BEK_LAB]

    def formula(person, period, parameters):
        return by_group(parameters(period).lab.min_plan.applies_to, person, period)


class lab_min_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces Min Plan (sector law has none)"
    label_da = "En helhedsorienteret plan erstatter »Min Plan« (sektorlovgivningen har ingen)"
    reference = ["LAB §§ 27–30 as they stood before lov nr. 707 af 8.6.2018", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lab_min_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The free-municipality trial replaces Min Plan by the one plan (none outside the trial)"
    label_da = "Frikommuneforsøget erstatter »Min Plan« med den samlede plan (ikke uden for forsøget)"
    reference = ["LAB §§ 27–30 apply in full outside the trial", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_lab_min_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate »Min Plan« must be made (LAB §§ 27–30, BEK § 52)"
    label_da = "En særskilt »Min Plan« skal udarbejdes (LAB §§ 27–30, BEK § 52)"
    reference = ["LAB §§ 27–30; BEK § 52", citations.LAB, citations.BEK_LAB]

    def formula(person, period):
        return (
            person("lab_min_plan_triggered", period)
            & ~person("lab_min_plan_replaced_by_holistic_plan", period)
            & ~person("lab_min_plan_set_aside_by_trial", period)
        )
