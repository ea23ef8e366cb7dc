"""Words for the population reports, in Danish and English: measures (with the paragraph they count) and units.

Only words: which citizen counts under which paragraph is the engine's answer (enplan_rules.outputs)."""

from enplan_rules import labels as shared

# measure -> (Danish, English, theme of the mayors' letter, Bilag 2). Themes: plans (content freedom: one plan
# instead of many), contact (the contact process), offers (right and duty), organisation (one organisation).
MEASURES = {
    "citizen_months": ("Borgermåneder (hver borger tæller én gang pr. måned)", "Citizen-months (each citizen counts once per month)", ""),
    "in_en_plan_trial": ("Borgere i frikommuneforsøget En Plan", "Citizens in the En Plan trial", ""),
    "separate_plan_required_lab_min_plan": ("LAB §§ 27–30 Min Plan", "LAB §§ 27–30 Min Plan", "plans"),
    "separate_plan_required_lab_30a_action_part": (
        "LAB § 30 a rehabiliteringsplanens indsatsdel", "LAB § 30 a rehabilitation plan, action part", "plans"),
    "separate_plan_required_lab_kap_12a_12b": (
        "LAB kap. 12 a–12 b plan for ressource-/jobafklaringsforløb", "LAB ch. 12 a–12 b ressourceforløb / jobafklaring plan", "plans"),
    "separate_plan_required_sel_141": ("SEL § 141 handleplan", "SEL § 141 action plan", "plans"),
    "separate_plan_required_sel_140": ("SEL § 140 barnets handleplan", "SEL § 140 child's action plan", "plans"),
    "separate_plan_required_sel_54": ("SEL § 54 plan", "SEL § 54 plan", "plans"),
    "separate_plan_required_sel_70": ("SEL § 70 plan", "SEL § 70 plan", "plans"),
    "separate_plan_required_las_50": ("LAS § 50 plan", "LAS § 50 plan", "plans"),
    "separate_plan_required_lsd_13c": ("LSD § 13 c aftale (kategori 2)", "LSD § 13 c agreement (category 2)", "plans"),
    "separate_plans_total": ("Særskilte planer i alt (alle paragraffer: LAB, SEL, LAS, LSD)", "Separate plans, all paragraphs (LAB, SEL, LAS, LSD)", "plans"),
    "rehabilitation_plan_preparatory_part_required": (
        "LAB § 30 a rehabiliteringsplanens forberedende del", "LAB § 30 a rehabilitation plan, preparatory part", "plans"),
    "separate_mentor_form_required": ("LAB § 31 c særskilt mentorblanket", "LAB § 31 c separate mentor form", "plans"),
    "ordinary_contact_process_applies": (
        "LAB kap. 7 / LSD § 13 b: ordinært kontaktforløb gælder", "LAB ch. 7 / LSD § 13 b: ordinary contact process applies", "contact"),
    "ordinary_required_meetings": (
        "Samtaler de ordinære regler ville kræve (paritetens målestok)", "Meetings the ordinary rules would require (parity benchmark)", ""),
    "ordinary_meetings_binding": (
        "LAB kap. 7: samtaler kommunen er bundet til at holde", "LAB ch. 7: meetings the municipality is bound to hold", "contact"),
    "meetings_held": ("Afholdte samtaler (input)", "Meetings held (input)", ""),
    "right_and_duty_offer_required": ("Ret og pligt-tilbud påkrævet", "Right-and-duty offer required", "offers"),
    "employment_effort_outside_jobcenter_allowed": (
        "LAB § 1 a stk. 2: indsatsen må ligge uden for jobcentret", "LAB § 1 a(2): effort may be run outside the jobcenter", "organisation"),
    "sel_140_parent_elements_replaced_by_holistic_plan": (
        "SEL § 140: forældredelen erstattet af en helhedsorienteret plan (SEL § 140 a)",
        "SEL § 140: the parents' part replaced by a holistic plan (SEL § 140 a)", "plans"),
    "reporting_to_shared_database_required": (
        "Indberetning til det fælles datagrundlag påkrævet", "Reporting to the shared data base required", ""),
    "lab_repealed_text_applied": (
        "Svar efter LAB's regler, der hviler på ophævet tekst (fra 1.1.2020)",
        "Answers under LAB rules resting on repealed text (from 1 Jan 2020)", ""),
    "trial_legal_basis_unresolved": (
        "Forsøgssvar i en måned, som ingen forsøgsbekendtgørelse dækker (ingen: BEK 1184/2019 fra 2020)", "Trial answers in a month no trial order covers (none: BEK 1184/2019 from 2020)", ""),
    "ambiguity_any": ("Svar der hviler på en post i tvivlsregistret", "Answers resting on an ambiguity-register entry", ""),
}
THEMES = {
    "plans": ("Indholdsfrihed: én plan", "Content freedom: one plan"),
    "contact": ("Kontaktforløb", "Contact process"),
    "offers": ("Ret og pligt", "Right and duty"),
    "organisation": ("Én organisation", "One organisation"),
}
MEETING_MEASURES = ("ordinary_required_meetings", "ordinary_meetings_binding", "meetings_held")
VARIANTS = {
    "consultation_draft": ("høringsudkastet (feb. 2018)", "consultation draft (Feb 2018)"),
    "tabled_bill": ("lovforslag L 232 som fremsat", "bill L 232 as tabled"),
    "enacted": ("lov nr. 707 af 8.6.2018 som vedtaget", "lov nr. 707 af 8.6.2018 as enacted"),
}


