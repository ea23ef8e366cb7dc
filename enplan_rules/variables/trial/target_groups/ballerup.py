"""Ballerup: families where a parent is on uddannelseshjælp as aktivitetsparat (LAB § 2 nr. 13) or in
ressourceforløb (§ 2 nr. 11) and there is a child aged 0–15; a family that has been in the family effort — it
began its En Plan during Ballerup's trial while in the target group — is offered to continue after leaving it."""

import numpy
from openfisca_core import periods
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Family, Person
from enplan_rules.enums import EmploymentTargetGroup, Municipality
from enplan_rules.formula_helpers import group_is
from enplan_rules.variable import Variable


class ballerup_family_in_target_group(Variable):
    value_type = bool
    entity = Family
    definition_period = MONTH
    label = "A parent is aktivitetsparat on uddannelseshjælp or in ressourceforløb, and the family has a child aged 0–15"
    label_da = (
        "En forælder er aktivitetsparat uddannelseshjælpsmodtager eller i ressourceforløb, og familien har et"
        " barn på 0–15 år"
    )
    reference = ["Ballerup frikommunevedtægt, 'Målgruppen for frikommuneforsøget er'", citations.BALLERUP_STATUTE]

    def formula(family, period, parameters):
        max_age = parameters(period).trial.target_groups.ballerup.child_max_age
        parent_in_group = group_is(
            family.members,
            period,
            EmploymentTargetGroup.uddannelseshjaelp_aktivitetsparat,
            EmploymentTargetGroup.ressourceforloeb,
        )
        age = family.members("age", period)
        return family.any(parent_in_group, role=Family.PARENT) & family.any(
            (age >= 0) & (age <= max_age), role=Family.CHILD
        )


class in_trial_target_group_ballerup(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen belongs to a family in Ballerup's target group"
    label_da = "Borgeren hører til en familie i Ballerups målgruppe"
    reference = ["Ballerup frikommunevedtægt, 'Målgruppen'", citations.BALLERUP_STATUTE]

    def formula(person, period):
        return person.family("ballerup_family_in_target_group", period)


class in_trial_by_ballerup_continuation(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The family has been in the family effort and stays in although it no longer meets the target group"
    label_da = "Familien har været i familieindsatsen og bliver i den, selv om den ikke længere er i målgruppen"
    reference = [
        "Ballerup frikommunevedtægt: 'Borgere, der har været omfattet af familieindsatsen, vil blive tilbudt at fortsætte'",
        citations.BALLERUP_STATUTE,
    ]

    def formula(person, period, parameters):
        rule = parameters(period).trial.target_groups.ballerup.continuation_rule
        in_ballerup = person("municipality", period) == Municipality.ballerup
        family_started = person.family("family_en_plan_started", period)
        return rule & in_ballerup & family_started & ~person("in_trial_target_group_ballerup", period)


class family_en_plan_started(Variable):
    value_type = bool
    entity = Family
    definition_period = MONTH
    label = (
        "The family has been in Ballerup's family effort: a member's En Plan began on or before the first day of "
        "the month, in a month Ballerup's trial covered (the family effort admits only its target group)"
    )
    label_da = (
        "Familien har været omfattet af Ballerups familieindsats: et medlems En Plan begyndte senest den første dag "
        "i måneden, i en måned Ballerups forsøg dækkede (familieindsatsen optager kun målgruppen)"
    )
    reference = [
        "Ballerup frikommunevedtægt: 'Borgere, der har været omfattet af familieindsatsen, vil blive tilbudt at "
        "fortsætte selvom de på sigt eventuelt ikke længere er den del af målgruppen'",
        citations.BALLERUP_STATUTE,
    ]

    def formula(family, period, parameters):
        start = numpy.asarray(family.members("en_plan_start_date", period), dtype="datetime64[D]")
        started = start <= numpy.datetime64(period.start.date)
        start_month = start.astype("datetime64[M]")
        in_the_effort = numpy.zeros(start.shape, dtype=bool)
        for month in numpy.unique(start_month[started]):
            # begun in a month Ballerup's trial covered: the family effort, which takes only the target group
            if parameters(periods.period(str(month))).trial.municipalities.ballerup.covered:
                in_the_effort |= start_month == month
        return family.any(started & in_the_effort)
