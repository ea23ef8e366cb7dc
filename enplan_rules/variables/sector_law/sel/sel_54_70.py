"""SEL § 54 stk. 2–3 and § 70 stk. 4: the separate plan for support to the parents of a child in care, and its revision.

§ 54 stk. 2 (every version 2017–2019): "Kommunalbestyrelsen skal fastsætte en særskilt plan for støtten til
forældrene." § 54 stk. 3 (lov 707, from 1 Jul 2018; LBK 1114/2018): the municipality "kan beslutte" that a holistic
plan replaces it, for parents with complex and compound problems, with their consent — the one_plan_law reform
replaces `sel_54_plan_replaced_by_holistic_plan`. § 70 stk. 4 is no plan of its own: it obliges the municipality to
offer a revision of that plan ("tilbyde en revision af planen") within 3 months of the placement and to consider one
at most every 12 months, where such a plan exists ("Er der udarbejdet en plan"); from lov 707 it covers the plan
"efter § 54, stk. 2 eller 3", so the holistic plan too. Where the trial sets the separate plan aside (lov 658/2017
§ 11 stk. 1) there is no § 54 plan for § 70 stk. 4 to revise (register R14).
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class sel_54_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces the parents' separate § 54 plan (not before lov 707, SEL § 54 stk. 3)"
    label_da = "En helhedsorienteret plan erstatter forældrenes særskilte § 54-plan (ikke før lov 707, SEL § 54, stk. 3)"
    reference = ["SEL § 54 as it stood before lov nr. 707 af 8.6.2018 (LBK 988/2017, LBK 102/2018)", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class sel_54_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the § 54 plan (not outside the trial)"
    label_da = "Forsøget fritager for § 54-planen (ikke uden for forsøget)"
    reference = ["SEL § 54 applies in full outside the trial", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_sel_54(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate plan for the support to the parent of a child in care must be set (SEL § 54 stk. 2 3. pkt.)"
    label_da = "En særskilt plan for støtten til forælderen til et anbragt barn skal fastsættes (SEL § 54, stk. 2, 3. pkt.)"
    reference = ["SEL § 54 stk. 2 3. pkt.; from 1 Jul 2018 stk. 3", citations.SEL]

    def formula(person, period):
        return (
            person("parent_of_child_in_care", period)
            & ~person("sel_54_plan_replaced_by_holistic_plan", period)
            & ~person("sel_54_plan_set_aside_by_trial", period)
        )


class sel_70_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the § 70 revision duty (not outside the trial)"
    label_da = "Forsøget fritager for revisionspligten efter § 70 (ikke uden for forsøget)"
    reference = ["SEL § 70 applies in full outside the trial", citations.SEL]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_sel_70(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The municipality must offer to revise the plan for the support to the parent of a child in care (SEL § 70 "
        "stk. 4: within 3 months of the placement, then considered at most every 12 months) — a duty on the § 54 "
        "plan, also where a holistic plan replaced it (from 1 Jul 2018)"
    )
    label_da = (
        "Kommunen skal tilbyde at revidere planen for støtten til forælderen til et anbragt barn (SEL § 70, stk. 4:"
        " senest 3 måneder efter anbringelsen, derefter vurderet med højst 12 måneders mellemrum) — en pligt på "
        "§ 54-planen, også hvor en helhedsorienteret plan har erstattet den (fra 1.7.2018)"
    )
    reference = ["SEL § 70 stk. 4: 'Er der udarbejdet en plan for støtten til forældrene efter § 54, stk. 2 [from lov "
                 "707: stk. 2 eller 3], skal kommunalbestyrelsen tilbyde at revidere'", citations.SEL]

    def formula(person, period):
        parents_plan = person("separate_plan_required_sel_54", period) | person(
            "sel_54_plan_replaced_by_holistic_plan", period
        )
        return parents_plan & ~person("sel_70_plan_set_aside_by_trial", period)
