"""The ages the rules tell apart: a family is computed once for every age in the same band.

The rules read a citizen's age only by comparing it with a limit: SEL § 140 a's young person of 16–22 and the
majority at 18, LAB § 21 b's dagpenge recipient under 30 or from 50, the trial orders' target groups (Ballerup's
children 0–15, Frederikssund's 16–22, Hillerød's 18–30 and over 30, …). Two ages on the same side of every limit
get the same answers, so the population path (dedupe.py) may compute one representative age per band instead of
every age — a snapshot's 385,000 citizens hold some 70 distinct ages a month, but only about 15 bands.

Which limits there are is read from the formulas themselves, not written here. `limit_expressions` reads every
module holding a formula of the systems compared, and the modules of this package they import; it parses (with
`ast`) those that write the name "age" — and, where a helper's argument is compared with an age, those that call
the helper — and finds each place an age is read (`person("age", period)`, `family.members("age", period)`, …;
the name written anywhere else, say kept in a constant, and nothing is assumed). It is sound only
when every such age is used as an operand of a comparison, for the month calculated, against something it can
evaluate: a number, a parameter (by the path written, e.g. `rules.adult_min_age`, matched to every parameter
whose path ends so), a local name bound to one of those, or an argument of a helper function resolved at every
place the helper is called (`law.sel_140a_young_person_age.maximum + 1`). The ages the ambiguity register's
conditions name (U5: 22 and 23) are limits too, since the population counts whose answers rest on an entry. Anything else (an age added to, passed
on, read for another month, compared with an array computed per person) and the answer is None: the ages are then
compared whole year by whole year, as before.
"""

import ast
import inspect
import os
import re
import sys
from dataclasses import dataclass

import numpy

READER = "age"


class Unsafe(Exception):
    """The age is read in a way the bands cannot stand for (the message says where)."""


@dataclass(frozen=True)
class Limit:
    """A value an age is compared with: a number, or the parameters whose path ends with `suffix`, plus `offset`."""

    value: float | None = None
    suffix: str | None = None
    offset: float = 0

    def values(self, leaves):
        """The values it stands for, `leaves` being {parameter path: the set of its values in the systems}."""
        if self.suffix is None:
            return [self.value + self.offset]
        found = [value for path, held in leaves.items() if path == self.suffix or path.endswith("." + self.suffix) for value in held]
        if not found:
            raise Unsafe(f"no parameter ends with {self.suffix!r}")
        return [value + self.offset for value in found]


def _package_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _module_file(name):
    module = sys.modules.get(name)
    path = getattr(module, "__file__", None)
    if path is None:
        root = os.path.dirname(_package_root())
        candidate = os.path.join(root, *name.split(".")) + ".py"
        path = candidate if os.path.exists(candidate) else os.path.join(root, *name.split("."), "__init__.py")
    return path if path and os.path.exists(path) else None


def _formula_modules(systems):
    names = set()
    for system in systems:
        for variable in system.variables.values():
            for formula in variable.formulas.values():
                module = inspect.getmodule(formula)
                if module is None:
                    raise Unsafe(f"the module of a formula of {variable.name} is unknown")
                names.add(module.__name__)
    return names


IMPORT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import\s+\(?([\w\s,]+)\)?|import\s+([\w.]+))", re.MULTILINE)
AGE_TEXT = re.compile(r"[\"']" + READER + r"[\"']")


def _imports(text, package):
    """The `package` modules `text` imports (at module level or inside functions)."""
    found = set()
    for origin, names, plain in IMPORT.findall(text):
        module = origin or plain
        if module.split(".")[0] != package:
            continue
        found.add(module)
        if origin:  # `from pkg import module`
            found |= {f"{origin}.{name.strip()}" for name in names.replace("\n", " ").split(",") if name.strip()}
    return found


def module_texts(systems):
    """{module name: its source} for the modules of the systems' formulas and what they import of the package
    (Unsafe where a formula's module is unknown). Read once per set of systems in a process."""
    key = tuple(id(system) for system in systems)
    if key not in _TEXTS:
        _TEXTS[key] = (tuple(systems), _texts(systems))
    return _TEXTS[key][1]


_TEXTS = {}  # {ids of the systems: (the systems, kept so that their ids stay theirs; their modules' sources)}


def _texts(systems):
    """{module name: its source} for the modules of the systems' formulas and what they import of the package."""
    texts, todo = {}, list(_formula_modules(systems))
    package = _package_root()
    while todo:
        name = todo.pop()
        if name in texts:
            continue
        path = _module_file(name)
        if path is None:
            continue  # `from pkg.module import function`: the module itself is listed too
        if not os.path.abspath(path).startswith(package):
            continue
        with open(path, encoding="utf-8") as file:
            texts[name] = file.read()
        todo.extend(_imports(texts[name], name.split(".")[0]) - set(texts))
    return texts


