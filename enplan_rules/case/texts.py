"""Names of the case facts, the labels of the case fields and the validation messages, in Danish and English."""

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
    "type": ("forkert slags værdi", "the wrong kind of value"),
    "pattern": ("forkert format", "wrong format"),
    "minimum": ("værdien er for lille", "the value is too small"),
    "maximum": ("værdien er for stor", "the value is too large"),
    "minItems": ("for få personer", "too few persons"),
    "maxItems": ("for mange personer", "too many persons"),
    "oneOf": ("angiv enten en måned eller en dato (ikke begge)", "give either a month or a date (not both)"),
    "not_a_date": ("ikke en gyldig dato", "not a valid date"),
    "duplicate_id": ("betegnelsen er brugt før i sagen", "the label is used twice in the case"),
    "too_many_parents": ("en familie har højst to forældre", "a family has at most two parents"),
    "month_out_of_range": ("måneden ligger uden for den periode, motoren dækker", "the month lies outside the period the engine covers"),
    "born_after_month": ("personen er født efter den måned, der spørges om", "the person is born after the month asked about"),
    "not_an_object": ("sagsdokumentet skal være et JSON-objekt", "the case document must be a JSON object"),
    "unknown_regime": ("ukendt regime", "unknown regime"),
    "unknown_lang": ("ukendt sprog", "unknown language"),
    "did_you_mean": ("mente du »{value}«?", "did you mean »{value}«?"),
    "not_in_network": ("»{value}« er ikke en af forsøgsnetværkets kommuner; vælg »other« (en kommune uden for "
                       "netværket)",
                       "»{value}« is not one of the trial network's municipalities; choose »other« (a municipality "
                       "outside the network)"),
}

# The fields as the page labels them (the case facts, and the fields of the case itself).
FIELD_LABELS = {
    **FACTS,
    "case": ("Sagen", "The case"),
    "municipality": ("Kommune", "Municipality"),
    "month": ("Måned", "Month"),
    "date": ("Dato", "Date"),
    "persons": ("Personer i familien", "Persons in the family"),
    "person_n": ("Person {n}", "Person {n}"),
    "id": ("betegnelse", "label"),
    "role": ("rolle", "role"),
}

# What to enter, in plain words (never a regular expression or a schema keyword).
EXPECTED = {
    "one_of": ("en af: {values}", "one of: {values}"),
    "municipality": ("en af netværkets kommuner ({values}) eller other for en kommune uden for netværket",
                     "one of the network's municipalities ({values}) or other for a municipality outside it"),
    "or": (" eller ", " or "),
    "month": ("en måned skrevet ÅÅÅÅ-MM, fx 2019-03", "a month written YYYY-MM, e.g. 2019-03"),
    "date": ("en dato skrevet ÅÅÅÅ-MM-DD, fx 2019-03-15", "a date written YYYY-MM-DD, e.g. 2019-03-15"),
    "id": ("1–64 tegn: bogstaver (a–z uden æ, ø, å), tal, - og _; ikke et navn eller CPR-nummer",
           "1–64 characters: letters a–z, digits, - and _; not a name or CPR number"),
    "minimum": ("mindst {value}", "at least {value}"),
    "maximum": ("højst {value}", "at most {value}"),
    "minItems": ("mindst {value} person", "at least {value} person"),
    "maxItems": ("højst {value} personer", "at most {value} persons"),
    "required": ("udfyld feltet", "fill in the field"),
    "required_id": ("giv personen en betegnelse, fx mor eller barn1", "give the person a label, e.g. mother or child1"),
    "fields": ("kun sagens egne felter: {fields}", "only the case document's own fields: {fields}"),
    "month_or_date": ("enten en måned (month) eller en dato (date), ikke begge",
                      "either a month (month) or a date (date), not both"),
    "month_range": ("en måned fra {first} til {last}", "a month from {first} to {last}"),
    "unique_id": ("en betegnelse, der ikke er brugt før i sagen", "a label not used before in this case"),
    "born_by": ("en fødselsdato senest i {month}", "a date of birth in {month} or before"),
    "parents": ("højst {value} personer med rollen forælder/voksen", "at most {value} persons with the role parent/adult"),
    "object": ('et sagsdokument: {"municipality": …, "month": …, "persons": […]}',
               'a case document: {"municipality": …, "month": …, "persons": […]}'),
    "valid": ("en gyldig værdi", "a valid value"),
}

TYPE_WORDS = {
    "boolean": ("ja eller nej (true eller false)", "yes or no (true or false)"),
    "integer": ("et helt tal", "a whole number"),
    "number": ("et tal", "a number"),
    "string": ("tekst", "text"),
    "array": ("en liste", "a list"),
    "object": ("en gruppe af felter (felt: værdi)", "a group of fields (field: value)"),
    "null": ("ved ikke (null)", "not known (null)"),
}
