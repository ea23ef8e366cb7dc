"""OpenFisca-native metadata, as a Legislation Explorer or a case system reads it from each regime's web API.

Walks `/variables`, every `/variable/<id>`, `/parameters` and every `/parameter/<id>` of every regime on the real
server and fails on a `None`, an empty description, a missing label in Danish or English, a missing reference or
status, or a `source` that does not lead to the repository.
"""

import re

import pytest

from enplan_rules import regimes
from enplan_rules.legal import provenance

SOURCE = re.compile(r"https://github\.com/enplan-rules/enplan_rules/blob/[^/]+/enplan_rules/[\w/]+\.(py#L\d+-L\d+|yaml)")


def nones(node, path=()):
    """The paths of every None in a JSON document, except a parameter's value history (a stopped value is null)."""
    if node is None:
        return [path]
    if isinstance(node, dict):
        return [found for key, value in node.items() if path[-1:] != ("values",)
                for found in nones(value, (*path, key))]
    if isinstance(node, list):
        return [found for index, value in enumerate(node) for found in nones(value, (*path, index))]
    return []


def references(value):
    return [value] if isinstance(value, str) else list(value or [])


@pytest.fixture(scope="module", params=regimes.NAMES)
def served(request, server, http):
    """(regime, every variable's JSON, every parameter's JSON) as the server gives them."""
    regime = request.param
    base = server.url(f"/{regime}")
    listing = http.get(f"{base}/variables", timeout=10).json()
    variables = {key: http.get(f"{base}/variable/{key}", timeout=10).json() for key in listing}
    parameter_listing = http.get(f"{base}/parameters", timeout=10).json()
    parameters = {key: http.get(base + "/parameter/" + key.replace(".", "/"), timeout=10).json()
                  for key in parameter_listing}
    return regime, listing, variables, parameter_listing, parameters


def common_problems(key, document, listed):
    """What every variable and parameter must have: no None, a description (the same in the listing), a source."""
    problems = []
    if nones(document):
        problems.append((key, "None at", nones(document)))
    if not (document.get("description") or "").strip():
        problems.append((key, "no description"))
    if listed.get("description") != document.get("description"):
        problems.append((key, "the listing's description differs from the document's"))
    if not SOURCE.fullmatch(document.get("source") or ""):
        problems.append((key, "source", document.get("source")))
    return problems


def test_every_variable_has_a_description_labels_references_and_a_source(served):
    regime, listing, variables, _, _ = served
    assert variables, regime
    problems = []
    for key, variable in variables.items():
        problems += common_problems(key, variable, listing[key])
        labels = variable.get("labels") or {}
        if not all((labels.get(lang) or "").strip() for lang in ("da", "en")):
            problems.append((key, "no label in Danish and English", labels))
        elif labels["en"] != variable["description"] or labels["da"] == labels["en"]:
            problems.append((key, "the labels are not the English description and a Danish one", labels))
        if listing[key].get("labels") != labels:
            problems.append((key, "the /variables listing's labels differ from /variable/<id>"))
        if not any(reference.strip() for reference in references(variable.get("references"))):
            problems.append((key, "no reference"))
    assert not problems, (regime, problems[:10], len(problems))


def test_every_parameter_leaf_has_its_own_description_status_and_reference(served):
    regime, _, _, listing, parameters = served
    assert parameters, regime
    problems = []
    for key, parameter in parameters.items():
        problems += common_problems(key, parameter, listing[key])
        metadata = parameter.get("metadata") or {}
        if metadata.get("status") not in provenance.STATUSES:
            problems.append((key, "status", metadata.get("status")))
        if not any(reference.strip() for reference in references(metadata.get("reference"))):
            problems.append((key, "no reference"))
    assert not problems, (regime, problems[:10], len(problems))


def test_a_leaf_keeps_the_status_it_states_and_takes_its_folders_otherwise(served):
    """`lab.contact_process.applies_to` states `sourced` as a folder; its leaves state none and take it (the ledighedsydelse
    leaf names a source of its own but no status)."""
    regime, _, _, _, parameters = served
    statuses = {key: parameters[key]["metadata"]["status"] for key in parameters
                if key.startswith("lab.contact_process.applies_to.")}
    assert statuses["lab.contact_process.applies_to.dagpenge"] == "sourced", regime
    assert statuses["lab.contact_process.applies_to.kontanthjaelp_jobparat"] == "sourced", regime
    for key, status in statuses.items():
        assert status == provenance.status(regimes.load(regime).parameters, key), key
