"""SEL § 140: the action plan for a child or young person receiving special support.

§ 140 stk. 1 (every version 2017–2019): "Kommunalbestyrelsen skal udarbejde en handleplan, inden der træffes
afgørelse om foranstaltninger, jf. §§ 52, 76 og 76 a." Sector law sets no part of it aside. Lov nr. 707 af 8.6.2018
inserted SEL § 140 a (from 1 Jul 2018; LBK 1114/2018, LBK 798/2019): the elements "jf. § 140, stk. 1, 3, 4 og 6, der
vedrører forældrene" may be replaced by a holistic plan, and "For unge mellem 16 og 23 år" the whole plan ("jf.
§ 140, stk. 1-5"); the one_plan_law reform replaces the two `..._by_holistic_plan` variables below. The trial does
not exempt § 140 (register R1).
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class sel_140_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Measures of special support to a child or young person call for a SEL § 140 action plan"
    label_da = "Særlig støtte til et barn eller en ung udløser en handleplan efter SEL § 140"
    reference = ["SEL § 140 stk. 1: 'inden der træffes afgørelse om foranstaltninger, jf. §§ 52, 76 og 76 a'", citations.SEL]

    def formula(person, period):
        return person("receives_child_special_support", period)


class sel_140_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces the young person's whole § 140 action plan (not before lov 707, SEL § 140 a)"
    label_da = "En helhedsorienteret plan erstatter den unges hele § 140-handleplan (ikke før lov 707, SEL § 140 a)"
    reference = ["SEL § 140 as it stood before lov nr. 707 af 8.6.2018", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class sel_140_parent_elements_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The parts of the child's § 140 action plan that concern the parents are replaced by a holistic plan "
        "(not before lov 707, SEL § 140 a stk. 1 1. pkt.)"
    )
    label_da = (
        "De dele af barnets § 140-handleplan, der vedrører forældrene, erstattes af en helhedsorienteret plan"
        " (ikke før lov 707, SEL § 140 a stk. 1 1. pkt.)"
    )
    reference = ["SEL § 140 as it stood before lov nr. 707 af 8.6.2018", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_sel_140(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The child's own SEL § 140 action plan must be made, on the child's own case file"
    label_da = "Barnets egen handleplan efter SEL § 140 skal udarbejdes, i barnets egen sag"
    reference = [
        "SEL § 140; from 1 Jul 2018 SEL § 140 a lets a holistic plan replace the whole plan of a young person "
        "between 16 and 23; the trial does NOT exempt § 140 (Bilag 1, 'Undtagelser' — see ambiguity register R1)",
        citations.SEL,
    ]

    def formula(person, period):
        return person("sel_140_plan_triggered", period) & ~person("sel_140_plan_replaced_by_holistic_plan", period)
