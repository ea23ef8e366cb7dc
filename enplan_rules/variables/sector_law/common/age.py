"""Age and time in a target group."""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules.entities import Person
from enplan_rules.formula_helpers import per_array
from enplan_rules.variable import Variable

AGE_REFERENCE = (
    "A person reaches an age on the birthday; ages are taken on the first day of the month "
    "(the target groups of the seeds are stated in whole years)"
)


@per_array
def _birthday_counted_from(dates):
    """The month (months since January 1970) from whose first day each birthday counts: the birth month for a
    person born on the 1st, the next month otherwise (one datetime conversion, not three; once for each array
    of birth dates, which stay the same month after month)."""
    month = dates.astype("datetime64[M]")
    return month.astype(numpy.int64) + (dates != month.astype("datetime64[D]"))


@per_array
def _month_number(dates):
    """The month of each date, in months since January 1970 (once for each array of dates: an input's array is
    the same month after month)."""
    return dates.astype("datetime64[M]").astype(int)


class age(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Age in whole years on the first day of the month"
    label_da = "Alder i hele år den første dag i måneden"
    reference = AGE_REFERENCE

    def formula(person, period):
        # On the first day of the month: a birthday in an earlier month, or on the 1st of this one, has been
        # reached; whole years are then the whole twelves of months between the two.
        start = period.start
        current = (start.year - 1970) * 12 + start.month - 1
        return (current - _birthday_counted_from(person("birth_date", period))) // 12


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
        started = _month_number(person("benefit_start_date", period))
        current = (period.start.year - 1970) * 12 + period.start.month - 1
        return current - started
