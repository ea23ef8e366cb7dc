"""`enplan serve` and `enplan check` work on an install without the population extra; `enplan compare` and
`enplan synth` say which extra to install (exit 2, one line).

Two ways: the commands in a subprocess whose imports of every distribution that only the population extra
brings (pandas, pyarrow, matplotlib, dask, tqdm, ... computed from the installed metadata) fail as on an
install without it; and a real `pip install .` (of a copy of the package) into a fresh venv, about a
minute with pip's cache (ENPLAN_INSTALL_TEST=0 skips it).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import venv
from importlib import metadata
from pathlib import Path

import pytest
import requests
from api_cases import family_case
from conftest import start, stop
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "ballerup-family.yaml"


def _name(requirement):
    return re.sub(r"[-_.]+", "-", requirement.name).lower()


def closure(requirements):
    """The distributions `requirements` install, transitively (as far as they are installed here)."""
    seen = set()
    todo = [(Requirement(text), frozenset()) for text in requirements]
    while todo:
        requirement, extras = todo.pop()
        environment = [{"extra": extra} for extra in extras] or [{"extra": ""}]
        if requirement.marker and not any(requirement.marker.evaluate(env) for env in environment):
            continue
        key = (_name(requirement), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            distribution = metadata.distribution(key[0])
        except metadata.PackageNotFoundError:
            continue
        todo.extend((Requirement(text), key[1]) for text in distribution.requires or [])
    return {name for name, _ in seen}


def top_level_modules(distribution_name):
    distribution = metadata.distribution(distribution_name)
    listed = distribution.read_text("top_level.txt")
    if listed:
        return set(listed.split())
    modules = set()
    for file in distribution.files or []:
        first = file.parts[0]
        if first.endswith((".dist-info", ".data")) or first.startswith("__") or first == "..":
            continue
        modules.add(first.removesuffix(".py").split(".")[0])
    return modules


def extra_only_modules(extra="population"):
    requirements = metadata.distribution("enplan_rules").requires or []
    base = [text for text in requirements if "extra ==" not in text]
    chosen = [text.split(";")[0] for text in requirements if re.search(rf"extra == ['\"]{extra}['\"]", text)]
    assert chosen, f"no requirements of the {extra} extra found"
    only = closure(chosen) - closure(base)
    return sorted({module for name in only for module in top_level_modules(name)})


@pytest.fixture(scope="module")
def without_population(tmp_path_factory):
    """Environment variables under which the population extra's distributions cannot be imported."""
    directory = tmp_path_factory.mktemp("no-population")
    blocked = extra_only_modules()
    assert "pandas" in blocked and "numpy" not in blocked
    (directory / "sitecustomize.py").write_text(textwrap.dedent(f"""\
        import sys

        BLOCKED = {set(blocked)!r}


        class NotInstalled:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
                return None


        sys.meta_path.insert(0, NotInstalled())
        """), encoding="utf-8")
    return {"PYTHONPATH": str(directory), "PYTHONNOUSERSITE": "1"}


def run(arguments, environment):
    return subprocess.run([sys.executable, "-m", "enplan_rules.cli", *arguments], capture_output=True,
                          text=True, timeout=300, env={**os.environ, **environment}, cwd=ROOT)


def test_the_blocker_hides_the_extra(without_population):
    result = subprocess.run([sys.executable, "-c", "import pandas"], capture_output=True, text=True,
                            timeout=60, env={**os.environ, **without_population})
    assert result.returncode != 0 and "No module named 'pandas'" in result.stderr


def test_check_works_without_the_population_extra(without_population):
    result = run(["check", str(SCENARIO)], without_population)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_serve_works_without_the_population_extra(without_population, tmp_path):
    server = start(without_population, str(tmp_path))
    try:
        response = requests.post(server.url("/check"), data=json.dumps(family_case()),
                                 headers={"Content-Type": "application/json"}, timeout=30)
        assert response.status_code == 200
        assert "Traceback" not in server.log()
    finally:
        stop(server)


@pytest.mark.parametrize("command", ["compare", "synth"])
def test_population_commands_say_which_extra_to_install(without_population, command):
    result = run([command, "--help"], without_population)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'enplan_rules[population]'" in lines[0], result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["compare", "synth"])
def test_population_commands_run_with_the_extra(command):
    result = run([command, "--help"], {})
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.skipif(os.environ.get("ENPLAN_INSTALL_TEST") == "0", reason="ENPLAN_INSTALL_TEST=0")
def test_a_real_install_without_extras(tmp_path):
    source = tmp_path / "source"  # a copy, so that the build leaves nothing in the work tree
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "enplan_rules", source / "enplan_rules",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(source)], check=True, timeout=1200)
    enplan = environment / "bin" / "enplan"
    check = subprocess.run([str(enplan), "check", str(SCENARIO)], capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stderr[-2000:]
    serve = subprocess.run([str(enplan), "serve", "--help"], capture_output=True, text=True, timeout=300)
    assert serve.returncode == 0, serve.stderr[-2000:]
    compare = subprocess.run([str(enplan), "compare"], capture_output=True, text=True, timeout=300)
    assert compare.returncode == 2 and len(compare.stderr.strip().splitlines()) == 1, compare.stderr
    assert "enplan_rules[population]" in compare.stderr
