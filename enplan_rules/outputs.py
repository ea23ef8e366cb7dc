"""The public contract: the outputs case systems, reports and analyses rely on, in every regime."""

# The separate plans (and the mentor form): true means the municipality must make it that month.
PLAN_OUTPUTS = (
    "separate_plan_required_lab_min_plan",
    "separate_plan_required_lab_30a_action_part",
    "rehabilitation_plan_preparatory_part_required",
    "separate_plan_required_lab_kap_12a_12b",
    "separate_plan_required_sel_141",
    "separate_plan_required_sel_140",
    "separate_plan_required_sel_54",
    "separate_plan_required_sel_70",
    "separate_plan_required_las_50",
    "separate_plan_required_lsd_13c",
    "separate_mentor_form_required",
)
# Duties besides the plans.
DUTY_OUTPUTS = PLAN_OUTPUTS + (
    "ordinary_contact_process_applies",
    "right_and_duty_offer_required",
    "reporting_to_shared_database_required",
)
# Every person output (MONTH).
PERSON_OUTPUTS = ("in_en_plan_trial",) + DUTY_OUTPUTS + (
    "ordinary_required_meetings",
    "employment_effort_outside_jobcenter_allowed",
    "sel_140_parent_elements_replaced_by_holistic_plan",
    "lab_repealed_text_applied",
    "trial_legal_basis_unresolved",
)
# Cohort outputs (YEAR).
COHORT_OUTPUTS = ("average_meetings_held", "average_ordinary_required_meetings", "meeting_parity_held")
