"""Scenario files that try to hang or crash the checker: an alias bomb, deep nesting, a huge file, a pipe, bytes
that are not UTF-8. Each gives `file:line: message` on stderr and exit status 2 — never a traceback — and
`enplan check` runs as a real process with a timeout, so a hang fails the test instead of stalling it."""

import os
import subprocess
import sys

import pytest

from enplan_rules.scenarios import ScenarioError, parse
from enplan_rules.scenarios.loader import MAX_BYTES, MAX_DEPTH

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BALLERUP = os.path.join(ROOT, "scenarios", "ballerup-family.yaml")


def alias_bomb(levels=9):
    """The 'billion laughs': each level repeats the one before nine times (9**levels strings)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(levels):
        name, before = f"l{level}", "a" if level == 0 else f"l{level - 1}"
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{before}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def enplan_check(path, *args, timeout=60):
    """`enplan check` as its own process; returns (exit status, stdout, stderr)."""
    result = subprocess.run([sys.executable, "-m", "enplan_rules.cli", "check", str(path), *args],
                            capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    return result.returncode, result.stdout, result.stderr


def assert_one_line_refusal(err, path, line, words):
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "Error:" not in err
    where = f"{path}:{line}: " if line else f"{path}: "
    assert lines[0].startswith(where), lines[0]
    assert words in lines[0], lines[0]


def test_an_alias_bomb_is_refused_at_its_first_anchor(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 3000
    status, _, err = enplan_check(bomb, "--lang", "en")
    assert status == 2
    assert_one_line_refusal(err, bomb, 1, "YAML anchors (&name) are not used in scenario files")


def test_an_alias_without_its_anchor_and_a_merge_key_are_refused():
    with pytest.raises(ScenarioError) as raised:
        parse("municipality: ballerup\nmonth: '2019-03'\npersons: *people\n", "x.yaml", "da")
    assert raised.value.errors[0]["line"] == 3
    assert "YAML-aliaser" in raised.value.errors[0]["message"]
    with pytest.raises(ScenarioError) as raised:
        parse("base: &b {role: child}\npersons:\n  - <<: *b\n    id: a\n", "x.yaml", "en")
    assert raised.value.errors[0]["line"] == 1


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_5000_levels_of_nesting_give_a_line_not_a_recursion_error(tmp_path, opening, closing):
    deep = tmp_path / "deep.yaml"
    deep.write_text("municipality: ballerup\npersons: " + opening * 5000 + closing * 5000 + "\n", encoding="utf-8")
    status, _, err = enplan_check(deep, "--lang", "da")
    assert status == 2
    assert_one_line_refusal(err, deep, 2, f"filen er indlejret for dybt (forventet: højst {MAX_DEPTH} niveauer)")


def test_block_style_nesting_is_capped_too():
    text = "persons:\n" + "".join("  " * level + "- \n" for level in range(1, 200))
    with pytest.raises(ScenarioError) as raised:
        parse(text, "x.yaml", "en")
    assert "nested too deeply" in raised.value.errors[0]["message"]


def test_a_50_megabyte_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "w", encoding="utf-8") as file:
        file.write("municipality: ballerup\nmonth: '2019-03'\npersons:\n")
        chunk = "  - {id: a, role: parent, has_mentor: true}\n" * 1000
        while file.tell() < 50 * 1024 * 1024:
            file.write(chunk)
    status, _, err = enplan_check(big, "--lang", "en")
    assert status == 2
    assert_one_line_refusal(err, big, None, f"the file is too large (expected: at most {MAX_BYTES // 1024} KiB)")
    with pytest.raises(ScenarioError):
        parse("#" * (MAX_BYTES + 1), "x.yaml")


def test_a_file_just_under_the_limit_is_read(tmp_path):
    with open(BALLERUP, encoding="utf-8") as file:
        text = file.read()
    padded = tmp_path / "padded.yaml"
    padded.write_text(text + ("# " + "x" * 76 + "\n") * ((MAX_BYTES - len(text.encode())) // 80 - 1),
                      encoding="utf-8")
    assert padded.stat().st_size <= MAX_BYTES
    status, out, err = enplan_check(padded, "--summary")
    assert status == 0, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_not_opened(tmp_path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    status, _, err = enplan_check(pipe, "--lang", "en", timeout=30)
    assert status == 2
    assert_one_line_refusal(err, pipe, None, "is not a file")


def test_bytes_that_are_not_utf8_and_binary_junk(tmp_path):
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes("municipality: hillerød\n".encode("latin-1"))
    status, _, err = enplan_check(latin, "--lang", "da")
    assert status == 2
    assert_one_line_refusal(err, latin, None, "filen er ikke UTF-8-tekst")
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"municipality: \x00\x01\x02\n")
    status, _, err = enplan_check(junk, "--lang", "en")
    assert status == 2
    assert "Traceback" not in err and err.strip().startswith(f"{junk}")


@pytest.mark.parametrize("text", [
    "? [a, b]\n: c\n",                      # a key that is a list
    "municipality: !!python/object:os.system ls\n",  # a Python tag
    "persons: [{id: a, meetings_held: 1e400}]\nmunicipality: ballerup\nmonth: '2019-03'\n",
    "persons: !!binary aGVsbG8=\n",
    "municipality: ballerup\nmonth: 2019-03\npersons: [{id: a, birth_date: 1990-01-01T10:00:00}]\n",
    "expect: {1: {2: {3: 4}}}\nmunicipality: ballerup\nmonth: '2019-03'\npersons: [{id: a}]\n",
    "\t- a\n",
])
def test_odd_yaml_gives_a_scenario_error(text):
    with pytest.raises(ScenarioError) as raised:
        parse(text, "x.yaml", "en")
    assert raised.value.errors and all(e["file"] == "x.yaml" for e in raised.value.errors)
