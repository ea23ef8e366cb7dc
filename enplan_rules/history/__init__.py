"""Case histories: a case's facts as dated changes and a record of what was done; the answers of every month
under each regime (the timeline, with its change points), the deadlines as dates, and a compliance review.

    from enplan_rules.history import review
    result = review(history, regime="all", lang="en")   # {"timeline", "deadlines", "review", ...}

The months are answered through the case path (`enplan_rules.case`): see `timeline`.
"""

import hashlib
import json

import enplan_rules
from enplan_rules import regimes
from enplan_rules.case.validation import CaseError
from enplan_rules.history import duties, timeline
from enplan_rules.history.document import (
    DEFAULT_FROM,
    DEFAULT_TO,
    HistoryError,
    facts_by_month,
    load_history_schema,
    month_cases,
    months,
    validate,
)
from enplan_rules.legal import texts

__all__ = ["DEFAULT_FROM", "DEFAULT_TO", "HistoryError", "facts_by_month", "load_history_schema", "month_cases",
           "months", "review", "validate"]

NOTE = (
    "Gennemgangen er en lovfortolkning med angivne usikkerheder, ikke en afgørelse. Frister uden for "
    "motorens parametre er ikke beregnet.",
    "The review is a reading of the law with its uncertainties marked, not a decision. Time limits the "
    "engine has no parameter for are not computed.",
)


def regime_names(regime):
    if regime in (None, "all"):
        return regimes.NAMES
    if regime not in regimes.NAMES:
        raise HistoryError([{"pointer": "", "message": "unknown regime", "expected": "one of: all, " + ", ".join(regimes.NAMES)}])
    return (regime,)


def _history_pointer(history, pointer):
    """The history's own pointer for a month case's /persons/<i>/<fact>: the person's field, or else the last
    change that sets the fact for the person."""
    parts = pointer.split("/")
    if len(parts) != 4 or parts[1] != "persons" or not parts[2].isdigit():
        return pointer
    person, fact = history["persons"][int(parts[2])], parts[3]
    if fact in person:
        return pointer
    changes = [index for index, change in enumerate(history.get("changes", []))
               if change.get("person") == person["id"] and fact in change]
    return f"/changes/{changes[-1]}/{fact}" if changes else pointer


def review(history, regime="all", lang="da", first=None, last=None, one_plan_law_variant="enacted"):
    """The timeline, deadlines and compliance review of `history` under `regime` (a regime name or "all")."""
    if lang not in ("da", "en"):
        raise HistoryError([{"pointer": "", "message": "unknown language", "expected": "da or en"}])
    names = regime_names(regime)
    first, last = validate(history, lang, first, last)
    try:
        built, timelines = timeline.build(history, names, first, last, lang, one_plan_law_variant)
    except CaseError as error:  # a month's case has more unknown facts than the case path evaluates
        raise HistoryError([{**item, "pointer": _history_pointer(history, item["pointer"])}
                            for item in error.errors]) from None
    items, notes, parity = [], [], []
    for name in names:
        result = duties.Review(history, timelines[name], first, last, lang).run()
        items.extend(result.items)
        notes.extend(result.notes)
        parity.extend(result.parity)
    findings = [item for item in items if item["finding"]]
    request = {"history": history, "regimes": list(names), "lang": lang, "from": first, "to": last,
               "one_plan_law_variant": one_plan_law_variant}
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return {
        "from": first,
        "to": last,
        "lang": lang,
        "regimes": list(names),
        "package_version": enplan_rules.__version__,
        "timeline": built,
        "deadlines": duties.deadlines(items),
        "review": items,
        "findings": len(findings),
        "meeting_parity": parity,
        "notes": notes,
        "receipt": {"package": "enplan_rules", "package_version": enplan_rules.__version__,
                    "one_plan_law_variant": one_plan_law_variant,
                    "request_sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
                    "texts": texts.cited_in(built)},
        "note": NOTE[0 if lang == "da" else 1],
    }
