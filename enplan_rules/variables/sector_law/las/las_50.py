"""LAS § 50: the revalidend's »Min Plan«.

LBK 269/2017 § 50: "Kommunen udarbejder i samarbejde med revalidenden en »Min Plan«, jf. § 27 og § 28, stk. 2, i lov
om en aktiv beskæftigelsesindsats, når det erhvervsmæssige sigte er afklaret for den pågældende." The plan is the
revalidend's Min Plan under LAB, not a plan beside it, so it is counted with Min Plan where the One Plan law asks
whether several plans are made. From lov 707 (1 Jul 2018; LBK 247/2019, LBK 981/2019) § 50 adds "eller en
helhedsorienteret plan, jf. § 30 b" and stk. 2: "For personer, som modtager revalideringsydelse, og som har fået en
helhedsorienteret plan, jf. § 30 b ..., erstattes personens »Min Plan« af en helhedsorienteret plan" — the
one_plan_law reform replaces `las_50_plan_replaced_by_holistic_plan`.
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import by_group, set_input_dispatch_by_period
from enplan_rules.variable import Variable


class revalidering_vocational_goal_clarified(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = (
        "The revalidend's vocational goal is clarified (LAS § 50: 'når det erhvervsmæssige sigte er afklaret'; "
        "false during forrevalidering, LAS § 46 stk. 1; a judgement, register J11: not given in a case, unknown; the "
        "default, clarified, serves bare simulations and population files)"
    )
    label_da = (
        "Revalidendens erhvervsmæssige sigte er afklaret (LAS § 50: »når det erhvervsmæssige sigte er afklaret«; "
        "falsk under forrevalidering, LAS § 46, stk. 1; et skøn, register J11: ikke oplyst i en sag er det ukendt; "
        "standardværdien, afklaret, gælder blot simuleringer og populationsfiler)"
    )
    reference = ["LAS § 50 stk. 1; § 46 stk. 1 3.–4. pkt. (forrevalidering)", citations.LAS]
    set_input = set_input_dispatch_by_period


class las_50_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "A revalidend whose vocational goal is clarified must have a »Min Plan« made with them (LAS § 50; the "
        "groups: parameter las.section_50_plan)"
    )
    label_da = (
        "En revalidend, hvis erhvervsmæssige sigte er afklaret, skal have en »Min Plan« udarbejdet i samarbejde "
        "med sig (LAS § 50; grupperne: parameteren las.section_50_plan)"
    )
    reference = ["LAS § 50 stk. 1", citations.LAS]

    def formula(person, period, parameters):
        revalidend = by_group(parameters(period).las.section_50_plan.applies_to, person, period)
        return revalidend & person("revalidering_vocational_goal_clarified", period)


class las_50_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces the revalidend's »Min Plan« (not before lov 707, LAS § 50 stk. 2)"
    label_da = "En helhedsorienteret plan erstatter revalidendens »Min Plan« (ikke før lov 707, LAS § 50, stk. 2)"
    reference = ["LAS § 50 as it stood before lov nr. 707 af 8.6.2018 (LBK 269/2017)", citations.LAS]

    def formula(person, period):
        return person.empty_array().astype(bool)


class las_50_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the LAS § 50 plan (not outside the trial)"
    label_da = "Forsøget fritager for planen efter LAS § 50 (ikke uden for forsøget)"
    reference = ["LAS § 50 applies in full outside the trial", citations.LAS]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_las_50(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The revalidend's LAS § 50 »Min Plan« must be made"
    label_da = "Revalidendens »Min Plan« efter LAS § 50 skal udarbejdes"
    reference = ["LAS § 50", citations.LAS]

    def formula(person, period):
        return (
            person("las_50_plan_triggered", period)
            & ~person("las_50_plan_replaced_by_holistic_plan", period)
            & ~person("las_50_plan_set_aside_by_trial", period)
        )
