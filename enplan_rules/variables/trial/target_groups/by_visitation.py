"""Allerød, Gribskov and Halsnæs: the seeds leave the target group to the municipality's own visitation."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class in_trial_target_group_by_visitation(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Allerød (vulnerable adults with complex problems), Gribskov (vulnerable youth and families), "
        "Halsnæs (families, youth, adults): the municipality's visitation decision places the citizen in the group"
    )
    label_da = (
        "Allerød (udsatte voksne med komplekse problemer), Gribskov (udsatte unge og familier), Halsnæs "
        "(familier, unge, voksne): kommunens visitationsafgørelse placerer borgeren i gruppen"
    )
    reference = ["Midtvejsstatus (seeds): Allerød, Gribskov, Halsnæs", citations.FRIKOMMUNE_ACT]

    def formula(person, period):
        return person("municipal_visitation_to_trial", period)
