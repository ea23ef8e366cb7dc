"""SEL § 140: the action plan for a child or young person receiving special support. No regime sets it aside."""

from openfisca_core.periods import MONTH
from openfisca_core.variables import Variable

from enplan_rules import citations
from enplan_rules.entities import Person


class separate_plan_required_sel_140(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The child's own SEL § 140 action plan must be made, on the child's own case file"
    reference = [
        "SEL § 140; the trial does NOT exempt it (Bilag 1, 'Undtagelser' — the child keeps its own plan and "
        "right to complain; see ambiguity register 1); lov 707 does not amend § 140",
        citations.SEL,
    ]

    def formula(person, period):
        return person("receives_child_special_support", period)
