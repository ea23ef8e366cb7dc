"""LAB kap. 12 a (ressourceforløb) and kap. 12 b (jobafklaringsforløb): the plans for those programmes."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import EmploymentTargetGroup
from enplan_rules.formula_helpers import group_is
from enplan_rules.variable import Variable


class lab_kap_12a_12b_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A citizen in ressourceforløb or jobafklaringsforløb has a programme plan under LAB kap. 12 a–12 b"
    label_da = (
        "En borger i ressourceforløb eller jobafklaringsforløb har en plan for forløbet efter LAB kap. 12 "
        "a–12 b"
    )
    reference = ["LAB kap. 12 a (ressourceforløb) and kap. 12 b (jobafklaringsforløb)", citations.LAB]

    def formula(person, period):
        return group_is(
            person,
            period,
            EmploymentTargetGroup.ressourceforloeb,
            EmploymentTargetGroup.jobafklaringsforloeb,
        )


class lab_kap_12a_12b_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan is the plan of the ressourceforløb / jobafklaringsforløb (not before lov 707, LAB § 30 b stk. 4)"
    label_da = (
        "En helhedsorienteret plan er planen for ressourceforløbet / jobafklaringsforløbet (ikke før lov 707,"
        " LAB § 30 b stk. 4)"
    )
    reference = ["LAB kap. 12 a–12 b as they stood before lov nr. 707 af 8.6.2018", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lab_kap_12a_12b_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the programme plan (none outside the trial)"
    label_da = "Forsøget fritager for planen for forløbet (ingen fritagelse uden for forsøget)"
    reference = ["LAB kap. 12 a–12 b apply in full outside the trial", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_lab_kap_12a_12b(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate ressourceforløb / jobafklaringsforløb plan must be made (LAB kap. 12 a–12 b)"
    label_da = "En særskilt plan for ressourceforløb / jobafklaringsforløb skal udarbejdes (LAB kap. 12 a–12 b)"
    reference = ["LAB kap. 12 a–12 b", citations.LAB]

    def formula(person, period):
        return (
            person("lab_kap_12a_12b_plan_triggered", period)
            & ~person("lab_kap_12a_12b_plan_replaced_by_holistic_plan", period)
            & ~person("lab_kap_12a_12b_plan_set_aside_by_trial", period)
        )
