"""LAB § 31 c: the written mentor agreement (the mentor form, mentorblanket) — to 31 Dec 2019. From 1 Jan 2020 LBA has
no such section: the mentor support is described in »Min Plan« (BEK 1180/2019 § 52)."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class lab_31c_mentor_form_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Mentor support needs a written mentor agreement of its own (LAB § 31 c, to 2019; not under LBA)"
    label_da = "Mentorstøtten kræver en særskilt skriftlig mentoraftale (LAB § 31 c, til og med 2019; ikke efter LBA)"
    reference = ["LAB § 31 c stk. 1–2; from 2020 BEK 1180/2019 § 52 (in »Min Plan«)", citations.LAB, citations.LBA]

    def formula(person, period, parameters):
        return person("has_mentor", period) & parameters(period).lab.mentor_form


class lab_31c_mentor_form_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial merges the mentor form into the one plan (none outside the trial)"
    label_da = "Forsøget lægger mentorblanketten ind i den samlede plan (ikke uden for forsøget)"
    reference = ["LAB § 31 c applies in full outside the trial", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_mentor_form_required(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate mentor form must be made (LAB § 31 c)"
    label_da = "En særskilt mentorblanket skal udarbejdes (LAB § 31 c)"
    reference = ["LAB § 31 c", citations.LAB]

    def formula(person, period):
        return person("lab_31c_mentor_form_triggered", period) & ~person(
            "lab_31c_mentor_form_set_aside_by_trial", period
        )
