"""Words a legal reader sees, in Danish and English: regimes, choices in the case facts, report headings.

Shared by the case answers, the `enplan check` report and the web page so all say the same thing."""

import re

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
        "Lov om én plan plus frikommuneforsøget En Plan (lov 658/2017 § 11; BEK 603/2017, 1255/2017, 529/2018, 1184/2019)",
        "The One Plan law plus the En Plan free-municipality trial (lov 658/2017 § 11; BEK 603/2017, 1255/2017, 529/2018, 1184/2019)",
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


# The parameters in words, by the path of the parameter with `{x}` for a target group or a municipality.
PARAMETERS = {
    "lab.contact_process.applies_to.{x}": ("Kontaktforløbet (LAB kap. 7) gælder for {x}",
                                           "The contact process (LAB kap. 7) applies to {x}"),
    "lab.contact_process.first_months.{x}": ("Antal måneder med tæt kontakt i begyndelsen, {x}",
                                             "Months of close contact at the start, {x}"),
    "lab.contact_process.meetings_in_first_months.{x}": ("Samtaler i alt i de første måneder, {x}",
                                                         "Meetings in all in the first months, {x}"),
    "lab.contact_process.extra_meeting_month.{x}": ("Den ekstra samtale senest efter så mange måneders ledighed, {x}",
                                                    "The extra interview at the latest after this many months, {x}"),
    "lab.contact_process.meetings_per_year_after.{x}": ("Samtaler om året derefter, {x}",
                                                        "Meetings a year after that, {x}"),
    "lab.min_plan.applies_to.{x}": ("»Min Plan« (LAB §§ 27–30) gælder for {x}", "»Min Plan« (LAB §§ 27–30) applies to {x}"),
    "lab.right_and_duty.first_offer_deadline_months.{x}": ("Frist for første ret og pligt-tilbud i måneder, {x}",
                                                           "Deadline for the first right-and-duty offer in months, {x}"),
    "lab.right_and_duty.under_regime.{x}": ("Ret og pligt gælder for {x}", "Right and duty applies to {x}"),
    "lab.right_and_duty.dagpenge_short_deadline.applies": ("Dagpenge under 30 og fra 50 år: 13 ugers-fristen gælder",
                                                           "Dagpenge under 30 and from 50: the 13-week deadline applies"),
    "lab.right_and_duty.dagpenge_short_deadline.under_age": ("Dagpenge: 13 ugers-fristen under denne alder",
                                                             "Dagpenge: the 13-week deadline below this age"),
    "lab.right_and_duty.dagpenge_short_deadline.from_age": ("Dagpenge: 13 ugers-fristen fra denne alder",
                                                            "Dagpenge: the 13-week deadline from this age"),
    "lab.right_and_duty.dagpenge_short_deadline.deadline_months": ("Dagpenge: 13 uger regnet i måneder",
                                                                   "Dagpenge: 13 weeks counted in months"),
    "lab.mentor_form": ("Mentorstøtte kræver en særskilt skriftlig aftale (LAB § 31 c)",
                        "Mentor support needs a written agreement of its own (LAB § 31 c)"),
    "lab.target_group_number.{x}": ("Nummeret i LAB § 2 / LBA § 6 for {x}", "The LAB § 2 / LBA § 6 number of {x}"),
    "las.section_50_plan.applies_to.{x}": ("En plan efter LAS § 50 gælder for {x}", "A LAS § 50 plan applies to {x}"),
    "lsd.agreement.part_of_min_plan": ("Aftalen efter LSD § 13 c stk. 2 indgår i »Min Plan« (fra 2020)",
                                       "The LSD § 13 c stk. 2 agreement is part of »Min Plan« (from 2020)"),
    "lsd.followup.every_interval_weeks": ("Opfølgning mindst hver så mange uger (LSD § 13 b, til 2019)",
                                          "Follow-up at least every so many weeks (LSD § 13 b, to 2019)"),
    "lsd.followup.minimum_in_first_half_year": ("Mindste antal opfølgninger i det første halve år (LSD § 13 b, fra 2020)",
                                                "Least number of follow-ups in the first half year (LSD § 13 b, from 2020)"),
    "one_plan_law.sel_54_stk_3_in_text": ("SEL § 54 stk. 3 (den helhedsorienterede plan for forældre til anbragte børn) er i teksten",
                                          "SEL § 54 stk. 3 (the holistic plan for parents of a child in care) is in the text"),
    "lsd.followup.first_followup_week": ("Uge for første opfølgning i en sygedagpengesag (LSD § 13 b)",
                                         "Week of the first follow-up in a sickness-benefit case (LSD § 13 b)"),
    "lsd.followup.interval_weeks": ("Uger mellem opfølgningerne i en sygedagpengesag (LSD § 13 b)",
                                    "Weeks between follow-ups in a sickness-benefit case (LSD § 13 b)"),
    "one_plan_law.in_force": ("Lov om én plan (lov nr. 707 af 8.6.2018) er i kraft",
                              "The One Plan law (lov nr. 707 af 8.6.2018) is in force"),
    "one_plan_law.minimum_plans_for_coordination_need": (
        "Mindste antal sektorplaner, før der er behov for en helhedsorienteret plan",
        "Least number of sector plans before a holistic plan is called for"),
    "one_plan_law.requires_consent": ("Den helhedsorienterede plan kræver borgerens samtykke",
                                      "The holistic plan requires the citizen's consent"),
    "one_plan_law.lab_30b_in_text": ("LAB § 30 b står i den valgte version af lov om én plan",
                                     "LAB § 30 b is in the chosen version of the One Plan law"),
    "one_plan_law.sel_141_stk_7_in_text": ("SEL § 141 stk. 7 står i den valgte version af lov om én plan",
                                           "SEL § 141 stk. 7 is in the chosen version of the One Plan law"),
    "one_plan_law.sel_140a_in_text": ("SEL § 140 a står i den valgte version af lov om én plan",
                                      "SEL § 140 a is in the chosen version of the One Plan law"),
    "one_plan_law.sel_140a_young_person_age.minimum": ("Yngste alder, hvor hele § 140-planen kan erstattes (SEL § 140 a)",
                                                       "Youngest age at which the whole § 140 plan may be replaced (SEL § 140 a)"),
    "one_plan_law.sel_140a_young_person_age.maximum": ("Ældste alder, hvor hele § 140-planen kan erstattes (SEL § 140 a)",
                                                       "Oldest age at which the whole § 140 plan may be replaced (SEL § 140 a)"),
    "lab.repealed_by_lba": ("Et svar hviler på en LAB-regel uden LBA-efterfølger (fra 1.1.2020)",
                            "An answer rests on a LAB rule without its LBA successor (from 1 Jan 2020)"),
    "trial.trial_may_still_start": ("Et forsøg kan stadig iværksættes (senest 1.10.2018)",
                                    "A trial may still be started (by 1 Oct 2018)"),
    "trial.text_gives.order_in_force": ("En forsøgsbekendtgørelse er i kraft (BEK 603, 1255, 529, 1184)",
                                        "A trial order is in force (BEK 603, 1255, 529, 1184)"),
    "trial.text_gives.lab_min_plan": ("Bekendtgørelsen i kraft undtager fra »Min Plan« (BEK 603 § 12 … 1184 § 23)",
                                      "The order in force exempts from »Min Plan« (BEK 603 § 12 … 1184 § 23)"),
    "trial.text_gives.lsd_13c": ("Bekendtgørelsen i kraft undtager fra aftalen efter LSD § 13 c",
                                 "The order in force exempts from the LSD § 13 c agreement"),
    "trial.text_gives.las_50": ("Bekendtgørelsen i kraft undtager fra jobplanen efter LAS § 50 (til 31.12.2019)",
                                "The order in force exempts from the LAS § 50 job plan (to 31 Dec 2019)"),
    "trial.text_gives.lab_30a_action_part": ("Bekendtgørelsen i kraft undtager fra indsatsdelen (BEK 603 § 13 … 1184 § 24)",
                                             "The order in force exempts from the action part (BEK 603 § 13 … 1184 § 24)"),
    "trial.text_gives.lab_kap_12a_12b": ("Bekendtgørelsen i kraft lader forløbets indsatser stå i den samlede handleplan",
                                         "The order in force lets the course's interventions stand in the joint plan"),
    "trial.text_gives.employment_effort_outside_jobcenter": ("Bekendtgørelsen i kraft tillader en anden enhed end jobcenteret",
                                                             "The order in force allows another unit than the jobcenter"),
    "trial.text_gives.lsd_13b_followup_category_2": ("Bekendtgørelsen i kraft giver frihed i opfølgningen, kategori 2",
                                                     "The order in force frees the follow-up, category 2"),
    "trial.text_gives.lsd_13b_followup_category_3": ("Bekendtgørelsen i kraft giver frihed i opfølgningen, kategori 3 (fra 1.1.2018)",
                                                     "The order in force frees the follow-up, category 3 (from 1 Jan 2018)"),
    "trial.text_gives.right_and_duty": ("Bekendtgørelsen i kraft undtager fra fristerne for ret og pligt (fra 1.1.2018)",
                                        "The order in force exempts from the right-and-duty deadlines (from 1 Jan 2018)"),
    "trial.text_gives.lab_31c_mentor_form": ("Bekendtgørelsen i kraft fritager for mentoraftalen (BEK 529 § 34)",
                                             "The order in force frees the mentor agreement (BEK 529 § 34)"),
    "trial.text_gives.sel_54": ("Lov 658 § 11, stk. 1: planen efter SEL § 54, stk. 2, kan fraviges",
                                "Lov 658 § 11 stk. 1: the SEL § 54 stk. 2 plan may be set aside"),
    "trial.text_gives.sel_70": ("Lov 658 § 11, stk. 3: SEL § 70, stk. 4, kan fraviges",
                                "Lov 658 § 11 stk. 3: SEL § 70 stk. 4 may be set aside"),
    "trial.text_gives.lab_contact_process.{x}": ("Bekendtgørelsen i kraft giver frit kontaktforløb for {x}",
                                                 "The order in force frees the contact process for {x}"),
    "trial.text_gives.lab_contact_process_dagpenge_excluded.{x}": (
        "{x} må ikke have dagpengemodtagere i kontaktforløbsforsøgene (BEK 1184 § 22, stk. 2)",
        "{x} may not run the contact-process trials for dagpenge recipients (BEK 1184 § 22 stk. 2)"),
    "trial.meeting_parity_tolerance": ("Tilladt afvigelse i antal samtaler mellem forsøg og kontrolgruppe",
                                       "Allowed difference in meetings between the trial and its comparison group"),
    "trial.municipalities.{x}.adopts.employment_effort_outside_jobcenter": (
        "{x} har vedtaget: indsatsen uden for jobcenteret (BEK 603 § 14 … 1184 § 25)",
        "{x} has adopted: the effort outside the jobcenter (BEK 603 § 14 … 1184 § 25)"),
    "trial.municipalities.{x}.adopts.lab_30a_action_part": ("{x} har vedtaget: fritagelse for indsatsdelen (LAB § 30 a)",
                                                            "{x} has adopted: exemption from the action part (LAB § 30 a)"),
    "trial.municipalities.{x}.adopts.lab_31c_mentor_form": ("{x} har vedtaget: mentorblanketten i den ene plan (LAB § 31 c)",
                                                            "{x} has adopted: the mentor form in the one plan (LAB § 31 c)"),
    "trial.municipalities.{x}.adopts.lab_contact_process": ("{x} har vedtaget: eget kontaktforløb (LAB kap. 7)",
                                                            "{x} has adopted: its own contact process (LAB kap. 7)"),
    "trial.municipalities.{x}.adopts.lab_kap_12a_12b": ("{x} har vedtaget: fritagelse for planen i LAB kap. 12 a–12 b",
                                                        "{x} has adopted: exemption from the LAB kap. 12 a–12 b plan"),
    "trial.municipalities.{x}.adopts.lab_min_plan": ("{x} har vedtaget: den ene plan i stedet for »Min Plan«",
                                                     "{x} has adopted: the one plan instead of »Min Plan«"),
    "trial.municipalities.{x}.adopts.las_50": ("{x} har vedtaget: fritagelse for planen efter LAS § 50",
                                               "{x} has adopted: exemption from the LAS § 50 plan"),
    "trial.municipalities.{x}.adopts.lsd_13b_followup": ("{x} har vedtaget: egen sygedagpengeopfølgning (LSD § 13 b)",
                                                         "{x} has adopted: its own sickness-benefit follow-up (LSD § 13 b)"),
    "trial.municipalities.{x}.adopts.lsd_13c": ("{x} har vedtaget: fritagelse for aftalen efter LSD § 13 c",
                                                "{x} has adopted: exemption from the LSD § 13 c agreement"),
    "trial.municipalities.{x}.adopts.right_and_duty": ("{x} har vedtaget: fleksibel ret og pligt (BEK 1255 § 23, 529 § 33, 1184 § 30)",
                                                       "{x} has adopted: flexible right and duty (BEK 1255 § 23, 529 § 33, 1184 § 30)"),
    "trial.municipalities.{x}.adopts.sel_141": ("{x} har vedtaget: den ene plan i stedet for handleplanen (SEL § 141)",
                                                "{x} has adopted: the one plan instead of the action plan (SEL § 141)"),
    "trial.municipalities.{x}.adopts.sel_54": ("{x} har vedtaget: fritagelse for planen efter SEL § 54",
                                               "{x} has adopted: exemption from the SEL § 54 plan"),
    "trial.municipalities.{x}.adopts.sel_70": ("{x} har vedtaget: fritagelse for planen efter SEL § 70",
                                               "{x} has adopted: exemption from the SEL § 70 plan"),
    "trial.municipalities.{x}.covered": ("{x} deltager i forsøget (perioden)", "{x} takes part in the trial (its period)"),
    "trial.network_covered": ("Forsøgsnetværkets periode", "The trial network's period"),
    "trial.target_groups.{x}.adult_min_age": ("{x}: mindstealder for voksne i målgruppen", "{x}: least age of adults in the group"),
    "trial.target_groups.{x}.brain_injury_solution_covered": ("{x}: løsningen for voksne med hjerneskade er i gang",
                                                              "{x}: the solution for adults with brain injury is running"),
    "trial.target_groups.{x}.child_max_age": ("{x}: højeste alder for børn i målgruppen", "{x}: highest age of children in the group"),
    "trial.target_groups.{x}.continuation_rule": ("{x}: reglen om at fortsætte i forsøget", "{x}: the rule on continuing in the trial"),
    "trial.target_groups.{x}.max_age": ("{x}: højeste alder i målgruppen", "{x}: highest age in the group"),
    "trial.target_groups.{x}.min_age": ("{x}: mindstealder i målgruppen", "{x}: least age in the group"),
    "trial.target_groups.{x}.min_departments": ("{x}: mindste antal fagcentre med sag", "{x}: least number of departments with a case"),
    "trial.target_groups.{x}.ressourceforloeb_older_than": ("{x}: ressourceforløb for borgere over denne alder",
                                                            "{x}: ressourceforløb for citizens older than this"),
    "trial.target_groups.{x}.youth_max_age": ("{x}: højeste alder for unge i målgruppen", "{x}: highest age of youths in the group"),
    "trial.target_groups.{x}.youth_min_age": ("{x}: mindstealder for unge i målgruppen", "{x}: least age of youths in the group"),
}


