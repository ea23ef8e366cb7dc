"""BEK nr. 529 af 23.5.2018 §§ 28–33: organisation, contact process, sickness follow-up and right-and-duty offers."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import SicknessBenefitCategory
from enplan_rules.formula_helpers import in_any_target_group, set_aside_in_trial
from enplan_rules.variable import Variable


class lab_contact_process_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The municipality designs the contact process for a LAB § 2 person with complex and compound problems "
        "(§ 29 list: § 2 nr. 1–4, 6, 7 on ledighedsydelse, 11–14; § 32: all of § 2, kap. 7)"
    )
    label_da = (
        "Kommunen tilrettelægger kontaktforløbet for en person i LAB § 2's målgrupper med komplekse og "
        "sammensatte problemer (§ 29's liste: § 2 nr. 1–4, 6, 7 på ledighedsydelse, 11–14; § 32: hele § 2, "
        "kap. 7)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 29 and 32 (registers 5, 6)", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "lab_contact_process")
            & person("lab_contact_process_triggered", period)
            & in_any_target_group(person, period)
            & person("has_complex_problems", period)
        )


class lsd_13b_followup_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The municipality sets form and frequency of sickness-benefit follow-up for categories 2 and 3"
    label_da = "Kommunen fastsætter form og hyppighed for sygedagpengeopfølgningen for kategori 2 og 3"
    reference = ["BEK nr. 529 af 23.5.2018 § 30 (category 2), § 31 (category 3) (register 4)", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        category = person("sickness_benefit_category", period)
        return set_aside_in_trial(person, period, parameters, "lsd_13b_followup") & (
            (category == SicknessBenefitCategory.category_2) | (category == SicknessBenefitCategory.category_3)
        )


class right_and_duty_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Right-and-duty offers are set aside for a period, with an intervention under other law instead — "
        "ONLY where a professional assessment finds the citizen will not benefit from the offers"
    )
    label_da = (
        "Ret og pligt-tilbud fraviges i en periode, med en indsats efter anden lovgivning i stedet — KUN hvor"
        " en faglig vurdering finder, at borgeren ikke vil profitere af tilbuddene"
    )
    reference = ["BEK nr. 529 af 23.5.2018 § 33; Bilag 1 'Fleksibelt brug af ret og pligt'", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "right_and_duty")
            & person("right_and_duty_regime_applies", period)
            & person("has_complex_problems", period)
            & person("assessed_not_to_benefit_from_offers", period)
        )


class employment_effort_outside_jobcenter_allowed_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Another unit than the jobcenter may run the employment effort for a LAB person with complex and compound problems"
    label_da = (
        "En anden enhed end jobcenteret må varetage beskæftigelsesindsatsen for en person efter LAB med "
        "komplekse og sammensatte problemer"
    )
    reference = ["BEK nr. 529 af 23.5.2018 § 28; Bilag 1 'Ny organisering'", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "employment_effort_outside_jobcenter")
            & in_any_target_group(person, period)
            & person("has_complex_problems", period)
        )
