"""The trial as dated layers: which exemption the trial text in force that month gives.

The network's trial orders followed one another: BEK nr. 603 af 1.6.2017 (1 Jul 2017, §§ 12–16), BEK nr. 1255
af 24.11.2017 (1 Jan 2018, §§ 16–23: adds category 3, the contact process for every § 2 person and right and
duty), BEK nr. 529 af 23.5.2018 (1 Jul 2018, §§ 26–34: adds the mentor form) and BEK nr. 1184 af 25.11.2019
(1 Jan 2020, §§ 22–30 in LBA terms: without LAS § 50 and the mentor form; § 22 stk. 2 keeps five municipalities'
dagpenge recipients out of the contact-process trials). The Social Services Act rests on lov nr. 658 af 8.6.2017
§ 11 alone. Each variable here is true in a month where that text gives the exemption
(parameters `trial.text_gives.*`); an exemption applies only where it is true AND the municipality adopted the
exemption for its group and dates (`formula_helpers.set_aside_in_trial`).
"""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import EmploymentTargetGroup, SicknessBenefitCategory
from enplan_rules.formula_helpers import by_group, lookup
from enplan_rules.variable import Variable

ORDERS = [citations.TRIAL_ORDER_603, citations.TRIAL_ORDER_1255, citations.TRIAL_ORDER, citations.TRIAL_ORDER_1184]


def _gives(person, period, parameters, name):
    return numpy.full(person.count, bool(parameters(period).trial.text_gives[name]))


class trial_order_in_force(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A trial order for the network is in force that month (BEK 603, 1255, 529, then 1184 to 1 Jan 2022)"
    label_da = "En forsøgsbekendtgørelse for netværket er i kraft den måned (BEK 603, 1255, 529, derefter 1184 til 1.1.2022)"
    reference = ["BEK 603 § 17; BEK 1255 § 24; BEK 529 § 38; BEK 1184 §§ 33–34", *ORDERS]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "order_in_force")


class trial_text_gives_lab_min_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The order in force exempts from »Min Plan« (BEK 603 § 12, 1255 § 16, 529 § 26, 1184 § 23)"
    label_da = "Bekendtgørelsen i kraft undtager fra »Min Plan« (BEK 603 § 12, 1255 § 16, 529 § 26, 1184 § 23)"
    reference = ["BEK 603 § 12; 1255 § 16; 529 § 26; 1184 § 23", *ORDERS]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "lab_min_plan")


class trial_text_gives_lsd_13c(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The order in force exempts from the LSD § 13 c stk. 2 agreement (603 § 12, 1255 § 16, 529 § 26, 1184 § 23)"
    label_da = "Bekendtgørelsen i kraft undtager fra aftalen efter LSD § 13 c, stk. 2 (603 § 12, 1255 § 16, 529 § 26, 1184 § 23)"
    reference = ["BEK 603 § 12 stk. 3 nr. 3; 1255 § 16; 529 § 26; 1184 § 23 stk. 3 nr. 2", *ORDERS]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "lsd_13c")


class trial_text_gives_las_50(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The order in force exempts from the LAS § 50 job plan (603 § 12, 1255 § 16, 529 § 26; not BEK 1184)"
    label_da = "Bekendtgørelsen i kraft undtager fra jobplanen efter LAS § 50 (603 § 12, 1255 § 16, 529 § 26; ikke BEK 1184)"
    reference = ["BEK 603 § 12 stk. 3 nr. 2; 1255 § 16 stk. 3 nr. 2; 529 § 26 stk. 3 nr. 2; BEK 1184 § 23 stk. 3 omits it",
                 *ORDERS]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "las_50")


class trial_text_gives_lab_30a_action_part(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The order in force exempts from the separate action part of the rehabilitation plan (603 § 13, 1255 § 17, 529 § 27, 1184 § 24)"
    label_da = (
        "Bekendtgørelsen i kraft undtager fra en særskilt indsatsdel af rehabiliteringsplanen (603 § 13, 1255 § 17,"
        " 529 § 27, 1184 § 24)"
    )
    reference = ["BEK 603 § 13; 1255 § 17; 529 § 27; 1184 § 24", *ORDERS]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "lab_30a_action_part")


class trial_text_gives_lab_kap_12a_12b(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The order in force lets a jobafklaringsforløb's or ressourceforløb's interventions stand in one joint action plan (603 § 13 stk. 2 …)"
    label_da = (
        "Bekendtgørelsen i kraft lader indsatserne i et jobafklaringsforløb eller ressourceforløb indgå i en samlet "
        "handleplan (603 § 13, stk. 2 …)"
    )
    reference = ["BEK 603 § 13 stk. 2; 1255 § 17 stk. 2; 529 § 27 stk. 2; 1184 § 24 stk. 2", *ORDERS]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "lab_kap_12a_12b")


class trial_text_gives_employment_effort_outside_jobcenter(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The order in force lets another unit than the jobcenter run the employment effort (603 § 14, 1255 § 18, 529 § 28, 1184 § 25)"
    label_da = (
        "Bekendtgørelsen i kraft lader en anden enhed end jobcenteret varetage beskæftigelsesindsatsen (603 § 14, "
        "1255 § 18, 529 § 28, 1184 § 25)"
    )
    reference = ["BEK 603 § 14; 1255 § 18; 529 § 28; 1184 § 25", *ORDERS]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "employment_effort_outside_jobcenter")


