"""The page's words in Danish and English."""

import re

from enplan_rules.case.texts import FACTS
from enplan_rules.month_names import MONTHS, month_words  # noqa: F401  (the pages' month words: one definition)

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
    "month_hint": ("Den måned, der spørges om", "The month asked about"),
    "law_version": ("Version af lov om én plan", "Version of the One Plan law"),
    "law_version_hint": ("Hvilken tekst af loven svarene efter lov om én plan og forsøget bygger på: den vedtagne lov er standard",
                     "Which text of the law the One Plan law and trial answers rest on: the enacted law is the default"),
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
    "submit_direct": ("Vis svarene med det samme", "Show the answers at once"),
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
    "review": ("Gennemse sagen", "Review the case"),
    "review_title": ("Gennemse sagen før svarene", "Review the case before the answers"),
    "review_intro": ("Sådan er sagen udfyldt. Ret den, eller se svarene.", "This is the case as filled in. Correct it, or see the answers."),
    "edit": ("Ret oplysningerne", "Correct the facts"),
    "edit_case": ("Ret sagen", "Edit the case"),
    "refresh": ("Opdater felterne", "Update the fields"),
    "refresh_hint": ("Viser de felter, der kan have betydning for de valg, du har truffet.",
                     "Shows the fields that can matter for the choices made."),
    "yes_word": ("Ja", "Yes"),
    "no_word": ("Nej", "No"),
    "unknown_word": ("Ved ikke", "Not known"),
    "unknown_facts": ("Ikke oplyst", "Not given"),
    "unknown_now_no": ("Oplysningerne er udeladt af sagen; motoren kan endnu ikke svare betinget på dem alle.",
                       "The facts are left out of the case; the engine cannot yet answer on all of them contingently."),
    "unknown_sent": ("Oplysningerne er udeladt af sagen, og motoren regner dem som ukendte: de svar, der afhænger af "
                     "dem, siger hvad de afhænger af.",
                     "The facts are left out of the case and the engine takes them as unknown: the answers that turn "
                     "on them say what they depend on."),
    "privacy": ("Sagen ligger i linket og indeholder ingen navne eller CPR-numre: sagsdokumentet afviser dem. "
                "Notatfelterne (journalnummer, sagsbehandler, noter) sendes aldrig med i linket.",
                "The case lives in the link and carries no names or CPR numbers: the case document refuses them. "
                "The note fields (case reference, caseworker, notes) are never put in the link."),
    "link": ("Link til sagen", "Link to the case"),
    "link_hint": ("Del eller gem linket: det genskaber svarene.", "Share or keep the link: it reproduces the answers."),
    "load": ("Indlæs en scenariefil", "Load a scenario file"),
    "load_file": ("Scenariefil (YAML)", "Scenario file (YAML)"),
    "load_button": ("Indlæs filen", "Load the file"),
    "load_hint": ("En fil fra »Hent sagen som scenariefil« eller fra scenarios/.",
                  "A file from »Download the case as a scenario file« or from scenarios/."),
    "load_failed": ("Scenariefilen kan ikke indlæses", "The scenario file cannot be loaded"),
    "no_file": ("vælg en fil", "choose a file"),
    "case_refused": ("Sagen kan ikke besvares", "The case cannot be answered"),
    "note_too_large": ("Sagsnotatet bliver for stort", "The case note would be too large"),
    "note_too_large_text": ("Sagsnotatet laves for højst {persons} personer; siden viser svarene for dem alle.",
                            "The case note is made for at most {persons} persons; the page shows the answers for "
                            "all of them."),
    "bad_link": ("Linket til sagen kan ikke læses", "The link to the case cannot be read"),
    "bad_link_text": ("Linket er ufuldstændigt eller ændret. Udfyld sagen igen.",
                      "The link is incomplete or has been changed. Please fill in the case again."),
    "pin": ("Med de nuværende svar som forventninger (expect:), så filen bliver en regressionstest",
            "With today's answers as expectations (expect:), making the file a regression test"),
    "note": ("Sagsnotat", "Case note"),
    "note_intro": ("Felterne bruges kun til udskriften og PDF'en. De gemmes ikke og kommer ikke i linket; "
                   "til PDF'en sendes de kun med forespørgslen om PDF'en og logges ikke.",
                   "The fields are used only for the printout and the PDF. They are not stored and never put in the "
                   "link; for the PDF they are sent only with the request for the PDF and never logged."),
    "note_reference": ("Journalnummer", "Case reference"),
    "note_date": ("Dato", "Date"),
    "note_caseworker": ("Sagsbehandler", "Caseworker"),
    "note_text": ("Noter", "Notes"),
    "pdf": ("Hent sagsnotat som PDF", "Download the case note as PDF"),
    "duties": ("Pligter, der består", "Duties that remain"),
    "no_duties": ("Ingen af planerne eller pligterne gælder i nogen af regimerne.", "None of the plans or duties apply under any regime."),
    "flags": ("Markeringer", "Flags"),
    "no_flags": ("Ingen omstridte læsninger eller ikke-verificerede værdier.", "No contested readings or unverified values."),
    "appendix": ("Bilag: den fulde begrundelse", "Appendix: the full reasoning"),
    "facts_used": ("Afgørende oplysninger", "Deciding facts"),
    "not_applicable": ("{n} spørgsmål kan ikke gælde for {person}", "{n} questions cannot apply to {person}"),
    "excerpt": ("Lovens ord", "The statute's words"),
    "source": ("Kilde", "Source"),
    "depends": ("afhænger af", "depends"),
    "depends_on": ("Afhænger af", "Depends on"),
    "generated": ("Udarbejdet", "Made"),
    "page_n": ("Side", "Page"),
    "and_more": ("og {n} mere", "and {n} more"),
    "toolbar": ("Sagen", "The case"),
    "tools_link": ("Link, fil og notat", "Link, file and note"),
    "tools": ("Link og scenariefil", "Link and scenario file"),
    "answers_under": ("Svarene nedenfor er efter {regime}; tryk på et svar for lovens ord og hvad det afhænger af.",
                      "The answers below are under {regime}; open an answer for the law's words and what it depends on."),
    "comparison": ("Sammenligning med de andre regimer", "Comparison with the other regimes"),
    "comparison_intro": ("Hvert spørgsmål efter sektorlovgivningen, lov om én plan og forsøget; ≠ markerer en forskel.",
                         "Each question under sector law, the One Plan law and the trial; ≠ marks a difference."),
    "comparison_link": ("sammenligning", "comparison"),
    "note_answers_under": ("Svarene er efter {regime}; sammenligningen og begrundelserne følger.",
                           "The answers are under {regime}; the comparison and the reasoning follow."),
    "start_history": ("Start et sagsforløb", "Start a case history"),
    "history_intro": ("Et forløb over flere måneder med frister og hvad der blev gjort:",
                      "A case over several months, with deadlines and what was done:"),
    "history_link": ("Sagsforløb", "Case history"),
    "law_link": ("Loven på siden", "The law on the page"),
    "pages_nav": ("Sider", "Pages"),
    "not_given": ("Ikke oplyst", "Not given"),
    "not_given_facts": ("Oplysninger, der ikke er givet", "Facts not given"),
    "date_hint": ("dd.mm.åååå, fx 01.05.1988", "dd.mm.yyyy, e.g. 01.05.1988"),
    "date_placeholder": ("dd.mm.åååå", "dd.mm.yyyy"),
    "bad_date": ("skriv datoen som dd.mm.åååå, fx 01.05.1988", "write the date as dd.mm.yyyy, e.g. 01.05.1988"),
}

