"""`enplan review` reads its file with `enplan check`'s guards: a regular file of bounded size (once /dev/zero grew
to 23 GB before the kernel killed it and a FIFO blocked for ever), bounded nesting (once a traceback with exit 1,
which means "findings"), no key twice, no YAML alias; every refusal exit 2 with one line naming the file. The
/history/ page reads its text the same way (once a 500 on deep nesting)."""

import os
import subprocess
import sys

import pytest
from werkzeug.test import Client

from enplan_rules.api.app import create_app
from enplan_rules.history.files import MAX_BYTES

ENPLAN = [sys.executable, "-m", "enplan_rules.cli", "review", "--lang", "en"]

FILES = {
    "deep.json": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "deep-object.json": ('{"a":' * 50_000 + "1" + "}" * 50_000, "nested too deeply"),
    "deep.yaml": ("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 60)), "nested too deeply"),
    "twice.yaml": ("municipality: ballerup\nmunicipality: furesoe\npersons: []\n", "appears twice"),
    "twice.json": ('{\t"municipality": "ballerup", "municipality": "furesoe", "persons": []}', "more than once"),
    "alias.yaml": ("a: &x [1, 2]\nb: *x\n", "anchors"),
    "big.yaml": ("#" * (MAX_BYTES + 10), "too large"),
    "latin1.yaml": ("municipality: \xe6\n".encode("latin-1"), "cannot be read"),
}


def review(path, timeout=60):
    done = subprocess.run([*ENPLAN, str(path)], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    return done.returncode, done.stderr


@pytest.mark.parametrize("name", sorted(FILES))
def test_bad_files_exit_2_with_one_line(tmp_path, name):
    content, says = FILES[name]
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    status, err = review(path)
    assert status == 2, err[-500:]
    assert says in err and "Traceback" not in err and str(path) in err


@pytest.mark.parametrize("path", ["/dev/zero", "fifo", "folder"])
def test_devices_pipes_and_folders_are_never_opened(tmp_path, path):
    if path == "fifo":
        path = tmp_path / "history.yaml"
        os.mkfifo(path)
    elif path == "folder":
        path = tmp_path
    status, err = review(path, timeout=30)  # a FIFO once blocked for ever
    assert status == 2 and "not a regular file" in err


@pytest.fixture(scope="module")
def client():
    return Client(create_app())


@pytest.mark.parametrize("name", ["deep.json", "deep-object.json", "deep.yaml", "twice.json"])
def test_the_history_page_refuses_the_same_with_a_422(client, name):
    response = client.post("/history/", data={"history": FILES[name][0], "lang": "en"})
    assert response.status_code == 422
    assert FILES[name][1] in response.get_data(as_text=True)
