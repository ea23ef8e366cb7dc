"""A case, from document to answer: validate against the case schema, build the OpenFisca situation, compute
every public question under a regime, explain each answer (paragraphs, reasoning, contested readings, unverified
values) and sign the whole with a provenance receipt.

The API, the scenario files, the page and the population tests all go through this one path.
"""

from enplan_rules.case.check import CaseError, check, compare, load_schema, validate

__all__ = ["CaseError", "check", "compare", "load_schema", "validate"]
