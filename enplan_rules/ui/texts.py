"""The page's words in Danish and English."""

from enplan_rules.case.texts import FACTS

UI = {
    "title": ("En Plan — hvilke planer og regler gælder i sagen?", "En Plan — which plans and rules apply to the case?"),
    "intro": (
        "Udfyld sagens oplysninger. Siden viser svarene efter sektorlovgivningen, lov om én plan og "
        "frikommuneforsøget side om side, med paragraffer, begrundelse og usikkerheder.",
        "Fill in the facts of the case. The page shows the answers under sector law, the One Plan law and the "
        "free-municipality trial side by side, with paragraphs, reasoning and uncertainties.",
    ),
    "skip": ("Spring til svarene", "Skip to the answers"),
    "skip_form": ("Spring til formularen", "Skip to the form"),
    "lang_switch": ("English", "Dansk"),
    "lang_switch_label": ("Sprog", "Language"),
    "case": ("Sagen", "The case"),
    "municipality": ("Kommune", "Municipality"),
    "choose_municipality": ("Vælg kommune", "Choose a municipality"),
    "month": ("Måned", "Month"),
    "month_hint": ("Den måned, der spørges om (ÅÅÅÅ-MM)", "The month asked about (YYYY-MM)"),
    "persons": ("Personer i familien", "Persons in the family"),
    "persons_hint": (
        "En person uden udfyldte oplysninger medtages ikke. Ingen navne eller CPR-numre.",
        "A person with no facts filled in is left out. No names or CPR numbers.",
    ),
    "person_n": ("Person {n}", "Person {n}"),
    "id": ("Betegnelse", "Label"),
    "id_hint": ("Fx mor, barn1 (bogstaver, tal, - og _)", "E.g. mother, child1 (letters, digits, - and _)"),
    "role": ("Rolle", "Role"),
    "benefits": ("Ydelse og beskæftigelse", "Benefit and employment"),
    "services": ("Indsatser og støtte", "Interventions and support"),
    "assessment": ("Vurdering og samtykke", "Assessment and consent"),
    "municipal": ("Kommunens egen målgruppe", "The municipality's own target group"),
    "municipal_hint": (
        "Kun relevant for visse kommuner: Allerød, Gribskov, Halsnæs (visitation), Furesø, Helsingør, Ballerup.",
        "Only for some municipalities: Allerød, Gribskov, Halsnæs (visitation), Furesø, Helsingør, Ballerup.",
    ),
    "submit": ("Vis svarene", "Show the answers"),
    "add_person": ("Tilføj en person", "Add a person"),
    "errors_title": ("Sagen kan ikke beregnes endnu", "The case cannot be computed yet"),
    "errors_intro": ("Ret disse felter:", "Please correct these fields:"),
    "not_whole_number": ("skal være et helt tal", "must be a whole number"),
    "id_missing": ("giv personen en betegnelse", "give the person a label"),
    "need_person": ("udfyld mindst én person", "fill in at least one person"),
    "expected": ("forventet", "expected"),
    "results": ("Svar", "Answers"),
    "results_for": ("Svar for {municipality}, {month}", "Answers for {municipality}, {month}"),
    "differences": ("Forskelle mellem regimerne", "Differences between the regimes"),
    "no_differences": ("Regimerne giver de samme svar.", "The regimes give the same answers."),
    "differs": ("Forskel mellem regimerne", "Differs between the regimes"),
    "question": ("Spørgsmål", "Question"),
    "person_table": ("Svar for {person} ({role})", "Answers for {person} ({role})"),
    "paragraphs": ("Paragraffer", "Paragraphs"),
    "reasoning": ("Begrundelse", "Reasoning"),
    "ambiguity": ("Omstridt læsning", "Contested reading"),
    "unverified": ("Ikke-verificerede værdier", "Unverified values"),
    "register": ("Usikkerheder i lovgrundlaget (tvetydighedsregistret)", "Uncertainties in the law (the ambiguity register)"),
    "engine_reading": ("Motorens læsning", "The engine's reading"),
    "alternative": ("Alternativ læsning", "Alternative reading"),
    "sources": ("Kilder", "Sources"),
    "unverified_title": ("Værdier, der ikke er verificeret", "Values that are not verified"),
    "name": ("Parameter", "Parameter"),
    "value": ("Værdi", "Value"),
    "description": ("Beskrivelse", "Description"),
    "receipt": ("Kvittering (sporbarhed)", "Provenance receipt"),
    "receipt_intro": (
        "Samme sag og version giver samme svar; forespørgslens sha256 identificerer beregningen.",
        "The same case and version give the same answers; the request sha256 identifies the computation.",
    ),
    "version": ("Version", "Version"),
    "period": ("Periode", "Period"),
    "parameters": ("Parametre", "Parameters"),
    "request_hash": ("Forespørgslens sha256", "Request sha256"),
    "print": ("Udskriv som sagsnotat", "Print as a case note"),
    "show_other_lang": ("Vis svarene på engelsk", "Show the answers in Danish"),
    "download": ("Hent sagen som scenariefil (YAML)", "Download the case as a scenario file (YAML)"),
    "facts": ("Sagens oplysninger", "The facts of the case"),
    "no_facts": ("ingen oplysninger", "no facts"),
    "footer": (
        "Svarene er en lovfortolkning med angivne usikkerheder, ikke en afgørelse. Ingen oplysninger gemmes.",
        "The answers are a reading of the law with its uncertainties marked, not a decision. Nothing is stored.",
    ),
    "error_title": ("Der opstod en fejl", "Something went wrong"),
    "error_text": (
        "Siden kunne ikke beregne svaret. Prøv igen; fejlen er logget uden sagens oplysninger.",
        "The page could not compute the answer. Please try again; the error is logged without the case facts.",
    ),
    "not_found": ("Siden findes ikke", "Page not found"),
    "back": ("Til formularen", "Back to the form"),
    "too_large": ("Formularen er for stor", "The form is too large"),
    "flagged_under": ("markeret under", "flagged under"),
    "legend_flag": ("⚠ = svaret hviler på en omstridt læsning eller en ikke-verificeret værdi",
                    "⚠ = the answer rests on a contested reading or an unverified value"),
    "yes": ("ja", "yes"),
    "regime": ("Regime", "Regime"),
    "error": ("Fejl", "Error"),
}

