"""SEL § 141: the action plan (handleplan) for an adult receiving support under the Social Services Act.

§ 141 stk. 2 (every version 2017–2019): "Kommunalbestyrelsen skal tilbyde at udarbejde en handleplan, når hjælpen
ydes til 1) personer med betydelig nedsat fysisk eller psykisk funktionsevne eller 2) personer med alvorlige sociale
problemer ..."; for other help under afsnit V stk. 1 leaves the offer to the municipality's judgement. The input
`receives_adult_social_support` stands for help that triggers the duty to offer (stk. 2) or for which the
municipality found a plan appropriate (stk. 1). Stk. 7 (lov 707, from 1 Jul 2018): the plan may be replaced by a
holistic plan — the one_plan_law reform replaces `sel_141_plan_replaced_by_holistic_plan`.
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class sel_141_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Support to an adult triggers the municipality's duty to offer a SEL § 141 action plan"
    label_da = "Støtte til en voksen udløser kommunens pligt til at tilbyde en handleplan efter SEL § 141"
    reference = ["SEL § 141 stk. 2: 'Kommunalbestyrelsen skal tilbyde at udarbejde en handleplan'; stk. 1", citations.SEL]

    def formula(person, period):
        return person("receives_adult_social_support", period)


class sel_141_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The § 141 plan becomes the holistic plan (not before lov 707, SEL § 141 stk. 7)"
    label_da = "§ 141-planen bliver den helhedsorienterede plan (ikke før lov 707, SEL § 141 stk. 7)"
    reference = ["SEL § 141 as it stood before lov nr. 707 af 8.6.2018", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class sel_141_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial's one plan replaces the § 141 plan (not outside the trial)"
    label_da = "Forsøgets samlede plan erstatter § 141-planen (ikke uden for forsøget)"
    reference = ["SEL § 141 applies in full outside the trial", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_sel_141(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate SEL § 141 action plan must be offered"
    label_da = "En særskilt handleplan efter SEL § 141 skal tilbydes"
    reference = ["SEL § 141", citations.SEL]

    def formula(person, period):
        return (
            person("sel_141_plan_triggered", period)
            & ~person("sel_141_plan_replaced_by_holistic_plan", period)
            & ~person("sel_141_plan_set_aside_by_trial", period)
        )
