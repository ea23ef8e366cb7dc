"""The official law texts the engine rests on, as vendored in `legal/texts/<text id>.yaml`.

Each file is one document in one version (a consolidation, an act, an executive order): its official title,
number, date, address, the period it was in force and its sections keyed by § and stk., word for word as
retsinformation publishes them (made by `scripts/vendor_law_texts.py`). This module reads them, finds the words
of a paragraph ("§ 29, stk. 5, nr. 1"), tells which version was in force on a date and gives each file's SHA-256,
so an answer can name exactly which words it was computed from.
"""

import datetime
import hashlib
import os
import re
from functools import cache

from enplan_rules import yamlfiles

TEXTS_DIR = os.path.join(os.path.dirname(__file__), "texts")
_PARAGRAPH = re.compile(r"^§\s*(\d+)\s*([a-z])?(?![a-zæøå])")
_STK = re.compile(r"\bstk\.\s*(\d+[a-z]?)")
_NR = re.compile(r"\bnr\.\s*(\d+)")


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


@cache
def ids():
    """Every vendored text id, sorted."""
    return tuple(sorted(name[:-5] for name in os.listdir(TEXTS_DIR) if name.endswith(".yaml")))


@cache
def document(text_id):
    """The document `text_id` (read-only dict): id, title, number, issued, statute, address, in_force, sections."""
    path = os.path.join(TEXTS_DIR, f"{text_id}.yaml")
    if not os.path.exists(path):
        raise KeyError(f"no vendored text {text_id!r}")
    with open(path, "rb") as file:
        raw = file.read()
    data = yamlfiles.load(raw.decode("utf-8"))
    data["in_force"] = {"from": _date(data["in_force"]["from"]), "to": _date(data["in_force"].get("to"))}
    data["sha256"] = hashlib.sha256(raw).hexdigest()
    return data


def sha256(text_id):
    """The SHA-256 of the vendored file: which words exactly an answer was computed from."""
    return document(text_id)["sha256"]


def parse_paragraph(paragraph):
    """('§ 29', '5', '1') for '§ 29, stk. 5, nr. 1' ('§ 13 c' keeps its letter; stk. and nr. None when absent)."""
    match = _PARAGRAPH.match(paragraph.strip())
    if not match:
        raise ValueError(f"not a paragraph reference: {paragraph!r}")
    section = f"§ {match.group(1)}" + (f" {match.group(2)}" if match.group(2) else "")
    rest = paragraph[match.end():]
    stk = _STK.search(rest)
    nr = _NR.search(rest)
    return section, stk.group(1) if stk else None, nr.group(1) if nr else None


def _numbered(words, nr):
    """The words of item `nr)` in a numbered list ('1) … 2) …'), or None when the list has no such item."""
    start = re.search(rf"(?<![\w§.-]){nr}\) ", words)
    if not start:
        return None
    following = re.search(rf"(?<![\w§.-]){int(nr) + 1}\) ", words[start.end():])
    return words[start.start(): start.end() + following.start()] if following else words[start.start():]


def passage(text_id, paragraph):
    """The words of `paragraph` in document `text_id`: the stk. (the whole § when no stk. is named), narrowed to
    item nr. N when one is named. KeyError when the document lacks the paragraph."""
    section, stk, nr = parse_paragraph(paragraph)
    sections = document(text_id)["sections"]
    if section not in sections:
        raise KeyError(f"{text_id} has no {section}")
    parts = sections[section]["stk"]
    if stk is None:
        words = " ".join(parts.values())
    elif stk in parts:
        words = parts[stk]
    else:
        raise KeyError(f"{text_id} {section} has no stk. {stk}")
    if nr is not None:
        words = _numbered(words, nr) or words
    return words


def fold(words):
    """The words with whitespace folded, for comparing a quotation with the text."""
    return " ".join(str(words).split())


def contains(text_id, paragraph, excerpt):
    """Whether `excerpt` stands word for word (whitespace aside) in `paragraph` of `text_id`."""
    try:
        return fold(excerpt) in fold(passage(text_id, paragraph))
    except KeyError:
        return False


def in_force(text_id, day):
    """Whether document `text_id` was in force on `day` (a date or an ISO date string)."""
    period = document(text_id)["in_force"]
    day = _date(day)
    return period["from"] <= day and (period["to"] is None or day <= period["to"])


def describe(text_id):
    """The JSON-ready facts that name a version: id, number, title, address, period in force, SHA-256."""
    doc = document(text_id)
    return {
        "text_id": text_id,
        "number": doc["number"],
        "title": doc["title"],
        "address": doc["address"],
        "in_force": {"from": str(doc["in_force"]["from"]),
                     "to": str(doc["in_force"]["to"]) if doc["in_force"]["to"] else None},
        "sha256": doc["sha256"],
    }


def cited_in(answer):
    """`describe` of every vendored text quoted anywhere in `answer` (a JSON-ready result: any nesting of dicts
    and lists whose citation sources carry a `text_id`), sorted by id — what a receipt lists."""
    found = set()
    stack = [answer]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("text_id") and "text_sha256" in item:
                found.add(item["text_id"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return [describe(text_id) for text_id in sorted(found)]
