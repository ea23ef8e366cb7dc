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
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 apply to the municipality's defined target group", citations.TRIAL_ORDER]

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
        "Lov nr. 658 af 8.6.2017 § 2 nr. 7; BEK nr. 529 af 23.5.2018 §§ 26–34",
        citations.FRIKOMMUNE_ACT,
        citations.TRIAL_ORDER,
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
        "From 1 Jan 2020 the trial order cites LAB sections that were repealed (lov nr. 548 af 7.5.2019); "
        "no successor order was found, so this trial answer is legally unresolved"
    )
    label_da = (
        "Fra 1.1.2020 henviser forsøgsbekendtgørelsen til ophævede bestemmelser i LAB (lov nr. 548 af "
        "7.5.2019); ingen afløsende bekendtgørelse er fundet, så dette svar i forsøget er retligt uafklaret"
    )
    reference = ["Lov nr. 548 af 7.5.2019 (LBA), in force 1 Jan 2020", citations.LBA]

    def formula(person, period, parameters):
        cited_in_force = parameters(period).trial.lbk_1342_2016_cited_sections_in_force
        return person("in_en_plan_trial", period) & ~cited_in_force
