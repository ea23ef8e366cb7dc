"""The facts of a case, as a caseworker or a case system records them."""

from datetime import date

import numpy
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.enums import (
    EmploymentTargetGroup,
    HelsingoerSolution,
    Municipality,
    SicknessBenefitCategory,
)
from enplan_rules.formula_helpers import set_input_dispatch_by_period
from enplan_rules.variable import Variable


def set_input_spread_whole_meetings(holder, period, array):
    """Spread a count given for several months over them in whole meetings, keeping the total exactly."""
    period = periods.period(period)
    if period.unit == MONTH and period.size == 1:
        holder._set(period, array)
        return
    months = list(period.get_subperiods(MONTH))
    total = numpy.asarray(array, dtype=numpy.int64)
    base, remainder = numpy.divmod(total, len(months))
    for index, month in enumerate(months):
        holder._set(month, (base + (index < remainder)).astype(numpy.int32))


class municipality(Variable):
    value_type = Enum
    possible_values = Municipality
    default_value = Municipality.other
    entity = Person
    definition_period = MONTH
    label = "The municipality responsible for the citizen's case"
    label_da = "Den kommune, der har ansvaret for borgerens sag"
    reference = ["Lov nr. 658 af 8.6.2017 § 2 nr. 7 (the frikommune network En plan); BEK nr. 529 af 23.5.2018 §§ 26–34", citations.FRIKOMMUNE_ACT, citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class birth_date(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Person
    definition_period = ETERNITY
    label = "Date of birth"
    label_da = "Fødselsdato"
    reference = ["SEL § 140 a stk. 1 2. pkt. (a young person between 16 and 23) and stk. 2 (under 18: parental consent); the trial target groups by age (seeds)", citations.ONE_PLAN_LAW]


class employment_target_group(Variable):
    value_type = Enum
    possible_values = EmploymentTargetGroup
    default_value = EmploymentTargetGroup.none
    entity = Person
    definition_period = MONTH
    label = "The LAB § 2 target group the citizen is in (benefit or programme)"
    label_da = "Den målgruppe efter LAB § 2, borgeren er i (ydelse eller forløb)"
    reference = ["LAB § 2 (the target groups)", citations.LAB]
    set_input = set_input_dispatch_by_period


class sickness_benefit_category(Variable):
    value_type = Enum
    possible_values = SicknessBenefitCategory
    default_value = SicknessBenefitCategory.none
    entity = Person
    definition_period = MONTH
    label = "The sickness-benefit follow-up category the citizen is visited to (LSD § 12)"
    label_da = "Den opfølgningskategori efter LSD § 12, borgeren er visiteret til"
    reference = ["LSD § 12 stk. 1 (the follow-up categories)", citations.LSD]
    set_input = set_input_dispatch_by_period


class benefit_start_date(Variable):
    value_type = date
    default_value = date(1970, 1, 1)
    entity = Person
    definition_period = MONTH
    label = "Date the citizen entered the current target group (unknown: taken as long-standing)"
    label_da = "Den dato, borgeren kom i den nuværende målgruppe (ukendt: regnes for at have været der længe)"
    reference = ["LAB kap. 7 and §§ 85–96 c count contact and offer deadlines from entry into the target group", citations.LAB]
    set_input = set_input_dispatch_by_period


class has_complex_problems(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen has complex and compound problems (komplekse og sammensatte problemer)"
    label_da = "Borgeren har komplekse og sammensatte problemer"
    reference = ["LAB § 30 b stk. 1: 'komplekse og sammensatte problemer' (lov nr. 707 af 8.6.2018); BEK nr. 529 af 23.5.2018 §§ 28–29", citations.ONE_PLAN_LAW, citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class consents_to_one_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen takes part in / consents to one integrated plan"
    label_da = "Borgeren deltager i / samtykker til én samlet plan"
    reference = ["LAB § 30 b stk. 1, SEL § 141 stk. 7, § 140 a stk. 2: the holistic plan with the person's consent (lov nr. 707 af 8.6.2018); in the trial, taking part in the one plan", citations.ONE_PLAN_LAW]
    set_input = set_input_dispatch_by_period


class refuses_one_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen refuses a holistic plan (matters only under the consultation draft of the One Plan law, which gave a right to refuse)"
    label_da = (
        "Borgeren afviser en helhedsorienteret plan (har kun betydning efter høringsudkastet til lov 707, som"
        " gav ret til at afvise)"
    )
    reference = ["The consultation draft of the One Plan law (February 2018): 'En person kan afvise'", citations.ONE_PLAN_LAW_DRAFT]
    set_input = set_input_dispatch_by_period


class receives_adult_social_support(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen receives adult support under the Social Services Act that triggers a SEL § 141 action plan"
    label_da = "Borgeren modtager støtte som voksen efter serviceloven, der udløser en handleplan efter SEL § 141"
    reference = ["SEL § 141 stk. 1–2 (the action plan for adults)", citations.SEL]
    set_input = set_input_dispatch_by_period


class receives_child_special_support(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The child receives special support that triggers a SEL § 140 action plan"
    label_da = "Barnet modtager særlig støtte, der udløser en handleplan efter SEL § 140"
    reference = ["SEL § 140 stk. 1 (the action plan for a child or young person with special support)", citations.SEL]
    set_input = set_input_dispatch_by_period


class parent_of_child_in_care(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen is a parent of a child placed in care (SEL §§ 54, 70)"
    label_da = "Borgeren er forælder til et anbragt barn (SEL §§ 54, 70)"
    reference = ["SEL §§ 54 and 70 (plans for the parents of a child in care)", citations.SEL]
    set_input = set_input_dispatch_by_period


class has_mentor(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen has mentor support under LAB § 31 b"
    label_da = "Borgeren har mentorstøtte efter LAB § 31 b"
    reference = ["LAB § 31 b (mentor support) and § 31 c (the mentor form)", citations.LAB]
    set_input = set_input_dispatch_by_period


class rehabilitation_team_case(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen's case goes before the rehabilitation team (LAB § 30 a)"
    label_da = "Borgerens sag forelægges rehabiliteringsteamet (LAB § 30 a)"
    reference = ["LAB § 30 a (the rehabilitation plan)", citations.LAB]
    set_input = set_input_dispatch_by_period


class assessed_not_to_benefit_from_offers(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "A professional assessment finds the citizen will not benefit from right-and-duty offers"
    label_da = "En faglig vurdering finder, at borgeren ikke vil profitere af ret og pligt-tilbud"
    reference = ["BEK nr. 529 af 23.5.2018 § 33; Bilag 1 'Fleksibelt brug af ret og pligt'", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class meetings_held(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = (
        "Individual job or follow-up meetings held with the citizen that month (a total given for a longer "
        "period is spread over its months, whole meetings, the first months taking the remainder)"
    )
    label_da = (
        "Individuelle job- eller opfølgningssamtaler holdt med borgeren den måned (et tal for en længere "
        "periode fordeles på dens måneder i hele møder, de første måneder tager resten)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 § 29; Bilag 1: 'omtrent det samme gennemsnitlige antal møder'; LAB kap. 7; LSD § 13 b", citations.TRIAL_ORDER, citations.LAB, citations.LSD]
    set_input = set_input_spread_whole_meetings


class municipal_visitation_to_trial(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The municipality's own visitation placed the citizen in its trial target group (Allerød, Gribskov, Halsnæs)"
    label_da = "Kommunens egen visitation har placeret borgeren i forsøgets målgruppe (Allerød, Gribskov, Halsnæs)"
    reference = ["Midtvejsstatus for Frikommunenetværk En plan (seeds), 'Kommunernes projekter': Allerød, Gribskov, Halsnæs", citations.FRIKOMMUNE_ACT]
    set_input = set_input_dispatch_by_period


class has_adult_disability_or_rehabilitation_case(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "The citizen also has a case in adult disability or rehabilitation (Furesø's target group)"
    label_da = "Borgeren har også en sag i voksenhandicap eller genoptræning (Furesøs målgruppe)"
    reference = ["Midtvejsstatus for Frikommunenetværk En plan (seeds), 'Kommunernes projekter', Furesø", citations.FRIKOMMUNE_ACT]
    set_input = set_input_dispatch_by_period


class helsingoer_solution(Variable):
    value_type = Enum
    possible_values = HelsingoerSolution
    default_value = HelsingoerSolution.none
    entity = Person
    definition_period = MONTH
    label = "Helsingør's trial solution the citizen's case belongs to"
    label_da = "Den forsøgsløsning i Helsingør, borgerens sag hører til"
    reference = ["Midtvejsstatus for Frikommunenetværk En plan (seeds), 'Kommunernes projekter', Helsingør", citations.FRIKOMMUNE_ACT]
    set_input = set_input_dispatch_by_period


class departments_with_case(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Number of municipal departments (fagcentre) in which the citizen has a case"
    label_da = "Antal kommunale fagcentre, hvor borgeren har en sag"
    reference = ["Midtvejsstatus for Frikommunenetværk En plan (seeds), 'Kommunernes projekter', Helsingør", citations.FRIKOMMUNE_ACT]
    set_input = set_input_dispatch_by_period


class en_plan_start_date(Variable):
    value_type = date
    default_value = date(9999, 12, 31)
    entity = Person
    definition_period = ETERNITY
    label = "Date the citizen's (family's) En Plan collaboration began; none recorded: 9999-12-31"
    label_da = "Den dato, borgerens (familiens) En Plan-samarbejde begyndte; ingen registreret: 9999-12-31"
    reference = ["Ballerup frikommunevedtægt: 'Borgere, der har været omfattet af familieindsatsen, vil blive tilbudt at fortsætte'", citations.BALLERUP_STATUTE]


class parental_authority_consents_to_holistic_plan(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "For a child or young person under 18: the holder of parental authority consents to a holistic plan "
        "in place of (parts of) the SEL § 140 action plan (SEL § 140 a stk. 2)"
    )
    label_da = (
        "For et barn eller en ung under 18 år: forældremyndighedens indehaver samtykker til en "
        "helhedsorienteret plan i stedet for (dele af) handleplanen efter SEL § 140 (SEL § 140 a stk. 2)"
    )
    reference = ["SEL § 140 a stk. 2 (lov nr. 707 af 8.6.2018)", citations.ONE_PLAN_LAW]
    set_input = set_input_dispatch_by_period