def enclosing(tree):
    """Each node's parent, enclosing function and enclosing class (its name) in `tree`."""
    parent, function, klass = {}, {}, {}
    stack = [(tree, None, None)]
    while stack:
        node, enclosing_function, enclosing_class = stack.pop()
        for child in ast.iter_child_nodes(node):
            parent[child] = node
            function[child] = node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else enclosing_function
            klass[child] = node.name if isinstance(node, ast.ClassDef) else enclosing_class
            stack.append((child, function[child], klass[child]))
    return parent, function, klass


def _is_age_read(node):
    return (
        isinstance(node, ast.Call)
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == READER
    )


def _attribute_suffix(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, (ast.Name, ast.Call)):
        return None
    return ".".join(reversed(parts))


def _assignments(function, name):
    values = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    values.append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name) and node.target.id == name:
            values.append(node.value)
    return values


class _Analysis:
    """The modules' sources, parsed where they are needed: those that read an age, and those that call a helper
    whose argument is compared with one."""

    def __init__(self, texts):
        self.texts = texts
        self.trees = {}
        self.parent, self.function = {}, {}
        self.calls = {}  # name called: [Call, ...] in the modules parsed for it

    def _tree(self, name):
        if name not in self.trees:
            tree = ast.parse(self.texts[name], filename=name)
            parent, function, _ = enclosing(tree)
            self.parent.update(parent)
            self.function.update(function)
            self.trees[name] = tree
        return self.trees[name]

    def limits(self):
        found = set()
        for name, text in self.texts.items():
            if not AGE_TEXT.search(text):
                continue  # no string "age" in it: it reads no age
            for node in ast.walk(self._tree(name)):
                if _is_age_read(node):
                    found |= self._uses(node)
                elif isinstance(node, ast.Constant) and node.value == READER:
                    call = self.parent.get(node)
                    if not (isinstance(call, ast.Call) and call.args and call.args[0] is node):
                        raise Unsafe(f"{name} line {node.lineno}: the name {READER!r} is written other than as what a call reads")
        return found

    def _calls_of(self, function_name):
        if function_name not in self.calls:
            sites = []
            for name, text in self.texts.items():
                if function_name not in text:
                    continue
                for node in ast.walk(self._tree(name)):
                    if isinstance(node, ast.Call):
                        called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                        if called == function_name:
                            sites.append(node)
            self.calls[function_name] = sites
        return self.calls[function_name]

    def _uses(self, read):
        """The limits the age read at `read` is compared with."""
        if len(read.args) < 2 or not (isinstance(read.args[1], ast.Name) and read.args[1].id == "period"):
            raise Unsafe(f"line {read.lineno}: the age is read for another period than the month calculated")
        holder = self.parent.get(read)
        if isinstance(holder, ast.Compare):
            return self._compared(read, holder)
        if isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name):
            name, function = holder.targets[0].id, self.function.get(read)
            if function is None:
                raise Unsafe(f"line {read.lineno}: the age is bound outside a function")
            found = set()
            for node in ast.walk(function):
                if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
                    compare = self.parent.get(node)
                    if not isinstance(compare, ast.Compare):
                        raise Unsafe(f"line {node.lineno}: the age {name!r} is used otherwise than in a comparison")
                    found |= self._compared(node, compare)
            if len(_assignments(function, name)) != 1:
                raise Unsafe(f"line {read.lineno}: {name!r} is bound more than once")
            return found
        raise Unsafe(f"line {read.lineno}: the age is used otherwise than in a comparison")

    def _compared(self, age, compare):
        operands = [compare.left, *compare.comparators]
        found = set()
        for operand in operands:
            if operand is age:
                continue
            found |= self._value(operand, self.function.get(compare), depth=0)
        return found

    def _value(self, node, function, depth):
        if depth > 5:
            raise Unsafe(f"line {node.lineno}: a limit passed on too deep")
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return {Limit(value=node.value)}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            return {Limit(value=-node.operand.value)}
        if isinstance(node, ast.Attribute):
            suffix = _attribute_suffix(node)
            if suffix:
                return {Limit(suffix=suffix)}
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and isinstance(node.right, ast.Constant):
            step = node.right.value if isinstance(node.op, ast.Add) else -node.right.value
            return {Limit(limit.value, limit.suffix, limit.offset + step) for limit in self._value(node.left, function, depth + 1)}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("int", "float") and len(node.args) == 1:
            return self._value(node.args[0], function, depth + 1)
        if isinstance(node, ast.Name) and function is not None:
            bound = _assignments(function, node.id)
            if bound:
                found = set()
                for value in bound:
                    found |= self._value(value, self.function.get(value), depth + 1)
                return found
            arguments = [argument.arg for argument in function.args.args] if not isinstance(function, ast.Lambda) else []
            if node.id in arguments:
                return self._argument(function, arguments.index(node.id), node.id, depth)
        raise Unsafe(f"line {getattr(node, 'lineno', '?')}: an age is compared with {ast.unparse(node)!r}, which is not a limit")

    def _argument(self, function, index, name, depth):
        """The values passed as argument `index` (`name`) wherever `function` is called."""
        sites = self._calls_of(function.name)
        if not sites:
            raise Unsafe(f"{function.name}: its argument {name!r} is compared with an age and it is never called")
        found = set()
        for call in sites:
            given = [keyword.value for keyword in call.keywords if keyword.arg == name]
            if given:
                value = given[0]
            elif index < len(call.args) and not any(isinstance(argument, ast.Starred) for argument in call.args[: index + 1]):
                value = call.args[index]
            else:
                raise Unsafe(f"line {call.lineno}: {function.name} is called without {name!r} written out")
            found |= self._value(value, self.function.get(call), depth + 1)
        return found


