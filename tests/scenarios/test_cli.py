"""`enplan check`: reports, formats, and exit status 0 (met), 1 (an expectation not met), 2 (invalid)."""

import io
import json
import os
import subprocess
import sys

import pytest

from enplan_rules import cli

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BALLERUP = os.path.join(ROOT, "scenarios", "ballerup-family.yaml")


def enplan(*args):
    out, err = io.StringIO(), io.StringIO()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = cli.main(["check", *args])
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    return status, out.getvalue(), err.getvalue()


def test_a_single_scenario_gives_the_full_report():
    status, out, _ = enplan(BALLERUP, "--regime", "trial", "--lang", "en")
    assert status == 0
    assert "Must a separate SEL § 141 action plan be offered? [plan_sel_141]" in out
    assert "Answer: No" in out
    assert "<https://www.retsinformation.dk/eli/lta/2018/529>" in out
    assert "Contested reading R1" in out and "Contested reading R3" in out
    assert "Rests on unverified values" not in out  # every value it uses is verified against the texts (0.4)
    assert "request sha256" in out
    assert "Expectations: 32 of 32 met." in out


def test_all_regimes_side_by_side_mark_the_differences():
    status, out, _ = enplan(BALLERUP, "--regime", "all")
    assert status == 0
    assert "Sektorlovgivning: Ja · Lov om én plan: Nej · Frikommuneforsøget En Plan: Nej" in out
    assert "≠ 6. Skal der tilbydes en særskilt handleplan efter SEL § 141?" in out
    assert "\n7. Skal barnets egen handleplan efter SEL § 140 laves?" in out  # same everywhere: not marked


def test_the_deciding_facts_are_stated_once_per_question_and_meetings_per_period():
    status, out, _ = enplan(BALLERUP, "--regime", "all")
    assert status == 0
    question = out[out.index("6. Skal der tilbydes en særskilt handleplan efter SEL § 141?"):]
    question = question[:question.index("\n\n")]
    assert question.count("Afgørende oplysninger") == 1
    assert "Sektorlovgivning: 1 samtale pr. 2. måned" in out and "0.5 " not in out
    assert "markeret under: Frikommuneforsøget En Plan" in out
    # 'flere planer' read as two is a named reading of LAB § 30 b's own words (register U4), no longer unverified
    assert "Mindste antal sektorplaner, før der er behov for en helhedsorienteret plan = 2" not in out


def test_markdown_and_json():
    status, out, _ = enplan(BALLERUP, "--format", "markdown", "--regime", "all")
    assert status == 0 and out.startswith("# ")
    assert "| ≠ | 6. Skal der tilbydes en særskilt handleplan efter SEL § 141? | **Ja** | **Nej** | **Nej** |" in out
    assert "[SEL § 141](https://www.retsinformation.dk/eli/lta/2017/988)" in out
    status, out, _ = enplan(BALLERUP, "--format", "json")
    document = json.loads(out)
    assert status == 0 and document["summary"] == {"ok": 1, "unmet": 0, "invalid": 0}
    report = document["scenarios"][0]
    assert report["result"]["regimes"]["trial"]["persons"]["mother"]["answers"]["plan_sel_141"]["value"] is False


def test_a_folder_is_a_regression_suite():
    status, out, _ = enplan(os.path.join(ROOT, "scenarios"))
    assert status == 0
    assert out.strip().splitlines()[-1].split()[0] == out.strip().splitlines()[-1].split()[2]  # "N af N OK"


def test_an_unmet_expectation_exits_1_and_says_where(tmp_path):
    with open(BALLERUP, encoding="utf-8") as file:
        text = file.read()
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("      plan_sel_141: {answer: false, ambiguities: [R3]}",
                                   "      plan_sel_141: {answer: true, ambiguities: [R3]}"), encoding="utf-8")
    status, out, _ = enplan(str(broken), "--lang", "en")
    assert status == 1
    assert "NOT MET: trial/mother/plan_sel_141: expected Yes, got No" in out
    status, out, _ = enplan(str(broken), BALLERUP, "--lang", "en")
    assert status == 1
    assert "FAILED" in out and "trial/mother/plan_sel_141: expected Yes, got No" in out


def test_an_invalid_scenario_exits_2_with_one_line_per_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("municipality: ballerup\nmonth: \"2019-03\"\npersons:\n  - id: a\n    birth_date: 1990-02-31\n",
                   encoding="utf-8")
    status, out, err = enplan(str(bad), BALLERUP, "--lang", "en")
    assert status == 2
    assert err.strip().splitlines() == [f"{bad}:5: Person 1 (a), date of birth [persons/0/birth_date]: not a valid date "
                                        "(expected: a date written YYYY-MM-DD, e.g. 2019-03-15)"]
    assert "INVALID" in out


def test_danish_messages_name_the_field_as_the_page_does_and_report_every_problem_at_once(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("municipality: Ballerup\nmonth: \"2019-03\"\npersons:\n  - id: a\n    birth_date: 2019-06-01\n"
                   "    has_mentor: måske\n    role: barn\n  - id: b\n    birth_dat: 2001-01-01\n", encoding="utf-8")
    status, _, err = enplan(str(bad), "--lang", "da")
    assert status == 2
    assert err.strip().splitlines() == [
        f"{bad}:1: Kommune [municipality]: ugyldig værdi: mente du »ballerup«? (forventet: en af netværkets kommuner "
        "(alleroed, ballerup, fredensborg, frederikssund, furesoe, gribskov, halsnaes, helsingoer, hilleroed) eller "
        "other for en kommune uden for netværket)",
        f"{bad}:5: Person 1 (a), fødselsdato [persons/0/birth_date]: personen er født efter den måned, der spørges om "
        "(forventet: en fødselsdato senest i marts 2019)",
        f"{bad}:6: Person 1 (a), mentorstøtte [persons/0/has_mentor]: forkert slags værdi (forventet: ja eller nej "
        "(true eller false) eller ved ikke (null))",
        f"{bad}:7: Person 1 (a), rolle [persons/0/role]: ugyldig værdi: mente du »child«? (forventet: en af: parent, child)",
        f"{bad}:9: Person 2 (b), birth_dat [persons/1/birth_dat]: ukendt felt (sagsdokumentet må ikke indeholde andre "
        "felter, fx navne eller CPR-numre); mente du »birth_date«? (forventet: kun sagsdokumentets egne felter "
        "(se /schemas/case.json))",
    ]
    for line in err.splitlines():
        assert "^" not in line and "matching" not in line and "expected" not in line and "string" not in line


@pytest.mark.parametrize("args", [["--regime", "nope"], ["--format", "pdf"], []])
def test_bad_arguments_are_refused(args):
    with pytest.raises(SystemExit) as raised:
        enplan(*args, *([BALLERUP] if args else []))
    assert raised.value.code == 2


def test_the_console_script_runs():
    result = subprocess.run([sys.executable, "-m", "enplan_rules.cli", "check", BALLERUP, "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["ok"] == 1
