"""From 1 Jan 2020 LAB was replaced by LBA (lov nr. 548 af 7.5.2019).

The engine encodes LBA § 40 (Min Plan, the rehabilitation plan and the holistic plan) with its new number; the
other rules it applies — target groups, contact process, right and duty, the mentor form, the kap. 12 a–12 b
programmes — are LAB's, whose LBA successors were not found. This variable says, in every regime, when an answer
rests on that repealed text (register R12).
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class lab_repealed_text_applied(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The month is after LAB's repeal (1 Jan 2020): answers under LAB rest on repealed text unless an LBA section is cited"
    label_da = (
        "Måneden ligger efter LAB's ophævelse (1.1.2020): svar efter LAB hviler på ophævet tekst, medmindre "
        "en bestemmelse i LBA citeres"
    )
    reference = ["Lov nr. 548 af 7.5.2019 (LBA), in force 1 Jan 2020; register R12", citations.LBA]

    def formula(person, period, parameters):
        return person.empty_array().astype(bool) | parameters(period).lab.repealed_by_lba
