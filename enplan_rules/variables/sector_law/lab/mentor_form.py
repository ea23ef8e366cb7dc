"""LAB § 31 c: the mentor form (mentorblanket) describing a mentor offer."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class lab_31c_mentor_form_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Mentor support must be described on a mentor form"
    label_da = "Mentorstøtten skal beskrives på en mentorblanket"
    reference = ["LAB § 31 c", citations.LAB]

    def formula(person, period):
        return person("has_mentor", period)


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
