"""LSD § 13 b: the follow-up (opfølgning) on a sickness-benefit case."""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import SicknessBenefitCategory
from enplan_rules.variable import Variable


class lsd_13b_followup_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The municipality follows up on the citizen's sickness-benefit case under § 13 b"
    label_da = "Kommunen følger op på borgerens sygedagpengesag efter § 13 b"
    reference = ["LSD § 13 b stk. 1, 2, 4", citations.LSD]

    def formula(person, period):
        return person("sickness_benefit_category", period) != SicknessBenefitCategory.none


class lsd_13b_followup_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial lets the municipality set form and frequency of follow-up (not outside the trial)"
    label_da = "Forsøget lader kommunen fastsætte opfølgningens form og hyppighed (ikke uden for forsøget)"
    reference = ["LSD § 13 b applies in full outside the trial", citations.LSD]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lsd_ordinary_required_followups(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = (
        "Follow-up interviews due that month for categories 2 and 3: the first by the end of week 8 of sickness "
        "(the entry date counted as day 1 of week 1), then every 4 weeks (category 1: the municipality decides, "
        "so none is counted). The entry date into sygedagpenge is taken as the first day of absence."
    )
    label_da = (
        "Opfølgningssamtaler, der skal holdes den måned for kategori 2 og 3: den første inden udgangen af 8. "
        "sygeuge (indtrædelsesdatoen regnes som dag 1 i uge 1), derefter hver 4. uge (kategori 1: kommunen "
        "bestemmer, så ingen tælles). Indtrædelsesdatoen i sygedagpenge regnes som første fraværsdag."
    )
    reference = ["LSD § 13 b stk. 1–2", citations.LSD]

    def formula(person, period, parameters):
        rules = parameters(period).lsd.followup
        category = person("sickness_benefit_category", period)
        counted = (category == SicknessBenefitCategory.category_2) | (
            category == SicknessBenefitCategory.category_3
        )
        start = person("benefit_start_date", period)
        first_due = 7 * int(rules.first_followup_week) - 1  # days after the entry date: week 8 ends on day 55
        interval = 7 * int(rules.interval_weeks)
        if not counted.any():  # nobody in category 2 or 3: none due (and no date arithmetic)
            return numpy.zeros(start.shape, dtype=float)
        first_day = (numpy.datetime64(period.start.date) - start).astype(int)
        last_day = (numpy.datetime64(period.stop.date) - start).astype(int)

        def due_by(day):
            return numpy.where(day >= first_due, (day - first_due) // interval + 1, 0)

        return numpy.where(counted, due_by(last_day) - due_by(first_day - 1), 0).astype(float)
