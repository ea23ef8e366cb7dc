"""What lov 707 lets the holistic plan replace, and who may run the effort. Nothing else is set aside."""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from enplan_rules import citations
from enplan_rules.entities import Person


class lab_min_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The holistic plan replaces »Min Plan« (LAB § 30 b stk. 1, stk. 3: §§ 27–30 are set aside)"
    reference = ["LAB § 30 b stk. 1 and 3", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period)


class lab_30a_action_part_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The holistic plan replaces the rehabilitation plan's action part (LAB § 30 b stk. 1)"
    reference = ["LAB § 30 b stk. 1", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period)


class sel_141_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The SEL § 141 action plan may become the holistic plan (SEL § 141 stk. 7)"
    reference = ["SEL § 141 stk. 7 (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period)


class lsd_13c_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The holistic plan replaces the category-2 agreement of LSD § 13 c stk. 2 (LSD § 13 e)"
    reference = ["LSD § 13 e (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period)


class employment_effort_outside_jobcenter_allowed_by_one_plan_law(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "'Jobcenter' also covers another municipal unit for a person who is to have a holistic plan (LAB § 1 a stk. 2 2. pkt.)"
    reference = ["LAB § 1 a stk. 2 2. pkt. (lov nr. 707 af 8.6.2018 § 1 nr. 1)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period)