# Labels of the case facts (the same words as the report's).
LABELS = {name: pair for name, pair in FACTS.items()}

HINTS = {
    "birth_date": ("ÅÅÅÅ-MM-DD", "YYYY-MM-DD"),
    "benefit_start_date": ("Dato for indtræden i den nuværende målgruppe", "Date the person entered the current target group"),
    "meetings_held": ("Individuelle samtaler i måneden", "Individual meetings held that month"),
    "departments_with_case": ("Helsingør: antal fagcentre, borgeren har sag i", "Helsingør: departments the person has a case in"),
    "en_plan_start_date": ("Ballerup: dato, En Plan-samarbejdet begyndte", "Ballerup: date the En Plan collaboration began"),
    "municipal_visitation_to_trial": ("Allerød, Gribskov, Halsnæs", "Allerød, Gribskov, Halsnæs"),
    "has_adult_disability_or_rehabilitation_case": ("Furesø", "Furesø"),
    "receives_adult_social_support": ("Støtte, der udløser en handleplan efter SEL § 141", "Support that triggers a SEL § 141 action plan"),
    "receives_child_special_support": ("Særlig støtte, der udløser en handleplan efter SEL § 140", "Special support that triggers a SEL § 140 action plan"),
    "assessed_not_to_benefit_from_offers": ("Ret og pligt (BEK 529 § 33)", "Right and duty (BEK 529 § 33)"),
}


def t(key, lang, **values):
    pair = UI[key]
    word = pair[0] if lang == "da" else pair[1]
    return word.format(**values) if values else word