def dates_in(text):
    """Every ISO date in `text` written dd.mm.åååå ("fødselsdato: 1988-05-01" → "fødselsdato: 01.05.1988")."""
    return re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", r"\3.\2.\1", str(text))


def date_words(value):
    """An ISO date "1988-05-01" as the page shows and takes it: "01.05.1988" (anything else unchanged)."""
    text = str(value or "")
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return f"{text[8:10]}.{text[5:7]}.{text[:4]}"
    return text

# Labels of the case facts (the same words as the report's and the validation messages').
LABELS = {name: pair for name, pair in FACTS.items()}

# Why a field can matter, with the paragraph that makes it matter.
HINTS = {
    "role": ("Et barn har sin egen handleplan (SEL § 140); beskæftigelsesreglerne (LAB § 2) gælder voksne.",
             "A child has its own action plan (SEL § 140); the employment rules (LAB § 2) apply to adults."),
    "birth_date": ("Alderen afgør forsøgets målgruppe (BEK 529 § 26, Bilag 1) og ret og pligt for unge (LAB § 96 a).",
                   "Age decides the trial's target group (BEK 529 § 26, Bilag 1) and right and duty for youths (LAB § 96 a)."),
    "employment_target_group": ("Målgruppen afgør »Min Plan« (LAB §§ 27–30), kontaktforløbet (LAB kap. 7) og ret og pligt.",
                                "The target group decides »Min Plan« (LAB §§ 27–30), the contact process (LAB kap. 7) and right and duty."),
    "benefit_start_date": ("Afgør fristen for ret og pligt (LAB §§ 92–96 c) og de første måneders samtaler (LAB kap. 7).",
                           "Decides the right-and-duty deadline (LAB §§ 92–96 c) and the first months' meetings (LAB kap. 7)."),
    "sickness_benefit_category": ("Kategori 2 udløser aftalen efter LSD § 13 c.", "Category 2 calls for the LSD § 13 c agreement."),
    "meetings_held": ("Individuelle samtaler i måneden; sammenholdes med kontaktforløbet (LAB kap. 7).",
                      "Individual meetings held that month; compared with the contact process (LAB kap. 7)."),
    "receives_adult_social_support": ("Støtte, der udløser en handleplan efter SEL § 141.",
                                      "Support that calls for an action plan under SEL § 141."),
    "receives_child_special_support": ("Særlig støtte, der udløser barnets handleplan efter SEL § 140.",
                                       "Special support that calls for the child's action plan under SEL § 140."),
    "parent_of_child_in_care": ("Udløser planerne efter SEL §§ 54 og 70.", "Calls for the plans under SEL §§ 54 and 70."),
    "has_mentor": ("Mentorstøtte (LAB § 31 b) udløser mentorblanketten (LAB § 31 c).",
                   "Mentor support (LAB § 31 b) calls for the mentor form (LAB § 31 c)."),
    "rehabilitation_team_case": ("Sagen i rehabiliteringsteamet udløser rehabiliteringsplanen (LAB § 30 a).",
                                 "A case before the rehabilitation team calls for the rehabilitation plan (LAB § 30 a)."),
    "has_complex_problems": ("Betingelse for forsøget (BEK 529 § 26) og for den helhedsorienterede plan (LAB § 30 b).",
                             "A condition of the trial (BEK 529 § 26) and of the holistic plan (LAB § 30 b)."),
    "consents_to_one_plan": ("Samtykke kræves for den helhedsorienterede plan (LAB § 30 b stk. 1; for en ung på 16–22 år "
                             "SEL § 140 a stk. 2) og forsøgets ene plan.",
                             "Consent is needed for the holistic plan (LAB § 30 b stk. 1; for a young person of 16–22, "
                             "SEL § 140 a stk. 2) and the trial's one plan."),
    "parental_authority_consents_to_holistic_plan": (
        "Kræves, for at forældrenes helhedsorienterede plan erstatter de dele af barnets handleplan, der vedrører "
        "forældrene (SEL § 140 a stk. 1), og for en ung på 16–17 år hele planen (stk. 2).",
        "Required for the parents' holistic plan to replace the parts of the child's action plan that concern the "
        "parents (SEL § 140 a stk. 1), and for a young person of 16–17 the whole plan (stk. 2)."),
    "assessed_not_to_benefit_from_offers": ("Ret og pligt kan undtages efter en faglig vurdering (BEK 529 § 33).",
                                            "Right and duty can be set aside after a professional assessment (BEK 529 § 33)."),
    "municipality_offers_holistic_plan": ("Kommunens valg (»kan«, LAB § 30 b, SEL §§ 140 a, 141 stk. 7): ikke oplyst "
                                          "gør de svar, der afhænger af det, betingede.",
                                          "The municipality's choice ('kan', LAB § 30 b, SEL §§ 140 a, 141 stk. 7): not "
                                          "given, the answers that turn on it say so."),
    "has_coordination_need": ("Sagsbehandlerens vurdering (LAB § 30 b stk. 1: »et koordinationsbehov«).",
                              "The caseworker's finding (LAB § 30 b stk. 1: 'et koordinationsbehov')."),
    "several_plans_can_be_made": ("Sagsbehandlerens vurdering (LAB § 30 b stk. 1: »kan eller skal udarbejdes flere planer«).",
                                  "The caseworker's finding (LAB § 30 b stk. 1: 'kan eller skal udarbejdes flere planer')."),
    "revalidering_vocational_goal_clarified": (
        "Sagsbehandlerens vurdering (LAS § 50: »når det erhvervsmæssige sigte er afklaret«); indtil da er revalidenden "
        "i forrevalidering (§ 46, stk. 1).",
        "The caseworker's finding (LAS § 50: 'når det erhvervsmæssige sigte er afklaret'); until then the revalidend is "
        "in forrevalidering (§ 46 stk. 1)."),
    **{f"municipality_uses_exemption_{key}": (
        "Kommunens valg i sagen: en fritagelse fritager, den forbyder ikke (forsøgsbekendtgørelserne).",
        "The municipality's choice for the case: an exemption frees it, it does not forbid (the trial orders).")
       for key in ("sel_141", "sel_54", "sel_70", "lab_min_plan", "lab_30a_action_part", "lab_kap_12a_12b", "las_50",
                   "lsd_13c", "lab_31c_mentor_form", "lab_contact_process", "lsd_13b_followup", "right_and_duty",
                   "employment_effort_outside_jobcenter")},
    "municipal_visitation_to_trial": ("Allerød, Gribskov, Halsnæs: kommunens visitation til forsøget (frikommunevedtægten).",
                                      "Allerød, Gribskov, Halsnæs: the municipality's visitation to the trial (its trial statute)."),
    "has_adult_disability_or_rehabilitation_case": ("Furesø: sag i voksenhandicap eller genoptræning (Furesøs målgruppe).",
                                                    "Furesø: a case in adult disability or rehabilitation (Furesø's target group)."),
    "helsingoer_solution": ("Helsingør: forsøgets løsninger; hjerneskade fra 1.10.2018.",
                            "Helsingør: the trial's solutions; brain injury from 1 Oct 2018."),
    "departments_with_case": ("Helsingør: antal fagcentre, borgeren har sag i (Helsingørs målgruppe).",
                              "Helsingør: the departments the person has a case in (Helsingør's target group)."),
    "en_plan_start_date": ("Ballerup: dato, En Plan-samarbejdet begyndte (Ballerups regel om at fortsætte).",
                           "Ballerup: the date the En Plan collaboration began (Ballerup's continuation rule)."),
}

# Why a question cannot apply to a person with this role.
NOT_FOR_ROLE = {
    "child": ("Gælder ikke et barn: reglerne om beskæftigelse, sygedagpenge og planer for voksne (LAB, LSD, LAS, SEL §§ 54, 70, 141).",
              "Does not apply to a child: the employment, sickness-benefit and adult-plan rules (LAB, LSD, LAS, SEL §§ 54, 70, 141)."),
    "parent": ("Gælder kun et barn: barnets egen handleplan (SEL § 140).",
               "Applies only to a child: the child's own action plan (SEL § 140)."),
}
ADULT_QUESTIONS = ("plan_lab_min_plan", "plan_lab_30a_action_part", "rehabilitation_preparatory_part",
                   "plan_lab_kap_12a_12b", "plan_sel_141", "plan_sel_54", "plan_sel_70", "plan_las_50", "plan_lsd_13c",
                   "mentor_form", "contact_process", "ordinary_meetings", "right_and_duty_offer", "outside_jobcenter")
CHILD_QUESTIONS = ("plan_sel_140",)


def t(key, lang, **values):
    pair = UI[key]
    word = pair[0] if lang == "da" else pair[1]
    return word.format(**values) if values else word
