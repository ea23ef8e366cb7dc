"""LSD § 13 b stk. 1: the follow-up (opfølgning) on a sickness-benefit case in categories 2 and 3.

LBK 826/2017, 38/2018, 809/2018 and 68/2019 (to 31 Dec 2019): "skal der første gang følges op senest inden udgangen
af ottende uge regnet fra første fraværsdag ... Herefter skal der følges op mindst hver fjerde uge."
From 1 Jan 2020 (lov nr. 551 af 7.5.2019 § 3; LBK 107/2020): "skal der følges op mindst fire gange inden for det
første halve år regnet fra første fraværsdag. Der følges op første gang senest inden udgangen af ottende uge ...
Efter de første 6 måneder aftales opfølgningen mellem kommunen og den sygemeldte."
"""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import SicknessBenefitCategory
from enplan_rules.formula_helpers import per_array
from enplan_rules.variable import Variable


class lsd_13b_followup_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The municipality follows up on the citizen's sickness-benefit case: category 1 under § 13 a (a follow-up "
        "and revisitation when the absence exceeds 8 weeks, otherwise as the municipality decides), categories 2 "
        "and 3 under § 13 b"
    )
    label_da = (
        "Kommunen følger op på borgerens sygedagpengesag: kategori 1 efter § 13 a (opfølgning og revisitation, når"
        " fraværet varer over 8 uger, ellers som kommunen fastlægger), kategori 2 og 3 efter § 13 b"
    )
    reference = ["LSD § 13 a stk. 1–2; § 13 b stk. 1: 'I sager, der er visiteret til kategori 2 og 3'", citations.LSD]

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


@per_array
def _half_year_end(start):
    """Days from the first day of absence to the last day of the first half year ('det første halve år'); once for
    each array of first days (an input's array is the same month after month)."""
    month_start = start.astype("datetime64[M]")
    day_in_month = start - month_start.astype("datetime64[D]")
    return ((month_start + 6).astype("datetime64[D]") + day_in_month - numpy.timedelta64(1, "D") - start).astype(int)


class lsd_ordinary_required_followups(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = (
        "Follow-ups whose deadline falls in the month, categories 2 and 3. To 31 Dec 2019: the first by the end of "
        "week 8 from the first day of absence, then at least every 4 weeks. From 1 Jan 2020: at least four within "
        "the first half year — the first by the end of week 8, the other three by the end of the half year — and "
        "afterwards as agreed (none counted). The entry date into sygedagpenge is taken as the first day of "
        "absence (day 1 of week 1)."
    )
    label_da = (
        "Opfølgninger, hvis frist falder i måneden, kategori 2 og 3. Til 31.12.2019: første gang inden udgangen "
        "af 8. uge fra første fraværsdag, derefter mindst hver 4. uge. Fra 1.1.2020: mindst fire inden for det "
        "første halve år — den første inden udgangen af 8. uge, de tre andre inden halvåret er gået — og derefter "
        "efter aftale (ingen tælles). Indtrædelsesdatoen i sygedagpenge regnes som første fraværsdag (dag 1 i uge 1)."
    )
    reference = ["LSD § 13 b stk. 1 (LBK 826/2017 – LBK 68/2019; from 1 Jan 2020 lov 551/2019, LBK 107/2020)", citations.LSD]

    def formula(person, period, parameters):
        rules = parameters(period).lsd.followup  # every leaf is read, whoever is counted (the static trace)
        first_due = 7 * int(rules.first_followup_week) - 1  # days after the first day: week 8 ends on day 55
        every_interval = bool(rules.every_interval_weeks)
        interval = 7 * int(rules.interval_weeks)
        others = int(rules.minimum_in_first_half_year) - 1
        category = person("sickness_benefit_category", period)
        counted = (category == SicknessBenefitCategory.category_2) | (category == SicknessBenefitCategory.category_3)
        start = person("benefit_start_date", period)
        if not counted.any():  # nobody in category 2 or 3: none due (and no date arithmetic)
            return numpy.zeros(start.shape, dtype=float)
        first_day = (numpy.datetime64(period.start.date) - start).astype(int)
        last_day = (numpy.datetime64(period.stop.date) - start).astype(int)
        if every_interval:

            def due_by(day):
                return numpy.where(day >= first_due, (day - first_due) // interval + 1, 0)
        else:
            half_year_end = _half_year_end(start)

            def due_by(day):
                return (day >= first_due).astype(int) + numpy.where(day >= half_year_end, others, 0)

        return numpy.where(counted, due_by(last_day) - due_by(first_day - 1), 0).astype(float)
