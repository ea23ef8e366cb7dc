"""Words a legal reader sees, in Danish and English: regimes, choices in the case facts, report headings.

Shared by the case answers, the `enplan check` report and the web page so all say the same thing."""

from enplan_rules.enums import (
    EmploymentTargetGroup,
    HelsingoerSolution,
    Municipality,
    SicknessBenefitCategory,
)

LANGS = ("da", "en")

REGIMES = {
    "sector_law": ("Sektorlovgivning", "Sector law"),
    "one_plan_law": ("Lov om én plan", "One Plan law"),
    "trial": ("Frikommuneforsøget En Plan", "En Plan trial"),
}

REGIME_DESCRIPTIONS = {
    "sector_law": (
        "Almindelig sektorlovgivning (LAB, SEL, LAS, LSD og bekendtgørelser) uden regler om én plan",
        "Ordinary sector law (LAB, SEL, LAS, LSD and executive orders), without any one-plan provision",
    ),
    "one_plan_law": (
        "Sektorlovgivningen plus lov nr. 707 af 8.6.2018 (den helhedsorienterede plan), i hele landet fra 1.7.2018",
        "Sector law plus lov nr. 707 af 8.6.2018 (the holistic plan), nationwide from 1 Jul 2018",
    ),
    "trial": (
        "Lov om én plan plus frikommuneforsøget En Plan (BEK nr. 529 af 23.5.2018 §§ 26–34)",
        "The One Plan law plus the En Plan free-municipality trial (BEK nr. 529 af 23.5.2018 §§ 26–34)",
    ),
}

ROLES = {"parent": ("forælder/voksen", "parent/adult"), "child": ("barn", "child")}

MUNICIPALITIES = {m.name: (m.value, m.value) for m in Municipality}
MUNICIPALITIES["other"] = ("En kommune uden for netværket", "A municipality outside the network")

TARGET_GROUPS = {g.name: (g.value, g.value) for g in EmploymentTargetGroup}
TARGET_GROUPS["none"] = ("Ingen LAB § 2-målgruppe", "No LAB § 2 target group")

SICKNESS_CATEGORIES = {
    "none": ("Ingen sygedagpengesag", "No sickness-benefit case"),
    "category_1": ("Kategori 1 (LSD § 12 stk. 1 nr. 1)", "Category 1 (LSD § 12 stk. 1 nr. 1)"),
    "category_2": ("Kategori 2 (LSD § 12 stk. 1 nr. 2)", "Category 2 (LSD § 12 stk. 1 nr. 2)"),
    "category_3": ("Kategori 3 (LSD § 12 stk. 1 nr. 3)", "Category 3 (LSD § 12 stk. 1 nr. 3)"),
}
assert set(SICKNESS_CATEGORIES) == {c.name for c in SicknessBenefitCategory}

HELSINGOER_SOLUTIONS = {
    "none": ("Ingen af Helsingørs løsninger", "None of Helsingør's solutions"),
    "families": ("Familier", "Families"),
    "substance_misuse": ("Voksne med rusmiddelproblematik", "Adults with substance misuse"),
    "brain_injury": ("Voksne med hjerneskade (fra 1.10.2018)", "Adults with brain injury (from 1 Oct 2018)"),
    "youth": ("Unge", "Youth"),
}
assert set(HELSINGOER_SOLUTIONS) == {s.name for s in HelsingoerSolution}

CHOICES = {
    "municipality": MUNICIPALITIES,
    "role": ROLES,
    "employment_target_group": TARGET_GROUPS,
    "sickness_benefit_category": SICKNESS_CATEGORIES,
    "helsingoer_solution": HELSINGOER_SOLUTIONS,
}

STATUS = {
    "sourced": ("kildebelagt", "sourced"),
    "seeds": ("fra kildedokumenterne", "from the seed documents"),
    "unverified": ("ikke verificeret", "unverified"),
}

TEXT = {
    "scenario": ("Scenarie", "Scenario"),
    "source": ("Kilde", "Source"),
    "regime": ("Regime", "Regime"),
    "regimes": ("Regimer", "Regimes"),
    "period": ("Periode", "Period"),
    "municipality": ("Kommune", "Municipality"),
    "language": ("Sprog", "Language"),
    "person": ("Person", "Person"),
    "answer": ("Svar", "Answer"),
    "question": ("Spørgsmål", "Question"),
    "paragraphs": ("Paragraffer", "Paragraphs"),
    "reasoning": ("Begrundelse", "Reasoning"),
    "ambiguity": ("Usikkerhed i lovgrundlaget", "Contested reading"),
    "engine_reading": ("Motorens læsning", "The engine's reading"),
    "alternative": ("Alternativ læsning", "Alternative reading"),
    "unverified": ("Hviler på ikke-verificerede værdier", "Rests on unverified values"),
    "receipt": ("Kvittering (sporbarhed)", "Provenance receipt"),
    "parameters": ("parametre", "parameters"),
    "request_hash": ("forespørgslens sha256", "request sha256"),
    "version": ("version", "version"),
    "differs": ("forskellig mellem regimerne", "differs between the regimes"),
    "same_in_all": ("Ens i alle regimer", "The same in every regime"),
    "differences": ("Forskelle mellem regimerne", "Differences between the regimes"),
    "no_differences": ("Ingen forskelle mellem regimerne.", "No differences between the regimes."),
    "expectations": ("Forventninger", "Expectations"),
    "met": ("opfyldt", "met"),
    "not_met": ("IKKE OPFYLDT", "NOT MET"),
    "of": ("af", "of"),
    "expected": ("forventet", "expected"),
    "got": ("fik", "got"),
    "no_expectations": ("Scenariet har ingen forventninger (expect:).", "The scenario has no expectations (expect:)."),
    "register": ("Tvetydighedsregistret", "The ambiguity register"),
    "flagged_under": ("markeret under", "flagged under"),
    "summary": ("Opsummering", "Summary"),
    "ok": ("OK", "OK"),
    "failed": ("FEJL", "FAILED"),
    "invalid": ("UGYLDIG", "INVALID"),
    "facts": ("Sagens oplysninger", "The facts of the case"),
    "flagged": ("markeret", "flagged"),
    "not_flagged": ("ikke markeret", "not flagged"),
}


def pick(pair, lang):
    """The Danish or English member of a (da, en) pair."""
    return pair[0] if lang == "da" else pair[1]


def text(key, lang):
    return pick(TEXT[key], lang)


def regime_name(regime, lang):
    return pick(REGIMES[regime], lang)


def choice(field, value, lang):
    """The reader's word for an enumerated case fact, or the value itself."""
    pairs = CHOICES.get(field, {})
    return pick(pairs[value], lang) if value in pairs else str(value)
