"""The worked histories in scenarios/histories/ meet their expectations, through `enplan review` too; their change
points agree with `check` run month by month (independently of the timeline)."""

import glob
import io
import json
import os
import sys

import pytest

from enplan_rules import cli, regimes
from enplan_rules.answers import check
from enplan_rules.history import document, review
from enplan_rules.history.files import evaluate, load
from enplan_rules.history.timeline import answer_key

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HISTORIES = sorted(glob.glob(os.path.join(ROOT, "scenarios", "histories", "*.yaml")))
REQUIRED = {
    "Ballerup family across the whole trial": "ballerup-family-whole-trial.yaml",
    "Helsingør brain injury from October 2018": "helsingoer-brain-injury-from-october-2018.yaml",
    "a citizen moving out of the network": "ballerup-family-moves-out-of-the-network.yaml",
    "a case spanning 1 Jan 2020": "hilleroed-youth-across-new-year-2020.yaml",
}


def enplan(*args):
    out, err = io.StringIO(), io.StringIO()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = cli.main(["review", *args])
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    return status, out.getvalue(), err.getvalue()


def test_the_required_worked_histories_exist():
    assert set(REQUIRED.values()) <= {os.path.basename(p) for p in HISTORIES}


@pytest.mark.parametrize("path", HISTORIES, ids=os.path.basename)
def test_history_meets_its_expectations(path):
    file = load(path, "en")
    assert file.title and file.source and file.description
    assert set(file.expect["changes"]) == set(file.expect["findings"]) == set(regimes.NAMES)
    result = review(file.history, "all", "en")
    outcomes = evaluate(file, result)
    assert outcomes and all(o["met"] for o in outcomes), [o for o in outcomes if not o["met"]]
    status, out, _ = enplan(path, "--lang", "en")
    assert status == 0, out[-2000:]


@pytest.mark.parametrize("path", HISTORIES, ids=os.path.basename)
def test_change_points_agree_with_check_month_by_month(path):
    history = load(path, "en").history
    first, last = document.validate(history)
    months = document.months(first, last)
    cases = document.month_cases(history, months)
    result = review(history, "all", "en")
    for regime in regimes.NAMES:
        answers = {m: check(cases[m], regime, "en", month_of_history=True)["persons"] for m in months}
        expected = sorted(  # an answer's value, or ("depends", its sentence): a new sentence is a change too
            (month, pid, qid, answer_key(answers[previous][pid]["answers"][qid]), answer_key(answer))
            for previous, month in zip(months, months[1:], strict=False)
            for pid, person in answers[month].items()
            for qid, answer in person["answers"].items()
            if answer_key(answer) != answer_key(answers[previous][pid]["answers"][qid])
        )
        points = result["timeline"]["regimes"][regime]["change_points"]
        assert sorted((p["month"], p["person"], p["question_id"],
                       ("depends", p["from_text"]) if p["from_status"] == "depends" else p["from"],
                       ("depends", p["answer_text"]) if p["status"] == "depends" else p["to"])
                      for p in points) == expected
        for point in points:  # the explanation is check's own answer of that month
            own = answers[point["month"]][point["person"]]["answers"][point["question_id"]]
            assert point["reasoning"] == own["reasoning"] and point["citations"] == own["citations"]
            assert point["ambiguities"] == own["ambiguities"]


def test_exit_status_1_with_findings_and_2_for_invalid_input(tmp_path):
    path = HISTORIES[0]
    with open(path, encoding="utf-8") as file:
        text = file.read()
    without_expect = tmp_path / "no-expect.yaml"
    without_expect.write_text(text.split("\nexpect:")[0] + "\n", encoding="utf-8")
    status, out, _ = enplan(str(without_expect), "--lang", "en")
    assert status == 1 and "Findings (" in out
    status, out, _ = enplan(str(without_expect), "--lang", "en", "--regime", "sector_law", "--from", "2018-01",
                            "--to", "2018-12")
    # the window and regime options apply; the exit status says whether the window has findings
    assert "2018-01 – 2018-12" in out and "Sector law" in out
    assert status == (1 if "Findings (" in out else 0) and ("No findings." in out) == (status == 0)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("    role: parent\n", "    role: parent\n    name: Jane\n", 1), encoding="utf-8")
    status, _, err = enplan(str(broken), "--lang", "en")
    assert status == 2
    line = text.split("\n").index("    role: parent") + 2
    assert f"broken.yaml:{line}: /persons/0/name: unknown field" in err
    status, _, err = enplan(str(without_expect), "--from", "2018-13")
    assert status == 2 and "--from" in err
    status, _, err = enplan(str(without_expect), "--from", "2021-01", "--to", "2020-01", "--lang", "en")
    assert status == 2 and "--to" in err
    status, _, err = enplan(str(tmp_path / "none.yaml"))
    assert status == 2


def test_an_unmet_expectation_exits_1(tmp_path):
    path = os.path.join(ROOT, "scenarios", "histories", REQUIRED["Helsingør brain injury from October 2018"])
    with open(path, encoding="utf-8") as file:
        text = file.read()
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("days_late: 2}", "days_late: 3}"), encoding="utf-8")
    status, out, _ = enplan(str(broken), "--lang", "en")
    assert status == 1 and "NOT MET" in out


def test_markdown_and_json_reports():
    path = os.path.join(ROOT, "scenarios", "histories", REQUIRED["Ballerup family across the whole trial"])
    status, out, _ = enplan(path, "--format", "markdown", "--lang", "da")
    assert status == 0 and out.startswith("# ") and "## Fund (15)" in out and "**FOR SENT (6 dage)**" in out
    assert "**LAVET EFTER, AT PLANEN BLEV KRÆVET (530 dage)**" in out  # the ressourceforløb plan: no deadline set
    assert "Mødeparitet er et spørgsmål om målgruppen" in out
    assert "](https://www.retsinformation.dk/" in out
    status, out, _ = enplan(path, "--format", "json", "--regime", "trial")
    document_ = json.loads(out)
    assert status == 0 and document_["result"]["regimes"] == ["trial"]
    # the late offer, the rehabilitation plan's preparatory part (LAB § 30 a; LSD § 13 d), and the § 141 plan made
    # a month after the support began (SEL § 141 sets no deadline)
    assert document_["result"]["findings"] == 3


def test_meeting_parity_shows_the_cases_count_beside_the_ordinary_requirement():
    path = os.path.join(ROOT, "scenarios", "histories", REQUIRED["Ballerup family across the whole trial"])
    history = load(path, "en").history
    result = review(history, "trial", "en")
    [parity] = [p for p in result["meeting_parity"] if p["person"] == "mother"]
    assert parity["note"] == "target_group_question" and parity["paragraph"].startswith("BEK nr. 529")
    months = document.months(parity["from"], parity["to"])
    cases = document.month_cases(history, months)
    required = 0.0
    for month in months:  # independently: check month by month
        answers = check(cases[month], "trial", "en", month_of_history=True)["persons"]["mother"]["answers"]
        assert answers["contact_process"]["value"] is False  # the trial sets the process aside in each of them
        required += answers["ordinary_meetings"]["value"]
    assert parity["ordinary_required"] == pytest.approx(required, abs=0.01)
    record = history["persons"][0]["record"]
    assert parity["held"] == sum(1 for d in record["meetings"] if parity["from"] <= d[:7] <= parity["to"])
    _, out, _ = enplan(path, "--regime", "trial", "--lang", "en")
    assert "Meeting parity is a target-group question, not a case question" in out
