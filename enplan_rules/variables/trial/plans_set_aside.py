"""BEK nr. 529 af 23.5.2018 §§ 26, 27, 34 and Bilag 1: the separate plans the one plan replaces in the trial.

Not here, because the trial does not set them aside: the child's SEL § 140 plan and the preparatory part of
the rehabilitation plan (Bilag 1, 'Undtagelser i forhold til én handleplan')."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import set_aside_in_trial
from enplan_rules.variable import Variable


class sel_141_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial the one plan replaces the SEL § 141 action plan"
    label_da = "I forsøget erstatter den samlede plan handleplanen efter SEL § 141"
    reference = ["Bilag 1 'Én handleplan'; BEK 529 § 26 as Ballerup cites it (register 3)", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "sel_141") & person("sel_141_plan_triggered", period)


class sel_54_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial the one plan replaces the SEL § 54 plan"
    label_da = "I forsøget erstatter den samlede plan planen efter SEL § 54"
    reference = ["Bilag 1 'Én handleplan'; Ballerup's list (register 3)", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "sel_54") & person("parent_of_child_in_care", period)


class sel_70_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial the one plan replaces the SEL § 70 plan"
    label_da = "I forsøget erstatter den samlede plan planen efter SEL § 70"
    reference = ["Bilag 1 'Én handleplan'; BEK 529 § 26 as Ballerup describes it (registers 2, 3)", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "sel_70") & person("parent_of_child_in_care", period)


class lab_min_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial the one plan replaces »Min Plan« (LAB §§ 27–30, BEK § 52)"
    label_da = "I forsøget erstatter den samlede plan »Min Plan« (LAB §§ 27–30, BEK § 52)"
    reference = ["BEK nr. 529 af 23.5.2018 § 26", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "lab_min_plan") & person("lab_min_plan_triggered", period)


class lab_30a_action_part_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial no separate action part of the rehabilitation plan is made"
    label_da = "I forsøget udarbejdes ingen særskilt indsatsdel af rehabiliteringsplanen"
    reference = ["BEK nr. 529 af 23.5.2018 § 27", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "lab_30a_action_part") & person("lab_30a_action_part_triggered", period)


class lab_kap_12a_12b_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial no separate ressourceforløb / jobafklaringsforløb plan is made (their interventions go into the one plan)"
    label_da = (
        "I forsøget udarbejdes ingen særskilt plan for ressourceforløb / jobafklaringsforløb (deres indsatser"
        " indgår i den samlede plan)"
    )
    reference = ["Bilag 1 'Én handleplan': LAB kap. 12 a–12 b", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "lab_kap_12a_12b") & person("lab_kap_12a_12b_plan_triggered", period)


class las_50_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial no separate LAS § 50 plan is made"
    label_da = "I forsøget udarbejdes ingen særskilt plan efter LAS § 50"
    reference = ["Bilag 1 'Én handleplan': LAS § 50", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "las_50") & person("las_50_plan_triggered", period)


class lsd_13c_plan_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial no separate LSD § 13 c agreement is made"
    label_da = "I forsøget indgås ingen særskilt aftale efter LSD § 13 c"
    reference = ["Bilag 1 'Én handleplan': LSD § 13 c", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "lsd_13c") & person("lsd_13c_plan_triggered", period)


class lab_31c_mentor_form_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "In the trial the mentor form and its content are merged into the one plan"
    label_da = "I forsøget lægges mentorblanketten og dens indhold ind i den samlede plan"
    reference = ["BEK nr. 529 af 23.5.2018 § 34", citations.TRIAL_ORDER]

    def formula(person, period, parameters):
        return set_aside_in_trial(person, period, parameters, "lab_31c_mentor_form") & person("lab_31c_mentor_form_triggered", period)


class one_plan_must_show_programme_interventions(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The one plan must show the interventions of jobafklaringsforløb, ressourceforløb or sickness benefit category 3"
    label_da = (
        "Den samlede plan skal vise indsatserne i jobafklaringsforløb, ressourceforløb eller "
        "sygedagpengekategori 3"
    )
    reference = ["Bilag 1 'Én handleplan': 'indsatser ... skal fremgå af den samlede handleplan'", citations.TRIAL_ORDER]

    def formula(person, period):
        from enplan_rules.enums import SicknessBenefitCategory

        return person("in_en_plan_trial", period) & (
            person("lab_kap_12a_12b_plan_triggered", period)
            | (person("sickness_benefit_category", period) == SicknessBenefitCategory.category_3)
        )
