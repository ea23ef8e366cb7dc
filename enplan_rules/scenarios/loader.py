"""Read a scenario file: a case document in YAML plus title, description, source, regime and expectations.

The case fields are checked by the same JSON Schema and the same rules as the API's `/check` (through
`enplan_rules.case.validate`); every error is reported as one line naming the file, the line and the field.
"""

import os
from dataclasses import dataclass, field
from functools import cache

import yaml

from enplan_rules import labels, regimes
from enplan_rules.case import CaseError, validate
from enplan_rules.case.questions import QUESTIONS
from enplan_rules.case.validation import _message as _case_message
from enplan_rules.case.validation import nearest
from enplan_rules.legal import register

SCENARIO_KEYS = ("title", "description", "source", "regime", "one_plan_law_variant", "expect")
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
    "unknown_variant": ("ukendt version af lov om én plan", "unknown version of the One Plan law"),
    "not_a_mapping_here": ("skal være en mapning", "must be a mapping"),
    "unknown_person": ("ukendt person (ikke et id i persons)", "unknown person (not an id in persons)"),
    "unknown_question": ("ukendt spørgsmål", "unknown question"),
    "unknown_key": ("ukendt nøgle", "unknown key"),
    "bad_answer": ("forkert type for svaret", "wrong type for the answer"),
    "not_a_list": ("skal være en liste af registerindgange", "must be a list of register entries"),
    "unknown_entry": ("ukendt indgang i tvetydighedsregistret", "unknown entry in the ambiguity register"),
    "not_a_bool": ("skal være true eller false", "must be true or false"),
    "unreadable": ("kan ikke læses", "cannot be read"),
    "alias": ("YAML-aliaser (*navn) bruges ikke i scenariefiler; skriv værdien ud",
              "YAML aliases (*name) are not used in scenario files; write the value out"),
    "anchor": ("YAML-ankre (&navn) bruges ikke i scenariefiler; skriv værdien ud",
               "YAML anchors (&name) are not used in scenario files; write the value out"),
    "too_deep": ("filen er indlejret for dybt", "the file is nested too deeply"),
    "too_large": ("filen er for stor", "the file is too large"),
    "not_a_file": ("er ikke en fil", "is not a file"),
}

MAX_BYTES = 256 * 1024  # a scenario is a few kilobytes
MAX_DEPTH = 32  # a scenario nests 6 levels (expect/regime/person/question/key/list)


def _message(key, lang):
    return labels.pick(MESSAGES[key], lang)


