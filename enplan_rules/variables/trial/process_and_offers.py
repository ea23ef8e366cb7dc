"""Organisation, contact process, sickness follow-up and right-and-duty offers in the trial, order by order.

BEK 603 §§ 14–16 (1 Jul 2017), BEK 1255 §§ 18–23 (1 Jan 2018: + category 3, the contact process for every § 2
person, right and duty), BEK 529 §§ 28–33 (1 Jul 2018), BEK 1184 §§ 25–30 (1 Jan 2020, LBA terms; § 22 stk. 2).
Which order gives what in a month: `text_gives.py`."""

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
        "The municipality designs the contact process for a LAB § 2 (LBA § 6) person with complex and compound "
        "problems in a group the order in force covers (603 § 15's list; from 2018 all of § 2: 1255 § 22, 529 "
        "§ 32, 1184 § 29; from 2020 not dagpenge in the five municipalities of 1184 § 22 stk. 2)"
    )
    label_da = (
        "Kommunen tilrettelægger kontaktforløbet for en person i LAB § 2 (LBA § 6) med komplekse og sammensatte "
        "problemer i en målgruppe, som bekendtgørelsen i kraft omfatter (listen i 603 § 15; fra 2018 hele § 2: "
        "1255 § 22, 529 § 32, 1184 § 29; fra 2020 ikke dagpenge i de fem kommuner i 1184 § 22, stk. 2)"
    )
    reference = ["BEK 603 § 15; 1255 §§ 19, 22; 529 §§ 29, 32; 1184 §§ 22 stk. 2, 26, 29 (registers 5, 6)",
                 citations.TRIAL_ORDER_603, citations.TRIAL_ORDER_1255, citations.TRIAL_ORDER, citations.TRIAL_ORDER_1184]

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
    label = (
        "The municipality sets form and frequency of the sickness-benefit follow-up: category 2 from 1 Jul 2017 "
        "(BEK 603 § 16), category 3 from 1 Jan 2018 (BEK 1255 § 21)"
    )
    label_da = (
        "Kommunen fastsætter form og hyppighed for sygedagpengeopfølgningen: kategori 2 fra 1.7.2017 (BEK 603 § 16), "
        "kategori 3 fra 1.1.2018 (BEK 1255 § 21)"
    )
    reference = ["BEK 603 § 16; 1255 §§ 20–21; 529 §§ 30–31; 1184 §§ 27–28 (register 4)", citations.TRIAL_ORDER_603,
                 citations.TRIAL_ORDER_1255, citations.TRIAL_ORDER, citations.TRIAL_ORDER_1184]

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
        "From 1 Jan 2018 the deadline by which a LAB § 2 (LBA § 6) person with complex and compound problems must "
        "begin an offer is set aside, the municipality giving an intervention under other law instead (BEK 1255 "
        "§ 23, 529 § 33, 1184 § 30); the network uses it only where a professional assessment finds the citizen "
        "will not benefit from the offers (Bilag 1)"
    )
    label_da = (
        "Fra 1.1.2018 fraviges fristen for, hvornår en person i LAB § 2 (LBA § 6) med komplekse og sammensatte "
        "problemer senest skal påbegynde et tilbud, idet kommunen i stedet giver indsats efter anden lovgivning "
        "(BEK 1255 § 23, 529 § 33, 1184 § 30); netværket bruger det kun, hvor en faglig vurdering finder, at "
        "borgeren ikke vil profitere af tilbuddene (Bilag 1)"
    )
    reference = ["BEK 1255 § 23; 529 § 33; 1184 § 30; Bilag 1 'Fleksibelt brug af ret og pligt' (seeds)",
                 citations.TRIAL_ORDER_1255, citations.TRIAL_ORDER, citations.TRIAL_ORDER_1184]

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
    reference = ["BEK 603 § 14; 1255 § 18; 529 § 28; 1184 § 25", citations.TRIAL_ORDER_603, citations.TRIAL_ORDER_1255,
                 citations.TRIAL_ORDER, citations.TRIAL_ORDER_1184]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "employment_effort_outside_jobcenter")
            & in_any_target_group(person, period)
            & person("has_complex_problems", period)
        )
