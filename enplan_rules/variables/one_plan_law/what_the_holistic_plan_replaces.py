"""What lov 707 lets the holistic plan replace, and who may run the effort. Nothing else is set aside (SEL § 70
stk. 4's revision duty covers the plan "efter § 54, stk. 2 eller 3", so the holistic plan too).

The preparatory part of the rehabilitation plan stays (LAB § 30 b stk. 3 sets aside § 30 a stk. 1 and 5 only
"for så vidt angår rehabiliteringsplanens indsatsdel"), and so does a child's own § 140 plan under 16.
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import in_any_target_group
from enplan_rules.variable import Variable


class lab_min_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The holistic plan replaces »Min Plan« (LAB § 30 b stk. 1, stk. 3: §§ 27–30 are set aside)"
    label_da = (
        "Den helhedsorienterede plan erstatter »Min Plan« (LAB § 30 b stk. 1, stk. 3: §§ 27–30 finder ikke "
        "anvendelse)"
    )
    reference = ["LAB § 30 b stk. 1 and stk. 3 1. pkt.", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period)


class lab_30a_action_part_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The holistic plan replaces the rehabilitation plan's action part (LAB § 30 b stk. 1, stk. 3 2. pkt.)"
    label_da = (
        "Den helhedsorienterede plan erstatter rehabiliteringsplanens indsatsdel (LAB § 30 b stk. 1, stk. 3 "
        "2. pkt.)"
    )
    reference = ["LAB § 30 b stk. 1 and stk. 3 2. pkt.", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period)


class lab_kap_12a_12b_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "For a person in ressourceforløb or jobafklaringsforløb the coordinating caseworker makes the holistic "
        "plan, which replaces the action part the programme runs on (LAB § 30 b stk. 3–4)"
    )
    label_da = (
        "For en person i ressourceforløb eller jobafklaringsforløb udarbejder koordinerende sagsbehandler den"
        " helhedsorienterede plan, som erstatter den indsatsdel, forløbet bygger på (LAB § 30 b stk. 3–4)"
    )
    reference = ["LAB § 30 b stk. 3 2. pkt. and stk. 4 (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period) & person("lab_kap_12a_12b_plan_triggered", period)


class sel_141_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The SEL § 141 action plan is replaced by the holistic plan (SEL § 141 stk. 7)"
    label_da = "Handleplanen efter SEL § 141 erstattes af den helhedsorienterede plan (SEL § 141 stk. 7)"
    reference = ["SEL § 141 stk. 7 (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("sel_141_holistic_plan_eligible", period)


class sel_140_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The young person's whole § 140 action plan is replaced by the holistic plan (SEL § 140 a, 16–22 years)"
    label_da = "Den unges hele § 140-handleplan erstattes af den helhedsorienterede plan (SEL § 140 a, 16–22 år)"
    reference = ["SEL § 140 a stk. 1 2. pkt. (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("sel_140a_young_person_eligible", period)


class sel_140_parent_elements_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The parts of the child's § 140 plan that concern the parents are replaced by the parents' holistic plan "
        "(SEL § 140 a stk. 1 1. pkt.; the holder of parental authority consents)"
    )
    label_da = (
        "De dele af barnets § 140-plan, der vedrører forældrene, erstattes af forældrenes helhedsorienterede "
        "plan (SEL § 140 a stk. 1 1. pkt.; forældremyndighedens indehaver samtykker)"
    )
    reference = ["SEL § 140 a stk. 1 1. pkt. and stk. 2 (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(person, period, parameters):
        family_eligible = person.family("family_has_parent_eligible_for_holistic_plan", period)
        return (
            parameters(period).one_plan_law.sel_140a_in_text
            & person("sel_140_plan_triggered", period)
            & family_eligible
            & person("parental_authority_consents_to_holistic_plan", period)
        )


class lsd_13c_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The holistic plan replaces the category-2 agreement of LSD § 13 c stk. 2 (LSD § 13 e)"
    label_da = "Den helhedsorienterede plan erstatter aftalen for kategori 2 efter LSD § 13 c stk. 2 (LSD § 13 e)"
    reference = [
        "LSD § 13 c stk. 2 1. pkt. 'jf. dog § 13 e' and § 13 e stk. 3 'fraviges § 13 c, stk. 2' (lov nr. 707 af "
        "8.6.2018 § 3)",
        citations.ONE_PLAN_LAW,
    ]

    def formula(person, period):
        return person("lsd_13e_holistic_plan_eligible", period)


class sel_54_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The holistic plan replaces the parents' separate § 54 plan (SEL § 54 stk. 3; § 70 stk. 4 still applies to it)"
    label_da = (
        "Den helhedsorienterede plan erstatter forældrenes særskilte § 54-plan (SEL § 54, stk. 3; § 70, stk. 4, "
        "gælder fortsat for den)"
    )
    reference = ["SEL § 54 stk. 3 (lov nr. 707 af 8.6.2018; LBK 1114/2018)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("sel_54_holistic_plan_eligible", period)


class las_50_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The holistic plan (LAB § 30 b) replaces the revalidend's »Min Plan« (LAS § 50 stk. 2)"
    label_da = "Den helhedsorienterede plan (LAB § 30 b) erstatter revalidendens »Min Plan« (LAS § 50, stk. 2)"
    reference = ["LAS § 50 stk. 2 (lov nr. 707 af 8.6.2018; LBK 247/2019)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return person("holistic_plan_eligible", period) & person("las_50_plan_triggered", period)


class employment_effort_outside_jobcenter_allowed_by_one_plan_law(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "'Jobcenter' also covers another municipal unit for a person who is to have a holistic plan (LAB § 1 a stk. 2 2. pkt.)"
    label_da = (
        "»Jobcenter« omfatter også en anden kommunal enhed for en person, der skal have en helhedsorienteret "
        "plan (LAB § 1 a stk. 2 2. pkt.)"
    )
    reference = [
        "LAB § 1 a stk. 2 2. pkt. (lov nr. 707 af 8.6.2018 § 1 nr. 1): 'personer, der er omfattet af § 2 og som skal "
        "have en helhedsorienteret plan, jf. § 30 b i denne lov eller § 13 e i lov om sygedagpenge'",
        citations.ONE_PLAN_LAW,
    ]

    def formula(person, period):
        lsd_door = person("lsd_13e_holistic_plan_eligible", period) & in_any_target_group(person, period)
        return person("holistic_plan_eligible", period) | lsd_door