class trial_text_gives_lab_contact_process(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The order in force lets the municipality design the contact process for the citizen's LAB § 2 (LBA § 6) "
        "group: 603 § 15's list (no sygedagpenge); from 2018 all of § 2 (1255 § 22, 529 § 32, 1184 § 29); from "
        "2020 not for dagpenge in Frederikssund, Furesø, Halsnæs, Helsingør, Hillerød (1184 § 22 stk. 2)"
    )
    label_da = (
        "Bekendtgørelsen i kraft lader kommunen tilrettelægge kontaktforløbet for borgerens målgruppe i LAB § 2 "
        "(LBA § 6): listen i 603 § 15 (ikke sygedagpenge); fra 2018 hele § 2 (1255 § 22, 529 § 32, 1184 § 29); fra "
        "2020 ikke for dagpengemodtagere i Frederikssund, Furesø, Halsnæs, Helsingør, Hillerød (1184 § 22, stk. 2)"
    )
    reference = ["BEK 603 § 15; 1255 §§ 19, 22; 529 §§ 29, 32; 1184 § 22 stk. 2, §§ 26, 29", *ORDERS]

    def formula(person, period, parameters):
        gives = parameters(period).trial.text_gives
        in_group = by_group(gives.lab_contact_process, person, period)
        dagpenge_excluded = lookup(gives.lab_contact_process_dagpenge_excluded, person("municipality", period))
        is_dagpenge = person("employment_target_group", period) == EmploymentTargetGroup.dagpenge
        return in_group & ~(dagpenge_excluded & is_dagpenge)


class trial_text_gives_lsd_13b_followup(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The order in force lets the municipality set the sickness-benefit follow-up for the citizen's category: "
        "category 2 from 1 Jul 2017 (603 § 16), category 3 from 1 Jan 2018 (1255 § 21)"
    )
    label_da = (
        "Bekendtgørelsen i kraft lader kommunen fastlægge sygedagpengeopfølgningen for borgerens kategori: kategori 2 "
        "fra 1.7.2017 (603 § 16), kategori 3 fra 1.1.2018 (1255 § 21)"
    )
    reference = ["BEK 603 § 16; 1255 §§ 20–21; 529 §§ 30–31; 1184 §§ 27–28", *ORDERS]

    def formula(person, period, parameters):
        gives = parameters(period).trial.text_gives
        category = person("sickness_benefit_category", period)
        return ((category == SicknessBenefitCategory.category_2) & bool(gives.lsd_13b_followup_category_2)) | (
            (category == SicknessBenefitCategory.category_3) & bool(gives.lsd_13b_followup_category_3)
        )


class trial_text_gives_right_and_duty(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The order in force exempts from the right-and-duty deadlines (from 1 Jan 2018: 1255 § 23, 529 § 33, 1184 § 30; not BEK 603)"
    label_da = "Bekendtgørelsen i kraft undtager fra fristerne for ret og pligt (fra 1.1.2018: 1255 § 23, 529 § 33, 1184 § 30; ikke BEK 603)"
    reference = ["BEK 1255 § 23; 529 § 33; 1184 § 30", citations.TRIAL_ORDER_1255, citations.TRIAL_ORDER,
                 citations.TRIAL_ORDER_1184]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "right_and_duty")


class trial_text_gives_lab_31c_mentor_form(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The order in force frees the municipality from the written mentor agreement (BEK 529 § 34 only: 1 Jul 2018 – 31 Dec 2019)"
    label_da = "Bekendtgørelsen i kraft fritager for den skriftlige mentoraftale (kun BEK 529 § 34: 1.7.2018–31.12.2019)"
    reference = ["BEK nr. 529 af 23.5.2018 § 34; not in BEK 603, 1255 or 1184", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "lab_31c_mentor_form")


class trial_text_gives_sel_54(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Lov 658/2017 § 11 stk. 1 lets the council set aside the separate plan for support to parents (SEL § 54 stk. 2 3. pkt.)"
    label_da = "Lov 658/2017 § 11, stk. 1, lader kommunalbestyrelsen fravige den særskilte plan for støtte til forældre (SEL § 54, stk. 2, 3. pkt.)"
    reference = ["Lov nr. 658 af 8.6.2017 § 11 stk. 1 (LBK nr. 831 af 25.6.2018 § 11 stk. 1)", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "sel_54")


class trial_text_gives_sel_70(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Lov 658/2017 § 11 stk. 3 lets the council set aside SEL § 70 stk. 4 as part of the § 54 trial (with a substitute revision duty)"
    label_da = (
        "Lov 658/2017 § 11, stk. 3, lader kommunalbestyrelsen fravige SEL § 70, stk. 4, som led i forsøget efter "
        "stk. 1 (med en pligt til i stedet at tilbyde revision)"
    )
    reference = ["Lov nr. 658 af 8.6.2017 § 11 stk. 3 (LBK nr. 831 af 25.6.2018 § 11 stk. 3)", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        return _gives(person, period, parameters, "sel_70")
