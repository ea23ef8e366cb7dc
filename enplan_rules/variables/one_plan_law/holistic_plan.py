"""Lov nr. 707 af 8.6.2018: who may get a holistic plan (helhedsorienteret plan), door by door.

- LAB § 30 b stk. 1 (employment): "For personer omfattet af § 2, som har komplekse og sammensatte problemer,
  hvor der kan eller skal udarbejdes flere planer for indsatserne, og hvor der er et koordinationsbehov forbundet
  hermed, kan der med personens samtykke i stedet for »Min Plan« ... og rehabiliteringsplanens indsatsdel
  udarbejdes en helhedsorienteret plan." (also LAS § 50 stk. 2 for the revalidend's Min Plan)
- LSD § 13 e stk. 1 (category-2 sickness benefit): "Kommunen kan ... med den sygemeldtes samtykke".
- SEL § 141 stk. 7 (adult social support): "Kommunalbestyrelsen kan tilbyde ... Borgeren skal give samtykke"; no
  LAB § 2 condition.
- SEL § 140 a (children and young people): the elements that concern the parents, and for young people between 16
  and 23 the whole § 140 plan; the holder of parental authority and a young person of 16+ must consent.
- SEL § 54 stk. 3 (parents of a child in care): "Kommunalbestyrelsen kan beslutte" that the separate plan for the
  support to the parents gives way to a holistic plan; "Forældrene skal give samtykke".

Every door is an offer ("kan"): it presupposes the municipality's choice (`municipality_offers_holistic_plan`) and
the citizen's consent, and its conditions — complex and compound problems (`has_complex_problems`), several plans
that can or must be made, a need for coordination (`has_coordination_need`) — are the caseworker's findings: inputs,
never derived. Consent is each door's own: only LAB § 30 b's differs between the texts of the One Plan law (the
consultation draft's right to refuse); the draft's SEL and LSD amendments were not read and are taken as in the
tabled bill and the act, which require consent (one_plan_law_versions.yaml).
"""

import numpy
from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Family, Person
from enplan_rules.formula_helpers import in_any_target_group
from enplan_rules.variable import Variable

# The plans a citizen's own case can call for, each counted once. The revalidend's LAS § 50 plan is Min Plan ("en
# »Min Plan«, jf. § 27 og § 28, stk. 2"); the programme of a ressourceforløb or jobafklaringsforløb runs on the
# rehabilitation plan (LAB § 30 b stk. 3–4). The LSD § 13 c agreement stood on its own until 31 Dec 2019 and is part
# of Min Plan from 1 Jan 2020 (LSD § 13 c stk. 2 2. pkt., lov 551/2019) — counted apart only in the months it was a
# plan of its own (register U4).
PLAN_DOCUMENTS = {
    "Min Plan (LAB §§ 27–30; LAS § 50; from 2020 with the LSD § 13 c agreement)": (
        "lab_min_plan_triggered",
        "las_50_plan_triggered",
    ),
    "the category-2 agreement (LSD § 13 c stk. 2), to 31 Dec 2019": ("lsd_13c_agreement_counted_as_own_plan",),
    "rehabilitation plan (LAB § 30 a, with the kap. 12 a–12 b programme)": (
        "lab_30a_action_part_triggered",
        "lab_kap_12a_12b_plan_triggered",
    ),
    "adult action plan (SEL § 141)": ("sel_141_plan_triggered",),
    "plans as the parent of a child in care (SEL §§ 54, 70)": ("parent_of_child_in_care",),
    "the young person's own action plan (SEL § 140)": ("sel_140_plan_triggered",),
}


