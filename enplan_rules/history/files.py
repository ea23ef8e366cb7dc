"""History files (YAML or JSON): the history document plus title, description, source, regime and `expect:`.

    expect:
      changes:                   # per regime: the COMPLETE list of change points (ordinary_meetings only if named)
        trial:
          - {month: "2017-11", person: mother, question: in_trial, to: true}
      findings:                  # per regime: the COMPLETE list of findings (late, missing, depends)
        trial:
          - {person: mother, duty: right_and_duty_first_offer, status: late, days_late: 3}
      informational:             # per regime: items that must be among the review's (any status)
        trial:
          - {person: mother, duty: plan, plan: plan_lab_min_plan, status: not_required_done}
      answers:                   # per regime: a month's answer (and the register entries it is flagged with)
        trial:
          - {month: "2018-06", person: child, question: in_trial, value: true, ambiguities: [R10]}

Errors are reported as `file:line: pointer: message (expected …)`, with the safe YAML loader of the scenario files.
"""

import json
import os

import yaml

from enplan_rules import labels, regimes
from enplan_rules.history.document import HistoryError, validate
from enplan_rules.scenarios.loader import (
    MAX_DEPTH,
    _duplicate_keys,
    _Loader,
    _pointer_parts,
    _Refused,
    format_error,
    line_of,
)

MAX_BYTES = 1024 * 1024  # a history of 20 persons over years is some tens of kilobytes

FILE_KEYS = ("title", "description", "source", "regime", "expect")
EXPECT_KEYS = ("changes", "findings", "informational", "answers")
ANSWER_KEYS = ("month", "person", "question", "value", "ambiguities")
CHANGE_KEYS = ("month", "person", "question", "to")
ITEM_KEYS = ("person", "duty", "status", "days_late", "due", "plan", "number")
REGIME_CHOICES = (*regimes.NAMES, "all")
OPTIONAL_CHANGES = ("ordinary_meetings",)  # month-by-month counts: compared only where the expectation names them

MESSAGES = {
    "yaml": ("ikke gyldig YAML/JSON", "not valid YAML/JSON"),
    "empty": ("filen er tom", "the file is empty"),
    "not_a_mapping": ("et sagsforløb er en mapning (felt: værdi)", "a history is a mapping (field: value)"),
    "duplicate_key": ("feltet står to gange", "the field appears twice"),
    "not_text": ("skal være tekst", "must be text"),
    "unknown_regime": ("ukendt regime", "unknown regime"),
    "bad_expect": ("ugyldig forventning", "invalid expectation"),
    "unreadable": ("kan ikke læses", "cannot be read"),
    "not_a_file": ("er ikke en almindelig fil (en mappe, en pipe eller en enhed)",
                   "is not a regular file (a folder, a pipe or a device)"),
    "too_large": ("filen er for stor", "the file is too large"),
    "alias": ("YAML-aliaser (*navn) bruges ikke i sagsforløb", "YAML aliases (*name) are not used in case histories"),
    "anchor": ("YAML-ankre (&navn) bruges ikke i sagsforløb", "YAML anchors (&name) are not used in case histories"),
    "too_deep": ("filen er indlejret for dybt", "the file is nested too deeply"),
}


def _message(key, lang):
    return labels.pick(MESSAGES[key], lang)


class HistoryFile:
    def __init__(self, path, history, data, node):
        self.path = path
        self.history = history
        self.node = node
        self.title = data.get("title", "")
        self.description = data.get("description", "")
        self.source = data.get("source", "")
        self.regime = data.get("regime")
        self.expect = data.get("expect") or {}

    def line(self, *parts):
        return line_of(self.node, parts)