def _register_limits():
    """The ages the ambiguity register's conditions name (`applies_when: {age: [22, 23]}`): population counts of
    whose answers rest on an entry (legal/register.py `flags`) compare the age with them too."""
    try:
        from enplan_rules.legal import register
    except ImportError:
        return set()
    found = set()
    for entry in register.load():
        for condition in entry.get("applies_when") or []:
            for name, expected in condition.items():
                if name == "birth_date":
                    raise Unsafe(f"the register entry {entry['id']} reads the birth date itself")
                if name != READER:
                    continue
                expected = expected["not"] if isinstance(expected, dict) else expected
                for value in expected if isinstance(expected, list) else [expected]:
                    if not isinstance(value, (int, float)) or isinstance(value, bool):
                        raise Unsafe(f"the register entry {entry['id']} compares the age with {value!r}")
                    found.add(Limit(value=value))
    return found


_CACHE = {}  # {ids of the systems: (the systems, kept so that their ids stay theirs; limits or the Unsafe)}


def limit_expressions(systems):
    """The limits (a frozenset of Limit) every age the systems' formulas read is compared with, or None where some
    age is read otherwise (then `reason(systems)` says where). Parsed once per set of systems in a process."""
    key = tuple(id(system) for system in systems)
    if key not in _CACHE:
        try:
            result = frozenset(_Analysis(module_texts(systems)).limits() | _register_limits())
        except Unsafe as error:
            result = error
        _CACHE[key] = (tuple(systems), result)
    result = _CACHE[key][1]
    return None if isinstance(result, Unsafe) else result


def reason(systems):
    """Why the ages are compared whole year by whole year (None when the bands are used)."""
    limit_expressions(systems)
    result = _CACHE[tuple(id(system) for system in systems)][1]
    return str(result) if isinstance(result, Unsafe) else None


def _leaves(parameters, path="", found=None):
    """{dotted path: value} of every numeric parameter at an instant."""
    found = {} if found is None else found
    for key, child in getattr(parameters, "_children", {}).items():
        name = f"{path}.{key}" if path else key
        if hasattr(child, "_children"):
            _leaves(child, name, found)
        elif isinstance(child, (int, float, numpy.integer, numpy.floating)) and not isinstance(child, bool):
            found[name] = float(child)
    return found


def limits(systems, month):
    """The sorted whole ages at which some answer may change in `month` (YYYY-MM): every limit of every system that
    month, a limit between two whole ages standing as both. None where the bands cannot be used."""
    expressions = limit_expressions(systems)
    if expressions is None:
        return None
    leaves = {}
    for system in systems:  # a regime's parameters are not all in the others (the trial's target groups)
        for path, value in _leaves(system.parameters(f"{month}-01")).items():
            leaves.setdefault(path, set()).add(value)
    values = set()
    try:
        for expression in expressions:
            for value in expression.values(leaves):
                values |= {int(numpy.floor(value)), int(numpy.ceil(value))}
    except Unsafe:
        return None
    return numpy.array(sorted(values), dtype=numpy.int64)


def representatives(ages, bounds):
    """For each whole age, the age standing for its band: a limit stands for itself; the ages between two limits
    (or below the lowest, above the highest) by the one just past the lower limit (just below the lowest). Every
    comparison of an age with a limit gives the same for an age and its representative."""
    ages = numpy.asarray(ages, dtype=numpy.int64)
    if len(bounds) == 0:
        return numpy.zeros_like(ages)
    position = numpy.searchsorted(bounds, ages, side="left")
    at_limit = (position < len(bounds)) & (bounds[numpy.minimum(position, len(bounds) - 1)] == ages)
    below = numpy.where(position == 0, bounds[0] - 1, bounds[numpy.maximum(position - 1, 0)] + 1)
    return numpy.where(at_limit, ages, below)
