"""The layers point one way: `legal/` (with the regimes) holds the law, `case/` validates and simulates, `answers/`
builds the answer model, and `api/`, `ui/`, `history/`, `population/`, `scenarios/` render and transport it; no
module imports a layer above its own, and no import cycle ties modules of different packages together.

Every import counts, at the top of a module or inside a function (a deferred import is still a dependency)."""

import ast
import os

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "enplan_rules")
BASE = ("enums", "memo", "labels", "month_names", "entities", "variable", "formula_helpers", "citations", "variables", "simulations",
        "outputs", "parameters", "yamlfiles")
LAYERS = {
    **{name: 0 for name in BASE},  # the rules' building blocks
    "": 1, "legal": 1, "regimes": 1, "reforms": 1,  # the law: the tax-benefit systems, records and registers
    "case": 2,  # a case validated and simulated
    "answers": 3,  # the answer model, built
    "api": 4, "ui": 4, "history": 4, "population": 4, "scenarios": 4, "lawpage": 4,  # rendered and transported
    "cli": 5,  # the command line calls them all
}
# Cycles inside one package that are known and left to that package's own work (the list may only shrink:
# a test fails when one goes away, so it is struck from here).
KNOWN_CYCLES = [
    {"population.compare", "population.report", "population.synth", "population.sensitivity"},
    {"legal.provenance", "legal.source_records"},
]


def modules():
    """{module name relative to enplan_rules ("" for the package): path}."""
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for file in files:
            if file.endswith(".py"):
                path = os.path.join(folder, file)
                name = os.path.relpath(path, PACKAGE)[:-3].replace(os.sep, ".")
                found[name.removesuffix("__init__").rstrip(".")] = path
    return found


def imports(found):
    """{module: {modules it imports}} (within enplan_rules; `from package import submodule` names the submodule)."""
    edges = {}
    for name, path in found.items():
        package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
        with open(path, encoding="utf-8") as file:
            tree = ast.parse(file.read())
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".") if package else []
                    parts = parts[: len(parts) - node.level + 1]
                    base = "enplan_rules." + ".".join(parts + ([base] if base else []))
                candidates = [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for candidate in candidates:
                if candidate != "enplan_rules" and not candidate.startswith("enplan_rules."):
                    continue
                target = candidate.removeprefix("enplan_rules").lstrip(".")
                while target not in found:
                    target = target.rpartition(".")[0]
                if target != name:
                    targets.add(target)
        edges[name] = targets
    return edges


def layer(module):
    top = module.split(".")[0]
    assert top in LAYERS, f"{module}: a package with no layer (add it to LAYERS)"
    return LAYERS[top]


def cycles(edges):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                other = stack.pop()
                on.discard(other)
                component.add(other)
                if other == node:
                    break
            if len(component) > 1:
                out.append(component)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def test_no_module_imports_a_layer_above_its_own():
    edges = imports(modules())
    upward = sorted(f"{module} -> {target}" for module, targets in edges.items() for target in targets
                    if layer(target) > layer(module))
    assert not upward, upward


def test_no_import_cycle_but_the_known_ones_inside_one_package():
    found = cycles(imports(modules()))
    across = [sorted(cycle) for cycle in found if len({module.split(".")[0] for module in cycle}) > 1]
    assert not across, across
    assert sorted(map(sorted, found)) == sorted(map(sorted, KNOWN_CYCLES))


def test_the_three_cycles_of_issue_19_are_gone():
    edges = imports(modules())
    assert not ({"answers.contingent", "answers.request", "answers.engine"} & set().union(
        *(edges[m] for m in edges if m.startswith("case"))))
    assert "api.history" not in edges["api.spec"]
    assert not [target for target in edges["population.sensitivity"] if target.startswith("answers.sensitivity")]
    assert "answers.sensitivity" not in edges


def test_the_graph_sees_deferred_and_relative_imports():
    edges = imports(modules())
    assert "population.sensitivity" in edges["population.compare"]  # imported inside a function
    assert "case.check" in edges["answers.contingent"]
