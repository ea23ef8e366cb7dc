"""The ordinary contact process across LAB kap. 7 and LSD § 13 b, and the meetings it requires."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.variable import Variable


class ordinary_contact_process_applies(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The ordinary contact process (LAB kap. 7, or sickness-benefit follow-up under LSD § 13 b) binds the municipality that month"
    label_da = (
        "Det almindelige kontaktforløb (LAB kap. 7 eller sygedagpengeopfølgning efter LSD § 13 b) binder "
        "kommunen den måned"
    )
    reference = [
        "LAB § 16 stk. 1, 3–6, 8, §§ 17–20 b, § 73 a stk. 2–5; BEK §§ 35, 36, 38; LSD § 13 b stk. 1, 2, 4",
        citations.LAB,
        citations.LSD,
    ]

    def formula(person, period):
        lab = person("lab_contact_process_triggered", period) & ~person(
            "lab_contact_process_set_aside_by_trial", period
        )
        lsd = person("lsd_13b_followup_triggered", period) & ~person(
            "lsd_13b_followup_set_aside_by_trial", period
        )
        return lab | lsd


class ordinary_required_meetings(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = (
        "Meetings the ordinary contact rules require that month (the benchmark for meeting parity, "
        "whatever the regime; the Social Services Act sets no meeting counts)"
    )
    label_da = (
        "Møder, som de almindelige kontaktregler kræver den måned (målestokken for mødeparitet uanset regime;"
        " serviceloven fastsætter ikke et antal møder)"
    )
    reference = ["LAB kap. 7; BEK §§ 35, 36, 38; LSD § 13 b", citations.LAB, citations.LSD]

    def formula(person, period):
        return person("lab_ordinary_required_meetings", period) + person(
            "lsd_ordinary_required_followups", period
        )
