"""Lov nr. 707 af 8.6.2018: who may get a holistic plan (helhedsorienteret plan), in each of its three doors.

- LAB § 30 b stk. 1 (employment): "For personer omfattet af § 2, som har komplekse og sammensatte problemer,
  hvor der kan eller skal udarbejdes flere planer for indsatserne, og hvor der er et koordinationsbehov forbundet
  hermed, kan der med personens samtykke i stedet for »Min Plan« ... og rehabiliteringsplanens indsatsdel
  udarbejdes en helhedsorienteret plan."
- SEL § 141 stk. 7 (adult social support): the same conditions, with no LAB § 2 condition.
- SEL § 140 a (children and young people): the parts concerning the parents, and for young people between 16 and
  23 the whole § 140 plan; the holder of parental authority and a young person of 16+ must consent.

Each door says *kan*: the municipality may offer the plan; it is not obliged to. The variables answer given the
facts recorded — a recorded consent presupposes that the plan was offered.
"""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Family, Person
from enplan_rules.formula_helpers import in_any_target_group
from enplan_rules.variable import Variable

# The plans a citizen's own case can call for, each counted once. LSD § 13 c's agreement is part of Min Plan
# (LSD § 13 c stk. 2) and the programme of a ressourceforløb or jobafklaringsforløb runs on the rehabilitation
# plan (LAB § 30 b stk. 3–4), so neither is counted as a plan of its own (register U4).
PLAN_DOCUMENTS = {
    "Min Plan (LAB §§ 27–30, with the LSD § 13 c agreement)": ("lab_min_plan_triggered",),
    "rehabilitation plan (LAB § 30 a, with the kap. 12 a–12 b programme)": (
        "lab_30a_action_part_triggered",
        "lab_kap_12a_12b_plan_triggered",
    ),
    "adult action plan (SEL § 141)": ("sel_141_plan_triggered",),
    "plans as the parent of a child in care (SEL §§ 54, 70)": ("parent_of_child_in_care",),
    "the young person's own action plan (SEL § 140)": ("sel_140_plan_triggered",),
    "plan under LAS § 50": ("las_50_plan_triggered",),
}


