"""Request bodies shared by the API tests and the benchmark."""

import copy

from enplan_rules.answers.unrecorded import at_defaults
from enplan_rules.outputs import PERSON_OUTPUTS  # noqa: F401 - used by the API tests

MONTH = "2019-03"



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
    """The family with every judgement recorded at its documented default (a case system sends what it knows)."""
    return at_defaults(copy.deepcopy(FAMILY_CASE))
