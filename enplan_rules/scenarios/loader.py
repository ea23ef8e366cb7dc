"""Read a scenario file: a case document in YAML plus title, description, source, regime and expectations.

The case fields are checked by the same JSON Schema and the same rules as the API's `/check` (through
`enplan_rules.case.validate`); every error is reported as one line naming the file, the line and the field.
"""

import os
from dataclasses import dataclass, field
from functools import cache

import yaml

from enplan_rules import regimes
from enplan_rules.case import CaseError, validate
from enplan_rules.case.questions import QUESTIONS
from enplan_rules.legal import register

SCENARIO_KEYS = ("title", "description", "source", "regime", "expect")
REGIME_CHOICES = (*regimes.NAMES, "all")
ANSWER_KEYS = ("answer", "ambiguities", "no_ambiguities", "unverified")
PERSON_KEYS = ("ambiguities", "no_ambiguities")
QUESTION_IDS = tuple(q.id for q in QUESTIONS)

MESSAGES = {
    "yaml": ("ikke gyldig YAML", "not valid YAML"),
    "empty": ("filen er tom", "the file is empty"),
    "several_documents": ("filen indeholder flere YAML-dokumenter", "the file holds several YAML documents"),
    "not_a_mapping": ("et scenarie er en YAML-mapning (felt: værdi)", "a scenario is a YAML mapping (field: value)"),
    "duplicate_key": ("feltet står to gange", "the field appears twice"),
    "not_text": ("skal være tekst", "must be text"),
    "unknown_regime": ("ukendt regime", "unknown regime"),
    "not_a_mapping_here": ("skal være en mapning", "must be a mapping"),
    "unknown_person": ("ukendt person (ikke et id i persons)", "unknown person (not an id in persons)"),
    "unknown_question": ("ukendt spørgsmål", "unknown question"),
    "unknown_key": ("ukendt nøgle", "unknown key"),
    "bad_answer": ("forkert type for svaret", "wrong type for the answer"),
    "not_a_list": ("skal være en liste af registerindgange", "must be a list of register entries"),
    "unknown_entry": ("ukendt indgang i tvetydighedsregistret", "unknown entry in the ambiguity register"),
    "not_a_bool": ("skal være true eller false", "must be true or false"),
    "unreadable": ("kan ikke læses", "cannot be read"),
}


def _message(key, lang):
    da, en = MESSAGES[key]
    return da if lang == "da" else en


class ScenarioError(ValueError):
    """An invalid scenario. `errors`: [{"file", "line", "field", "message", "expected"}]."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(format_error(e) for e in errors))


def format_error(error):
    """`file:line: field: message (expected …)` — one line."""
    where = f"{error['file']}:{error['line']}" if error.get("line") else error["file"]
    what = f"{error['field']}: " if error.get("field") else ""
    expected = f" (expected: {error['expected']})" if error.get("expected") else ""
    return f"{where}: {what}{error['message']}{expected}"


class _Loader(yaml.SafeLoader):
    """YAML 1.1 safe loading, but dates stay text (the case document takes ISO date strings)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Scenario:
    """One scenario file: the case document, what it is about, and the expected answers."""

    path: str
    case: dict
    title: str = ""
    description: str = ""
    source: str = ""
    regime: str | None = None
    expect: dict = field(default_factory=dict)
    node: object = None  # the YAML node tree, for line numbers

    def line(self, *parts):
        """The line of the field at `parts` (keys and list indexes) in the file; the nearest parent's line."""
        return line_of(self.node, parts)

    @property
    def month(self):
        return self.case.get("month") or self.case.get("date", "")[:7]


def _pointer_parts(pointer):
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]] if pointer else []


