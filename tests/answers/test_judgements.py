"""The judgement register and the switches named in the ambiguity register are consistent with the engine."""

from enplan_rules import regimes
from enplan_rules.answers import contingent, readings
from enplan_rules.case.check import load_schema
from enplan_rules.legal import provenance, register

WHO = {"municipality", "caseworker", "citizen", "holder of parental authority"}


def test_every_judgement_names_who_makes_it_the_statute_and_its_facts():
    ids = [entry["id"] for entry in contingent.judgements()]
    assert ids == [f"J{n}" for n in range(1, len(ids) + 1)]
    system = regimes.load("trial")
    schema = load_schema()["properties"]["persons"]["items"]["properties"]
    for entry in contingent.judgements():
        assert entry["kind"] == "discretion" and entry["who"] in WHO and entry["statute"]
        assert entry["judgement"] and entry["judgement_da"]
        if entry["words"] is None:
            assert entry["searched"], entry["id"]
        else:
            for words in entry["words"]:
                assert words["text"] and words["source"] and words["address"].startswith("https://")
        assert entry.get("facts") or entry.get("parameters") or entry.get("encoded") is False, entry["id"]
        for fact in entry.get("facts") or []:
            variable = system.variables[fact["name"]]
            assert variable.value_type is bool and not variable.formulas, fact["name"]
            assert "null" in schema[fact["name"]]["type"], fact["name"]
            assert set(fact["when"]) == {True, False} and all(len(v) == 2 for v in fact["when"].values())
        for name in entry.get("parameters") or []:
            assert provenance.find(system.parameters, name)[-1].values_list, name


def test_the_named_judgements_of_the_issue_are_there():
    facts = set(contingent.judgement_facts())
    assert {"municipality_offers_holistic_plan", "assessed_not_to_benefit_from_offers", "has_complex_problems",
            "consents_to_one_plan", "has_coordination_need", "several_plans_can_be_made"} <= facts
    assert {f"municipality_uses_exemption_{key}" for key in (
        "sel_141", "sel_54", "sel_70", "lab_min_plan", "lab_30a_action_part", "lab_kap_12a_12b", "las_50", "lsd_13c",
        "lab_31c_mentor_form", "lab_contact_process", "lsd_13b_followup", "right_and_duty",
        "employment_effort_outside_jobcenter")} <= facts
    parameters = {p for e in contingent.judgements() for p in e.get("parameters") or []}
    assert "trial.meeting_parity_tolerance" in parameters


def test_every_trial_exemption_the_municipalities_adopt_has_a_use_it_judgement():
    system = regimes.load("trial")
    adopted = set(system.parameters.trial.municipalities.ballerup.adopts.children)
    assert {f"municipality_uses_exemption_{key}" for key in adopted} <= set(contingent.judgement_facts())


def test_the_register_names_each_switch_and_each_switch_is_in_the_register():
    named = {entry["id"]: entry.get("switch") for entry in register.entries()}
    for reading_id in readings.SWITCHES:
        assert named[reading_id] == f"readings.{reading_id}"
    for reading_id, switch in named.items():
        if switch:
            assert reading_id in readings.SWITCHES
    assert readings.unswitched_entries() == [i for i, s in named.items() if not s]


def test_the_judgement_defaults_keep_the_answers_given_before_they_existed():
    system = regimes.load("trial")
    assert system.variables["municipality_offers_holistic_plan"].default_value is True
    assert system.variables["has_coordination_need"].default_value is True
    assert system.variables["several_plans_can_be_made"].default_value is False
    for name in contingent.judgement_facts():
        if name.startswith("municipality_uses_exemption_"):
            assert system.variables[name].default_value is True
