"""From 1 Jan 2020 LAB was replaced by LBA (lov nr. 548 af 7.5.2019).

Every rule the engine applies from that date is encoded from LBA itself (lov 548/2019 in the version in force, with
BEK 1180/2019, 1171/2019 and 1178/2019): Min Plan and the rehabilitation plan (§§ 40, 43), the contact process
(§§ 27, 31, 32), right and duty (§§ 102, 105), mentor support (kap. 26), the programmes (kap. 18–19) and the
jobcenter (§ 2). So no answer rests on repealed text, and this variable — kept as a question of the case path — is
false in every month (register R12, settled by reading LBA).
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
