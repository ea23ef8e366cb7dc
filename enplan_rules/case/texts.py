"""Names of the case facts and validation messages, in Danish and English."""

FACTS = {
    "municipality": ("kommune", "municipality"),
    "birth_date": ("fødselsdato", "date of birth"),
    "age": ("alder", "age"),
    "employment_target_group": ("målgruppe (LAB § 2)", "target group (LAB § 2)"),
    "sickness_benefit_category": ("sygedagpengekategori", "sickness-benefit category"),
    "benefit_start_date": ("i målgruppen siden", "in the target group since"),
    "has_complex_problems": ("komplekse og sammensatte problemer", "complex and compound problems"),
    "consents_to_one_plan": ("deltager i/samtykker til én plan", "takes part in / consents to one plan"),
    "refuses_one_plan": ("afviser en helhedsorienteret plan", "refuses a holistic plan"),
    "receives_adult_social_support": ("voksenstøtte efter serviceloven", "adult support under the Social Services Act"),
    "receives_child_special_support": ("særlig støtte til barnet", "special support to the child"),
    "parent_of_child_in_care": ("forælder til anbragt barn", "parent of a child in care"),
    "has_mentor": ("mentorstøtte", "mentor support"),
    "rehabilitation_team_case": ("sag i rehabiliteringsteamet", "case before the rehabilitation team"),
    "assessed_not_to_benefit_from_offers": ("faglig vurdering: profiterer ikke af tilbud", "professional assessment: will not benefit from offers"),
    "meetings_held": ("afholdte samtaler", "meetings held"),
    "municipal_visitation_to_trial": ("visiteret til forsøget af kommunen", "visited to the trial by the municipality"),
    "has_adult_disability_or_rehabilitation_case": ("sag i voksenhandicap/genoptræning", "case in adult disability / rehabilitation"),
    "helsingoer_solution": ("Helsingørs forsøgsløsning", "Helsingør's trial solution"),
    "departments_with_case": ("fagcentre med sag", "departments with a case"),
    "en_plan_start_date": ("En Plan-samarbejde begyndt", "En Plan collaboration began"),
}

YES_NO = {"da": ("ja", "nej"), "en": ("yes", "no")}

MESSAGES = {
    "required": ("feltet mangler", "the field is missing"),
    "additionalProperties": ("ukendt felt (sagsdokumentet må ikke indeholde andre felter, fx navne eller CPR-numre)",
                             "unknown field (the case document takes no other fields, e.g. no names or CPR numbers)"),
    "enum": ("ugyldig værdi", "invalid value"),
    "type": ("forkert type", "wrong type"),
    "pattern": ("forkert format", "wrong format"),
    "minimum": ("værdien er for lille", "the value is too small"),
    "maximum": ("værdien er for stor", "the value is too large"),
    "minItems": ("for få elementer", "too few items"),
    "maxItems": ("for mange elementer", "too many items"),
    "oneOf": ("angiv enten month eller date (ikke begge)", "give either month or date (not both)"),
    "not_a_date": ("ikke en gyldig dato", "not a valid date"),
    "duplicate_id": ("personens id er brugt før i sagen", "the person id is used twice in the case"),
    "too_many_parents": ("en familie har højst to forældre", "a family has at most two parents"),
    "month_out_of_range": ("måneden ligger uden for den periode, motoren dækker", "the month lies outside the period the engine covers"),
    "born_after_month": ("personen er født efter den måned, der spørges om", "the person is born after the month asked about"),
    "not_an_object": ("sagsdokumentet skal være et JSON-objekt", "the case document must be a JSON object"),
    "unknown_regime": ("ukendt regime", "unknown regime"),
    "unknown_lang": ("ukendt sprog", "unknown language"),
}
