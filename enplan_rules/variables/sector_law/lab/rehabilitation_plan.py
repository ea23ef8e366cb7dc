"""The rehabilitation plan (rehabiliteringsplan), its preparatory part and its action part: LAB § 30 a, §§ 68 a, 68 c,
68 g and LSD § 13 d stk. 3 and 5 to 31 Dec 2019; LBA §§ 40 stk. 2, 43 from 1 Jan 2020.

The preparatory part is made for everyone whose case goes to the rehabilitation team ("udarbejdes for alle"); the
action part only for persons in ressourceforløb or jobafklaringsforløb and sickness-benefit recipients visited to
category 3 (LAB § 30 a stk. 1 2. pkt.; LBA § 43)."""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import EmploymentTargetGroup, SicknessBenefitCategory
from enplan_rules.formula_helpers import group_is
from enplan_rules.variable import Variable


def _in_programme_or_category_3(person, period):
    """In ressourceforløb or jobafklaringsforløb, or a sickness-benefit case visited to category 3."""
    programme = group_is(person, period, EmploymentTargetGroup.ressourceforloeb, EmploymentTargetGroup.jobafklaringsforloeb)
    category_3 = person("sickness_benefit_category", period) == SicknessBenefitCategory.category_3
    return programme | category_3


class case_goes_to_rehabilitation_team(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The citizen's case goes to the rehabilitation team: recorded as such, or by law — every sickness-benefit "
        "case in category 3 (LSD § 13 d stk. 3), every ressourceforløb (LAB § 68 a stk. 3) and jobafklaringsforløb "
        "(LAB § 68 g stk. 2)"
    )
    label_da = (
        "Borgerens sag forelægges rehabiliteringsteamet: registreret som sådan eller efter loven — enhver "
        "sygedagpengesag i kategori 3 (LSD § 13 d, stk. 3), ethvert ressourceforløb (LAB § 68 a, stk. 3) og "
        "jobafklaringsforløb (LAB § 68 g, stk. 2)"
    )
    reference = ["LAB § 30 a stk. 1, § 68 a stk. 3, § 68 g stk. 2; LSD § 13 d stk. 3; LBA §§ 40 stk. 2, 43, 44", citations.LAB, citations.LSD, citations.LBA]

    def formula(person, period):
        return person("rehabilitation_team_case", period) | _in_programme_or_category_3(person, period)


class lab_30a_action_part_triggered(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The rehabilitation plan has an action part: for persons in ressourceforløb or jobafklaringsforløb and "
        "sickness-benefit recipients visited to category 3"
    )
    label_da = (
        "Rehabiliteringsplanen har en indsatsdel: for personer i ressourceforløb eller jobafklaringsforløb og "
        "sygedagpengemodtagere visiteret til kategori 3"
    )
    reference = ["LAB § 30 a stk. 1 2. pkt., § 68 a stk. 5, §§ 68 c, 68 g; LSD § 13 d stk. 5; LBA § 43", citations.LAB, citations.LSD, citations.LBA]

    def formula(person, period):
        return _in_programme_or_category_3(person, period)


class lab_30a_action_part_replaced_by_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A holistic plan replaces the action part (sector law has none)"
    label_da = "En helhedsorienteret plan erstatter indsatsdelen (sektorlovgivningen har ingen)"
    reference = ["LAB § 30 a as it stood before lov nr. 707 af 8.6.2018", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class lab_30a_action_part_set_aside_by_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The trial sets aside the separate action part (none outside the trial)"
    label_da = "Forsøget fritager for den særskilte indsatsdel (ikke uden for forsøget)"
    reference = ["LAB § 30 a applies in full outside the trial", citations.LAB]

    def formula(person, period):
        return person.empty_array().astype(bool)


class separate_plan_required_lab_30a_action_part(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A separate action part (indsatsdel) of the rehabilitation plan must be made (LAB § 30 a)"
    label_da = "En særskilt indsatsdel af rehabiliteringsplanen skal udarbejdes (LAB § 30 a)"
    reference = ["LAB § 30 a", citations.LAB]

    def formula(person, period):
        return (
            person("lab_30a_action_part_triggered", period)
            & ~person("lab_30a_action_part_replaced_by_holistic_plan", period)
            & ~person("lab_30a_action_part_set_aside_by_trial", period)
        )


class rehabilitation_plan_preparatory_part_required(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The preparatory part (forberedende del) of the rehabilitation plan must be made for everyone whose case "
        "goes to the rehabilitation team; no regime sets it aside"
    )
    label_da = (
        "Rehabiliteringsplanens forberedende del skal udarbejdes for alle, hvis sag forelægges "
        "rehabiliteringsteamet; intet regime fritager for den"
    )
    reference = [
        "LAB § 30 a stk. 1–3; LSD § 13 d stk. 3; LBA §§ 43, 44. No trial order sets the preparatory part aside, "
        "and lov 707 lets the holistic plan replace only the action part",
        citations.LAB,
        citations.LSD,
        citations.LBA,
        citations.ONE_PLAN_LAW,
    ]

    def formula(person, period):
        return person("case_goes_to_rehabilitation_team", period)
