"""`enplan synth` refuses absurd sizes and bad assumption files with exit 2 and one line (once a 26.7 TiB
allocation error, and tracebacks for /dev/zero or an assumptions file without a key)."""

import os
import subprocess
import sys

import pytest

from enplan_rules.population import synth

ENPLAN = [sys.executable, "-m", "enplan_rules.cli", "synth"]


def run(tmp_path, *args):
    done = subprocess.run([*ENPLAN, "--out", str(tmp_path / "p.csv"), *args], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)
    return done.returncode, done.stderr


def assumptions_with(tmp_path, old, new):
    with open(synth.ASSUMPTIONS_PATH, encoding="utf-8") as file:
        text = file.read()
    assert old in text
    path = tmp_path / "assumptions.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("case, says", [
    ("huge", "at most 10,000,000"),
    ("device", "not a regular file"),
    ("deep", "nested too deeply"),
    ("twice", "appears twice"),
    ("alias", "alias"),
    ("missing key", "/outside_network_share is missing"),
    ("text for a number", "/outside_network_share must be a number"),
    ("negative", "must not be negative"),
    ("a list", "must be a mapping"),
])
def test_refused_with_exit_2_and_one_line(tmp_path, case, says):
    if case == "huge":
        args = ["--citizens", str(10**14)]
    else:
        path = {
            "device": "/dev/zero",
            "deep": tmp_path / "deep.yaml",
            "twice": tmp_path / "twice.yaml",
            "alias": tmp_path / "alias.yaml",
            "a list": tmp_path / "list.yaml",
        }.get(case)
        if case == "deep":
            path.write_text("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 60)))
        elif case == "twice":
            path.write_text("status: a\nstatus: b\n")
        elif case == "alias":
            path.write_text("a: &x [1]\nb: *x\n")
        elif case == "a list":
            path.write_text("- 1\n- 2\n")
        elif case == "missing key":
            path = assumptions_with(tmp_path, "outside_network_share: 0.0", "")
        elif case == "text for a number":
            path = assumptions_with(tmp_path, "outside_network_share: 0.0", 'outside_network_share: "x"')
        elif case == "negative":
            path = assumptions_with(tmp_path, "ballerup: 48500", "ballerup: -48500")
        args = ["--citizens", "10", "--assumptions", str(path)]
    status, err = run(tmp_path, *args)
    assert status == 2, err[-400:]
    assert says in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1
    assert not os.path.exists(tmp_path / "p.csv")


def test_a_copy_of_the_assumptions_is_accepted(tmp_path):
    path = assumptions_with(tmp_path, "status: assumption", "status: assumption")
    status, err = run(tmp_path, "--citizens", "20", "--assumptions", path)
    assert status == 0, err