def parameter_label(name, lang):
    """A parameter in words ("Samtaler om året derefter, Uddannelseshjælp, aktivitetsparat (LAB § 2 nr. 13)"),
    or its name when it has no label yet."""
    parts = name.split(".")
    for index, part in enumerate(parts):
        for field in ("employment_target_group", "municipality"):
            if part in CHOICES[field]:
                key = ".".join(parts[:index] + ["{x}"] + parts[index + 1:])
                if key in PARAMETERS:
                    return pick(PARAMETERS[key], lang).format(x=choice(field, part, lang))
    return pick(PARAMETERS[name], lang) if name in PARAMETERS else name


FACTS_PREFIX = {"da": "Afgørende oplysninger: ", "en": "Facts used: "}
MEETING_PERIODS = (1, 2, 3, 4, 6, 12)  # months: "1 samtale om måneden", "1 samtale pr. 3. måned", "5 samtaler om året"


def split_reasoning(reasoning, lang):
    """(the reasoning, [the deciding facts]) of an answer's reasoning text, so the facts can be stated once."""
    prefix = FACTS_PREFIX.get(lang, FACTS_PREFIX["en"])
    reasoning = reasoning or ""
    if reasoning.startswith(prefix):
        return "", [f for f in reasoning[len(prefix):].split("; ") if f]
    marker = ". " + prefix
    if marker in reasoning:
        head, tail = reasoning.split(marker, 1)
        return head, [f for f in tail.split("; ") if f]
    return reasoning, []