class HistoryFileError(ValueError):
    """`errors`: [{"file", "line", "field", "message", "expected"}]."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(format_error(e) for e in errors))


def _error(path, key, lang, parts=(), line=None, expected="", message=None):
    return HistoryFileError([{"file": path, "line": line, "field": "/" + "/".join(map(str, parts)) if parts else "",
                              "message": message or _message(key, lang), "expected": expected}])


def _json_document(text, path, lang, yaml_error):
    """JSON that YAML cannot read (e.g. tabs), read as the API reads a body: no key twice, bounded depth and
    numbers, no lone surrogate; else the YAML parser's (or the JSON parser's) position."""
    from enplan_rules.api.body import parse_json
    from enplan_rules.api.errors import ApiError

    try:
        return parse_json(text.encode("utf-8", "surrogatepass"), lang)
    except ApiError as error:
        mark = getattr(yaml_error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        found = "; ".join(f"{item['pointer']}: {item['message']}" if item.get("pointer") else item["message"]
                          for item in error.items)
        looks_like_json = text.lstrip().startswith(("{", "["))
        problem = found if looks_like_json else (getattr(yaml_error, "problem", None) or found)
        raise _error(path, "yaml", lang, line=line, message=f"{_message('yaml', lang)}: {problem}") from None


def parse(text, path="<history>", lang="da"):
    """Parse and validate a history file's text; raise HistoryFileError naming file, line and pointer."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as exc:
        raise _error(path, exc.key, lang, line=exc.problem_mark.line + 1,
                     expected=f"at most {MAX_DEPTH} levels" if exc.key == "too_deep" else "") from None
    except yaml.YAMLError as exc:
        data, node = _json_document(text, path, lang, exc), None
    except (RecursionError, MemoryError, ValueError, TypeError) as exc:  # never a traceback
        raise _error(path, "yaml", lang, message=f"{_message('yaml', lang)}: {type(exc).__name__}") from None
    if data is None:
        raise _error(path, "empty", lang, line=1)
    if not isinstance(data, dict):
        raise _error(path, "not_a_mapping", lang, line=node.start_mark.line + 1 if node else None)
    if node is not None:
        duplicates = _duplicate_keys(node, [], [])
        if duplicates:
            parts, line = duplicates[0]
            raise _error(path, "duplicate_key", lang, parts, line)
    history = {k: v for k, v in data.items() if k not in FILE_KEYS}
    try:
        validate(history, lang)
    except HistoryError as exc:
        errors = []
        for item in exc.errors:
            parts = _pointer_parts(item["pointer"])
            expected = item["expected"]
            if len(parts) == 1 and expected.startswith("only the fields"):
                expected += "; and the file's own: " + ", ".join(FILE_KEYS)
            errors.append({"file": path, "line": line_of(node, parts) if node is not None else None,
                           "field": item["pointer"], "message": item["message"], "expected": expected})
        raise HistoryFileError(errors) from None
    for key in ("title", "description", "source"):
        if key in data and not isinstance(data[key], str):
            raise _error(path, "not_text", lang, [key], line_of(node, [key]) if node else None)
    if data.get("regime") is not None and data["regime"] not in REGIME_CHOICES:
        raise _error(path, "unknown_regime", lang, ["regime"], line_of(node, ["regime"]) if node else None,
                     "one of: " + ", ".join(REGIME_CHOICES))
    result = HistoryFile(path, history, data, node)
    _check_expect(result, lang)
    return result


def _check_expect(file, lang):
    expect = file.expect
    path = file.path

    def bad(parts, expected):
        return _error(path, "bad_expect", lang, parts, file.line(*parts) if file.node else None, expected)

    if not isinstance(expect, dict):
        raise bad(["expect"], "changes / findings / informational: {regime: [...]}")
    for key, by_regime in expect.items():
        if key not in EXPECT_KEYS:
            raise bad(["expect", key], "one of: " + ", ".join(EXPECT_KEYS))
        if not isinstance(by_regime, dict):
            raise bad(["expect", key], "{regime: [...]}")
        for regime, items in by_regime.items():
            if regime not in regimes.NAMES:
                raise bad(["expect", key, regime], "one of: " + ", ".join(regimes.NAMES))
            if not isinstance(items, list):
                raise bad(["expect", key, regime], "a list")
            allowed = {"changes": CHANGE_KEYS, "answers": ANSWER_KEYS}.get(key, ITEM_KEYS)
            for index, item in enumerate(items):
                if not isinstance(item, dict) or not set(item) <= set(allowed):
                    raise bad(["expect", key, regime, index], "a mapping of: " + ", ".join(allowed))
                if key == "changes" and set(item) != set(CHANGE_KEYS):
                    raise bad(["expect", key, regime, index], "month, person, question and to")
                if key == "answers" and not {"month", "person", "question"} <= set(item):
                    raise bad(["expect", key, regime, index], "month, person, question, and value or ambiguities")


