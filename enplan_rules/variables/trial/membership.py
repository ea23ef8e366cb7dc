"""Who is in the En Plan trial in a given month: the municipality's period, its target group, and participation."""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Family, Person
from enplan_rules.enums import Municipality as M
from enplan_rules.formula_helpers import municipality_parameter, present_indices
from enplan_rules.variable import Variable

TARGET_GROUP_BY_MUNICIPALITY = {
    M.alleroed: "in_trial_target_group_by_visitation",
    M.ballerup: "in_trial_target_group_ballerup",
    M.fredensborg: "in_trial_target_group_fredensborg",
    M.frederikssund: "in_trial_target_group_frederikssund",
    M.furesoe: "in_trial_target_group_furesoe",
    M.gribskov: "in_trial_target_group_by_visitation",
    M.halsnaes: "in_trial_target_group_by_visitation",
    M.helsingoer: "in_trial_target_group_helsingoer",
    M.hilleroed: "in_trial_target_group_hilleroed",
}


class trial_covers_month(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's municipality runs the trial that month (its own first covered day and first day no longer covered)"
    label_da = (
        "Borgerens kommune har forsøget den måned (kommunens egen første dækkede dag og første dag, der ikke "
        "længere er dækket)"
    )
    reference = ["Lov nr. 658 af 8.6.2017 § 2 nr. 7; Ballerup frikommunevedtægt (1 Nov 2017 – 1 Jul 2020); municipal pages", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        return municipality_parameter(person, period, parameters, "covered")


class trial_dates_disputed(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The municipality's own trial dates and the network period disagree about this month"
    label_da = "Kommunens egne forsøgsdatoer og netværkets periode er uenige om denne måned"
    reference = ["Brief, contradiction 7: dates differ per municipality", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        in_network = person("municipality", period) != M.other
        return in_network & (person("trial_covers_month", period) != parameters(period).trial.network_covered)


class in_trial_target_group(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen is in the target group of the municipality's trial (or stays in under Ballerup's continuation rule)"
    label_da = "Borgeren er i målgruppen for kommunens forsøg (eller bliver i den efter Ballerups fortsættelsesregel)"
    reference = [
        "BEK 603 § 15 stk. 4, 1255 §§ 19, 22–23, 529 §§ 29, 32–33, 1184 §§ 26, 29–30: each municipality tells the "
        "minister which target groups are in its trial; the groups themselves are the municipalities' (seeds)",
        citations.TRIAL_ORDER_603, citations.TRIAL_ORDER_1255, citations.TRIAL_ORDER, citations.TRIAL_ORDER_1184,
    ]

    def formula(person, period):
        municipality = person("municipality", period)
        in_group = person.empty_array().astype(bool)
        present = set(present_indices(municipality).tolist())
        for key, variable in TARGET_GROUP_BY_MUNICIPALITY.items():
            if key.index in present:  # another municipality's target group cannot change the answer
                in_group = numpy.where(municipality == key, person(variable, period), in_group)
        return in_group | person("in_trial_by_ballerup_continuation", period)


class family_parent_participates(Variable):
    value_type = bool
    entity = Family
    definition_period = MONTH
    label = "A parent of the family takes part in the one plan"
    label_da = "En forælder i familien deltager i den samlede plan"
    reference = ["Ballerup frikommunevedtægt: 'Familien er aktiv medproducent'", citations.BALLERUP_STATUTE]

    def formula(family, period):
        return family.any(family.members("consents_to_one_plan", period), role=Family.PARENT)


class participates_in_en_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen takes part in the one plan (a child through a participating parent)"
    label_da = "Borgeren deltager i den samlede plan (et barn gennem en deltagende forælder)"
    reference = [
        "Helsingør: 'Frivilligt'; the seeds state no consent rule, lov 707 requires consent (register 11)",
        citations.ONE_PLAN_LAW,
    ]

    def formula(person, period):
        is_child = person.has_role(Family.CHILD)
        return person("consents_to_one_plan", period) | (
            is_child & person.family("family_parent_participates", period)
        )


class in_en_plan_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen is in the En Plan free-municipality trial that month"
    label_da = "Borgeren er med i frikommuneforsøget En Plan den måned"
    reference = [
        "Lov nr. 658 af 8.6.2017; BEK 603 § 1 stk. 1 nr. 2 and stk. 2 (1255, 529, 1184 § 1): the network's nine "
        "municipalities run only the trials they applied for and had approved",
        citations.FRIKOMMUNE_ACT,
        citations.TRIAL_ORDER_603,
    ]

    def formula(person, period):
        return (
            person("trial_covers_month", period)
            & person("in_trial_target_group", period)
            & person("participates_in_en_plan", period)
        )


class trial_legal_basis_unresolved(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "A trial answer in a month no trial order covers. BEK nr. 1184 af 25.11.2019 continues the trial from "
        "1 Jan 2020 in the terms of the new LBA (lov nr. 548 af 7.5.2019), so within the trial period no answer "
        "rests on repealed sections"
    )
    label_da = (
        "Et svar i forsøget i en måned, som ingen forsøgsbekendtgørelse dækker. BEK nr. 1184 af 25.11.2019 "
        "viderefører forsøget fra 1.1.2020 med henvisninger til den nye LBA (lov nr. 548 af 7.5.2019), så inden "
        "for forsøgsperioden hviler intet svar på ophævede bestemmelser"
    )
    reference = ["BEK nr. 1184 af 25.11.2019 §§ 22–30, 33–35 (register R8)", citations.TRIAL_ORDER_1184]

    def formula(person, period):
        return person("in_en_plan_trial", period) & ~person("trial_order_in_force", period)
