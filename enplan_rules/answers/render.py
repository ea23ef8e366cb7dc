"""Answers as lines of text, for every interface that prints answers (reports, page, case note): the branches
of a depends-answer with their own reasoning, and what each answer depends on."""

LABEL = {"da": "Afhænger af", "en": "Depends on"}
WHO = {
    "da": {"municipality": "kommunen", "caseworker": "sagsbehandleren", "citizen": "borgeren",
           "holder of parental authority": "forældremyndighedens indehaver", None: "registerets læsning"},
    "en": {"municipality": "the municipality", "caseworker": "the caseworker", "citizen": "the citizen",
           "holder of parental authority": "the holder of parental authority", None: "the register's reading"},
}


def dependency_lines(answer, lang="da"):
    """One line per dependency of `answer`: 'Afhænger af <who decides>: <condition> → <the answer there>'."""
    lines = []
    for dependency in answer.get("dependencies") or []:
        who = WHO[lang].get(dependency.get("who"), dependency.get("who") or "")
        if dependency["kind"] == "unknown_fact" and dependency.get("who") is None:
            who = "oplysningen" if lang == "da" else "the fact"
        lines.append(f"{LABEL[lang]} {who}: {dependency['condition']} → {dependency['alternative_answer_text']}")
    return lines


IF = {"da": "hvis", "en": "if"}


def branch_lines(answer, lang="da"):
    """One line per branch of a depends-answer: '<answer>, hvis <condition>: <its own reasoning>' (none for an
    answer that does not depend on unknown facts). The sentence itself is the answer's `answer_text`."""
    lines = []
    for branch in answer.get("branches") or []:
        line = f"{branch['answer_text']}, {IF[lang]} {branch['condition']}"
        lines.append(f"{line}: {branch['reasoning']}" if branch.get("reasoning") else line)
    return lines