class number_of_sector_plans_triggered(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "How many separate plans the citizen's case calls for (Min Plan with its LSD § 13 c agreement counted once)"
    label_da = (
        "Hvor mange særskilte planer borgerens sag udløser (»Min Plan« med aftalen efter LSD § 13 c tælles én"
        " gang)"
    )
    reference = [
        "LAB § 30 b stk. 1, SEL § 141 stk. 7, SEL § 140 a stk. 2: 'hvor der kan eller skal udarbejdes flere planer'",
        "LSD § 13 c stk. 2: 'Aftalen skal indgå i den sygemeldtes »Min Plan«'",
        citations.ONE_PLAN_LAW,
    ]

    def formula(person, period):
        total = 0
        for names in PLAN_DOCUMENTS.values():
            present = person(names[0], period)
            for name in names[1:]:
                present = present | person(name, period)
            total = total + present.astype(int)
        return total


class holistic_plan_conditions_met(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "Complex and compound problems, where several plans can or must be made, with a need for coordination, and "
        "the municipality offers the holistic plan, from 1 Jul 2018 — the conditions the doors of lov 707 share"
    )
    label_da = (
        "Komplekse og sammensatte problemer, hvor der kan eller skal udarbejdes flere planer, med behov for "
        "koordinering, og kommunen tilbyder den helhedsorienterede plan, fra 1.7.2018 — de betingelser, lov "
        "707's bestemmelser har fælles"
    )
    reference = [
        "LAB § 30 b stk. 1; SEL § 141 stk. 7; SEL § 140 a stk. 2 (lov nr. 707 af 8.6.2018)",
        citations.ONE_PLAN_LAW,
    ]

    def formula(person, period, parameters):
        law = parameters(period).one_plan_law
        several_plans = (
            person("number_of_sector_plans_triggered", period) >= law.minimum_plans_for_coordination_need
        ) | person("several_plans_can_be_made", period)  # "kan eller skal": a plan that can be made counts too
        return (
            law.in_force
            & person("has_complex_problems", period)
            & several_plans
            & person("has_coordination_need", period)
            & person("municipality_offers_holistic_plan", period)  # "kan tilbyde": the municipality's choice
        )


class holistic_plan_consent_given(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's consent (L 232 as tabled and lov 707) — or, in the consultation draft, no refusal"
    label_da = (
        "Borgerens samtykke (L 232 som fremsat og lov 707) — eller, i høringsudkastet, at borgeren ikke "
        "afviser"
    )
    reference = [
        "LAB § 30 b stk. 1: 'med personens samtykke' (L 232 as tabled; lov 707); the consultation draft: "
        "'En person kan afvise'",
        citations.ONE_PLAN_LAW,
        citations.L_232,
        citations.ONE_PLAN_LAW_DRAFT,
    ]

    def formula(person, period, parameters):
        requires_consent = parameters(period).one_plan_law.requires_consent
        return numpy.where(
            requires_consent,
            person("consents_to_one_plan", period),
            ~person("refuses_one_plan", period),
        )


class holistic_plan_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "LAB § 30 b: a holistic plan may replace Min Plan and the rehabilitation plan's action part — a LAB § 2 "
        "person with complex and compound problems, several plans and a need for coordination, who consents"
    )
    label_da = (
        "LAB § 30 b: en helhedsorienteret plan kan erstatte »Min Plan« og rehabiliteringsplanens indsatsdel —"
        " en person i LAB § 2's målgrupper med komplekse og sammensatte problemer, flere planer og behov for "
        "koordinering, som samtykker"
    )
    reference = ["LAB § 30 b stk. 1 (lov nr. 707 af 8.6.2018 § 1 nr. 3)", citations.ONE_PLAN_LAW]

    def formula(person, period, parameters):
        return (
            parameters(period).one_plan_law.lab_30b_in_text
            & in_any_target_group(person, period)
            & person("holistic_plan_conditions_met", period)
            & person("holistic_plan_consent_given", period)
        )


class sel_141_holistic_plan_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "SEL § 141 stk. 7: the adult action plan may be replaced by a holistic plan — complex and compound "
        "problems, several plans, a need for coordination and the citizen's consent; no LAB § 2 condition"
    )
    label_da = (
        "SEL § 141 stk. 7: handleplanen for en voksen kan erstattes af en helhedsorienteret plan — komplekse "
        "og sammensatte problemer, flere planer, behov for koordinering og borgerens samtykke; ingen "
        "betingelse om LAB § 2"
    )
    reference = ["SEL § 141 stk. 7 (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(person, period, parameters):
        return (
            parameters(period).one_plan_law.sel_141_stk_7_in_text
            & person("holistic_plan_conditions_met", period)
            & person("holistic_plan_consent_given", period)
        )


def sel_140a_young_person_meets(person, period, law, maximum_age):
    """SEL § 140 a for a young person aged 16 up to `maximum_age`: the conditions, the consents, the plan."""
    age = person("age", period)
    young = (age >= law.sel_140a_young_person_age.minimum) & (age <= maximum_age)
    parental_consent = (age >= 18) | person("parental_authority_consents_to_holistic_plan", period)
    return (
        law.sel_140a_in_text
        & young
        & person("sel_140_plan_triggered", period)
        & person("holistic_plan_conditions_met", period)
        & person("holistic_plan_consent_given", period)
        & parental_consent
    )


class sel_140a_young_person_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "SEL § 140 a: for a young person between 16 and 23 the whole § 140 action plan may be replaced by a "
        "holistic plan, with the consent of the young person and, under 18, of the holder of parental authority"
    )
    label_da = (
        "SEL § 140 a: for en ung mellem 16 og 23 år kan hele § 140-handleplanen erstattes af en "
        "helhedsorienteret plan, med samtykke fra den unge og, under 18 år, fra forældremyndighedens "
        "indehaver"
    )
    reference = ["SEL § 140 a stk. 1 2. pkt. and stk. 2 (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(person, period, parameters):
        law = parameters(period).one_plan_law
        return sel_140a_young_person_meets(person, period, law, law.sel_140a_young_person_age.maximum)


class family_has_parent_eligible_for_holistic_plan(Variable):
    value_type = bool
    entity = Family
    definition_period = MONTH
    label = "A parent in the family meets the conditions for a holistic plan and consents (SEL § 140 a stk. 2)"
    label_da = (
        "En forælder i familien opfylder betingelserne for en helhedsorienteret plan og samtykker (SEL § 140 "
        "a stk. 2)"
    )
    reference = ["SEL § 140 a stk. 2 (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]

    def formula(family, period):
        eligible = family.members("holistic_plan_conditions_met", period) & family.members(
            "holistic_plan_consent_given", period
        )
        return family.any(eligible, role=Family.PARENT)
