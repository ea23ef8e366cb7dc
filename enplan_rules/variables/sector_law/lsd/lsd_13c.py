"""LSD § 13 c stk. 2: the agreement on employment goal and effort for a category-2 sickness-benefit recipient.

"Kommunen skal ved første opfølgning indgå en aftale med den sygemeldte om beskæftigelsesmål og
beskæftigelsesindsats" (every version; "jf. dog § 13 e" from lov 707, 1 Jul 2018). Only from 1 Jan 2020 (lov nr.
551 af 7.5.2019 § 3 with LBA; first consolidated in LBK 107/2020) does the next sentence read "Aftalen skal indgå i
den sygemeldtes »Min Plan« efter kapitel 8 i lov om en aktiv beskæftigelsesindsats" — LBA's chapter 8. Until then
the agreement stood on its own: it is a plan of its own where the One Plan law asks whether several plans are made
(parameter lsd.agreement.part_of_min_plan).
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import SicknessBenefitCategory
from enplan_rules.variable import Variable


class lsd_13c_plan_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A category-2 sickness-benefit recipient must have a § 13 c agreement (from 2020 as part of Min Plan)"
    label_da = "En sygedagpengemodtager i kategori 2 skal have en aftale efter § 13 c (fra 2020 som en del af »Min Plan«)"
    reference = ["LSD § 13 c stk. 2; § 12 stk. 1 nr. 2", citations.LSD]

    def formula(person, period):
        return person("sickness_benefit_category", period) == SicknessBenefitCategory.category_2


class lsd_13c_agreement_counted_as_own_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The § 13 c agreement is a plan of its own (to 31 Dec 2019); from 1 Jan 2020 it forms part of »Min Plan« "
        "(LSD § 13 c stk. 2 2. pkt.) and is not counted apart"
    )
    label_da = (
        "Aftalen efter § 13 c er en selvstændig plan (til 31.12.2019); fra 1.1.2020 indgår den i »Min Plan« "
        "(LSD § 13 c, stk. 2, 2. pkt.) og tælles ikke for sig"
    )
    reference = ["LSD § 13 c stk. 2 (LBK 826/2017 – LBK 68/2019; from 1 Jan 2020 LBK 107/2020)", citations.LSD]

    def formula(person, period, parameters):
        return person("lsd_13c_plan_triggered", period) & ~parameters(period).lsd.agreement.part_of_min_plan


class lsd_13c_plan_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces the § 13 c agreement (not before lov 707, LSD § 13 e)"
    label_da = "En helhedsorienteret plan erstatter aftalen efter § 13 c (ikke før lov 707, LSD § 13 e)"
    reference = ["LSD § 13 c as it stood before lov nr. 707 af 8.6.2018", citations.LSD]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lsd_13c_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the § 13 c agreement (not outside the trial)"
    label_da = "Forsøget fritager for aftalen efter § 13 c (ikke uden for forsøget)"
    reference = ["LSD § 13 c applies in full outside the trial", citations.LSD]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_lsd_13c(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The LSD § 13 c category-2 agreement must be made (unless a holistic plan or the trial replaces it)"
    label_da = (
        "Aftalen for kategori 2 efter LSD § 13 c skal indgås (medmindre en helhedsorienteret plan eller forsøget"
        " erstatter den)"
    )
    reference = ["LSD § 13 c stk. 2", citations.LSD]

    def formula(person, period):
        return (
            person("lsd_13c_plan_triggered", period)
            & ~person("lsd_13c_plan_replaced_by_holistic_plan", period)
            & ~person("lsd_13c_plan_set_aside_by_trial", period)
        )
