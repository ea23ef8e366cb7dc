"""Every rule cites its paragraph; every parameter says where its value comes from."""

import pytest
from openfisca_core.parameters import Parameter, ParameterNode

from enplan_rules import regimes
from enplan_rules.legal import provenance, source_records


@pytest.mark.parametrize("regime", regimes.NAMES)
def test_every_variable_with_a_formula_cites_its_paragraph(regime):
    system = regimes.load(regime)
    missing = [name for name, v in system.variables.items() if v.formulas and not v.reference]
    assert missing == []


def _leaves(node):
    for child in node.children.values():
        if isinstance(child, ParameterNode):
            yield from _leaves(child)
        elif isinstance(child, Parameter):
            yield child


def test_every_parameter_carries_a_status_and_a_reference():
    system = regimes.load("trial")
    problems = []
    for leaf in _leaves(system.parameters):
        chain = provenance.find(system.parameters, leaf.name)
        statuses = [(n.metadata or {}).get("status") for n in chain if (n.metadata or {}).get("status")]
        if not statuses or statuses[-1] not in provenance.STATUSES:
            problems.append((leaf.name, "status", statuses))
        described = provenance.describe(system.parameters, leaf.name, "2019-01-01")
        if not described["reference"]:
            problems.append((leaf.name, "reference"))
    assert problems == []


def test_sector_law_has_no_one_plan_provision():
    system = regimes.load("sector_law")
    assert "one_plan_law" not in system.parameters.children
    assert "trial" not in system.parameters.children
    assert "holistic_plan_eligible" not in system.variables


def test_unverified_values_are_reported_as_unverified():
    system = regimes.load("trial")
    described = provenance.describe(system.parameters, "trial.meeting_parity_tolerance", "2019-01-01")
    assert described["status"] == "unverified"
    assert described["value"] == pytest.approx(0.1)
    week = provenance.describe(system.parameters, "lsd.followup.first_followup_week", "2019-01-01")
    assert week["value"] == 8


def test_a_value_is_reported_sourced_only_when_an_official_text_covers_it():
    """A value whose YAML says `sourced` is reported so only where a record quoting an official text covers it:
    a web page, a draft or commentary does not verify it, and the answer lists it as unverified."""
    system = regimes.load("trial")
    for name, leaf in source_records.parameter_leaves(system.parameters):
        status = provenance.status(system.parameters, name)
        official = any(record["versions"] for record in source_records.for_parameter(name, leaf.metadata))
        if status == "sourced":
            assert official, name
    downgraded = provenance.describe(system.parameters, "lab.right_and_duty.first_offer_deadline_months.dagpenge", "2019-01-01")
    assert downgraded["status"] == "unverified" and downgraded["value"] == 6
