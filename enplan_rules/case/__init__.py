"""A case document: validated against the case schema and turned into the OpenFisca situation of a simulation.

The answers (every public question computed under a regime and explained) are built one layer up, by
`enplan_rules.answers` (`check`, `compare`); the API, the scenario files, the page and the population tests all
go through that one path.
"""

from enplan_rules.case.check import CaseError, load_schema, validate

__all__ = ["CaseError", "load_schema", "validate"]