def line_of(node, parts):
    """1-based line of the mapping key or list item at `parts`, or of the deepest node that exists."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode):
            try:
                node = node.value[int(part)]
            except (ValueError, IndexError):
                return line
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _field(parts):
    return "/".join(str(p) for p in parts)


def _duplicate_keys(node, path, found):
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None and name in seen:
                found.append((path + [name], key.start_mark.line + 1))
            seen.add(name)
            _duplicate_keys(value, path + [name], found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _duplicate_keys(item, path + [index], found)
    return found


def _case_error(path, node, error):
    parts = _pointer_parts(error["pointer"])
    expected = error["expected"]
    if len(parts) == 1 and expected.startswith("only the fields"):
        expected += "; and the scenario's own: " + ", ".join(SCENARIO_KEYS)
    return {"file": path, "line": line_of(node, parts), "field": _field(parts), "message": error["message"],
            "expected": expected}


def parse(text, path="<scenario>", lang="da"):
    """Parse and validate a scenario's text; raise ScenarioError with file, line and field."""

    def error(key, parts=(), line=None, expected="", message=None):
        return ScenarioError([{"file": path, "line": line, "field": _field(parts),
                               "message": message or _message(key, lang), "expected": expected}])

    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.composer.ComposerError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise error("several_documents", line=line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error("yaml", line=mark.line + 1 if mark else None,
                    message=f"{_message('yaml', lang)}: {problem}") from None
    if node is None:
        raise error("empty", line=1)
    if not isinstance(data, dict):
        raise error("not_a_mapping", line=node.start_mark.line + 1)
    duplicates = _duplicate_keys(node, [], [])
    if duplicates:
        parts, line = duplicates[0]
        raise error("duplicate_key", parts, line)

    case = {k: v for k, v in data.items() if k not in SCENARIO_KEYS}
    try:
        validate(case, lang)
    except CaseError as exc:
        raise ScenarioError([_case_error(path, node, e) for e in exc.errors]) from None

    for key in ("title", "description", "source"):
        if key in data and not isinstance(data[key], str):
            raise error("not_text", [key], line_of(node, [key]))
    regime = data.get("regime")
    if regime is not None and regime not in REGIME_CHOICES:
        raise error("unknown_regime", ["regime"], line_of(node, ["regime"]), "one of: " + ", ".join(REGIME_CHOICES))
    expect = data.get("expect") or {}
    scenario = Scenario(path=path, case=case, title=data.get("title", ""), description=data.get("description", ""),
                        source=data.get("source", ""), regime=regime, expect=expect, node=node)
    _check_expect(scenario, lang, error)
    return scenario


@cache
def _value_types():
    system = regimes.load("sector_law")
    return {q.id: system.variables[q.variable].value_type for q in QUESTIONS if q.variable in system.variables}


def _check_answer(value, question, parts, scenario, error):
    value_type = _value_types().get(question, bool)
    if value_type is bool:
        ok = isinstance(value, bool)
        expected = "true or false"
    else:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        expected = "a number"
    if not ok:
        raise error("bad_answer", parts, scenario.line(*parts), expected)


def _check_entries(value, parts, scenario, error):
    known = register.by_id()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise error("not_a_list", parts, scenario.line(*parts), "a list such as [R1, R8]")
    for index, entry in enumerate(value):
        if entry not in known:
            raise error("unknown_entry", parts + [index], scenario.line(*parts, index),
                        "one of: " + ", ".join(sorted(known)))


def _check_expect(scenario, lang, error):
    expect = scenario.expect
    base = ["expect"]
    if not isinstance(expect, dict):
        raise error("not_a_mapping_here", base, scenario.line(*base), "regime: {person: {question: answer}}")
    ids = [p["id"] for p in scenario.case["persons"]]
    for regime, persons in expect.items():
        parts = base + [regime]
        if regime not in REGIME_CHOICES:
            raise error("unknown_regime", parts, scenario.line(*parts), "one of: " + ", ".join(REGIME_CHOICES))
        if not isinstance(persons, dict):
            raise error("not_a_mapping_here", parts, scenario.line(*parts), "person: {question: answer}")
        for person, answers in persons.items():
            person_parts = parts + [person]
            if person not in ids:
                raise error("unknown_person", person_parts, scenario.line(*person_parts), "one of: " + ", ".join(ids))
            if not isinstance(answers, dict):
                raise error("not_a_mapping_here", person_parts, scenario.line(*person_parts), "question: answer")
            for question, value in answers.items():
                q_parts = person_parts + [question]
                if question in PERSON_KEYS:
                    _check_entries(value, q_parts, scenario, error)
                    continue
                if question not in QUESTION_IDS:
                    raise error("unknown_question", q_parts, scenario.line(*q_parts),
                                "one of: " + ", ".join(QUESTION_IDS + PERSON_KEYS))
                if not isinstance(value, dict):
                    _check_answer(value, question, q_parts, scenario, error)
                    continue
                for key, item in value.items():
                    k_parts = q_parts + [key]
                    if key not in ANSWER_KEYS:
                        raise error("unknown_key", k_parts, scenario.line(*k_parts), "one of: " + ", ".join(ANSWER_KEYS))
                    if key == "answer":
                        _check_answer(item, question, k_parts, scenario, error)
                    elif key == "unverified":
                        if not isinstance(item, bool):
                            raise error("not_a_bool", k_parts, scenario.line(*k_parts), "true or false")
                    else:
                        _check_entries(item, k_parts, scenario, error)


def load(path, lang="da", display_path=None):
    """Read and validate the scenario file at `path`."""
    shown = display_path or path
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise ScenarioError([{"file": shown, "line": None, "field": "", "message": f"{_message('unreadable', lang)}: {reason}",
                              "expected": ""}]) from None
    return parse(text, shown, lang)


def find(paths):
    """The scenario files named by `paths`: files as given, folders searched for *.yaml and *.yml (sorted)."""
    found = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d != "histories")  # case histories: `enplan review`
                found.extend(os.path.join(root, f) for f in sorted(files) if f.endswith((".yaml", ".yml")))
        else:
            found.append(path)
    return found
