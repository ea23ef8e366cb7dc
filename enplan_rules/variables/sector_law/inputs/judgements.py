"""Judgements the law leaves to people (the discretion points of enplan_rules/legal/judgements.yaml) as case facts.

Each default is the choice the engine assumed before these facts existed, so a case that does not give them is
answered as before; the contingent answers (enplan_rules.answers.contingent) show what the answer would be under
the other choice.
"""

from openfisca_core.periods import MONTH

from enplan_rules import citations
from enplan_rules.entities import Person
from enplan_rules.formula_helpers import set_input_dispatch_by_period
from enplan_rules.variable import Variable

# The trial exemptions a municipality adopts (parameters trial.municipalities.<m>.adopts.<key>); for each, the
# municipality still chooses whether to use it for the case: an exemption frees it, it does not forbid the plan.
TRIAL_EXEMPTIONS = {
    "sel_141": "the SEL § 141 action plan",
    "sel_54": "the SEL § 54 plan",
    "sel_70": "the SEL § 70 plan",
    "lab_min_plan": "»Min Plan« (LAB §§ 27–30)",
    "lab_30a_action_part": "the rehabilitation plan's action part (LAB § 30 a)",
    "lab_kap_12a_12b": "the ressourceforløb / jobafklaringsforløb plan (LAB kap. 12 a–12 b)",
    "las_50": "the LAS § 50 plan",
    "lsd_13c": "the LSD § 13 c agreement",
    "lab_31c_mentor_form": "the separate mentor form (LAB § 31 c)",
    "lab_contact_process": "the ordinary LAB contact process",
    "lsd_13b_followup": "the ordinary sickness-benefit follow-up (LSD § 13 b)",
    "right_and_duty": "the right-and-duty offers (BEK 529 § 33)",
    "employment_effort_outside_jobcenter": "the jobcenter's monopoly on the employment effort (BEK 529 § 28)",
}


class municipality_offers_holistic_plan(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = (
        "The municipality offers the citizen a holistic plan (LAB § 30 b, SEL § 141 stk. 7, § 140 a: 'kan' — an "
        "option, not a duty; not given: taken as offered, as a citizen's consent implies)"
    )
    label_da = (
        "Kommunen tilbyder borgeren en helhedsorienteret plan (LAB § 30 b, SEL § 141 stk. 7, § 140 a: »kan« —"
        " en mulighed, ikke en pligt; ikke oplyst: regnes som tilbudt, som borgerens samtykke forudsætter)"
    )
    reference = ["LAB § 30 b stk. 1, SEL § 141 stk. 7, § 140 a stk. 1 (lov nr. 707 af 8.6.2018): 'kan'", citations.ONE_PLAN_LAW]
    set_input = set_input_dispatch_by_period


class has_coordination_need(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = (
        "The caseworker finds a need to coordinate the citizen's plans (LAB § 30 b stk. 1: 'og hvor der er et "
        "koordinationsbehov forbundet hermed'; not given: taken as found wherever several plans are made)"
    )
    label_da = (
        "Sagsbehandleren finder behov for at koordinere borgerens planer (LAB § 30 b stk. 1: »og hvor der er "
        "et koordinationsbehov forbundet hermed«; ikke oplyst: regnes som fundet, hvor der udarbejdes flere planer)"
    )
    reference = ["LAB § 30 b stk. 1 (lov nr. 707 af 8.6.2018): 'og hvor der er et koordinationsbehov forbundet "
                 "hermed'", citations.ONE_PLAN_LAW]
    set_input = set_input_dispatch_by_period


class several_plans_can_be_made(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = (
        "The caseworker finds that several plans can be made although fewer than two are required (LAB § 30 b "
        "stk. 1: 'hvor der kan eller skal udarbejdes flere planer'; not given: only required plans count)"
    )
    label_da = (
        "Sagsbehandleren finder, at der kan udarbejdes flere planer, selv om færre end to kræves (LAB § 30 b "
        "stk. 1: »hvor der kan eller skal udarbejdes flere planer«; ikke oplyst: kun krævede planer tæller)"
    )
    reference = ["LAB § 30 b stk. 1 (lov nr. 707 af 8.6.2018): 'hvor der kan eller skal udarbejdes flere planer'", citations.ONE_PLAN_LAW]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_sel_141(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the SEL § 141 action plan for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for § 141-handleplanen (SEL) (ikke oplyst:"
        " det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_sel_54(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the SEL § 54 plan for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for § 54-planen (SEL) (ikke oplyst: det "
        "gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_sel_70(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the SEL § 70 plan for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for § 70-planen (SEL) (ikke oplyst: det "
        "gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_lab_min_plan(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from »Min Plan« (LAB §§ 27–30) for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for »Min Plan« (LAB §§ 27–30) (ikke "
        "oplyst: det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_lab_30a_action_part(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the rehabilitation plan's action part (LAB § 30 a) for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for rehabiliteringsplanens indsatsdel (LAB"
        " § 30 a) (ikke oplyst: det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_lab_kap_12a_12b(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the ressourceforløb / jobafklaringsforløb plan (LAB kap. 12 a–12 b) for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for planen for ressourceforløb / "
        "jobafklaringsforløb (LAB kap. 12 a–12 b) (ikke oplyst: det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_las_50(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the LAS § 50 plan for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for LAS § 50-planen (ikke oplyst: det gør "
        "den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_lsd_13c(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the LSD § 13 c agreement for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for aftalen efter LSD § 13 c (ikke oplyst:"
        " det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_lab_31c_mentor_form(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the separate mentor form (LAB § 31 c) for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for den særskilte mentorblanket (LAB § 31 "
        "c) (ikke oplyst: det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_lab_contact_process(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the ordinary LAB contact process for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for det almindelige kontaktforløb efter "
        "LAB (ikke oplyst: det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_lsd_13b_followup(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the ordinary sickness-benefit follow-up (LSD § 13 b) for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for den almindelige sygedagpengeopfølgning"
        " (LSD § 13 b) (ikke oplyst: det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_right_and_duty(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the right-and-duty offers (BEK 529 § 33) for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for ret og pligt-tilbuddene (BEK 529 § 33)"
        " (ikke oplyst: det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period


class municipality_uses_exemption_employment_effort_outside_jobcenter(Variable):
    value_type = bool
    default_value = True
    entity = Person
    definition_period = MONTH
    label = "The municipality uses its adopted trial exemption from the jobcenter's monopoly on the employment effort (BEK 529 § 28) for this case (not given: it does)"
    label_da = (
        "Kommunen bruger i denne sag forsøgets vedtagne fritagelse for jobcenterets varetagelse af "
        "beskæftigelsesindsatsen (BEK 529 § 28) (ikke oplyst: det gør den)"
    )
    reference = ["BEK nr. 529 af 23.5.2018 §§ 26–34 and Bilag 1: an adopted exemption frees the municipality, it does not forbid the plan", citations.TRIAL_ORDER]
    set_input = set_input_dispatch_by_period
