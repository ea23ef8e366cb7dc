"""Reforms: each encodes one law on top of the regime below it."""

import ast
import importlib.util
import inspect
import os
import sys

from openfisca_core.parameters import ParameterNode
from openfisca_core.variables import Variable

from enplan_rules.legal import provenance


def apply_variables(reform, directory):
    """Add the variables defined under `directory`, replacing those of the same name in the baseline."""
    for root, _dirs, files in sorted(os.walk(directory)):
        for name in sorted(files):
            if not name.endswith(".py") or name.startswith("_"):
                continue
            path = os.path.join(root, name)
            module_name = f"enplan_rules._reform_{id(reform)}_{abs(hash(path))}"
            spec = importlib.util.spec_from_file_location(module_name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            spec.loader.exec_module(module)
            with open(path, encoding="utf-8") as file:
                source = file.read()
            classes = {node.name: node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)}
            lines = source.splitlines(keepends=True)
            source_file_path = path.replace(reform.get_package_metadata()["location"], "")
            for candidate in vars(module).values():
                if (
                    inspect.isclass(candidate)
                    and issubclass(candidate, Variable)
                    and candidate.__module__ == module_name
                ):
                    # as OpenFisca's own loader does, so that the web API links each variable to its source
                    definition = classes[candidate.__name__]
                    candidate.introspection_data = (
                        source_file_path,
                        "".join(lines[definition.lineno - 1:definition.end_lineno]),
                        definition.lineno - 1,
                    )
                    reform.replace_variable(candidate)


def add_parameter_tree(parameters, name, directory):
    """Return `parameters` with the YAML tree in `directory` added as child `name`, each leaf with its own metadata."""
    parameters.add_child(name, ParameterNode(name, directory_path=directory))
    inherited = parameters.metadata or {}  # the rest of the tree is complete since the baseline was loaded
    provenance.complete_metadata(parameters.children[name], inherited.get("status"), inherited.get("reference"))
    return parameters
