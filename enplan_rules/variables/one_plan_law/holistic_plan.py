"""Lov nr. 707 af 8.6.2018: the holistic plan (helhedsorienteret plan), LAB § 30 b, SEL § 141 stk. 7, LSD § 13 e."""

import numpy
from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import in_any_target_group

SEPARATE_PLANS = [
    "lab_min_plan_triggered",
    "lab_30a_action_part_triggered",
    "lab_kap_12a_12b_plan_triggered",
    "sel_141_plan_triggered",
    "parent_of_child_in_care",
    "las_50_plan_triggered",
    "lsd_13c_plan_triggered",
]


class number_of_sector_plans_triggered(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "How many separate sector plans the citizen's case calls for (SEL §§ 54/70 counted once)"
    reference = ["LAB § 30 b stk. 1: 'hvor der kan eller skal udarbejdes flere planer'", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return sum(person(name, period).astype(int) for name in SEPARATE_PLANS)


class holistic_plan_consent_given(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's consent (enacted law) — or, in the tabled-bill variant, no refusal"
    reference = ["LAB § 30 b stk. 1: 'med personens samtykke'", citations.ONE_PLAN_LAW, citations.L_232]

    def formula(person, period, parameters):
        requires_consent = parameters(period).one_plan_law.requires_consent
        return numpy.where(
            requires_consent,
            person("consents_to_one_plan", period),
            ~person("refuses_one_plan", period),
        )


class holistic_plan_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "A holistic plan may be made: a LAB § 2 person with complex and compound problems, several plans "
        "and a need for coordination, who consents, from 1 Jul 2018"
    )
    reference = ["LAB § 30 b stk. 1 (lov nr. 707 af 8.6.2018 § 1)", citations.ONE_PLAN_LAW]

    def formula(person, period, parameters):
        law = parameters(period).one_plan_law
        return (
            law.in_force
            & in_any_target_group(person, period)
            & person("has_complex_problems", period)
            & (
                (person("number_of_sector_plans_triggered", period) >= law.minimum_plans_for_coordination_need)
                | person("several_plans_can_be_made", period)
            )
            & person("has_coordination_need", period)
            & person("holistic_plan_consent_given", period)
            & person("municipality_offers_holistic_plan", period)
        )