class ScenarioError(ValueError):
    """An invalid scenario. `errors`: [{"file", "line", "field", "message", "expected"}]."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(format_error(e) for e in errors))


def format_error(error, lang="en"):
    """`file:line: field: message (expected …)` — one line (`forventet` in Danish)."""
    where = f"{error['file']}:{error['line']}" if error.get("line") else error["file"]
    what = f"{error['field']}: " if error.get("field") else ""
    if error.get("label") and error.get("field"):
        what = f"{error['label']} [{error['field']}]: "
    word = "forventet" if lang == "da" else "expected"
    expected = f" ({word}: {error['expected']})" if error.get("expected") else ""
    return f"{where}: {what}{error['message']}{expected}"


class _Refused(yaml.YAMLError):
    """A YAML construct a scenario file may not use (alias, anchor, deep nesting), with where it is."""

    def __init__(self, key, mark):
        super().__init__(key)
        self.key = key
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    """YAML 1.1 safe loading, but dates stay text (the case document takes ISO date strings); no aliases or
    anchors (they make a small file expand without bound) and at most MAX_DEPTH levels of nesting (the
    composer recurses once per level)."""

    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("alias", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise _Refused("anchor", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise _Refused("too_deep", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
    one_plan_law_variant: str | None = None
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


def _case_error(path, node, error, lang):
    parts = _pointer_parts(error["pointer"])
    expected = error["expected"]
    if len(parts) == 1 and error["message"] == _case_message("additionalProperties", lang):
        expected += ("; og scenariets egne: " if lang == "da" else "; and the scenario's own: ") + ", ".join(SCENARIO_KEYS)
    item = {"file": path, "line": line_of(node, parts), "field": _field(parts), "message": error["message"],
            "expected": expected}
    if error.get("label"):
        item["label"] = error["label"]
    return item


def parse(text, path="<scenario>", lang="da"):
    """Parse and validate a scenario's text; raise ScenarioError with file, line and field."""

    def error(key, parts=(), line=None, expected="", message=None, choices=None, value=None):
        message = message or _message(key, lang)
        if choices is not None:
            expected = ("en af: " if lang == "da" else "one of: ") + ", ".join(map(str, choices))
            guess = nearest(str(value if value is not None else (parts[-1] if parts else "")), [str(c) for c in choices])
            if guess:
                message += "; " + ("mente du" if lang == "da" else "did you mean") + f" »{guess}«?"
        return ScenarioError([{"file": path, "line": line, "field": _field(parts), "message": message,
                               "expected": expected}])

    if len(text) > MAX_BYTES:
        raise error("too_large", expected=_limit(lang))
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as exc:
        raise error(exc.key, line=exc.problem_mark.line + 1,
                    expected=_depth_limit(lang) if exc.key == "too_deep" else "") from None
    except yaml.composer.ComposerError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise error("several_documents", line=line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error("yaml", line=mark.line + 1 if mark else None,
                    message=f"{_message('yaml', lang)}: {problem}") from None
    except (RecursionError, MemoryError, ValueError, TypeError) as exc:  # never a traceback
        raise error("yaml", line=None, message=f"{_message('yaml', lang)}: {type(exc).__name__}") from None
    if node is None:
        raise error("empty", line=1)
    if not isinstance(data, dict):
        raise error("not_a_mapping", line=node.start_mark.line + 1)
    problems = []  # every problem of the file, reported together

    def report(*args, **kwargs):
        problems.extend(error(*args, **kwargs).errors)

    for parts, line in _duplicate_keys(node, [], []):
        report("duplicate_key", parts, line)

    case = {k: v for k, v in data.items() if k not in SCENARIO_KEYS}
    try:
        validate(case, lang)
    except CaseError as exc:
        problems.extend(_case_error(path, node, e, lang) for e in exc.errors)

    for key in ("title", "description", "source"):
        if key in data and not isinstance(data[key], str):
            report("not_text", [key], line_of(node, [key]))
    regime = data.get("regime")
    if regime is not None and regime not in REGIME_CHOICES:
        report("unknown_regime", ["regime"], line_of(node, ["regime"]), choices=REGIME_CHOICES, value=regime)
        regime = None
    variant = data.get("one_plan_law_variant")
    if variant is not None and variant not in regimes.VARIANTS:
        report("unknown_variant", ["one_plan_law_variant"], line_of(node, ["one_plan_law_variant"]),
               choices=regimes.VARIANTS, value=variant)
        variant = None
    expect = data.get("expect") or {}
    scenario = Scenario(path=path, case=case, title=data.get("title", ""), description=data.get("description", ""),
                        source=data.get("source", ""), regime=regime, one_plan_law_variant=variant, expect=expect,
                        node=node)
    _check_expect(scenario, lang, report)
    if problems:
        raise ScenarioError(sorted(problems, key=lambda e: e["line"] or 0))
    return scenario


EXPECTED_WORDS = {
    "bool": ("true eller false (ja eller nej)", "true or false"),
    "number": ("et tal", "a number"),
    "entries": ("en liste af registerindgange, fx [R1, R8]", "a list of register entries, e.g. [R1, R8]"),
    "expect": ("regime: {person: {spørgsmål: svar}}", "regime: {person: {question: answer}}"),
    "persons": ("person: {spørgsmål: svar}", "person: {question: answer}"),
    "answers": ("spørgsmål: svar", "question: answer"),
}


def _words(key, lang):
    return labels.pick(EXPECTED_WORDS[key], lang)


@cache
def _value_types():
    system = regimes.load("sector_law")
    return {q.id: system.variables[q.variable].value_type for q in QUESTIONS if q.variable in system.variables}


def _check_answer(value, question, parts, scenario, report, lang):
    value_type = _value_types().get(question, bool)
    if value_type is bool:
        ok = isinstance(value, bool)
        expected = _words("bool", lang)
    else:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        expected = _words("number", lang)
    if not ok:
        report("bad_answer", parts, scenario.line(*parts), expected)


def _check_entries(value, parts, scenario, report, lang):
    known = register.by_id()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report("not_a_list", parts, scenario.line(*parts), _words("entries", lang))
        return
    for index, entry in enumerate(value):
        if entry not in known:
            report("unknown_entry", parts + [index], scenario.line(*parts, index), choices=sorted(known),
                        value=entry)


def _check_expect(scenario, lang, report):
    expect = scenario.expect
    base = ["expect"]
    if not isinstance(expect, dict):
        report("not_a_mapping_here", base, scenario.line(*base), _words("expect", lang))
        return
    persons_given = scenario.case.get("persons")
    ids = [p.get("id") for p in persons_given if isinstance(p, dict)] if isinstance(persons_given, list) else []
    for regime, persons in expect.items():
        parts = base + [regime]
        if regime not in REGIME_CHOICES:
            report("unknown_regime", parts, scenario.line(*parts), choices=REGIME_CHOICES)
            continue
        if not isinstance(persons, dict):
            report("not_a_mapping_here", parts, scenario.line(*parts), _words("persons", lang))
            continue
        for person, answers in persons.items():
            person_parts = parts + [person]
            if person not in ids:
                report("unknown_person", person_parts, scenario.line(*person_parts), choices=ids)
                continue
            if not isinstance(answers, dict):
                report("not_a_mapping_here", person_parts, scenario.line(*person_parts), _words("answers", lang))
                continue
            for question, value in answers.items():
                q_parts = person_parts + [question]
                if question in PERSON_KEYS:
                    _check_entries(value, q_parts, scenario, report, lang)
                    continue
                if question not in QUESTION_IDS:
                    report("unknown_question", q_parts, scenario.line(*q_parts), choices=QUESTION_IDS + PERSON_KEYS)
                    continue
                if not isinstance(value, dict):
                    _check_answer(value, question, q_parts, scenario, report, lang)
                    continue
                for key, item in value.items():
                    k_parts = q_parts + [key]
                    if key not in ANSWER_KEYS:
                        report("unknown_key", k_parts, scenario.line(*k_parts), choices=ANSWER_KEYS)
                    elif key == "answer":
                        _check_answer(item, question, k_parts, scenario, report, lang)
                    elif key == "unverified":
                        if not isinstance(item, bool):
                            report("not_a_bool", k_parts, scenario.line(*k_parts), _words("bool", lang))
                    else:
                        _check_entries(item, k_parts, scenario, report, lang)


REASONS = {
    FileNotFoundError: ("filen findes ikke", "the file does not exist"),
    PermissionError: ("ingen adgang til filen", "no permission to read the file"),
    UnicodeDecodeError: ("filen er ikke UTF-8-tekst", "the file is not UTF-8 text"),
}


def _reason(exc, lang):
    for kind, pair in REASONS.items():
        if isinstance(exc, kind):
            return pair[0] if lang == "da" else pair[1]
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__


def _limit(lang):
    return f"højst {MAX_BYTES // 1024} KiB" if lang == "da" else f"at most {MAX_BYTES // 1024} KiB"


def _depth_limit(lang):
    return f"højst {MAX_DEPTH} niveauer" if lang == "da" else f"at most {MAX_DEPTH} levels"


def load(path, lang="da", display_path=None):
    """Read and validate the scenario file at `path`."""
    shown = display_path or path

    def refuse(key, expected=""):
        return ScenarioError([{"file": shown, "line": None, "field": "", "message": _message(key, lang),
                               "expected": expected}])

    if os.path.exists(path) and not os.path.isfile(path):  # a folder, a pipe or a device: never opened
        raise refuse("not_a_file")
    try:
        with open(path, "rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_BYTES:
                raise refuse("too_large", _limit(lang))
            raw = file.read(MAX_BYTES + 1)  # a file that grows or a device: never more than the limit
        if len(raw) > MAX_BYTES:
            raise refuse("too_large", _limit(lang))
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = _reason(exc, lang)
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
