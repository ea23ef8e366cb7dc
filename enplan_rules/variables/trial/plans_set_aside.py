"""The separate plans the trial's one plan replaces, each as its text writes it in the month's version.

Employment and sickness law: the trial orders (BEK 603 §§ 12–13, 1255 §§ 16–17, 529 §§ 26–27 and 34, 1184 §§ 23–24;
`text_gives.py` says which order gives what in which month). The Social Services Act: lov nr. 658 af 8.6.2017 § 11
alone — § 54 stk. 2 3. pkt. (stk. 1), the parents' elements of the § 140 plan (stk. 2) and the § 70 revision
duties (stk. 3–4). No text sets aside SEL § 141 in the trial (register R3): the trial layer keeps sector law's
answer, and from 1 Jul 2018 lov 707's § 141 stk. 7 applies as in the One Plan law layer.

Not here, because no text sets them aside: the child's SEL § 140 plan and the preparatory part of the
rehabilitation plan."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Family, Person
from enplan_rules.enums import EmploymentTargetGroup as G
from enplan_rules.enums import SicknessBenefitCategory
from enplan_rules.formula_helpers import group_is, in_any_target_group, set_aside_in_trial
from enplan_rules.variable import Variable

ORDERS = [citations.TRIAL_ORDER_603, citations.TRIAL_ORDER_1255, citations.TRIAL_ORDER, citations.TRIAL_ORDER_1184]


def lab_person_with_complex_problems(person, period):
    """'personer, der er omfattet af § 2 [from 2020: § 6] i lov om en aktiv beskæftigelsesindsats, og som har
    komplekse og sammensatte problemer' — the condition of BEK 603 § 12, 1255 § 16, 529 § 26 and 1184 § 23."""
    return in_any_target_group(person, period) & person("has_complex_problems", period)


def rehabilitation_plan_group(person, period):
    """BEK 603 § 13 stk. 1 (1255 § 17, 529 § 27, 1184 § 24): a sickness-benefit recipient (§ 2 nr. 5; § 6 nr. 6)
    visited to category 3, or a person in ressourceforløb (§ 2 nr. 11; § 6 nr. 8) or jobafklaringsforløb (§ 2
    nr. 14; § 6 nr. 7). No condition of complex problems."""
    category_3 = group_is(person, period, G.sygedagpenge) & (
        person("sickness_benefit_category", period) == SicknessBenefitCategory.category_3
    )
    return category_3 | group_is(person, period, G.ressourceforloeb, G.jobafklaringsforloeb)


def is_parent_with_child(person):
    """'som er forældre' (BEK 529 § 34): a parent in a family with at least one child."""
    families = person.simulation.populations["family"]
    return person.has_role(Family.PARENT) & families.project(families.nb_persons(Family.CHILD) > 0)


class sel_54_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The council's trial decision sets aside the separate plan for support to the parents of a child in care "
        "(SEL § 54 stk. 2 3. pkt.); its content goes into a coherent plan for the parents (lov 658/2017 § 11 stk. 1)"
    )
    label_da = (
        "Kommunalbestyrelsens forsøgsbeslutning fraviger den særskilte plan for støtte til forældre under et barns "
        "anbringelse (SEL § 54, stk. 2, 3. pkt.); indholdet indgår i en sammenhængende plan for forældrene (lov "
        "658/2017 § 11, stk. 1)"
    )
    reference = ["Lov nr. 658 af 8.6.2017 § 11 stk. 1; LBK nr. 831 af 25.6.2018 § 11 stk. 1", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "sel_54") & person("parent_of_child_in_care", period)


class sel_70_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "As part of the § 54 trial, SEL § 70 stk. 4 (revision of the separate parents' plan) is set aside: the "
        "municipality must instead offer revision of the coherent plan within 3 months of the placement and "
        "then assess the need at least every 12 months (lov 658/2017 § 11 stk. 3)"
    )
    label_da = (
        "Som led i § 54-forsøget fraviges SEL § 70, stk. 4 (revision af den særskilte forældreplan): kommunen skal "
        "i stedet tilbyde revision af den sammenhængende plan senest 3 måneder efter anbringelsen og derefter "
        "vurdere behovet mindst hver 12. måned (lov 658/2017 § 11, stk. 3)"
    )
    reference = ["Lov nr. 658 af 8.6.2017 § 11 stk. 3; LBK nr. 831 af 25.6.2018 § 11 stk. 3", citations.FRIKOMMUNE_ACT]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "sel_70") & person("sel_54_plan_set_aside_by_trial", period)


class lab_min_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "In the trial the one plan replaces »Min Plan« for a LAB § 2 (LBA § 6) person with complex and compound "
        "problems (BEK 603 § 12, 1255 § 16, 529 § 26, 1184 § 23)"
    )
    label_da = (
        "I forsøget erstatter den samlede plan »Min Plan« for en person i LAB § 2 (LBA § 6) med komplekse og "
        "sammensatte problemer (BEK 603 § 12, 1255 § 16, 529 § 26, 1184 § 23)"
    )
    reference = ["BEK 603 § 12; 1255 § 16; 529 § 26; 1184 § 23", *ORDERS]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "lab_min_plan")
            & lab_person_with_complex_problems(person, period)
            & person("lab_min_plan_triggered", period)
        )


