"""The individual contact process (individuelt kontaktforløb): LAB kap. 7 (§§ 15–20 b) and § 73 a to 31 Dec 2019,
LBA kap. 7 (§§ 27–39) from 1 Jan 2020 — the counts and periods per target group are parameters
(`lab.contact_process`), dated by the act in force."""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import by_group, lookup
from enplan_rules.variable import Variable

CONTACT_PROCESS = "LAB §§ 15–20 b, § 73 a (to 2019); LBA §§ 27, 31, 32 (from 2020)"


class lab_contact_process_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's target group has an ordinary LAB contact process that month"
    label_da = "Borgerens målgruppe har et almindeligt kontaktforløb efter LAB den måned"
    reference = [CONTACT_PROCESS, citations.LAB, citations.BEK_LAB]

    def formula(person, period, parameters):
        applies = by_group(parameters(period).lab.contact_process.applies_to, person, period)
        return applies & (person("months_in_target_group", period) >= 0)


class lab_contact_process_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial lets the municipality design the contact process (not outside the trial)"
    label_da = "Forsøget lader kommunen tilrettelægge kontaktforløbet (ikke uden for forsøget)"
    reference = ["LAB kap. 7 applies in full outside the trial", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lab_ordinary_required_meetings(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = (
        "Individual job interviews the ordinary contact rules of the employment act require that month (first "
        "phase spread evenly, then the yearly rate / 12, plus dagpenge's extra interview by 16 months)"
    )
    label_da = (
        "Individuelle jobsamtaler, som beskæftigelseslovens almindelige kontaktregler kræver den måned (første "
        "fase fordelt ligeligt, derefter den årlige rate / 12, og for dagpenge den ekstra samtale senest efter 16 "
        "måneder)"
    )
    reference = [CONTACT_PROCESS, citations.LAB, citations.BEK_LAB]

    def formula(person, period, parameters):
        rules = parameters(period).lab.contact_process
        months = person("months_in_target_group", period)
        group = person("employment_target_group", period)
        first_months = lookup(rules.first_months, group)
        in_first_phase = months < first_months
        first_phase_rate = lookup(rules.meetings_in_first_months, group) / numpy.maximum(first_months, 1)
        later_rate = lookup(rules.meetings_per_year_after, group) / 12
        rate = numpy.where(in_first_phase, first_phase_rate, later_rate)
        # LAB § 16 a stk. 3 / LBA § 32 stk. 2: one more interview at the latest when the 16th month ends.
        extra_month = lookup(rules.extra_meeting_month, group)
        rate = rate + ((extra_month > 0) & (months == extra_month - 1))
        return numpy.where(person("lab_contact_process_triggered", period), rate, 0.0)