def unit(measure, lang="en"):
    if measure in MEETING_MEASURES:
        return "samtaler" if lang == "da" else "meetings"
    return "borgermåneder" if lang == "da" else "citizen-months"


def measure(name, lang="en", titles=None):
    """The measure's words; register entries by their title when `titles` ({id: (da, en)}) is given."""
    if name in MEASURES:
        return MEASURES[name][0 if lang == "da" else 1]
    if name.startswith("ambiguity_"):
        entry = name.removeprefix("ambiguity_")
        title = (titles or {}).get(entry)
        prefix = "Tvivlsregistret" if lang == "da" else "Ambiguity register"
        return f"{prefix} {entry}" + (f": {title[0 if lang == 'da' else 1]}" if title else "")
    return name


def theme(name, lang="en"):
    key = MEASURES.get(name, ("", "", ""))[2]
    return THEMES[key][0 if lang == "da" else 1] if key else ""


def regime(name, lang="en"):
    return shared.regime_name(name, lang)


def variant(name, lang="en"):
    return VARIANTS.get(name, (name, name))[0 if lang == "da" else 1]


# Short names for table columns, chart legends and the report's sentences.
SHORT_REGIMES = {
    "sector_law": ("Sektorlovgivning", "Sector law"),
    "one_plan_law": ("Lov om én plan", "One Plan law"),
    "trial": ("Forsøget", "The trial"),
}
SHORT_VARIANTS = {
    "consultation_draft": ("Høringsudkastet", "Consultation draft"),
    "tabled_bill": ("Lovforslaget som fremsat", "Bill as tabled"),
    "enacted": ("Loven som vedtaget", "Law as enacted"),
}
VARIANT_PHRASES = {  # "… than {phrase}"
    "consultation_draft": ("lov om én plan i høringsudkastet", "the One Plan law's consultation draft"),
    "tabled_bill": ("lov om én plan som fremsat (L 232)", "the One Plan law as tabled (bill L 232)"),
    "enacted": ("lov om én plan som vedtaget", "the One Plan law as enacted"),
}
NETWORK = ("Hele netværket", "The whole network")
NETWORK_SHORT = ("Netværket", "Network")
TEXT_MUNICIPALITY = ("Kommune", "Municipality")


def regime_short(name, lang="en"):
    """A regime's short name ("Forsøget", "The trial")."""
    return SHORT_REGIMES.get(name, (name, name))[0 if lang == "da" else 1]


def difference(pair, lang="en"):
    """A difference `later − earlier` in words ("Forsøget − lov om én plan")."""
    earlier, later = pair
    second = regime_short(earlier, lang)
    second = second[0].lower() + second[1:] if lang == "da" or earlier != "one_plan_law" else second
    return f"{regime_short(later, lang)} − {second}"


def variant_short(name, lang="en"):
    return SHORT_VARIANTS.get(name, (name, name))[0 if lang == "da" else 1]


def variant_phrase(name, lang="en"):
    """A version of the One Plan law inside a sentence ("lov om én plan som vedtaget")."""
    return VARIANT_PHRASES.get(name, (name, name))[0 if lang == "da" else 1]


def target_group_short(name, lang="en"):
    """A target group's name without its paragraph ("Kontanthjælp, jobparat")."""
    return target_group(name, lang).split(" (LAB")[0]


OUTSIDE_SHORT = ("Uden for netværket", "Outside the network")


def municipality_short(name, lang="en"):
    """A municipality's name, short enough for a chart's row label."""
    if name == "other":
        return OUTSIDE_SHORT[0 if lang == "da" else 1]
    return municipality(name, lang)


def municipality(name, lang="en"):
    """A municipality's name (Allerød), the network for `all`."""
    if name == "all":
        return NETWORK[0 if lang == "da" else 1]
    return shared.MUNICIPALITIES.get(name, (name, name))[0 if lang == "da" else 1]


def target_group(name, lang="en"):
    """A LAB § 2 target group's name (Kontanthjælp, jobparat (LAB § 2 nr. 2))."""
    return shared.TARGET_GROUPS.get(name, (name, name))[0 if lang == "da" else 1]


def both(function, *args):
    """(Danish, English) of a words function."""
    return (function(*args, lang="da"), function(*args, lang="en"))


MONTH_NAMES = {
    "da": ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def month(text, lang="en"):
    """A month YYYY-MM as a reader writes it ("jan. 2019", "Jan 2019")."""
    return f"{MONTH_NAMES[lang if lang == 'da' else 'en'][int(text[5:7]) - 1]} {text[:4]}"


def period(months, lang="en"):
    """The months compared ("jan. 2019 – dec. 2019")."""
    return f"{month(months[0], lang)} – {month(months[-1], lang)}"


def humanise(text, lang="en"):
    """Ids a reader should not meet in prose (One Plan law versions, municipalities, target groups) as words;
    dotted parameter names marked as code."""
    import re

    names = {**{k: variant_short(k, lang).lower() for k in VARIANTS}}
    names.update({k: municipality(k, lang) for k in shared.MUNICIPALITIES if k != "other"})
    names.update({k: target_group_short(k, lang) for k in shared.TARGET_GROUPS if "_" in k or "oe" in k})
    text = re.sub(r"(?<![`\w.])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)(?![\w`])", r"`\1`", text)
    return re.sub(r"(?<![`\w.])(" + "|".join(sorted(names, key=len, reverse=True)) + r")(?![\w`.])",
                  lambda match: names[match.group(1)], text)