class lab_30a_action_part_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "In the trial no separate action part of the rehabilitation plan is made for sickness-benefit category 3, "
        "ressourceforløb or jobafklaringsforløb (BEK 603 § 13, 1255 § 17, 529 § 27, 1184 § 24)"
    )
    label_da = (
        "I forsøget udarbejdes ingen særskilt indsatsdel af rehabiliteringsplanen for sygedagpenge kategori 3, "
        "ressourceforløb eller jobafklaringsforløb (BEK 603 § 13, 1255 § 17, 529 § 27, 1184 § 24)"
    )
    reference = ["BEK 603 § 13; 1255 § 17; 529 § 27; 1184 § 24", *ORDERS]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "lab_30a_action_part")
            & rehabilitation_plan_group(person, period)
            & person("lab_30a_action_part_triggered", period)
        )


class lab_kap_12a_12b_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "In the trial the interventions of a ressourceforløb / jobafklaringsforløb are described in the joint "
        "action plan, not a separate one (BEK 603 § 13 stk. 2, 1255 § 17, 529 § 27, 1184 § 24)"
    )
    label_da = (
        "I forsøget beskrives indsatserne i et ressourceforløb / jobafklaringsforløb i den samlede handleplan, ikke "
        "i en særskilt (BEK 603 § 13, stk. 2, 1255 § 17, 529 § 27, 1184 § 24)"
    )
    reference = ["BEK 603 § 13 stk. 2; 1255 § 17 stk. 2; 529 § 27 stk. 2; 1184 § 24 stk. 2", *ORDERS]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "lab_kap_12a_12b")
            & group_is(person, period, G.ressourceforloeb, G.jobafklaringsforloeb)
            & person("lab_kap_12a_12b_plan_triggered", period)
        )


class las_50_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "In the trial no separate LAS § 50 job plan is made for a LAB § 2 person with complex and compound "
        "problems (BEK 603 § 12, 1255 § 16, 529 § 26 — to 31 Dec 2019; BEK 1184 does not give it)"
    )
    label_da = (
        "I forsøget udarbejdes ingen særskilt jobplan efter LAS § 50 for en person i LAB § 2 med komplekse og "
        "sammensatte problemer (BEK 603 § 12, 1255 § 16, 529 § 26 — til 31.12.2019; BEK 1184 giver den ikke)"
    )
    reference = ["BEK 603 § 12 stk. 3 nr. 2; 1255 § 16 stk. 3 nr. 2; 529 § 26 stk. 3 nr. 2", *ORDERS[:3]]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "las_50")
            & lab_person_with_complex_problems(person, period)
            & person("las_50_plan_triggered", period)
        )


class lsd_13c_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "In the trial no separate LSD § 13 c stk. 2 agreement is made for a sickness-benefit recipient with complex "
        "and compound problems (BEK 603 § 12, 1255 § 16, 529 § 26, 1184 § 23)"
    )
    label_da = (
        "I forsøget indgås ingen særskilt aftale efter LSD § 13 c, stk. 2, med en sygedagpengemodtager med komplekse "
        "og sammensatte problemer (BEK 603 § 12, 1255 § 16, 529 § 26, 1184 § 23)"
    )
    reference = ["BEK 603 § 12 stk. 3 nr. 3; 1255 § 16 stk. 3 nr. 3; 529 § 26 stk. 3 nr. 3; 1184 § 23 stk. 3 nr. 2", *ORDERS]

    def formula(person, period, parameters):
        return (
            set_aside_in_trial(person, period, parameters, "lsd_13c")
            & lab_person_with_complex_problems(person, period)
            & person("lsd_13c_plan_triggered", period)
        )


class lab_31c_mentor_form_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "In the trial no written mentor agreement is made for a parent in ressourceforløb or on uddannelseshjælp as "
        "aktivitetsparat; the mentor offer goes into the family's plan (BEK 529 § 34, 1 Jul 2018 – 31 Dec 2019)"
    )
    label_da = (
        "I forsøget indgås ingen skriftlig mentoraftale for en forælder i ressourceforløb eller på uddannelseshjælp "
        "som aktivitetsparat; mentortilbuddet indgår i familiens plan (BEK 529 § 34, 1.7.2018–31.12.2019)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 § 34", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        in_group = group_is(person, period, G.ressourceforloeb, G.uddannelseshjaelp_aktivitetsparat)
        return (
            set_aside_in_trial(person, period, parameters, "lab_31c_mentor_form")
            & in_group
            & person.has_role(Family.PARENT)
            & is_parent_with_child(person)
            & person("lab_31c_mentor_form_triggered", period)
        )


class one_plan_must_show_programme_interventions(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The joint action plan must show the interventions of the jobafklaringsforløb, ressourceforløb or "
        "sickness-benefit course whose separate action part it replaces"
    )
    label_da = (
        "Den samlede handleplan skal vise indsatserne i det jobafklaringsforløb, ressourceforløb eller "
        "sygedagpengeforløb, hvis særskilte indsatsdel den erstatter"
    )
    reference = ["BEK 603 § 13 stk. 2 2. pkt.; 1255 § 17; 529 § 27; 1184 § 24 stk. 2", *ORDERS]

    def formula(person, period):
        return (
            person("in_en_plan_trial", period)
            & person("trial_text_gives_lab_30a_action_part", period)
            & rehabilitation_plan_group(person, period)
        )