def meetings_words(value, lang):
    """A number of meetings a month as a count a person can read: 0.3333 → "1 samtale pr. 3. måned", 1 → "1 samtale
    om måneden", 0.4167 → "5 samtaler om året"; None if `value` is not a number. Never a decimal fraction of a
    meeting unless no period up to a year makes it whole."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if value <= 0:
        return "ingen samtaler" if lang == "da" else "no meetings"
    for months in MEETING_PERIODS:
        count = value * months
        if count >= 0.99 and abs(count - round(count)) < 0.01:
            return _per_period(int(round(count)), months, lang)
    count = round(value * 12, 1)
    return _per_period(f"{count:g}".replace(".", ",") if lang == "da" else f"{count:g}", 12, lang)


def _per_period(count, months, lang):
    one = count == 1
    if lang == "da":
        noun = "samtale" if one else "samtaler"
        period = "om måneden" if months == 1 else "om året" if months == 12 else f"pr. {months}. måned"
    else:
        noun = "meeting" if one else "meetings"
        period = "a month" if months == 1 else "a year" if months == 12 else f"every {months} months"
    return f"{count} {noun} {period}"


# Danish citation labels: the paragraph reference itself, without the English notes some labels carry.
_REFERENCE = re.compile(r"^(LAB|SEL|LAS|LSD|BEK|LBA|Lov|lov|§|Bilag|Bekendtgørelse|Frikommune)")
_YEARS = re.compile(r"\((to|from) (\d{4})\)")
_ENGLISH = re.compile(r"\b(seeds|sourced|unverified|the|does|not|from|lets|with|as|in force|organisation|register|whole|of a|plan of)\b")


def citation_label(text, lang):
    """The label of a citation on the page: in short only the paragraph
    references ("LAB § 30 b stk. 1 og stk. 3 1. pkt."), the English notes some labels carry left out (the law's own
    words stand under the label)."""
    if not text:
        return text
    if lang == "da":  # the years a paragraph holds, in Danish
        text = _YEARS.sub(lambda m: f"({'til' if m.group(1) == 'to' else 'fra'} {m.group(2)})", text)
    parts = []
    for part in text.split(";"):
        part = part.strip()
        if not _REFERENCE.match(part):
            continue
        part = re.sub(r"\s*\([^)]*\)", lambda m: m.group(0) if not _ENGLISH.search(m.group(0)) else "", part)
        part = re.split(r",\s+(?=in force|as named|the )", part)[0]
        part = re.split(r"\.\s+(?=[A-Z][a-z])", part)[0]  # a note in a sentence of its own after the reference
        if lang == "da":
            part = re.sub(r"\band\b", "og", part)
        if _ENGLISH.search(part):
            part = part[:_ENGLISH.search(part).start()].rstrip(" ,:–-")
        if part:
            parts.append(part)
    return "; ".join(parts) or text.split(";")[0].split("(")[0].strip()
