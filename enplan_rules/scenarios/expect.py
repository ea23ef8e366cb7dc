"""Check a scenario's `expect:` block against the engine's answers.

    expect:
      trial:                      # a regime, or `all` for every regime
        mother:                   # a person id of the case
          plan_sel_141: false     # question id: the expected answer
          plan_sel_140: {answer: true, ambiguities: [R1], unverified: false}
          ambiguities: [R11]      # flagged on at least one of the person's answers
          no_ambiguities: [R8]    # flagged on none of them
"""

from enplan_rules import regimes
from enplan_rules.case.questions import ANSWER_WORDS
from enplan_rules.scenarios.loader import PERSON_KEYS


def regimes_needed(scenario):
    """The regimes the expectations speak about."""
    needed = set()
    for regime in scenario.expect:
        needed |= set(regimes.NAMES) if regime == "all" else {regime}
    return [name for name in regimes.NAMES if name in needed]


def _same(expected, actual):
    if isinstance(expected, str) or isinstance(actual, str):  # "depends"
        return expected == actual
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(actual, bool) and isinstance(expected, bool) and expected is actual
    return abs(float(expected) - float(actual)) < 1e-6


def evaluate(scenario, results):
    """[{regime, person, question, check, expected, actual, met, line}] for every expectation.

    `results`: regime -> the `enplan_rules.case.check` result for the scenario's case under that regime."""
    outcomes = []
    for key, persons in scenario.expect.items():
        for regime in (regimes.NAMES if key == "all" else (key,)):
            answers_of = results[regime]["persons"]
            for person, items in persons.items():
                answers = answers_of[person]["answers"]
                for question, value in items.items():
                    base = {"regime": regime, "person": person}
                    if question in PERSON_KEYS:
                        flagged = sorted({a["id"] for answer in answers.values() for a in answer["ambiguities"]})
                        outcomes.append(_entries(base, "", question, value, flagged,
                                                 scenario.line("expect", key, person, question)))
                        continue
                    answer = answers[question]
                    wanted = value if isinstance(value, dict) else {"answer": value}
                    for check, expected in wanted.items():
                        line = scenario.line("expect", key, person, question, *([check] if isinstance(value, dict) else []))
                        if check == "answer":  # a depends-answer is the word "depends" (expect: answer: depends)
                            actual = "depends" if answer.get("status") == "depends" else answer["value"]
                            outcomes.append({**base, "question": question, "check": "answer", "expected": expected,
                                             "actual": actual, "met": _same(expected, actual), "line": line})
                        elif check == "unverified":
                            actual = bool(answer["unverified_parameters"])
                            outcomes.append({**base, "question": question, "check": "unverified", "expected": expected,
                                             "actual": actual, "met": actual is expected, "line": line})
                        else:
                            flagged = sorted(a["id"] for a in answer["ambiguities"])
                            outcomes.append(_entries(base, question, check, expected, flagged, line))
    return outcomes


def _entries(base, question, check, expected, flagged, line):
    if check == "ambiguities":
        met = set(expected) <= set(flagged)
    else:
        met = not set(expected) & set(flagged)
    return {**base, "question": question, "check": check, "expected": list(expected), "actual": flagged,
            "met": met, "line": line}


def _word(value, lang):
    if isinstance(value, bool):
        return ANSWER_WORDS[lang][0 if value else 1]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def describe(outcome, lang="da"):
    """One line: where the expectation is, what was expected, what the engine answered."""
    where = "/".join(p for p in (outcome["regime"], outcome["person"], outcome["question"]) if p)
    check = outcome["check"]
    da = lang == "da"
    if check == "answer":
        what = (f"forventet {_word(outcome['expected'], lang)}, fik {_word(outcome['actual'], lang)}" if da else
                f"expected {_word(outcome['expected'], lang)}, got {_word(outcome['actual'], lang)}")
    elif check == "unverified":
        flag = ("hviler på ikke-verificerede værdier" if da else "rests on unverified values")
        neg = ("hviler ikke på ikke-verificerede værdier" if da else "rests on no unverified values")
        what = (f"forventet: {flag if outcome['expected'] else neg}" if da else
                f"expected: {flag if outcome['expected'] else neg}")
    else:
        flagged = ", ".join(outcome["actual"]) or "-"
        wanted = ", ".join(outcome["expected"])
        if check == "ambiguities":
            what = (f"forventet markeret: {wanted}; markeret: {flagged}" if da else
                    f"expected flagged: {wanted}; flagged: {flagged}")
        else:
            what = (f"forventet ikke markeret: {wanted}; markeret: {flagged}" if da else
                    f"expected not flagged: {wanted}; flagged: {flagged}")
    return f"{where}: {what}"
