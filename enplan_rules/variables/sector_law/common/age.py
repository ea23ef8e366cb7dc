"""Age and time in a target group."""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules.entities import Person
from enplan_rules.variable import Variable

AGE_REFERENCE = (
    "A person reaches an age on the birthday; ages are taken on the first day of the month "
    "(the target groups of the seeds are stated in whole years)"
)


def _year_month_day(dates):
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    months = dates.astype("datetime64[M]").astype(int) % 12 + 1
    days = (dates - dates.astype("datetime64[M]")).astype(int) + 1
    return years, months, days


class age(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Age in whole years on the first day of the month"
    label_da = "Alder i hele år den første dag i måneden"
    reference = AGE_REFERENCE

    def formula(person, period):
        born_y, born_m, born_d = _year_month_day(person("birth_date", period))
        start = period.start
        had_birthday = (born_m < start.month) | ((born_m == start.month) & (born_d <= start.day))
        return start.year - born_y - numpy.where(had_birthday, 0, 1)


class months_in_target_group(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Whole calendar months since the month the citizen entered the target group (0 in that month)"
    label_da = "Hele kalendermåneder siden den måned, borgeren kom i målgruppen (0 i den måned)"
    reference = (
        "LAB kap. 7 and §§ 85–96 c count contact and offer deadlines from entry into the "
        "target group: https://www.retsinformation.dk/eli/lta/2016/1342"
    )

    def formula(person, period):
        started = person("benefit_start_date", period).astype("datetime64[M]").astype(int)
        current = (period.start.year - 1970) * 12 + period.start.month - 1
        return current - started
