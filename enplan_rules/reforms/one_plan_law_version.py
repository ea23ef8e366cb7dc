"""The three texts of the One Plan law as one reform: a version changes only what its text says differently.

The differences are data (one_plan_law_versions.yaml), each with the source record of the words, so the table in
docs/legal-sources.md, the reform and the tests read the same list.
"""

import os
from functools import cache

from openfisca_core.reforms import Reform

from enplan_rules import yamlfiles

VERSIONS_PATH = os.path.join(os.path.dirname(__file__), "one_plan_law_versions.yaml")


@cache
def versions():
    with open(VERSIONS_PATH, encoding="utf-8") as file:
        return yamlfiles.load(file)["versions"]


def _node(parameters, dotted):
    node = parameters
    for part in dotted.split("."):
        node = node.children[part]
    return node


def one_plan_law_version(name):
    """A reform applying version `name`'s differences on top of the enacted One Plan law."""
    differences = versions()[name]["differences"]

    class one_plan_law_version_reform(Reform):
        def apply(self):
            def change(parameters):
                for difference in differences:
                    node = _node(parameters, difference["parameter"])
                    if "value" in difference:
                        node.update(start="2018-07-01", value=difference["value"])
                    if "status" in difference:
                        node.metadata = {
                            **(node.metadata or {}),
                            "status": difference["status"],
                            "source": difference["source"],
                            "source_note": difference["what"],
                        }
                return parameters

            self.modify_parameters(change)

    one_plan_law_version_reform.name = f"One Plan law version: {versions()[name]['document']}"
    return one_plan_law_version_reform