def load(path, lang="da", display_path=None):
    """Read and validate the history file at `path`: a regular file of at most MAX_BYTES (a folder, a pipe or a
    device is never opened; a file that grows is never read beyond the limit)."""
    shown = display_path or path
    if os.path.exists(path) and not os.path.isfile(path):
        raise _error(shown, "not_a_file", lang, expected="a .yaml or .json file")
    limit = f"at most {MAX_BYTES // 1024} KiB"
    try:
        with open(path, "rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_BYTES:
                raise _error(shown, "too_large", lang, expected=limit)
            raw = file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise _error(shown, "too_large", lang, expected=limit)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise HistoryFileError([{"file": shown, "line": None, "field": "",
                                 "message": f"{_message('unreadable', lang)}: {reason}", "expected": ""}]) from None
    return parse(text, shown, lang)


def _change_key(change):
    return (change["month"], change["person"], change["question"], json.dumps(change["to"]))


def _matches(expected, item):
    return all(item.get(k) == v for k, v in expected.items())


def evaluate(file, result):
    """[{check, regime, expected, actual, met, line}] for every expectation of `file` against a review result."""
    outcomes = []
    computed = result["regimes"]
    for regime, expected in file.expect.get("changes", {}).items():
        if regime not in computed:
            continue
        named = {c["question"] for c in expected}
        actual = [{"month": p["month"], "person": p["person"], "question": p["question_id"], "to": p["to"]}
                  for p in result["timeline"]["regimes"][regime]["change_points"]
                  if p["question_id"] in named or p["question_id"] not in OPTIONAL_CHANGES]
        wanted = sorted(_change_key(c) for c in expected)
        got = sorted(_change_key(c) for c in actual)
        missing = [c for c in expected if _change_key(c) not in got]
        extra = [c for c in actual if _change_key(c) not in wanted]
        outcomes.append({"check": "changes", "regime": regime, "met": not missing and not extra,
                         "missing": missing, "unexpected": extra, "line": file.line("expect", "changes", regime)})
    for regime, expected in file.expect.get("findings", {}).items():
        if regime not in computed:
            continue
        findings = [i for i in result["review"] if i["regime"] == regime and i["finding"]]
        missing = [e for e in expected if not any(_matches(e, f) for f in findings)]
        extra = [f for f in findings if not any(_matches(e, f) for e in expected)]
        outcomes.append({"check": "findings", "regime": regime, "met": not missing and not extra,
                         "missing": missing, "unexpected": [_short(f) for f in extra],
                         "line": file.line("expect", "findings", regime)})
    for regime, expected in file.expect.get("informational", {}).items():
        if regime not in computed:
            continue
        items = [i for i in result["review"] if i["regime"] == regime]
        missing = [e for e in expected if not any(_matches(e, i) for i in items)]
        outcomes.append({"check": "informational", "regime": regime, "met": not missing, "missing": missing,
                         "unexpected": [], "line": file.line("expect", "informational", regime)})
    for regime, expected in file.expect.get("answers", {}).items():
        if regime not in computed:
            continue
        by_month = {m["month"]: m for m in result["timeline"]["regimes"][regime]["months"]}
        for index, item in enumerate(expected):
            answer = by_month.get(item["month"], {}).get("persons", {}).get(item["person"], {}).get(item["question"])
            met = answer is not None
            if met and "value" in item:
                met = answer["value"] == item["value"]
            if met and "ambiguities" in item:
                met = set(item["ambiguities"]) <= set(answer.get("ambiguities", []))
            outcomes.append({"check": "answers", "regime": regime, "met": met,
                             "missing": [] if met else [item], "unexpected": [] if met or answer is None else [answer],
                             "line": file.line("expect", "answers", regime, index)})
    return outcomes


def _short(item):
    return {k: item[k] for k in ITEM_KEYS if item.get(k) is not None}
