"""Membership of the free-municipality trial: nobody is in it under sector law alone."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class in_en_plan_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen is in the En Plan free-municipality trial that month"
    label_da = "Borgeren er med i frikommuneforsøget En Plan den måned"
    reference = ["Lov nr. 658 af 8.6.2017 om frikommunenetværk § 2 nr. 7 (the trial exists only under that act)", citations.FRIKOMMUNE_ACT]

    def formula(person, period):
        return person.empty_array().astype(bool)


class trial_legal_basis_unresolved(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A trial answer in a month no trial order covers (never, outside the trial)"
    label_da = "Et svar i forsøget i en måned, som ingen forsøgsbekendtgørelse dækker (aldrig uden for forsøget)"
    reference = ["Lov nr. 658 af 8.6.2017 om frikommunenetværk", citations.FRIKOMMUNE_ACT]

    def formula(person, period):
        return person.empty_array().astype(bool)
