"""The entities of the engine: the citizen, the family, and the trial's target-group cohort."""

from openfisca_core.entities import build_entity

Person = build_entity(
    key="person",
    plural="persons",
    label="A citizen",
    doc="A citizen whose case is assessed: a parent, a child, an adult or a young person.",
    is_person=True,
)

Family = build_entity(
    key="family",
    plural="families",
    label="A family",
    doc=(
        "The household a family-oriented trial (Ballerup, Helsingør's family solution) looks at: "
        "parents and the children they have custody of."
    ),
    roles=[
        {"key": "parent", "plural": "parents", "label": "Parent", "max": 2},
        {"key": "child", "plural": "children", "label": "Child"},
    ],
)

Cohort = build_entity(
    key="cohort",
    plural="cohorts",
    label="A target-group cohort",
    doc=(
        "The citizens a municipality counts as one target group when it checks that the group as a "
        "whole receives roughly the same average number of meetings as under the ordinary rules."
    ),
    roles=[{"key": "member", "plural": "members", "label": "Member"}],
)

entities = [Person, Family, Cohort]
