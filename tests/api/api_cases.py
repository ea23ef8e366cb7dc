"""Request bodies shared by the API tests and the benchmark."""

import copy

MONTH = "2019-03"

PERSON_OUTPUTS = (
    "in_en_plan_trial",
    "separate_plan_required_lab_min_plan",
    "separate_plan_required_lab_30a_action_part",
    "rehabilitation_plan_preparatory_part_required",
    "separate_plan_required_sel_141",
    "separate_plan_required_sel_140",
    "separate_plan_required_sel_54",
    "separate_plan_required_sel_70",
    "separate_plan_required_las_50",
    "separate_plan_required_lsd_13c",
    "separate_plan_required_lab_kap_12a_12b",
    "separate_mentor_form_required",
    "ordinary_contact_process_applies",
    "ordinary_required_meetings",
    "right_and_duty_offer_required",
    "employment_effort_outside_jobcenter_allowed",
    "trial_legal_basis_unresolved",
)


def family_situation(outputs=("in_en_plan_trial", "ordinary_required_meetings"), month=MONTH):
    """A Ballerup family: a parent on education benefit (aktivitetsparat) with complex problems, and a child with special support."""
    parent = {
        "municipality": {month: "ballerup"},
        "birth_date": {"ETERNITY": "1985-06-15"},
        "employment_target_group": {month: "uddannelseshjaelp_aktivitetsparat"},
        "benefit_start_date": {month: "2018-09-01"},
        "has_complex_problems": {month: True},
        "consents_to_one_plan": {month: True},
        "parent_of_child_in_care": {month: False},
        "meetings_held": {month: 1},
    }
    child = {
        "municipality": {month: "ballerup"},
        "birth_date": {"ETERNITY": "2009-02-01"},
        "receives_child_special_support": {month: True},
    }
    for person in (parent, child):
        for output in outputs:
            person[output] = {month: None}
    return {
        "persons": {"parent": parent, "child": child},
        "families": {"family": {"parents": ["parent"], "children": ["child"]}},
    }


FAMILY_CASE = {
    "municipality": "ballerup",
    "month": MONTH,
    "persons": [
        {
            "id": "parent",
            "role": "parent",
            "birth_date": "1985-06-15",
            "employment_target_group": "uddannelseshjaelp_aktivitetsparat",
            "benefit_start_date": "2018-09-01",
            "has_complex_problems": True,
            "consents_to_one_plan": True,
            "meetings_held": 1,
        },
        {
            "id": "child",
            "role": "child",
            "birth_date": "2009-02-01",
            "receives_child_special_support": True,
        },
    ],
}


def family_case():
    return copy.deepcopy(FAMILY_CASE)