class number_of_sector_plans_triggered(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = (
        "How many separate plans the citizen's case calls for (Min Plan with the LAS § 50 plan counted once; the "
        "LSD § 13 c agreement apart to 31 Dec 2019, inside Min Plan from 1 Jan 2020)"
    )
    label_da = (
        "Hvor mange særskilte planer borgerens sag udløser (»Min Plan« og planen efter LAS § 50 tælles én gang;"
        " aftalen efter LSD § 13 c for sig til 31.12.2019, i »Min Plan« fra 1.1.2020)"
    )
    reference = [
        "LAB § 30 b stk. 1, LSD § 13 e stk. 1, SEL § 141 stk. 7, § 140 a stk. 2, § 54 stk. 3: 'hvor der kan eller "
        "skal udarbejdes flere planer for indsatserne'",
        "LAS § 50 stk. 1: 'en »Min Plan«, jf. § 27 og § 28, stk. 2'",
        "LSD § 13 c stk. 2 from 1 Jan 2020: 'Aftalen skal indgå i den sygemeldtes »Min Plan«'",
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
        "the municipality offers the holistic plan, from 1 Jul 2018 — the conditions the doors of lov 707 share "
        "(each a finding or a choice recorded as an input, never derived)"
    )
    label_da = (
        "Komplekse og sammensatte problemer, hvor der kan eller skal udarbejdes flere planer, med behov for "
        "koordinering, og kommunen tilbyder den helhedsorienterede plan, fra 1.7.2018 — de betingelser, lov "
        "707's bestemmelser har fælles"
    )
    reference = [
        "LAB § 30 b stk. 1; LSD § 13 e stk. 1; SEL § 141 stk. 7, § 140 a stk. 2, § 54 stk. 3 (lov nr. 707 af 8.6.2018)",
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
    label = (
        "LAB § 30 b's consent: the citizen's consent (L 232 as tabled and lov 707) — or, in the consultation draft, "
        "no refusal (the SEL and LSD doors require consent in every version)"
    )
    label_da = (
        "Samtykket efter LAB § 30 b: borgerens samtykke (L 232 som fremsat og lov 707) — eller, i høringsudkastet, "
        "at borgeren ikke afviser (SEL- og LSD-bestemmelserne kræver samtykke i alle versioner)"
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
        "problems, several plans, a need for coordination and the citizen's consent ('Borgeren skal give "
        "samtykke', in every version); no LAB § 2 condition"
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
            & person("consents_to_one_plan", period)
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
        & person("consents_to_one_plan", period)  # "den unge, der er fyldt 16 år, giver samtykke"
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
            "consents_to_one_plan", period
        )
        return family.any(eligible, role=Family.PARENT)


class lsd_13e_holistic_plan_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "LSD § 13 e: instead of the § 13 c agreement the municipality may make a holistic plan for a category-2 "
        "sickness-benefit recipient with complex and compound problems, several plans and a need for coordination, "
        "with the citizen's consent"
    )
    label_da = (
        "LSD § 13 e: i stedet for aftalen efter § 13 c kan kommunen udarbejde en helhedsorienteret plan til en "
        "sygemeldt i kategori 2 med komplekse og sammensatte problemer, flere planer og behov for koordinering, "
        "med den sygemeldtes samtykke"
    )
    reference = ["LSD § 13 e stk. 1 and 3 (lov nr. 707 af 8.6.2018 § 3; LBK 809/2018)", citations.ONE_PLAN_LAW]

    def formula(person, period):
        return (
            person("lsd_13c_plan_triggered", period)  # "visiteret til kategori 2 efter § 12, stk. 1, nr. 2"
            & person("holistic_plan_conditions_met", period)
            & person("consents_to_one_plan", period)  # "med den sygemeldtes samtykke"
        )


class sel_54_holistic_plan_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "SEL § 54 stk. 3: the municipality may decide that the separate plan for the support to the parents of a "
        "child in care gives way to a holistic plan — parents with complex and compound problems, several plans, "
        "a need for coordination, and their consent"
    )
    label_da = (
        "SEL § 54, stk. 3: kommunalbestyrelsen kan beslutte, at den særskilte plan for støtten til forældrene til "
        "et anbragt barn fraviges til fordel for en helhedsorienteret plan — forældre med komplekse og "
        "sammensatte problemer, flere planer, behov for koordinering og deres samtykke"
    )
    reference = ["SEL § 54 stk. 3 (lov nr. 707 af 8.6.2018; LBK 1114/2018)", citations.ONE_PLAN_LAW]

    def formula(person, period, parameters):
        return (
            parameters(period).one_plan_law.sel_54_stk_3_in_text
            & person("parent_of_child_in_care", period)
            & person("holistic_plan_conditions_met", period)
            & person("consents_to_one_plan", period)  # "Forældrene skal give samtykke"
        )
