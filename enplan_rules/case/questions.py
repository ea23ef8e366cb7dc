"""The questions a case is asked, in Danish and English, and the sentences that explain each answer."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Question:
    id: str
    variable: str
    da: str
    en: str
    trigger: tuple = ()  # the sector duty's own conditions (all must hold)
    set_asides: tuple = field(default_factory=tuple)  # variables that, when true, lift the duty


QUESTIONS = (
    Question("in_trial", "in_en_plan_trial",
             "Er borgeren omfattet af frikommuneforsøget En Plan?",
             "Is the citizen in the En Plan free-municipality trial?"),
    Question("plan_lab_min_plan", "separate_plan_required_lab_min_plan",
             "Skal der laves en særskilt »Min Plan« (LAB §§ 27–30, BEK § 52)?",
             "Must a separate »Min Plan« be made (LAB §§ 27–30, BEK § 52)?",
             ("lab_min_plan_triggered",),
             ("lab_min_plan_replaced_by_holistic_plan", "lab_min_plan_set_aside_by_trial")),
    Question("plan_lab_30a_action_part", "separate_plan_required_lab_30a_action_part",
             "Skal rehabiliteringsplanens indsatsdel laves særskilt (LAB § 30 a)?",
             "Must the rehabilitation plan's action part be made separately (LAB § 30 a)?",
             ("lab_30a_action_part_triggered",),
             ("lab_30a_action_part_replaced_by_holistic_plan", "lab_30a_action_part_set_aside_by_trial")),
    Question("rehabilitation_preparatory_part", "rehabilitation_plan_preparatory_part_required",
             "Skal rehabiliteringsplanens forberedende del laves (LAB § 30 a)?",
             "Must the rehabilitation plan's preparatory part be made (LAB § 30 a)?",
             ("rehabilitation_team_case",)),
    Question("plan_lab_kap_12a_12b", "separate_plan_required_lab_kap_12a_12b",
             "Skal der laves en særskilt plan for ressourceforløb/jobafklaringsforløb (LAB kap. 12 a–12 b)?",
             "Must a separate ressourceforløb / jobafklaringsforløb plan be made (LAB kap. 12 a–12 b)?",
             ("lab_kap_12a_12b_plan_triggered",),
             ("lab_kap_12a_12b_plan_replaced_by_holistic_plan", "lab_kap_12a_12b_plan_set_aside_by_trial")),
    Question("plan_sel_141", "separate_plan_required_sel_141",
             "Skal der tilbydes en særskilt handleplan efter SEL § 141?",
             "Must a separate SEL § 141 action plan be offered?",
             ("sel_141_plan_triggered",),
             ("sel_141_plan_replaced_by_holistic_plan", "sel_141_plan_set_aside_by_trial")),
    Question("plan_sel_140", "separate_plan_required_sel_140",
             "Skal barnets egen handleplan efter SEL § 140 laves?",
             "Must the child's own SEL § 140 action plan be made?",
             ("sel_140_plan_triggered",), ("sel_140_plan_replaced_by_holistic_plan",)),
    Question("sel_140_parent_elements", "sel_140_parent_elements_replaced_by_holistic_plan",
             "Erstattes de dele af barnets § 140-handleplan, der vedrører forældrene, af en helhedsorienteret plan (SEL § 140 a)?",
             "Are the parts of the child's § 140 plan that concern the parents replaced by a holistic plan (SEL § 140 a)?",
             ("sel_140_plan_triggered",)),
    Question("plan_sel_54", "separate_plan_required_sel_54",
             "Skal der laves en særskilt plan efter SEL § 54?",
             "Must a separate SEL § 54 plan be made?",
             ("parent_of_child_in_care",), ("sel_54_plan_replaced_by_holistic_plan", "sel_54_plan_set_aside_by_trial")),
    Question("plan_sel_70", "separate_plan_required_sel_70",
             "Skal kommunen tilbyde at revidere forældrenes plan efter SEL § 70, stk. 4?",
             "Must the municipality offer to revise the parents' plan under SEL § 70 stk. 4?",
             ("parent_of_child_in_care",), ("sel_70_plan_set_aside_by_trial",)),
    Question("plan_las_50", "separate_plan_required_las_50",
             "Skal revalidendens »Min Plan« efter LAS § 50 laves?",
             "Must the revalidend's »Min Plan« under LAS § 50 be made?",
             ("las_50_plan_triggered",), ("las_50_plan_replaced_by_holistic_plan", "las_50_plan_set_aside_by_trial")),
    Question("plan_lsd_13c", "separate_plan_required_lsd_13c",
             "Skal der laves en særskilt aftale efter sygedagpengelovens § 13 c (kategori 2)?",
             "Must a separate sickness-benefit § 13 c agreement (category 2) be made?",
             ("lsd_13c_plan_triggered",),
             ("lsd_13c_plan_replaced_by_holistic_plan", "lsd_13c_plan_set_aside_by_trial")),
    Question("mentor_form", "separate_mentor_form_required",
             "Skal der udfyldes en særskilt mentorblanket (LAB § 31 c)?",
             "Must a separate mentor form be made (LAB § 31 c)?",
             ("lab_31c_mentor_form_triggered",), ("lab_31c_mentor_form_set_aside_by_trial",)),
    Question("contact_process", "ordinary_contact_process_applies",
             "Gælder de ordinære regler om kontaktforløb/opfølgning?",
             "Do the ordinary contact-process / follow-up rules apply?",
             (),
             ("lab_contact_process_set_aside_by_trial", "lsd_13b_followup_set_aside_by_trial")),
    Question("ordinary_meetings", "ordinary_required_meetings",
             "Hvor mange samtaler kræver de ordinære regler i måneden?",
             "How many meetings do the ordinary rules require this month?"),
    Question("right_and_duty_offer", "right_and_duty_offer_required",
             "Skal der være givet et ret og pligt-tilbud?",
             "Must a right-and-duty offer have been given?",
             ("right_and_duty_regime_applies", "right_and_duty_first_offer_due"),
             ("right_and_duty_set_aside_by_trial",)),
    Question("outside_jobcenter", "employment_effort_outside_jobcenter_allowed",
             "Må en anden enhed end jobcenteret varetage beskæftigelsesindsatsen?",
             "May a unit other than the jobcenter run the employment effort?",
             (),
             ("employment_effort_outside_jobcenter_allowed_by_one_plan_law",
              "employment_effort_outside_jobcenter_allowed_by_trial")),
    Question("reporting", "reporting_to_shared_database_required",
             "Skal indsatsen indberettes til det fælles datagrundlag?",
             "Must the effort be reported to the shared data base?"),
    Question("lab_repealed", "lab_repealed_text_applied",
             "Er LAB ophævet (fra 1.1.2020), så svar efter LAB's regler hviler på ophævet tekst?",
             "Has LAB been repealed (from 1 Jan 2020), so that answers under LAB rules rest on repealed text?"),
    Question("legal_basis_unresolved", "trial_legal_basis_unresolved",
             "Falder forsøgssvaret i en måned, som ingen forsøgsbekendtgørelse dækker (fra 2020 gælder BEK 1184/2019)?",
             "Does the trial answer fall in a month no trial order covers (from 2020 BEK 1184/2019 applies)?"),
)

# What it means when a deciding variable is true / false: (da, en) for true, then for false.
SENTENCES = {
    "lab_min_plan_triggered": (
        ("borgeren er i en målgruppe efter LAB § 2, der skal have »Min Plan«", "the citizen is in a LAB § 2 target group that must have a »Min Plan«"),
        ("borgeren er ikke i en målgruppe, der skal have »Min Plan«", "the citizen is not in a target group that must have a »Min Plan«")),
    "lab_min_plan_replaced_by_holistic_plan": (
        ("en helhedsorienteret plan træder i stedet (LAB § 30 b)", "a holistic plan takes its place (LAB § 30 b)"),
        ("ingen helhedsorienteret plan træder i stedet", "no holistic plan takes its place")),
    "lab_min_plan_set_aside_by_trial": (
        ("frikommuneforsøgets ene plan erstatter den (forsøgsbekendtgørelsen i kraft: BEK 603 § 12 … BEK 1184 § 23)", "the trial's one plan replaces it (the trial order in force: BEK 603 § 12 … BEK 1184 § 23)"),
        ("frikommuneforsøget fritager ikke", "the trial does not exempt it")),
    "lab_30a_action_part_triggered": (
        ("sagen behandles i rehabiliteringsteamet", "the case goes before the rehabilitation team"),
        ("sagen behandles ikke i rehabiliteringsteamet", "the case does not go before the rehabilitation team")),
    "rehabilitation_team_case": (
        ("sagen behandles i rehabiliteringsteamet, og ingen regel fritager for den forberedende del", "the case goes before the rehabilitation team, and no rule exempts the preparatory part"),
        ("sagen behandles ikke i rehabiliteringsteamet", "the case does not go before the rehabilitation team")),
    "lab_30a_action_part_replaced_by_holistic_plan": (
        ("en helhedsorienteret plan træder i stedet for indsatsdelen (LAB § 30 b)", "a holistic plan replaces the action part (LAB § 30 b)"),
        ("ingen helhedsorienteret plan træder i stedet", "no holistic plan takes its place")),
    "lab_30a_action_part_set_aside_by_trial": (
        ("forsøget fritager for indsatsdelen (BEK 603 § 13 … BEK 1184 § 24)", "the trial exempts the action part (BEK 603 § 13 … BEK 1184 § 24)"),
        ("forsøget fritager ikke", "the trial does not exempt it")),
    "lab_kap_12a_12b_plan_triggered": (
        ("borgeren er i ressourceforløb eller jobafklaringsforløb", "the citizen is in ressourceforløb or jobafklaringsforløb"),
        ("borgeren er hverken i ressourceforløb eller jobafklaringsforløb", "the citizen is in neither ressourceforløb nor jobafklaringsforløb")),
    "lab_kap_12a_12b_plan_replaced_by_holistic_plan": (
        ("den koordinerende sagsbehandler laver den helhedsorienterede plan, som forløbet bygger på (LAB § 30 b stk. 4)", "the coordinating caseworker makes the holistic plan the programme runs on (LAB § 30 b stk. 4)"),
        ("ingen helhedsorienteret plan træder i stedet", "no holistic plan takes its place")),
    "lab_kap_12a_12b_plan_set_aside_by_trial": (
        ("forsøget fritager for planen; indsatserne skal fremgå af den samlede plan", "the trial exempts the plan; the interventions must appear in the one plan"),
        ("forsøget fritager ikke", "the trial does not exempt it")),
    "sel_141_plan_triggered": (
        ("borgeren modtager støtte efter serviceloven, der udløser en § 141-handleplan", "the citizen receives Social Services Act support that triggers a § 141 action plan"),
        ("borgeren modtager ikke støtte, der udløser en § 141-handleplan", "the citizen receives no support that triggers a § 141 action plan")),
    "sel_141_plan_replaced_by_holistic_plan": (
        ("handleplanen kan være den helhedsorienterede plan (SEL § 141 stk. 7)", "the action plan can be the holistic plan (SEL § 141 stk. 7)"),
        ("ingen helhedsorienteret plan træder i stedet", "no holistic plan takes its place")),
    "sel_141_plan_set_aside_by_trial": (
        ("forsøgets ene plan erstatter den", "the trial's one plan replaces it"),
        ("forsøget fritager ikke (lov 658 § 11 nævner ikke § 141)", "the trial does not exempt it (lov 658 § 11 does not name § 141)")),
    "sel_140_plan_triggered": (
        ("barnet eller den unge modtager særlig støtte; planen skal laves på barnets egen sag, også i forsøget", "the child or young person receives special support; the plan is made on the child's own file, in the trial too"),
        ("barnet modtager ikke særlig støtte, der udløser en § 140-handleplan", "the child receives no special support that triggers a § 140 plan")),
    "sel_140_plan_replaced_by_holistic_plan": (
        ("den unge (16–22 år) har en helhedsorienteret plan, der erstatter hele handleplanen (SEL § 140 a)", "the young person (16–22) has a holistic plan that replaces the whole action plan (SEL § 140 a)"),
        ("ingen helhedsorienteret plan erstatter hele handleplanen (SEL § 140 a gælder kun unge mellem 16 og 23 år med samtykke)", "no holistic plan replaces the whole action plan (SEL § 140 a covers only young people between 16 and 23, with consent)")),
    "parent_of_child_in_care": (
        ("borgeren er forælder til et anbragt barn", "the citizen is the parent of a child in care"),
        ("borgeren er ikke forælder til et anbragt barn", "the citizen is not the parent of a child in care")),
    "sel_54_plan_set_aside_by_trial": (
        ("forældrenes sammenhængende plan erstatter den (lov 658 § 11, stk. 1)", "the parents' coherent plan replaces it (lov 658 § 11 stk. 1)"),
        ("forsøget fritager ikke", "the trial does not exempt it")),
    "sel_70_plan_set_aside_by_trial": (
        ("i stedet tilbydes revision af den sammenhængende plan (lov 658 § 11, stk. 3)", "revision of the coherent plan is offered instead (lov 658 § 11 stk. 3)"),
        ("forsøget fritager ikke", "the trial does not exempt it")),
    "las_50_plan_triggered": (
        ("borgeren er revalidend med afklaret erhvervsmæssigt sigte (LAS § 50)", "the citizen is a revalidend whose vocational goal is clarified (LAS § 50)"),
        ("borgeren er ikke revalidend med afklaret erhvervsmæssigt sigte (LAS § 50)", "the citizen is not a revalidend whose vocational goal is clarified (LAS § 50)")),
    "las_50_plan_replaced_by_holistic_plan": (
        ("en helhedsorienteret plan træder i stedet for revalidendens »Min Plan« (LAS § 50 stk. 2)", "a holistic plan takes the place of the revalidend's »Min Plan« (LAS § 50 stk. 2)"),
        ("ingen helhedsorienteret plan træder i stedet", "no holistic plan takes its place")),
    "las_50_plan_set_aside_by_trial": (
        ("forsøgets ene plan erstatter den", "the trial's one plan replaces it"),
        ("forsøget fritager ikke", "the trial does not exempt it")),
    "lsd_13c_plan_triggered": (
        ("borgeren er sygedagpengemodtager i kategori 2", "the citizen is a category-2 sickness-benefit recipient"),
        ("borgeren er ikke sygedagpengemodtager i kategori 2", "the citizen is not a category-2 sickness-benefit recipient")),
    "lsd_13c_plan_replaced_by_holistic_plan": (
        ("en helhedsorienteret plan træder i stedet (LSD § 13 e)", "a holistic plan takes its place (LSD § 13 e)"),
        ("ingen helhedsorienteret plan træder i stedet", "no holistic plan takes its place")),
    "sel_54_plan_replaced_by_holistic_plan": (
        ("en helhedsorienteret plan træder i stedet for den særskilte plan (SEL § 54 stk. 3)", "a holistic plan takes the place of the separate plan (SEL § 54 stk. 3)"),
        ("ingen helhedsorienteret plan træder i stedet", "no holistic plan takes its place")),
    "lsd_13c_plan_set_aside_by_trial": (
        ("forsøgets ene plan erstatter den", "the trial's one plan replaces it"),
        ("forsøget fritager ikke", "the trial does not exempt it")),
    "lab_31c_mentor_form_triggered": (
        ("borgeren har mentorstøtte", "the citizen has mentor support"),
        ("borgeren har ikke mentorstøtte", "the citizen has no mentor support")),
    "lab_31c_mentor_form_set_aside_by_trial": (
        ("forsøget samler mentoraftalen i familiens plan (BEK 529 § 34, 1.7.2018–31.12.2019)", "the trial merges the mentor agreement into the family's plan (BEK 529 § 34, 1 Jul 2018 – 31 Dec 2019)"),
        ("forsøget fritager ikke", "the trial does not exempt it")),
    "lab_contact_process_set_aside_by_trial": (
        ("kommunen tilrettelægger selv kontaktforløbet i forsøget (BEK 603 § 15 … BEK 1184 §§ 26, 29)", "the municipality designs the contact process in the trial (BEK 603 § 15 … BEK 1184 §§ 26, 29)"),
        ("forsøget fritager ikke for LAB's kontaktforløb", "the trial does not set aside the LAB contact process")),
    "lsd_13b_followup_set_aside_by_trial": (
        ("kommunen fastlægger selv opfølgningen i forsøget (kategori 2: BEK 603 § 16 …; kategori 3 fra 1.1.2018: BEK 1255 § 21 …)", "the municipality sets the follow-up in the trial (category 2: BEK 603 § 16 …; category 3 from 1 Jan 2018: BEK 1255 § 21 …)"),
        ("forsøget fritager ikke for sygedagpengeopfølgningen", "the trial does not set aside the sickness-benefit follow-up")),
    "right_and_duty_regime_applies": (
        ("borgerens målgruppe er omfattet af ret og pligt", "the citizen's target group is under the right-and-duty regime"),
        ("borgerens målgruppe er ikke omfattet af ret og pligt", "the citizen's target group is not under the right-and-duty regime")),
    "right_and_duty_first_offer_due": (
        ("fristen for første ret og pligt-tilbud falder i eller før måneden", "the deadline for the first right-and-duty offer falls in or before the month"),
        ("fristen for første ret og pligt-tilbud er ikke nået", "the deadline for the first right-and-duty offer has not come")),
    "right_and_duty_set_aside_by_trial": (
        ("forsøget undtager fra ret og pligt efter en faglig vurdering (fra 1.1.2018: BEK 1255 § 23, 529 § 33, 1184 § 30)", "the trial sets the offers aside after a professional assessment (from 1 Jan 2018: BEK 1255 § 23, 529 § 33, 1184 § 30)"),
        ("forsøget undtager ikke (det kræver forsøget fra 1.1.2018, komplekse problemer og en faglig vurdering)", "the trial does not set them aside (that takes the trial from 1 Jan 2018, complex problems and a professional assessment)")),
    "employment_effort_outside_jobcenter_allowed_by_one_plan_law": (
        ("borgeren skal have en helhedsorienteret plan (LAB § 1 a stk. 2)", "the citizen is to have a holistic plan (LAB § 1 a stk. 2)"),
        ("lov om én plan giver ikke adgang her", "the One Plan law does not allow it here")),
    "employment_effort_outside_jobcenter_allowed_by_trial": (
        ("forsøget tillader det for en borger med komplekse problemer (BEK 603 § 14 … BEK 1184 § 25)", "the trial allows it for a citizen with complex problems (BEK 603 § 14 … BEK 1184 § 25)"),
        ("forsøget giver ikke adgang her", "the trial does not allow it here")),
}

ANSWER_WORDS = {"da": ("Ja", "Nej"), "en": ("Yes", "No")}
